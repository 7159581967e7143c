/**
 * `npm run fake-okta -- --port 4020`: the fake Okta Identity Sources API alone, for the demo of
 * `npm run sync:okta` and for trying the XaaS calls by hand.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FAKE_TOKEN, DEFAULT_IDENTITY_SOURCE, startFakeOkta } from './index.ts';

const USAGE = `Usage: npm run fake-okta -- [--port 4020] [--host 127.0.0.1] [--token ${DEFAULT_FAKE_TOKEN}]
                         [--identity-source ${DEFAULT_IDENTITY_SOURCE}]... [--rate-limit N] [--import-delay-ms 100]`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4020' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string', default: DEFAULT_FAKE_TOKEN },
    'identity-source': { type: 'string', multiple: true },
    'rate-limit': { type: 'string' },
    'import-delay-ms': { type: 'string', default: '100' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const numbers = ['port', 'rate-limit', 'import-delay-ms'] as const;
for (const flag of numbers) {
  const value = values[flag];
  if (value !== undefined && !(Number(value) >= 0)) {
    console.error(`--${flag} must be a non-negative number\n${USAGE}`);
    process.exit(2);
  }
}

const identitySources = values['identity-source'] ?? [DEFAULT_IDENTITY_SOURCE];
const fake = await startFakeOkta({
  port: Number(values.port),
  host: values.host,
  tokens: [values.token],
  identitySources,
  importDelayMs: Number(values['import-delay-ms']),
  ...(values['rate-limit'] ? { rateLimit: { limit: Number(values['rate-limit']), windowMs: 60_000 } } : {}),
});
console.log(`fake Okta (Identity Sources API) listening on ${fake.url}`);
for (const id of identitySources) {
  console.log(`  identity source ${id}: ${fake.url}/api/v1/identity-sources/${id}/sessions`);
  console.log(`    imported users: curl ${fake.url}/fake-okta/identity-sources/${id}/users`);
}
console.log(`  token: SSWS ${values.token === DEFAULT_FAKE_TOKEN ? DEFAULT_FAKE_TOKEN : '(the one given with --token)'}`);

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
