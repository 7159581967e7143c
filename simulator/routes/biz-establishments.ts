import { Router } from 'express';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { BIZ_EMBEDS, renderBizEstablishment } from '../views/biz-establishment-view.ts';
import { embedParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

/** List only: SmartHR has no GET-by-id and no writes for business establishments. */
export function bizEstablishmentsRouter(options: RouteOptions): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const store = tenantOf(res);
    const embed = embedParam(req, 'biz_establishment', BIZ_EMBEDS);
    const all = [...store.data.bizEstablishments.values()];
    res.json(paginate(req, res, all, options.perPageOverMax()).map((b) => renderBizEstablishment(store.data, b, embed)));
  });
  return router;
}
