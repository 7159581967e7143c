/**
 * SmartHR timestamps are ISO-8601 with milliseconds in Japan time (+09:00). Writes must get
 * strictly increasing `updated_at` values even within one millisecond, because clients sort by
 * it and use it as an incremental-sync watermark; so the clock never hands out the same
 * millisecond twice and runs slightly ahead of real time under bursts.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

export function formatDate(epochMs: number): string {
  return new Date(epochMs + JST_OFFSET_MS).toISOString().slice(0, 10);
}

let lastIssuedMs = 0;

/** The next write timestamp: never equal to or earlier than one issued before. */
export function nextTimestamp(): string {
  const now = Date.now();
  lastIssuedMs = now > lastIssuedMs ? now : lastIssuedMs + 1;
  return formatTimestamp(lastIssuedMs);
}

/** Today's date in Japan, as SmartHR compares "past dates only" rules against it. */
export function todayInJapan(): string {
  return formatDate(Date.now());
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
