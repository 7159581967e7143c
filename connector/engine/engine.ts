import type { Logger } from 'pino';
import { ServiceError } from '../errors.ts';
import type { CardDefinition } from '../generated/schemas/card.ts';
import { SmartHRClient } from '../smarthr/client.ts';
import { checkUpstreamBaseUrl, parseConnection, upstreamApiBase, type Connection } from '../smarthr/connection.ts';
import type { PacingStore } from '../smarthr/pacing-state.ts';
import { connectionKey, DEFAULT_MAX_PACERS, PacerRegistry } from '../smarthr/rate-limit-pacer.ts';
import type { CardCatalog } from './catalog.ts';
import type { CompiledCard } from './cards/compile.ts';
import { CursorCodec, type CursorBinding, type CursorState } from './cursor.ts';
import { deadlineAfter, disposingWhenDone, type Deadline } from './deadline.ts';
import { testConnection, type ConnectionReport } from './connection-test.ts';
import type { CardResult, ExecutionContext } from './executors/context.ts';
import { executeList, pageList } from './executors/list.ts';
import { executeProfiles, nextChangedSince, pageProfiles } from './executors/profiles.ts';
import { executeRaw } from './executors/raw.ts';
import { executeSingle } from './executors/single.ts';
import { ConcurrencyCap } from './concurrency-caps.ts';
import { validateInvocation } from './input-validation.ts';
import { readPageRequest } from './page-request.ts';
import { pagedRecords, DEFAULT_PAGE_CONCURRENCY, type ListProgress } from './pagination.ts';
import { recordLimit } from './record-limit.ts';
import { labelSmarthrErrors } from './smarthr-error-labels.ts';

export type { CardResult } from './executors/context.ts';
export type { ConnectionReport } from './connection-test.ts';

export interface EngineLimits {
  /** Per upstream attempt. */
  attemptTimeoutMs: number;
  /** A JSON card call; Workflows gives a card 30 s, so answer well inside that. */
  cardDeadlineMs: number;
  /** A streamed result set, which Workflows hands to a helper flow record by record. */
  streamDeadlineMs: number;
  maxResponseBytes: number;
  pageConcurrency: number;
  /** How long a page cursor stays valid. */
  cursorTtlMs: number;
  /**
   * A cursor page starts no SmartHR page later than this before its deadline (cardDeadlineMs):
   * room for that page's answer, so the page call ends early rather than late.
   */
  pageStartMarginMs: number;
  /** Card calls (JSON answers, cursor pages, connection tests) one tenant + token may run at once; 0: no cap. */
  maxConcurrentCalls: number;
  /** Streams one tenant + token may run at once; 0: no cap. */
  maxConcurrentStreams: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  attemptTimeoutMs: 10_000,
  cardDeadlineMs: 25_000,
  streamDeadlineMs: 15 * 60_000,
  maxResponseBytes: 20 * 1024 * 1024,
  pageConcurrency: DEFAULT_PAGE_CONCURRENCY,
  cursorTtlMs: 24 * 60 * 60_000,
  pageStartMarginMs: 5_000,
  maxConcurrentCalls: 64,
  // SmartHR gives a token 10 requests a second: more streams at once only split that budget.
  maxConcurrentStreams: 8,
};

/** A cursor page's SmartHR reads end this long before its deadline, leaving time to answer. */
const PAGE_ANSWER_MARGIN_MS = 1_000;

/** One page of a streaming result set, keyed as on the wire. */
export interface ResultPage {
  Records: Record<string, unknown>[];
  /** Records returned so far, this page included. */
  'Records Streamed': number;
  /** null once the result set is complete. */
  'Next Cursor': string | null;
  /** List Employee Profiles: the watermark of the walk, taken when its first page was read. */
  'Next Changed Since'?: string;
}

export interface EngineOptions {
  catalog: CardCatalog;
  logger: Logger;
  /** The operator's SMARTHR_BASE_URL, with {tenant}; never taken from a request. An unusable one is refused here (InvalidBaseUrlError). */
  upstreamBaseUrl?: string;
  limits?: Partial<EngineLimits>;
  /** CURSOR_SECRET, shared by replicas; a random one (this process only) when absent. */
  cursorSecret?: string;
  /** The clock cursors are issued and checked by (tests move it to expire one). */
  now?: () => number;
  /** Where each tenant+token's SmartHR pacing state lives (shared by replicas); this process's memory when absent. */
  pacingStores?: (connectionKey: string) => PacingStore;
}

