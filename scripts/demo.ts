import { createApp } from '../connector/app.ts';
import { createLogger } from '../connector/logging.ts';
import { startServer } from '../connector/server.ts';
import { startSimulator } from '../simulator/index.ts';

/**
 * `npm run demo`: the simulator with seeded data and the service wired to it, as an operator
 * would run them against real SmartHR, plus ready-to-paste curl commands.
 */
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const simulatorPort = Number.parseInt(process.env.SIMULATOR_PORT ?? '4010', 10);

const sim = await startSimulator({ port: simulatorPort, quiet: true });
const upstreamBaseUrl = `${sim.url}/{tenant}`;
const app = await createApp({ logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }), upstreamBaseUrl });
const server = await startServer(app, port);

const employee = sim.tenant('demo').crews()[0];
const service = `http://127.0.0.1:${port}`;
const connection = `-H 'X-SmartHR-Account-Type: sandbox' -H 'X-SmartHR-Tenant-Id: demo' -H 'Authorization: Bearer demo-token'`;
console.log(`SmartHR simulator: ${sim.url}/demo/api/v1 (tokens demo-token, demo-readonly)
Connector service:  ${service} (SMARTHR_BASE_URL=${upstreamBaseUrl})
Console:            ${service}/ (tenant demo, token demo-token)

Cards:
  curl -s ${service}/cards

Search Employees (employed, first 100):
  curl -s -X POST ${service}/cards/searchEmployees ${connection} -H 'Content-Type: application/json' \\
    -d '{"options":{"Result Set":"First 100 Matching Records"},"inputs":{"Filter By":{"Employment Status":"Employed"}}}'

Read Employee:
  curl -s -X POST ${service}/cards/readEmployee ${connection} -H 'Content-Type: application/json' \\
    -d '{"inputs":{"Employee":{"Employee ID":"${employee?.id ?? ''}"}}}'

Stream every employee as NDJSON:
  curl -s -X POST ${service}/cards/searchEmployees ${connection} -H 'Content-Type: application/json' \\
    -d '{"options":{"Result Set":"Stream Matching Records"}}'

The same stream in cursor pages (send "Next Cursor" back as "cursor" until it is null):
  curl -s -X POST ${service}/cards/searchEmployees/pages ${connection} -H 'Content-Type: application/json' \\
    -d '{"options":{"Result Set":"Stream Matching Records"},"cursor":null,"pageSize":100}'

Connection test (Workflows _authping):
  curl -s -X POST ${service}/connection/test ${connection}

Ctrl-C stops both.`);

const stop = () => void Promise.all([server.close(), sim.close()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
