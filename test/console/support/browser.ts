import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { startHarness, type Harness } from '../../helpers/harness.ts';
import { listen, type ListeningService } from '../../scale/support/service.ts';

/**
 * Debian's chromium driven by playwright-core (no browser download). `.ci/run` installs chromium
 * when it is missing; a missing browser fails these tests rather than skipping them. The flags
 * keep Chromium from calling Google's services, which this machine's closed network refuses.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page (own context: no storage shared between tests) that records what it asked for and any script error. */
export interface WatchedPage {
  page: Page;
  requests: Request[];
  errors: string[];
  close(): Promise<void>;
}

export async function openConsole(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium also logs every 4xx answer as a console error; those are answers the tests expect.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  await page.goto(url);
  await page.waitForSelector('#card-list .card-tile, #card-list .error, #connector-key-row:not([hidden])');
  return { page, requests, errors, close: () => context.close() };
}

/** Fills the Workflows-style connection dialog and tests it. */
export async function connect(page: Page, connection: { accountType?: string; tenant: string; token: string; connectorKey?: string }): Promise<void> {
  await page.getByLabel('Account Type').selectOption(connection.accountType ?? 'sandbox');
  await page.getByLabel('Tenant ID').fill(connection.tenant);
  await page.getByLabel('Access Token').fill(connection.token);
  if (connection.connectorKey !== undefined) await page.getByLabel('Connector Key').fill(connection.connectorKey);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.waitForSelector('#permission-report, #connection-result .error');
}

/** Opens a card from the gallery by searching for its name, as an admin would. */
export async function openCard(page: Page, name: string): Promise<void> {
  await page.getByLabel('Search cards').fill(name);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.waitForFunction((expected) => document.querySelector('#card-name')?.textContent === expected, name);
}

/** The service (on the simulator) listening on loopback, and a browser to open the console with. */
export interface ConsoleUnderTest {
  h: Harness;
  service: ListeningService;
  browser: Browser;
}

/** Starts a ConsoleUnderTest before the suite and stops it after; its fields are set once `before` has run. */
export function consoleUnderTest(options?: Parameters<typeof startHarness>[0]): ConsoleUnderTest {
  const running = {} as ConsoleUnderTest;
  before(async () => {
    running.h = await startHarness(options);
    running.service = await listen(running.h.app);
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.service?.close();
    await running.h?.close();
  });
  return running;
}