export interface CallerRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** Aborts when the caller disconnects. */
  signal?: AbortSignal;
  /** The request's logger (with its request id); the engine's own otherwise. */
  logger?: Logger;
}

/** Runs cards: connection -> inputs -> SmartHR request -> outputs. Knows nothing of HTTP servers. */
export class CardEngine {
  private readonly limits: EngineLimits;
  private readonly pacers: PacerRegistry;
  private readonly cursors: CursorCodec;
  private readonly calls: ConcurrencyCap;
  private readonly streams: ConcurrencyCap;

  constructor(private readonly options: EngineOptions) {
    if (options.upstreamBaseUrl) checkUpstreamBaseUrl(options.upstreamBaseUrl);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.cursors = new CursorCodec({ secret: options.cursorSecret, ttlMs: this.limits.cursorTtlMs, now: options.now });
    this.pacers = new PacerRegistry(DEFAULT_MAX_PACERS, {}, options.pacingStores);
    this.calls = new ConcurrencyCap('calls', this.limits.maxConcurrentCalls);
    this.streams = new ConcurrencyCap('streams', this.limits.maxConcurrentStreams);
  }

  listCards(): CardDefinition[] {
    return this.options.catalog.list();
  }

  getCard(id: string): CardDefinition | undefined {
    return this.options.catalog.get(id)?.definition;
  }

  async invoke(cardId: string, caller: CallerRequest): Promise<CardResult> {
    const card = this.requireCard(cardId);
    const connection = parseConnection(caller.headers);
    const invocation = validateInvocation(card, caller.body);
    const streaming = card.definition.pagination?.resultSets[String(invocation.options[card.definition.pagination.resultSetOption])] === 'stream';
    const key = connectionKey(connection);
    const giveBack = (streaming ? this.streams : this.calls).take(key);
    const deadline = deadlineAfter(streaming ? this.limits.streamDeadlineMs : this.limits.cardDeadlineMs, caller.signal);
    const done = (): void => {
      deadline.dispose();
      giveBack();
    };
    let result: CardResult;
    try {
      result = await this.execute(this.context(card, invocation, connection, key, deadline, caller.logger ?? this.options.logger));
    } catch (error) {
      done();
      throw labelSmarthrErrors(error, card);
    }
    if (result.kind === 'stream') return { ...result, records: disposingWhenDone(result.records, { ...deadline, dispose: done }), deadline: deadline.signal };
    done();
    return result;
  }

