import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { bodyOf, searchParams } from '../http/query.ts';
import { parseSort, sortRecords, type SortKeys } from '../store/list-order.ts';
import type { DepartmentRecord } from '../store/records.ts';
import { renderDepartment } from '../views/department-view.ts';
import { idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

const SORT_KEYS: SortKeys<DepartmentRecord> = {
  id: (d) => d.id,
  name: (d) => d.name,
  code: (d) => d.code,
  position: (d) => d.position,
  created_at: (d) => d.createdAt,
  updated_at: (d) => d.updatedAt,
};

export function departmentsRouter(options: RouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const store = tenantOf(res);
    const query = searchParams(req);
    const code = query.get('code');
    const specs = parseSort('department', query.get('sort'), SORT_KEYS);
    const all = store.cachedList(`departments?code=${code ?? ''}&sort=${query.get('sort') ?? ''}`, () =>
      sortRecords(
        [...store.data.departments.values()].filter((d) => code === null || code === '' || d.code === code),
        specs,
      ),
    );
    res.json(paginate(req, res, all, options.perPageOverMax()).map((d) => renderDepartment(store.data, d)));
  });

  router.post('/', (req, res) => {
    res.status(201).json(tenantOf(res).insertDepartment(bodyOf(req)));
  });
  router.get('/:id', (req, res) => {
    res.json(tenantOf(res).department(idParam(req)));
  });
  // PUT clears what it does not send; PATCH keeps it (reference section 6.4).
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateDepartment(idParam(req), bodyOf(req), true));
  });
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateDepartment(idParam(req), bodyOf(req), false));
  });
  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteDepartment(idParam(req));
    res.status(204).end();
  });
  router.post('/:id/discontinue', (req, res) => {
    tenantOf(res).discontinueDepartment(idParam(req), bodyOf(req));
    res.status(204).end();
  });

  return router;
}
