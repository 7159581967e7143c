import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisHealth } from './redis-health.ts';

/**
 * The inbound limit's counts: in Redis (rate-limit-redis, one count per tenant+token for every
 * replica), or in this replica's memory while Redis is unavailable.
 */
export class FailoverRateLimitStore implements Store {
  readonly localKeys = false;
  private readonly shared: RedisStore;
  private readonly local = new MemoryStore();
  private options: Options | undefined;

  constructor(
    redis: Redis,
    readonly prefix: string,
    private readonly health: RedisHealth,
  ) {
    this.shared = new RedisStore({ prefix, sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply> });
    // The store loads its Lua scripts in init(); a Redis that was down then, or has restarted
    // since, does not have them, so load them again on every (re)connection.
    redis.on('ready', () => {
      if (this.options) this.initShared(this.options);
    });
  }

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
    if (this.health.usable()) this.initShared(options);
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.either((store) => store.increment(key));
  }

  decrement(key: string): Promise<void> {
    return this.either((store) => store.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.either((store) => store.resetKey(key));
  }

  private initShared(options: Options): void {
    this.shared.init(options).catch((error: unknown) => this.health.failed(error));
  }

  private either<R>(use: (store: Store) => R | Promise<R>): Promise<R> {
    return this.health.sharedOrLocal(() => use(this.shared), () => use(this.local));
  }
}
