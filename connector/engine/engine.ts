import type { Logger } from 'pino';
import { ServiceError } from '../errors.ts';
import type { CardDefinition } from '../generated/schemas/card.ts';
import { SmartHRClient } from '../smarthr/client.ts';
import { parseConnection, upstreamApiBase, type Connection } from '../smarthr/connection.ts';
import { connectionKey, PacerRegistry } from '../smarthr/rate-limit-pacer.ts';
import type { CardCatalog } from './catalog.ts';
import type { CompiledCard } from './cards/compile.ts';
import { deadlineAfter, disposingWhenDone, type Deadline } from './deadline.ts';
import { testConnection, type ConnectionReport } from './connection-test.ts';
import type { CardResult, ExecutionContext } from './executors/context.ts';
import { executeList } from './executors/list.ts';
import { executeProfiles } from './executors/profiles.ts';
import { executeRaw } from './executors/raw.ts';
import { executeSingle } from './executors/single.ts';
import { validateInvocation } from './input-validation.ts';
import { pagedRecords, DEFAULT_PAGE_CONCURRENCY } from './pagination.ts';
import type { CustomFieldTemplate } from './transforms/custom-fields.ts';
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
}

export const DEFAULT_LIMITS: EngineLimits = {
  attemptTimeoutMs: 10_000,
  cardDeadlineMs: 25_000,
  streamDeadlineMs: 15 * 60_000,
  maxResponseBytes: 20 * 1024 * 1024,
  pageConcurrency: DEFAULT_PAGE_CONCURRENCY,
};

export interface EngineOptions {
  catalog: CardCatalog;
  logger: Logger;
  /** The operator's SMARTHR_BASE_URL, with {tenant}; never taken from a request. */
  upstreamBaseUrl?: string;
  limits?: Partial<EngineLimits>;
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
  private readonly pacers = new PacerRegistry();

  constructor(private readonly options: EngineOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
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
    const deadline = deadlineAfter(streaming ? this.limits.streamDeadlineMs : this.limits.cardDeadlineMs, caller.signal);
    const ctx = this.context(card, invocation, connection, deadline, caller.logger ?? this.options.logger);
    let result: CardResult;
    try {
      result = await this.execute(ctx);
    } catch (error) {
      deadline.dispose();
      throw labelSmarthrErrors(error, card);
    }
    if (result.kind === 'stream') return { ...result, records: disposingWhenDone(result.records, deadline) };
    deadline.dispose();
    return result;
  }

  async testConnection(caller: CallerRequest): Promise<ConnectionReport> {
    const connection = parseConnection(caller.headers);
    const deadline = deadlineAfter(this.limits.cardDeadlineMs, caller.signal);
    try {
      return await testConnection(this.client(connection, caller.logger ?? this.options.logger), connection, deadline);
    } finally {
      deadline.dispose();
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

  private client(connection: Connection, logger: Logger): SmartHRClient {
    return new SmartHRClient({
      apiBase: upstreamApiBase(connection, this.options.upstreamBaseUrl),
      accessToken: connection.accessToken,
      logger,
      timeoutMs: this.limits.attemptTimeoutMs,
      maxResponseBytes: this.limits.maxResponseBytes,
      pacer: this.pacers.for(connectionKey(connection)),
    });
  }

  private context(card: CompiledCard, invocation: ExecutionContext['invocation'], connection: Connection, deadline: Deadline, logger: Logger): ExecutionContext {
    const client = this.client(connection, logger);
    let templates: Promise<CustomFieldTemplate[]> | undefined;
    const loadTemplates = async (): Promise<CustomFieldTemplate[]> => {
      const all: CustomFieldTemplate[] = [];
      for await (const t of pagedRecords(client, { path: '/v1/crew_custom_field_templates', query: {}, signal: deadline.signal, deadlineAt: deadline.at })) {
        all.push(t as unknown as CustomFieldTemplate);
      }
      return all;
    };
    return {
      card,
      invocation,
      client,
      deadline,
      logger,
      pageConcurrency: this.limits.pageConcurrency,
      build: { customFieldTemplates: () => (templates ??= loadTemplates()) },
    };
  }
}

