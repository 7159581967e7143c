import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { CardCatalog, type CatalogDirs } from './engine/catalog.ts';
import { CardEngine, type EngineLimits } from './engine/engine.ts';
import { createLogger } from './logging.ts';
import { cardRoutes } from './routes/cards.ts';
import { connectionRoutes } from './routes/connection.ts';
import { consoleRoutes } from './routes/console.ts';
import { healthRoutes } from './routes/health.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { requireApiKey } from './routes/middleware/api-key.ts';
import { errorHandler, notFound } from './routes/middleware/errors.ts';
import { jsonBody } from './routes/middleware/json-body.ts';
import { DEFAULT_INBOUND_RATE_LIMIT, inboundRateLimit, type InboundRateLimit } from './routes/middleware/rate-limit.ts';
import { requestContext } from './routes/middleware/request-context.ts';
import type { SharedState } from './shared-state/shared-state.ts';
import { openApiDocumentFor, serialiseOpenApi } from './openapi/load.ts';
import { REPO_ROOT } from './repo-root.ts';
import path from 'node:path';

export interface AppOptions {
  /** Where the card files and schemas live; the repository's own by default. */
  dirs?: CatalogDirs;
  /** The operator's upstream override (SMARTHR_BASE_URL), with {tenant}; an unusable one is refused (InvalidBaseUrlError). */
  upstreamBaseUrl?: string;
  /** When set, callers must send it as X-Connector-Key (CONNECTOR_API_KEY). */
  apiKey?: string;
  logger?: Logger;
  limits?: Partial<EngineLimits>;
  /** CURSOR_SECRET: signs page cursors; replicas must share it. Random per process when absent. */
  cursorSecret?: string;
  /** The clock page cursors are issued and checked by (tests). */
  now?: () => number;
  /** Card calls per tenant + token (DEFAULT_INBOUND_RATE_LIMIT); false turns it off (benchmarks). */
  rateLimit?: Partial<InboundRateLimit> | false;
  /** State shared by replicas (REDIS_URL): SmartHR pacing, inbound limit counts. In memory when absent. */
  sharedState?: SharedState;
}

export const DEFAULT_DIRS: CatalogDirs = { cardsDir: path.join(REPO_ROOT, 'cards'), schemasDir: path.join(REPO_ROOT, 'schemas') };

/** The service without a listening socket: main.ts listens, tests drive it with supertest. */
export async function createApp(options: AppOptions = {}): Promise<Express> {
  const logger = options.logger ?? createLogger();
  const dirs = options.dirs ?? DEFAULT_DIRS;
  const catalog = await CardCatalog.load(dirs);
  const { sharedState } = options;
  const engine = new CardEngine({
    catalog,
    logger,
    upstreamBaseUrl: options.upstreamBaseUrl,
    limits: options.limits,
    cursorSecret: options.cursorSecret,
    now: options.now,
    pacingStores: sharedState?.pacingStore,
  });

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(requestContext(logger));
  app.use(healthRoutes(sharedState ? () => sharedState.status() : undefined));
  app.use(consoleRoutes({ connectorKeyRequired: Boolean(options.apiKey) }));
  if (options.apiKey) app.use(requireApiKey(options.apiKey));
  if (options.rateLimit !== false) app.use(inboundRateLimit({ ...DEFAULT_INBOUND_RATE_LIMIT, ...options.rateLimit }, sharedState?.inboundStore()));
  app.use(jsonBody());
  app.use(cardRoutes(engine));
  app.use(openApiRoutes(async () => serialiseOpenApi(await openApiDocumentFor(engine.listCards(), { schemasDir: dirs.schemasDir, root: REPO_ROOT }))));
  app.use(connectionRoutes(engine));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
