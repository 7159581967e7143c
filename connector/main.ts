import { createApp, type AppOptions } from './app.ts';
import { InvalidCatalogError } from './engine/catalog.ts';
import { createLogger } from './logging.ts';
import { InvalidBaseUrlError } from './smarthr/connection.ts';
import { startServer } from './server.ts';
import { connectSharedState } from './shared-state/shared-state.ts';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
const MIN_CURSOR_SECRET_LENGTH = 32;
const port = Number.parseInt(process.env.PORT ?? '3000', 10);

/** A variable holding a whole number >= 0 (digits only), or undefined when unset or empty. */
function wholeNumberFrom(name: string, meaning: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new Error(`${name} must be a whole number ${meaning}`);
  return Number(value);
}

/** INBOUND_RATE_LIMIT: card calls a minute per tenant and token; 0 turns the limit off. */
function inboundRateLimit(): AppOptions['rateLimit'] {
  const limit = wholeNumberFrom('INBOUND_RATE_LIMIT', 'of calls a minute (0: no limit)');
  if (limit === undefined) return undefined;
  return limit === 0 ? false : { limit };
}

/** CURSOR_SECRET signs page cursors; replicas must share it. Unset: a random one, this process only. */
function cursorSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') {
    logger.warn('CURSOR_SECRET is not set: page cursors are signed with a random secret, so they do not survive a restart and do not work across replicas');
    return undefined;
  }
  if (value.length < MIN_CURSOR_SECRET_LENGTH) throw new Error(`CURSOR_SECRET must be at least ${MIN_CURSOR_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`);
  return value;
}

/** INBOUND_CONCURRENT_CALLS / INBOUND_CONCURRENT_STREAMS: running at once per tenant and token; 0 turns the cap off. */
function limits(): AppOptions['limits'] {
  const calls = wholeNumberFrom('INBOUND_CONCURRENT_CALLS', '(0: no cap)');
  const streams = wholeNumberFrom('INBOUND_CONCURRENT_STREAMS', '(0: no cap)');
  return { ...(calls === undefined ? {} : { maxConcurrentCalls: calls }), ...(streams === undefined ? {} : { maxConcurrentStreams: streams }) };
}

try {
  // REDIS_URL: replicas share SmartHR pacing and the inbound limit; never logged (it may hold a password).
  const sharedState = process.env.REDIS_URL ? connectSharedState(process.env.REDIS_URL, logger) : undefined;
  const app = await createApp({
    logger,
    upstreamBaseUrl: process.env.SMARTHR_BASE_URL || undefined,
    apiKey: process.env.CONNECTOR_API_KEY || undefined,
    rateLimit: inboundRateLimit(),
    cursorSecret: cursorSecret(process.env.CURSOR_SECRET),
    sharedState,
    limits: limits(),
  });
  // PORT=0 picks a free port: log the one actually bound.
  const { close, port: listening } = await startServer(app, port);
  logger.info(
    { port: listening, upstream: process.env.SMARTHR_BASE_URL ?? 'https://{tenant}.smarthr.jp | https://{tenant}.daruma.space', sharedState: sharedState ? 'redis' : 'memory' },
    'SmartHR connector listening',
  );
  const stop = () => void close().then(() => sharedState?.close()).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  if (error instanceof InvalidCatalogError || error instanceof InvalidBaseUrlError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
