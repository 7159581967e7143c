import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PacingStore } from '../smarthr/pacing-state.ts';
import { FailoverRateLimitStore } from './inbound-store.ts';
import { RedisHealth, type SharedStateStatus } from './redis-health.ts';
import { RedisPacingStore } from './redis-pacing-store.ts';

export type { SharedStateStatus } from './redis-health.ts';

/**
 * What replicas share (REDIS_URL): each tenant+token's SmartHR pacing state and the inbound
 * limit's counts. Without it every process keeps both in its own memory.
 */
export interface SharedState {
  /** The pacing state of one tenant+token, by its pacer key (which holds a token hash, never the token). */
  pacingStore(connectionKey: string): PacingStore;
  /** A store for one inbound limiter's counts. */
  inboundStore(): Store;
  status(): SharedStateStatus;
  close(): Promise<void>;
}

/** Every key this service writes starts with it, and every key expires. */
export const REDIS_KEY_PREFIX = 'smarthr-connector:';

/** A Redis that answers slower than this counts as unavailable: the call goes on per replica. */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 1_000;

/** REDIS_URL: redis://[[user]:password@]host[:port][/db], or rediss:// for TLS. */
function checkRedisUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('REDIS_URL must be a URL such as redis://127.0.0.1:6379');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('REDIS_URL must start with redis:// or rediss://');
  return value;
}

export function connectSharedState(redisUrl: string, logger: Logger): SharedState {
  const redis = new Redis(checkRedisUrl(redisUrl), {
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Fail at once while disconnected (the caller falls back) instead of queueing or retrying.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  const health = new RedisHealth(redis, logger);
  return {
    pacingStore: (connectionKey) => new RedisPacingStore(redis, `${REDIS_KEY_PREFIX}pacer:${connectionKey}`, health),
    inboundStore: () => new FailoverRateLimitStore(redis, `${REDIS_KEY_PREFIX}inbound:`, health),
    status: () => health.status(),
    close: async () => {
      health.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
