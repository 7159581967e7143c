import { Router } from 'express';

/**
 * GET /openapi.json: the document built on the first request (most apps, tests' above all, never
 * serve it) and kept, sent as serialised. A failed build is tried again on the next request.
 */
export function openApiRoutes(build: () => Promise<string>): Router {
  let document: Promise<string> | undefined;
  return Router().get('/openapi.json', async (_req, res) => {
    document ??= build().catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    res.type('application/json').send(await document);
  });
}
