import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { bodyOf, searchParams } from '../http/query.ts';
import { parseSort, sortRecords, type SortKeys } from '../store/list-order.ts';
import type { JobTitleRecord } from '../store/records.ts';
import { renderJobTitle } from '../views/simple-views.ts';
import { idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

const SORT_KEYS: SortKeys<JobTitleRecord> = {
  id: (j) => j.id,
  name: (j) => j.name,
  rank: (j) => j.rank,
  code: (j) => j.code,
  created_at: (j) => j.createdAt,
  updated_at: (j) => j.updatedAt,
};

export function jobTitlesRouter(options: RouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const store = tenantOf(res);
    const sort = searchParams(req).get('sort');
    const specs = parseSort('job_title', sort, SORT_KEYS);
    const all = sortRecords([...store.data.jobTitles.values()], specs);
    res.json(paginate(req, res, all, options.perPageOverMax()).map(renderJobTitle));
  });
  router.post('/', (req, res) => {
    res.status(201).json(tenantOf(res).insertJobTitle(bodyOf(req)));
  });
  router.get('/:id', (req, res) => {
    res.json(tenantOf(res).jobTitle(idParam(req)));
  });
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateJobTitle(idParam(req), bodyOf(req), true));
  });
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateJobTitle(idParam(req), bodyOf(req), false));
  });
  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteJobTitle(idParam(req));
    res.status(204).end();
  });

  return router;
}
