/**
 * The fake's Express app: Okta's Identity Sources API under /api/v1/identity-sources (the paths
 * of the management OpenAPI), and /fake-okta/... to read what was imported.
 */
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import type { BulkBodyValidators } from './bulk-bodies.ts';
import { FakeOktaError, faultError, invalidToken, notFound, oktaErrorBody, rateLimited, validationFailed } from './errors.ts';
import type { FaultController } from './faults.ts';
import { type IdentitySource, sessionView } from './identity-source.ts';
import type { OrgRateLimit } from './rate-limit.ts';
import type { FakeRequestLog } from './request-log.ts';

export interface FakeOktaContext {
  sources: Map<string, IdentitySource>;
  tokens: ReadonlySet<string>;
  validators: BulkBodyValidators;
  rateLimit: OrgRateLimit;
  faults: FaultController;
  requests: FakeRequestLog;
  /** Called after start-import: the fake imports the session a little later, as Okta does. */
  scheduleImport(source: IdentitySource): void;
}

/** "You can load up to 200 KB of data in a single bulk-load request" (XaaS guide). */
export const BULK_BODY_LIMIT = '200kb';

type Handler = (req: Request, res: Response) => void;

function userView(u: { id: string; externalId: string; profile: unknown; created: string; lastUpdated: string }) {
  return { id: u.id, externalId: u.externalId, created: u.created, lastUpdated: u.lastUpdated, profile: u.profile };
}

export function createFakeOktaApp(ctx: FakeOktaContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const source = (req: Request): IdentitySource => {
    const id = String(req.params.sourceId);
    const found = ctx.sources.get(id);
    if (!found) throw notFound(`${id} (IdentitySource)`);
    return found;
  };
  const sessionId = (req: Request) => String(req.params.sessionId);

  const api = express.Router({ mergeParams: true });
  api.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => ctx.requests.record({ method: req.method, path: req.originalUrl.split('?')[0] ?? '', status: res.statusCode, profiles: res.locals.profiles as number | undefined, at: Date.now() }));
    const verdict = ctx.rateLimit.take();
    res.set(verdict.headers);
    if (!verdict.allowed) throw rateLimited();
    const fault = ctx.faults.take(req.method, req.originalUrl.split('?')[0] ?? '');
    if (fault) {
      if (fault.status === 429) res.set({ 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + (fault.resetInSeconds ?? 1)) });
      throw faultError(fault.status);
    }
    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    if ((scheme !== 'SSWS' && scheme !== 'Bearer') || !token || !ctx.tokens.has(token)) throw invalidToken();
    next();
  });
  api.use(express.json({ limit: BULK_BODY_LIMIT }));

  const sessions = '/identity-sources/:sourceId/sessions';
  api.get(sessions, ((req, res) => {
    res.json(source(req).active().map(sessionView));
  }) as Handler);
  api.post(sessions, ((req, res) => {
    res.json(sessionView(source(req).createSession()));
  }) as Handler);
  api.get(`${sessions}/:sessionId`, ((req, res) => {
    res.json(sessionView(source(req).session(sessionId(req))));
  }) as Handler);
  api.delete(`${sessions}/:sessionId`, ((req, res) => {
    source(req).cancel(sessionId(req));
    res.status(204).end();
  }) as Handler);
  for (const kind of ['upsert', 'delete'] as const) {
    api.post(`${sessions}/:sessionId/bulk-${kind}`, ((req, res) => {
      const src = source(req);
      const session = src.session(sessionId(req));
      const problems = ctx.validators[kind](req.body);
      if (problems.length > 0) throw validationFailed(problems);
      const profiles = (req.body as { profiles: Array<{ externalId: string; profile?: Record<string, unknown> }> }).profiles;
      src.upload(session, kind, profiles);
      res.locals.profiles = profiles.length;
      res.status(202).end();
    }) as Handler);
  }
  api.post(`${sessions}/:sessionId/start-import`, ((req, res) => {
    const src = source(req);
    const session = src.startImport(sessionId(req));
    ctx.scheduleImport(src);
    res.json(sessionView(session));
  }) as Handler);
  api.get('/identity-sources/:sourceId/users/:externalId', ((req, res) => {
    const user = source(req).users.get(String(req.params.externalId));
    if (!user) throw notFound(`${String(req.params.externalId)} (IdentitySourceUser)`);
    res.json(userView(user));
  }) as Handler);
  api.use(() => {
    throw notFound('the requested path');
  });

  app.use('/api/v1', api);
  app.get('/fake-okta/identity-sources/:sourceId/users', ((req, res) => {
    res.json({ users: [...source(req).users.values()].map((u) => ({ ...userView(u), status: u.status })) });
  }) as Handler);
  app.get('/fake-okta/identity-sources/:sourceId/sessions', ((req, res) => {
    res.json({ sessions: [...source(req).sessions.values()].map((s) => ({ ...sessionView(s), bulkRequests: s.bulkRequests, operations: s.operations.length })) });
  }) as Handler);

  const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (error instanceof FakeOktaError) {
      res.status(error.status).json(error.body());
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') res.status(400).json(oktaErrorBody('E0000001', 'Api validation failed: identitySourceSession', [`A bulk request carries at most ${BULK_BODY_LIMIT} of data`]));
    else if (type === 'entity.parse.failed') res.status(400).json(oktaErrorBody('E0000003', 'The request body was not well-formed.'));
    else res.status(500).json(oktaErrorBody('E0000009', 'Internal Server Error'));
  };
  app.use(errors);
  return app;
}
