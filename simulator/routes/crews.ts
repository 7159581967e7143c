import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { bodyOf, searchParams } from '../http/query.ts';
import { renderCrew, selectFields } from '../views/crew-view.ts';
import { fieldsParam, idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

export function crewsRouter(options: RouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const store = tenantOf(res);
    const rows = paginate(req, res, store.queryCrews(searchParams(req)), options.perPageOverMax());
    const fields = fieldsParam(req);
    res.json(rows.map((crew) => selectFields(renderCrew(store.data, crew), fields)));
  });

  router.post('/', (req, res) => {
    const crew = tenantOf(res).insertCrew(bodyOf(req));
    const path = req.originalUrl.split('?')[0] ?? '';
    res.location(`${req.protocol}://${req.get('host') ?? 'localhost'}${path.replace(/\/$/, '')}/${String(crew.id)}`);
    res.status(201).json(crew);
  });

  router.get('/:id', (req, res) => {
    res.json(selectFields(tenantOf(res).crew(idParam(req)), fieldsParam(req)));
  });

  // PUT has behaved exactly like PATCH since 2020-12-16 (reference section 6.3).
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateCrew(idParam(req), bodyOf(req)));
  });
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateCrew(idParam(req), bodyOf(req)));
  });

  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteCrew(idParam(req));
    res.status(204).end();
  });

  router.put('/:id/invite', (req, res) => {
    tenantOf(res).inviteCrew(idParam(req), bodyOf(req));
    res.status(204).end();
  });

  router.delete('/:id/departments', (req, res) => {
    tenantOf(res).clearCrewDepartments(idParam(req));
    res.status(204).end();
  });

  return router;
}
