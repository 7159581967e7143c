import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { REPO_ROOT } from '../../connector/repo-root.ts';
import { checkUpstreamBaseUrl } from '../../connector/smarthr/connection.ts';

/**
 * SMARTHR_BASE_URL decides where every token goes. Without `{tenant}` every tenant's calls (and
 * tokens) would go to one host; with another scheme nothing sensible happens. Issue 18 (also
 * noted): the service refuses to start with such a value, saying why, and exits 1.
 */

const quiet = createLogger({ level: 'silent' });

async function refusal(upstreamBaseUrl: string): Promise<Error | undefined> {
  try {
    await createApp({ logger: quiet, rateLimit: false, upstreamBaseUrl });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('security: SMARTHR_BASE_URL at start-up (issue 18)', () => {
  const refused = [
    'http://127.0.0.1:4010',
    'http://127.0.0.1:4010/tenant',
    'ftp://{tenant}.example.com',
    'file:///srv/{tenant}',
    'javascript:{tenant}',
    '{tenant}',
    'http://user:secret@{tenant}.example.com',
    'http://{tenant}.example.com/?via=proxy',
    'http://{tenant}.example.com/#x',
  ];
  for (const value of refused) {
    it(`refuses ${JSON.stringify(value)} with a message naming the variable`, async () => {
      const error = await refusal(value);
      expect(error, 'createApp should have refused').to.be.instanceOf(Error);
      expect(error!.message).to.include('SMARTHR_BASE_URL');
      expect(error!.message).not.to.include('secret');
    });
  }

  it('accepts http(s) URLs with {tenant} in the host or the path (every other test starts the service with one)', () => {
    for (const value of ['http://127.0.0.1:4010/{tenant}', 'https://{tenant}.smarthr.example', 'http://localhost:4010/sim/{tenant}/']) {
      expect(() => checkUpstreamBaseUrl(value), value).not.to.throw();
    }
  });

  it('npm start with a base URL lacking {tenant} prints why and exits 1', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'connector/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', SMARTHR_BASE_URL: 'http://127.0.0.1:4010' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // A service that started anyway would listen for ever: give up on it after a while.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(killer);
    expect(code, output).to.equal(1);
    expect(output).to.include('SMARTHR_BASE_URL').and.include('{tenant}');
  });
});
