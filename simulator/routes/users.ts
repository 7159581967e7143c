import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { searchParams } from '../http/query.ts';
import { parseSort, sortRecords, type SortKeys } from '../store/list-order.ts';
import type { UserRecord } from '../store/records.ts';
import { renderUser, USER_EMBEDS } from '../views/user-view.ts';
import { embedParam, idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

const SORT_KEYS: SortKeys<UserRecord> = {
  id: (u) => u.id,
  email: (u) => u.email,
  admin: (u) => u.admin,
  created_at: (u) => u.createdAt,
  updated_at: (u) => u.updatedAt,
};

/** Read-only, as in SmartHR's API; there is no /users/me. */
export function usersRouter(options: RouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const store = tenantOf(res);
    const sort = searchParams(req).get('sort');
    const specs = parseSort('user', sort, SORT_KEYS);
    const embed = embedParam(req, 'user', USER_EMBEDS);
    const all = store.cachedList(`users?sort=${sort ?? ''}`, () => sortRecords([...store.data.users.values()], specs));
    res.json(paginate(req, res, all, options.perPageOverMax()).map((u) => renderUser(store.data, u, embed)));
  });

  router.get('/:id', (req, res) => {
    res.json(tenantOf(res).user(idParam(req), embedParam(req, 'user', USER_EMBEDS)));
  });

  return router;
}
