import { ServiceError } from '../../errors.ts';
import { fillComputed } from '../computed.ts';
import { mapOutputs } from '../output-mapper.ts';
import { checkOutputs } from '../output-check.ts';
import { matchingRecords } from '../matching-records.ts';
import { buildRequest, type BuiltRequest } from '../request-builder.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;

/**
 * Find cards: the first record of a SmartHR list that passes the card's filters. Without
 * service-side filters one record of one page answers; with them (SmartHR cannot filter by
 * email) pages are read until a match, and reading stops there.
 */
async function firstMatch(ctx: ExecutionContext, request: BuiltRequest): Promise<Json | undefined> {
  if (Object.keys(request.query).length === 0 && request.filters.length === 0) {
    // An unnarrowed list would "find" whichever record SmartHR happens to list first.
    throw new ServiceError(400, 'invalid_input', `Enter at least one criterion for ${ctx.card.definition.name}.`);
  }
  for await (const record of matchingRecords(ctx, request, 1)) return record;
  return undefined;
}

/** Read, Create, Update, Delete and Find cards: one record mapped onto the outputs. */
export async function executeSingle(ctx: ExecutionContext): Promise<CardResult> {
  const { definition } = ctx.card;
  const request = await buildRequest(definition, ctx.invocation, ctx.build);
  if (definition.request.pick === 'first') {
    const record = await firstMatch(ctx, request);
    const body = fillComputed(definition.outputs, record ? mapOutputs(definition.outputs, record) : {}, { recordFound: record !== undefined });
    checkOutputs(ctx.card.validateOutputs, body, definition.name);
    return { kind: 'json', body };
  }
  const response = await ctx.client.request({
    method: request.method,
    path: request.path,
    query: request.query,
    body: request.body,
    signal: ctx.deadline.signal,
    deadlineAt: ctx.deadline.at,
  });
  const mapped = mapOutputs(definition.outputs, response.body ?? {});
  const body = fillComputed(definition.outputs, mapped, { statusCode: response.status, targetId: request.pathValues.at(-1) });
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}
