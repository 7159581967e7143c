import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type SharedStateStatus = 'connected' | 'unavailable';

/** After a failed command Redis is left alone this long, so a slow Redis does not slow every call. */
const PAUSE_AFTER_FAILURE_MS = 1_000;

/**
 * Whether the replicas' shared state in Redis can be used right now. Whoever uses Redis goes
 * through sharedOrLocal(), which falls back to per-replica state when Redis is not usable or a
 * command fails. An
 * outage is logged once when it begins and once when it ends; a lost connection ends when the
 * client reconnects by itself, a slow or failing Redis when a probe or a later command succeeds.
 */
export class RedisHealth {
  private failedAt: number | undefined;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {
    redis.on('ready', () => this.succeeded());
    redis.on('error', (error: unknown) => this.failed(error));
    redis.on('close', () => this.failed(new Error('the connection to Redis closed')));
  }

  usable(): boolean {
    if (this.redis.status !== 'ready') return false;
    return this.failedAt === undefined || Date.now() - this.failedAt >= PAUSE_AFTER_FAILURE_MS;
  }

  status(): SharedStateStatus {
    return this.failedAt === undefined && this.redis.status === 'ready' ? 'connected' : 'unavailable';
  }

  /**
   * `shared()` while Redis is usable and it succeeds; otherwise (and after recording the failure)
   * `local()`, the per-replica fallback.
   */
  async sharedOrLocal<R>(shared: () => R | Promise<R>, local: () => R | Promise<R>): Promise<R> {
    if (this.usable()) {
      try {
        const result = await shared();
        this.succeeded();
        return result;
      } catch (error) {
        this.failed(error);
      }
    }
    return local();
  }

  succeeded(): void {
    if (this.failedAt === undefined) return;
    this.failedAt = undefined;
    this.logger.info('Redis is reachable again: SmartHR pacing and the inbound limit are shared between replicas again');
  }

  failed(error: unknown): void {
    if (this.closed) return;
    if (this.failedAt === undefined) {
      this.logger.warn(
        { redisError: error instanceof Error ? error.message : String(error) },
        'Redis is unavailable: SmartHR pacing and the inbound limit are per replica until it is back',
      );
    }
    this.failedAt = Date.now();
    this.scheduleProbe();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probe);
  }

  /** A connected but failing Redis sends no event when it recovers: ask it. */
  private scheduleProbe(): void {
    if (this.probe !== undefined) return;
    this.probe = setTimeout(() => {
      this.probe = undefined;
      if (this.closed || this.failedAt === undefined || this.redis.status !== 'ready') return;
      this.redis.ping().then(
        () => this.succeeded(),
        (error: unknown) => this.failed(error),
      );
    }, PAUSE_AFTER_FAILURE_MS);
    this.probe.unref();
  }
}
