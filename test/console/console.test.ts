import { expect } from 'chai';
import { resourceTitle } from '../../connector/engine/cards/resource-titles.ts';
import { PERMISSION_TABLE } from '../../connector/smarthr/permissions.ts';
import { DEMO_TOKEN, READONLY_TOKEN } from '../helpers/harness.ts';
import { connect, consoleUnderTest, openCard, openConsole, type WatchedPage } from './support/browser.ts';

describe('console: in a real browser', function () {
  this.timeout(60_000);
  const running = consoleUnderTest();
  let watched: WatchedPage;
  beforeEach(async () => {
    watched = await openConsole(running.browser, `${running.service.url}/`);
  });
  afterEach(async () => {
    // Every page must run without a script error and ask nothing of any host but the service.
    const foreign = watched.requests.map((r) => r.url()).filter((url) => !url.startsWith(`${running.service.url}/`));
    const errors = [...watched.errors];
    await watched.close();
    expect(foreign, 'requests beyond the service').to.deep.equal([]);
    expect(errors, 'script errors').to.deep.equal([]);
  });

  it('connects with the demo tenant and shows a complete permission report', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    const rows = await page.locator('#permission-report tbody tr').allInnerTexts();
    expect(rows).to.have.length(PERMISSION_TABLE.length);
    const endpoints = await page.locator('#permission-report tbody tr td:first-child').allInnerTexts();
    expect(endpoints).to.deep.equal(PERMISSION_TABLE.map((entry) => entry.endpoint));
    expect(rows.every((row) => !row.includes('missing'))).to.equal(true);
    expect(await page.locator('#connection-summary').innerText()).to.include('every permission');
  });

  it('connects with the read-only token and says which update permissions are missing', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: READONLY_TOKEN });
    expect(await page.locator('#connection-summary').innerText()).to.match(/permission\(s\) are missing/);
    const crews = page.locator('#permission-report tbody tr', { hasText: '/api/v1/crews' });
    expect(await crews.locator('td').nth(3).innerText()).to.equal('missing');
    expect(await crews.locator('td').nth(4).innerText()).to.include('let this token update /api/v1/crews');
    const users = page.locator('#permission-report tbody tr', { hasText: '/api/v1/users' });
    expect(await users.locator('td').nth(4).innerText()).to.include('nothing else is needed');
  });

  it('shows a refused token as an error naming the Access Token', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: 'not-a-token' });
    const error = await page.locator('#connection-result .error').innerText();
    expect(error).to.include('401');
    expect(error).to.include('Access Token');
  });

  it('draws every card of GET /cards in the gallery, grouped by resource, and filters by search', async () => {
    const { page } = watched;
    const cards = (await (await fetch(`${running.service.url}/cards`)).json()) as { cards: { id: string; resource: string }[] };
    const tiles = await page.locator('.card-tile').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.cardId));
    expect(tiles.sort()).to.deep.equal(cards.cards.map((c) => c.id).sort());
    const headings = await page.locator('.resource h3').allInnerTexts();
    expect(headings.sort()).to.deep.equal([...new Set(cards.cards.map((c) => resourceTitle(c.resource)))].sort());
    expect(headings).to.include.members(['Employees', 'Departments', 'Job Titles', 'Custom API Action']);
    await page.getByLabel('Search cards').fill('job title');
    const filtered = await page.locator('.card-tile .tile-name').allInnerTexts();
    expect(filtered.length).to.be.greaterThan(0);
    expect(filtered.every((name) => /job title/i.test(name))).to.equal(true);
  });

  it('draws a card as Workflows does: options, inputs and outputs with types, required marks and values', async () => {
    const { page } = watched;
    await openCard(page, 'Search Employees');
    const drawing = page.locator('.workflows-card');
    const option = drawing.locator('.card-section', { hasText: 'Options' }).locator('.field', { hasText: 'Result Set' }).first();
    expect(await option.locator('.type').first().innerText()).to.equal('Dropdown');
    expect(await option.locator('.required').count()).to.be.greaterThan(0);
    expect(await option.locator('.values').first().innerText()).to.include('First 100 Matching Records');
    expect(await drawing.locator('.group h5').allInnerTexts()).to.include.members(['Filter By', 'Result']);
    const typeOf = (label: string) =>
      drawing.locator('.field').evaluateAll((fields, wanted) => fields.find((f) => f.querySelector(':scope > .label')?.textContent === wanted)?.querySelector(':scope > .type')?.textContent, label);
    expect(await typeOf('Employees')).to.equal('List of Objects');
    expect(await typeOf('Employee')).to.equal('Object');
    expect(await typeOf('Birth Date')).to.equal('Date & Time');
  });

  it('runs Search Employees and shows 100 rows', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    await openCard(page, 'Search Employees');
    await page.getByLabel('Result Set').selectOption('First 100 Matching Records');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#run-result table.records');
    expect(await page.locator('#run-result table.records tbody tr').count()).to.equal(100);
    const headers = await page.locator('#run-result table.records thead th').allInnerTexts();
    expect(headers).to.include.members(['Employee ID', 'Last Name', 'Employee Number']);
  });

  it('runs Read Employee with a bad ID and names the field in the error and at the input', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    await openCard(page, 'Read Employee');
    await page.getByLabel(/^Employee ID/).fill('no such id!');
    await page.getByRole('button', { name: 'Run' }).click();
    const alert = page.locator('#run-result .error');
    await alert.waitFor();
    expect(await alert.innerText()).to.include('Employee ID');
    const input = page.getByLabel(/^Employee ID/);
    expect(await input.getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('.field-error').innerText()).to.not.equal('');
  });

  it('streams Search Employees through /pages with Load more until the last page', async () => {
    const { page } = watched;
    const total = running.h.sim.tenant('demo').crews().length;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    await openCard(page, 'Search Employees');
    await page.getByLabel('Result Set').selectOption('Stream Matching Records');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#run-result table.records, #run-result .error');
    expect(await page.locator('#run-result .error').count(), await page.locator('#run-result').innerText()).to.equal(0);
    const rows = page.locator('#run-result table.records tbody tr');
    expect(await rows.count()).to.equal(100);
    while (await page.locator('#load-more').isVisible()) {
      const before = await rows.count();
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('#run-result table.records tbody tr').length > n, before);
    }
    expect(await rows.count()).to.equal(total);
    expect(await page.locator('#records-streamed').innerText()).to.include(`${total} record(s) streamed`);
    const pageCalls = watched.requests.filter((r) => r.url().endsWith('/cards/searchEmployees/pages'));
    expect(pageCalls).to.have.length(Math.ceil(total / 100));
  });

  it('copies a card call as curl with the token masked', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    await openCard(page, 'Read Employee');
    await page.getByLabel(/^Employee ID/).fill('abc');
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const command = await page.locator('#curl-command').innerText();
    expect(command).to.include(`${running.service.url}/cards/readEmployee`);
    expect(command).to.include('Authorization: Bearer $SMARTHR_TOKEN');
    expect(command).to.include(`{"options":{},"inputs":{"Employee":{"Employee ID":"abc"}}}`);
    expect(command).to.not.include(DEMO_TOKEN);
  });

  it('keeps the token out of every URL, storage and cookie', async () => {
    const { page } = watched;
    await connect(page, { tenant: 'demo', token: DEMO_TOKEN });
    await openCard(page, 'Search Employees');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#run-result table.records');
    expect(watched.requests.map((r) => r.url()).filter((url) => url.includes(DEMO_TOKEN))).to.deep.equal([]);
    expect(page.url()).to.not.include(DEMO_TOKEN);
    const stored = await page.evaluate(async () => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
    }));
    expect(stored).to.deep.equal({ local: '{}', session: '{}', cookie: '', databases: 0 });
    expect(await page.context().cookies()).to.deep.equal([]);
    // The token did travel, but only in the Authorization header.
    const call = watched.requests.find((r) => r.url().endsWith('/cards/searchEmployees') && r.method() === 'POST');
    expect(call?.headers().authorization).to.equal(`Bearer ${DEMO_TOKEN}`);
  });

  it('labels every form control', async () => {
    const { page } = watched;
    await openCard(page, 'Update Employee');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).to.deep.equal([]);
  });

  it('walks the connection form with the keyboard alone, then reaches every control of a card', async () => {
    const { page } = watched;
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    expect(await focused()).to.equal('account-type');
    await page.keyboard.press('ArrowDown'); // Production
    await page.keyboard.press('ArrowUp'); // back to Sandbox
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('tenant-id');
    await page.keyboard.type('demo');
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('access-token');
    await page.keyboard.type(DEMO_TOKEN);
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('test-connection');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#permission-report');
    expect(await page.locator('#connection-summary').innerText()).to.include('Connected to demo (Sandbox)');

    await openCard(page, 'Read Employee');
    const controls = await page.evaluate(() => {
      const visible = [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')].filter((c) => c.offsetParent !== null && !c.hasAttribute('disabled'));
      visible.forEach((control, index) => control.setAttribute('data-keyboard-check', String(index)));
      return visible.length;
    });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached = new Set<string>();
    for (let i = 0; i < controls + 5; i += 1) {
      await page.keyboard.press('Tab');
      const mark = await page.evaluate(() => document.activeElement?.getAttribute('data-keyboard-check') ?? '');
      if (mark !== '') reached.add(mark);
    }
    expect(reached.size).to.equal(controls);
  });
});

describe('console: with CONNECTOR_API_KEY', function () {
  this.timeout(60_000);
  const running = consoleUnderTest({ app: { apiKey: 'operator-key' } });

  it('asks for the Connector Key, refuses a wrong one and loads the cards with the right one', async () => {
    const watched = await openConsole(running.browser, `${running.service.url}/console`);
    try {
      const { page } = watched;
      expect(await page.getByLabel('Connector Key').isVisible()).to.equal(true);
      await connect(page, { tenant: 'demo', token: DEMO_TOKEN, connectorKey: 'wrong-key' });
      expect(await page.locator('#connection-result .error').innerText()).to.include('X-Connector-Key');
      await connect(page, { tenant: 'demo', token: DEMO_TOKEN, connectorKey: 'operator-key' });
      await page.waitForSelector('.card-tile');
      expect(await page.locator('.card-tile').count()).to.be.greaterThan(10);
      expect(watched.requests.map((r) => r.url()).filter((url) => url.includes('operator-key'))).to.deep.equal([]);
    } finally {
      await watched.close();
    }
  });
});