  /**
   * The next page of a card's streaming result set (`POST /cards/{id}/pages`): the card's stream,
   * resumed at the cursor and stopped after `pageSize` records, at Record Limit, or when the card
   * deadline (or SmartHR's rate budget) leaves no time for another SmartHR page. The body is
   * `{options, inputs, cursor, pageSize}`; the options must select the streaming result set.
   */
  async readPage(cardId: string, caller: CallerRequest): Promise<ResultPage> {
    const card = this.requireCard(cardId);
    const pagination = card.definition.pagination;
    const streamChoice = pagination && Object.keys(pagination.resultSets).find((choice) => pagination.resultSets[choice] === 'stream');
    if (!pagination || streamChoice === undefined) {
      throw new ServiceError(404, 'not_found', `${card.definition.name} has no streaming result set, so it has no pages; call POST /cards/${card.definition.id}.`);
    }
    const connection = parseConnection(caller.headers);
    const request = readPageRequest(caller.body);
    const invocation = validateInvocation(card, request.invocation);
    const option = pagination.resultSetOption;
    if (invocation.options[option] !== streamChoice) {
      throw new ServiceError(400, 'invalid_input', `Pages read the streaming result set: set ${option} to "${streamChoice}".`, [
        { field: option, pointer: `/options/${option}`, message: `${option} must be "${streamChoice}" for pages.` },
      ]);
    }
    const binding: CursorBinding = { cardId: card.definition.id, options: invocation.options, inputs: invocation.inputs, tenantId: connection.tenantId, accountType: connection.accountType };
    const state: CursorState = request.cursor === null ? { position: { index: 0 }, streamed: 0, startedAt: Date.now() } : this.cursors.open(request.cursor, binding);
    const limit = recordLimit(invocation, pagination);
    const profiles = card.definition.request.kind === 'profiles';
    const watermark = profiles ? { 'Next Changed Since': nextChangedSince(state.startedAt) } : {};
    const take = Math.min(request.pageSize, limit - state.streamed);
    if (take <= 0) return { Records: [], 'Records Streamed': state.streamed, 'Next Cursor': null, ...watermark };

    const key = connectionKey(connection);
    const giveBack = this.calls.take(key);
    const deadline = deadlineAfter(this.limits.cardDeadlineMs - PAGE_ANSWER_MARGIN_MS, caller.signal);
    const progress: ListProgress = { position: state.position, complete: false };
    const slice = { progress, take, stopAt: deadline.at - this.limits.pageStartMarginMs };
    const ctx = this.context(card, invocation, connection, key, deadline, caller.logger ?? this.options.logger);
    let records: Record<string, unknown>[];
    try {
      records = profiles ? await pageProfiles(ctx, slice, state.startedAt, this.limits.cardDeadlineMs) : await pageList(ctx, slice, this.limits.cardDeadlineMs);
    } catch (error) {
      throw labelSmarthrErrors(error, card);
    } finally {
      deadline.dispose();
      giveBack();
    }
    const streamed = state.streamed + records.length;
    const { index, total } = progress.position;
    const done = progress.complete || streamed >= limit || (total !== undefined && index >= total);
    const next = done ? null : this.cursors.issue(binding, { position: progress.position, streamed, startedAt: state.startedAt });
    return { Records: records, 'Records Streamed': streamed, 'Next Cursor': next, ...watermark };
  }

  async testConnection(caller: CallerRequest): Promise<ConnectionReport> {
    const connection = parseConnection(caller.headers);
    const key = connectionKey(connection);
    const giveBack = this.calls.take(key);
    const deadline = deadlineAfter(this.limits.cardDeadlineMs, caller.signal);
    try {
      return await testConnection(this.client(connection, key, caller.logger ?? this.options.logger), connection, deadline);
    } finally {
      deadline.dispose();
      giveBack();
    }
  }

  private execute(ctx: ExecutionContext): Promise<CardResult> {
    const { request, pagination } = ctx.card.definition;
    if (request.kind === 'raw') return executeRaw(ctx);
    if (request.kind === 'profiles') return executeProfiles(ctx);
    if (pagination) return executeList(ctx);
    return executeSingle(ctx);
  }

  private requireCard(cardId: string): CompiledCard {
    const card = this.options.catalog.get(cardId);
    if (!card) throw new ServiceError(404, 'not_found', `There is no card "${cardId.slice(0, 64)}". GET /cards lists them.`);
    return card;
  }

  /** `key` is connectionKey(connection), computed once per call (it hashes the token). */
  private client(connection: Connection, key: string, logger: Logger): SmartHRClient {
    return new SmartHRClient({
      apiBase: upstreamApiBase(connection, this.options.upstreamBaseUrl),
      accessToken: connection.accessToken,
      logger,
      timeoutMs: this.limits.attemptTimeoutMs,
      maxResponseBytes: this.limits.maxResponseBytes,
      pacer: this.pacers.for(key),
      fairnessKey: key,
    });
  }

  private context(card: CompiledCard, invocation: ExecutionContext['invocation'], connection: Connection, key: string, deadline: Deadline, logger: Logger): ExecutionContext {
    const client = this.client(connection, key, logger);
    const lists = new Map<string, Promise<Record<string, unknown>[]>>();
    const readList = async (path: string): Promise<Record<string, unknown>[]> => {
      const all: Record<string, unknown>[] = [];
      for await (const record of pagedRecords(client, { path, query: {}, signal: deadline.signal, deadlineAt: deadline.at })) all.push(record as Record<string, unknown>);
      return all;
    };
    return {
      card,
      invocation,
      client,
      deadline,
      logger,
      pageConcurrency: this.limits.pageConcurrency,
      build: {
        records: (path) => {
          let list = lists.get(path);
          if (!list) lists.set(path, (list = readList(path)));
          return list;
        },
      },
    };
  }
}

