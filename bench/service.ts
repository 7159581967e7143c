/**
 * The service as main.ts runs it, with one difference: the inbound per-connection limit
 * (1,200 card calls a minute by default) is raised, because the latency benchmark sends tens of
 * thousands of Read Employee calls on one connection. The limiter middleware still runs, so its
 * cost is in the figures.
 */
import { createApp } from '../connector/app.ts';
import { createLogger } from '../connector/logging.ts';
import { startServer } from '../connector/server.ts';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const app = await createApp({
  logger,
  upstreamBaseUrl: process.env.SMARTHR_BASE_URL || undefined,
  rateLimit: { windowMs: 60_000, limit: 10_000_000 },
});
const { close } = await startServer(app, port, '127.0.0.1');
logger.info({ port }, 'SmartHR connector listening (benchmark)');
const stop = (): void => void close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
