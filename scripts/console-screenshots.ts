/**
 * Renders the console screenshots the README shows (docs/console-*.png): the gallery with a card
 * drawn, and a result. Run by hand after changing the console (`npm run console:screenshots`);
 * pixels differ between machines, so these are not drift-checked like the text docs.
 */
import path from 'node:path';
import { createApp } from '../connector/app.ts';
import { createLogger } from '../connector/logging.ts';
import { startServer } from '../connector/server.ts';
import { REPO_ROOT } from '../connector/repo-root.ts';
import { startSimulator } from '../simulator/index.ts';
import { connect, launchBrowser, openCard, openConsole } from '../test/console/support/browser.ts';

const sim = await startSimulator({ quiet: true });
const app = await createApp({ logger: createLogger({ level: 'silent' }), upstreamBaseUrl: `${sim.url}/{tenant}` });
const service = await startServer(app, 0, '127.0.0.1');
const browser = await launchBrowser();
try {
  const { page, close } = await openConsole(browser, `http://127.0.0.1:${service.port}/`);
  await connect(page, { tenant: 'demo', token: 'demo-token' });
  await page.setViewportSize({ width: 1280, height: 1400 });
  await openCard(page, 'Read Employee');
  await page.getByLabel('Search cards').fill('');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs/console-gallery.png'), fullPage: false });
  await openCard(page, 'Search Employees');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForSelector('#run-result table.records');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('#run-result h4').evaluate((heading) => {
    heading.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -60);
  });
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs/console-result.png'), fullPage: false });
  await close();
  console.log('wrote docs/console-gallery.png and docs/console-result.png');
} finally {
  await browser.close();
  await service.close();
  await sim.close();
}
