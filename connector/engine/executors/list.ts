import type { Pagination } from '../../generated/schemas/card.ts';
import { ServiceError } from '../../errors.ts';
import { fieldAt } from '../cards/fields.ts';
import { recordLimit } from '../record-limit.ts';
import { checkOutputs } from '../output-check.ts';
import { mapOutputs } from '../output-mapper.ts';
import { matchingRecords } from '../matching-records.ts';
import { MAX_PER_PAGE, type PagingOptions } from '../pagination.ts';
import { primed } from '../primed-stream.ts';
import { smarthrFieldsRead } from '../selected-fields.ts';
import { buildRequest, type BuiltRequest } from '../request-builder.ts';
import { takePage, type PageSlice } from '../take-page.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;
type Mode = Pagination['resultSets'][string];

/** Records of the card's list, filtered, mapped to labels and limited. */
async function* mappedRecords(
  ctx: ExecutionContext,
  request: BuiltRequest,
  pagination: Pagination,
  limit: number,
  resume: Pick<PagingOptions, 'progress' | 'stopAt'> = {},
): AsyncGenerator<Json> {
  const { definition } = ctx.card;
  const itemsField = fieldAt(definition.outputs, [pagination.resultGroup, pagination.recordsOutput])?.items;
  if (!itemsField) throw new Error(`${definition.id}: records output has no items (caught by validation)`);
  const query = { ...request.query };
  if (pagination.sort && query.sort === undefined) query.sort = pagination.sort;
  const fieldsParameter = definition.request.fieldsParameter;
  if (fieldsParameter && query[fieldsParameter] === undefined) {
    query[fieldsParameter] = [...new Set([...smarthrFieldsRead(itemsField), ...request.filters.map((f) => f.smarthr.split('.')[0] as string)])].join(',');
  }
  for await (const record of matchingRecords(ctx, { ...request, query }, limit, resume)) {
    const mapped = mapOutputs(itemsField, record);
    checkOutputs(ctx.card.validateOutputs, { [pagination.resultGroup]: { [pagination.recordsOutput]: [mapped] } }, definition.name);
    yield mapped;
  }
}

/** List and Search cards: the Result Set option picks first record, first page or a stream. */
export async function executeList(ctx: ExecutionContext): Promise<CardResult> {
  const { definition } = ctx.card;
  const pagination = definition.pagination as Pagination;
  const choice = String(ctx.invocation.options[pagination.resultSetOption] ?? '');
  const mode: Mode | undefined = pagination.resultSets[choice];
  if (!mode) throw new ServiceError(400, 'invalid_input', `Choose a ${pagination.resultSetOption}.`, [{ field: pagination.resultSetOption, pointer: `/options/${pagination.resultSetOption}`, message: `Choose one of: ${Object.keys(pagination.resultSets).join(', ')}.` }]);
  const request = await buildRequest(definition, ctx.invocation, ctx.build);

  if (mode === 'stream') return { kind: 'stream', records: await primed(mappedRecords(ctx, request, pagination, recordLimit(ctx.invocation, pagination))) };

  const limit = mode === 'first' ? 1 : MAX_PER_PAGE;
  const records: Json[] = [];
  for await (const record of mappedRecords(ctx, request, pagination, limit)) records.push(record);
  const result: Json = mode === 'first'
    ? (records[0] ? { [pagination.firstRecordOutput as string]: records[0] } : {})
    : { [pagination.recordsOutput]: records };
  const body = { [pagination.resultGroup]: result };
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}

/** One cursor page of a List or Search card's stream: the stream itself, resumed and stopped. */
export async function pageList(ctx: ExecutionContext, slice: PageSlice, longestWaitMs: number): Promise<Json[]> {
  const { definition } = ctx.card;
  const request = await buildRequest(definition, ctx.invocation, ctx.build);
  return takePage(mappedRecords(ctx, request, definition.pagination as Pagination, slice.take, { progress: slice.progress, stopAt: slice.stopAt }), slice, ctx, longestWaitMs);
}
