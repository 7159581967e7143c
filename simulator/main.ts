/**
 * `npm run simulator -- --port 4010 --employees 10000 --rate-limit 10`: the simulator alone,
 * for the demo and for trying cards by hand.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_RATE_LIMITS, startSimulator } from './index.ts';

const USAGE = `Usage: npm run simulator -- [--port 4010] [--host 127.0.0.1] [--employees 250]
                         [--tenant demo]... [--rate-limit N|off] [--per-hour N|off]
                         [--tenant-per-minute N|off] [--per-page-over-max clamp|error]`;

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

/** A request limit: a non-negative number, or `off` for none. */
function limit(name: string, value: string | undefined, fallback: number): number {
  return value === 'off' ? Number.POSITIVE_INFINITY : positiveNumber(name, value, fallback);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    employees: { type: 'string', default: '250' },
    tenant: { type: 'string', multiple: true },
    'rate-limit': { type: 'string' },
    'per-hour': { type: 'string' },
    'tenant-per-minute': { type: 'string' },
    'per-page-over-max': { type: 'string', default: 'clamp' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const overMax = values['per-page-over-max'];
if (overMax !== 'clamp' && overMax !== 'error') {
  console.error(`--per-page-over-max must be clamp or error\n${USAGE}`);
  process.exit(2);
}

const employees = positiveNumber('employees', values.employees, 250);
const extraTenants = (values.tenant ?? []).filter((name) => name !== 'demo');
const tenants: Record<string, { employees: number }> = { demo: { employees } };
for (const name of extraTenants) tenants[name] = { employees: 250 };

const started = Date.now();
const sim = await startSimulator({
  port: positiveNumber('port', values.port, 4010),
  host: values.host,
  tenants,
  rateLimit: {
    perSecond: limit('rate-limit', values['rate-limit'], DEFAULT_RATE_LIMITS.perSecond),
    perHour: limit('per-hour', values['per-hour'], DEFAULT_RATE_LIMITS.perHour),
    perTenantPerMinute: limit('tenant-per-minute', values['tenant-per-minute'], DEFAULT_RATE_LIMITS.perTenantPerMinute),
  },
  perPageOverMax: overMax,
  quiet: values.quiet,
});

console.log(`SmartHR simulator listening on ${sim.url} (started in ${Date.now() - started} ms)`);
for (const name of Object.keys(tenants)) {
  console.log(`  tenant ${name}: ${sim.url}/${name}/api/v1/crews  (${sim.tenant(name).data.crews.size} employees)`);
}
console.log('  tokens: demo-token (every permission), demo-readonly (read only)');
console.log(`  connector: SMARTHR_BASE_URL=${sim.url}/{tenant}`);
console.log(`  try: curl -H 'Authorization: Bearer demo-token' '${sim.url}/demo/api/v1/crews?per_page=2'`);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
