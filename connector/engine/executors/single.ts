import { fillComputed } from '../computed.ts';
import { OutputMapper } from '../output-mapper.ts';
import { checkOutputs } from '../output-check.ts';
import { buildRequest } from '../request-builder.ts';
import type { CardResult, ExecutionContext } from './context.ts';

/** Read, Create, Update, Delete cards: one SmartHR call, one record mapped onto the outputs. */
export async function executeSingle(ctx: ExecutionContext): Promise<CardResult> {
  const { definition } = ctx.card;
  const request = await buildRequest(definition, ctx.invocation, ctx.build);
  const response = await ctx.client.request({
    method: request.method,
    path: request.path,
    query: request.query,
    body: request.body,
    signal: ctx.deadline.signal,
    deadlineAt: ctx.deadline.at,
  });
  const mapped = new OutputMapper(definition.outputs).map(definition.outputs, response.body ?? {});
  const body = fillComputed(definition.outputs, mapped, { statusCode: response.status });
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}
