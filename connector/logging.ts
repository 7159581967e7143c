import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

/**
 * The service's logger. Credentials are redacted by path wherever request or upstream headers
 * might be logged, so a careless `log.info({ req })` cannot leak the access token.
 */

const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-connector-key', 'proxy-authorization'];
const HEADER_HOLDERS = ['headers', '*.headers', '*.*.headers'];

export const REDACTED_PATHS: string[] = [
  ...HEADER_HOLDERS.flatMap((holder) => SECRET_HEADERS.map((name) => `${holder}["${name}"]`)),
  'accessToken',
  '*.accessToken',
  '*.*.accessToken',
];

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const config = {
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    base: undefined,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
