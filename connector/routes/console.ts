import path from 'node:path';
import express, { Router } from 'express';
import { RESOURCE_TITLES } from '../engine/cards/resource-titles.ts';
import { REPO_ROOT } from '../repo-root.ts';

const CONSOLE_DIR = path.join(REPO_ROOT, 'console');

/**
 * The console page (GET / and /console) and its static assets. They carry no secret and call the
 * same HTTP contract as every other caller, so they are served before the API key check: the page
 * is what asks the admin for the key. helmet's CSP stays as it is; the page needs no inline script.
 */
export function consoleRoutes(options: { connectorKeyRequired: boolean }): Router {
  const router = Router();
  const page = path.join(CONSOLE_DIR, 'index.html');
  const noStore = { headers: { 'cache-control': 'no-cache' } };
  router.get(['/', '/console'], (_req, res) => res.sendFile(page, noStore));
  router.get('/console/settings.json', (_req, res) => {
    res.json({ connectorKeyRequired: options.connectorKeyRequired, resourceTitles: RESOURCE_TITLES });
  });
  router.use('/console/assets', express.static(path.join(CONSOLE_DIR, 'assets'), { index: false, fallthrough: true, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  return router;
}
