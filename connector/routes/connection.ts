import { Router } from 'express';
import type { CardEngine } from '../engine/engine.ts';

export function connectionRoutes(engine: CardEngine): Router {
  return Router().post('/connection/test', async (req, res) => {
    res.json(await engine.testConnection({ headers: req.headers, signal: res.locals.callerGone, logger: res.locals.logger }));
  });
}
