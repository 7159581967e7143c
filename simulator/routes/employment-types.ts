import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { bodyOf } from '../http/query.ts';
import { renderEmploymentType } from '../views/simple-views.ts';
import { idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

export function employmentTypesRouter(options: RouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const all = [...tenantOf(res).data.employmentTypes.values()];
    res.json(paginate(req, res, all, options.perPageOverMax()).map(renderEmploymentType));
  });
  router.post('/', (req, res) => {
    res.status(201).json(tenantOf(res).insertEmploymentType(bodyOf(req)));
  });
  router.get('/:id', (req, res) => {
    res.json(tenantOf(res).employmentType(idParam(req)));
  });
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateEmploymentType(idParam(req), bodyOf(req), true));
  });
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateEmploymentType(idParam(req), bodyOf(req), false));
  });
  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteEmploymentType(idParam(req));
    res.status(204).end();
  });

  return router;
}
