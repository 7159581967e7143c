import { fillComputed } from '../computed.ts';
import { checkOutputs } from '../output-check.ts';
import type { HttpMethod } from '../request-builder.ts';
import { customHeaders, parseRelativeUrl } from '../transforms/relative-url.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;

/** Response headers worth showing a flow; cookies and transport details are not. */
const HIDDEN_RESPONSE_HEADERS = new Set(['set-cookie', 'connection', 'keep-alive', 'transfer-encoding']);

/** Custom API Action: SmartHR's own JSON, under the connection's host and token. */
export async function executeRaw(ctx: ExecutionContext): Promise<CardResult> {
  const { definition } = ctx.card;
  const request = (ctx.invocation.inputs.Request ?? {}) as Json;
  const method = String(ctx.invocation.options['Request Type']) as HttpMethod;
  const target = parseRelativeUrl(String(request['Relative URL'] ?? ''));
  const query = { ...target.query, ...Object.fromEntries(Object.entries((request.Query ?? {}) as Json).map(([k, v]) => [k, String(v)])) };
  const response = await ctx.client.request({
    method,
    path: target.path,
    query,
    headers: customHeaders(request.Headers as Json | undefined),
    body: method === 'GET' || method === 'DELETE' ? undefined : (request.Body ?? {}),
    signal: ctx.deadline.signal,
    deadlineAt: ctx.deadline.at,
  });
  const headers = ctx.client.withoutToken(Object.fromEntries(Object.entries(response.headers).filter(([name]) => !HIDDEN_RESPONSE_HEADERS.has(name))));
  const responseBody = ctx.client.withoutToken(response.body ?? {});
  const body = fillComputed(definition.outputs, {}, { statusCode: response.status, responseHeaders: headers, responseBody });
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}
