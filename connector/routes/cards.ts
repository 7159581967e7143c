import { Router } from 'express';
import type { CardEngine } from '../engine/engine.ts';
import { ServiceError } from '../errors.ts';
import { writeNdjson } from './ndjson.ts';

export function cardRoutes(engine: CardEngine): Router {
  const router = Router();

  router.get('/cards', (_req, res) => {
    res.json({ cards: engine.listCards().map(({ id, name, description, resource, access }) => ({ id, name, description, resource, access })) });
  });

  router.get('/cards/:id', (req, res) => {
    const card = engine.getCard(req.params.id);
    if (!card) throw new ServiceError(404, 'not_found', `There is no card "${req.params.id.slice(0, 64)}". GET /cards lists them.`);
    const { $schema: _schema, ...definition } = card;
    res.json(definition);
  });

  router.post('/cards/:id', async (req, res) => {
    // Every log line of this call, the request line included, says which card ran.
    res.locals.logger = res.locals.logger.child({ cardId: req.params.id.slice(0, 64) });
    const result = await engine.invoke(req.params.id, { headers: req.headers, body: req.body ?? {}, signal: res.locals.callerGone, logger: res.locals.logger });
    if (result.kind === 'stream') await writeNdjson(res, result, res.locals.callerGone);
    else res.json(result.body);
  });

  // Cursor pages of a streaming result set: the engine resumes the stream; this only carries the cursor in and out.
  router.post('/cards/:id/pages', async (req, res) => {
    res.locals.logger = res.locals.logger.child({ cardId: req.params.id.slice(0, 64) });
    res.setHeader('cache-control', 'no-store');
    res.json(await engine.readPage(req.params.id, { headers: req.headers, body: req.body ?? {}, signal: res.locals.callerGone, logger: res.locals.logger }));
  });

  return router;
}
