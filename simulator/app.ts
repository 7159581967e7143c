/**
 * The simulator's Express app: /_sim controls, then /{tenant}/api/v1/... resources. Auth and
 * body parsing are attached per resource, so an unknown route answers 404 code 4 whatever the
 * token, like SmartHR's router does before any controller runs.
 */
import express, { type Express, type RequestHandler } from 'express';
import type { SimulatorContext } from './context.ts';
import { requireAccess } from './http/auth.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { tenantPipeline } from './http/tenant-pipeline.ts';
import type { SmartHRResource } from './store/permissions.ts';
import { bizEstablishmentsRouter } from './routes/biz-establishments.ts';
import { controlRouter } from './routes/control.ts';
import { crewsRouter } from './routes/crews.ts';
import { templateGroupsRouter, templatesRouter } from './routes/custom-fields.ts';
import { departmentsRouter } from './routes/departments.ts';
import { employmentTypesRouter } from './routes/employment-types.ts';
import { jobTitlesRouter } from './routes/job-titles.ts';
import type { RouteOptions } from './routes/route-options.ts';
import { usersRouter } from './routes/users.ts';

/** Attachments are up to 10 MB before base64 (reference section 6.3), so bodies may be ~14 MB. */
export const BODY_LIMIT = '15mb';

export function createSimulatorApp(ctx: SimulatorContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const options: RouteOptions = { perPageOverMax: () => ctx.perPageOverMax };
  const parseBody: RequestHandler[] = [
    express.json({ limit: BODY_LIMIT, strict: false }),
    express.urlencoded({ extended: true, limit: BODY_LIMIT }),
  ];
  const api = express.Router({ mergeParams: true });
  const mount = (path: string, resource: SmartHRResource, router: express.Router): void => {
    api.use(`/api/v1/${path}`, requireAccess(resource), ...parseBody, router);
  };
  mount('crews', 'crews', crewsRouter(options));
  mount('users', 'users', usersRouter(options));
  mount('departments', 'departments', departmentsRouter(options));
  mount('job_titles', 'job_titles', jobTitlesRouter(options));
  mount('employment_types', 'employment_types', employmentTypesRouter(options));
  mount('biz_establishments', 'biz_establishments', bizEstablishmentsRouter(options));
  mount('crew_custom_field_template_groups', 'crew_custom_field_templates', templateGroupsRouter(options));
  mount('crew_custom_field_templates', 'crew_custom_field_templates', templatesRouter(options));
  api.use(notFoundHandler);

  app.use('/_sim', controlRouter(ctx));
  app.use('/:tenant', tenantPipeline(ctx), api);
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.quiet));
  return app;
}
