import type { Pagination } from '../../generated/schemas/card.ts';
import { ServiceError } from '../../errors.ts';
import { fieldAt } from '../cards/fields.ts';
import { checkOutputs } from '../output-check.ts';
import { OutputMapper } from '../output-mapper.ts';
import { pagedRecords, MAX_PER_PAGE } from '../pagination.ts';
import { primed } from '../primed-stream.ts';
import { smarthrFieldsRead } from '../selected-fields.ts';
import { matchesFilters } from '../record-filter.ts';
import { buildRequest, type BuiltRequest } from '../request-builder.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;
type Mode = Pagination['resultSets'][string];

function recordLimit(ctx: ExecutionContext, pagination: Pagination): number | undefined {
  if (!pagination.recordLimitInput) return undefined;
  let value: unknown = ctx.invocation.inputs;
  for (const label of pagination.recordLimitInput.split('.')) value = typeof value === 'object' && value !== null ? (value as Json)[label] : undefined;
  // Okta's rule: empty means every record; 0 means none.
  return typeof value === 'number' ? value : undefined;
}

/** Records of the card's list, filtered, mapped to labels and limited. */
async function* mappedRecords(ctx: ExecutionContext, request: BuiltRequest, pagination: Pagination, perPage: number, limit: number | undefined): AsyncGenerator<Json> {
  const { definition } = ctx.card;
  const itemsField = fieldAt(definition.outputs, [pagination.resultGroup, pagination.recordsOutput])?.items;
  if (!itemsField) throw new Error(`${definition.id}: records output has no items (caught by validation)`);
  const mapper = new OutputMapper(definition.outputs);
  const filtered = request.filters.length > 0;
  const query = { ...request.query };
  if (pagination.sort && query.sort === undefined) query.sort = pagination.sort;
  const fieldsParameter = definition.request.fieldsParameter;
  if (fieldsParameter && query[fieldsParameter] === undefined) {
    query[fieldsParameter] = [...new Set([...smarthrFieldsRead(itemsField, definition.outputs), ...request.filters.map((f) => f.smarthr.split('.')[0] as string)])].join(',');
  }
  const pages = pagedRecords(
    ctx.client,
    { path: request.path, query, signal: ctx.deadline.signal, deadlineAt: ctx.deadline.at },
    // With client-side filters the SmartHR page count says nothing about matches: page through all.
    { perPage: filtered ? MAX_PER_PAGE : perPage, limit: filtered ? undefined : limit, concurrency: ctx.pageConcurrency },
  );
  let count = 0;
  if (limit === 0) return;
  for await (const record of pages) {
    if (filtered && !matchesFilters(record, request.filters)) continue;
    const mapped = mapper.map(itemsField, record);
    checkOutputs(ctx.card.validateOutputs, { [pagination.resultGroup]: { [pagination.recordsOutput]: [mapped] } }, definition.name);
    yield mapped;
    count += 1;
    if (limit !== undefined && count >= limit) return;
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

  if (mode === 'stream') return { kind: 'stream', records: await primed(mappedRecords(ctx, request, pagination, MAX_PER_PAGE, recordLimit(ctx, pagination))) };

  const limit = mode === 'first' ? 1 : MAX_PER_PAGE;
  const records: Json[] = [];
  for await (const record of mappedRecords(ctx, request, pagination, limit, limit)) records.push(record);
  const result: Json = mode === 'first'
    ? (records[0] ? { [pagination.firstRecordOutput as string]: records[0] } : {})
    : { [pagination.recordsOutput]: records };
  const body = { [pagination.resultGroup]: result };
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}
