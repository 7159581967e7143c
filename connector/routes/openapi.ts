import { Router } from 'express';

/** GET /openapi.json: the document computed once at start-up from the loaded catalog, sent as serialised. */
export function openApiRoutes(document: string): Router {
  return Router().get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
}
