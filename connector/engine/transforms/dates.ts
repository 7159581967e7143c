/**
 * SmartHR filters and stores calendar dates (yyyy-MM-dd) in Japan time, while Workflows sends
 * Date & Time values as ISO date-times (often UTC). A date-time is turned into the date it is in
 * Asia/Tokyo (UTC+9, no daylight saving), so 2024-03-31T15:00:00Z is 2024-04-01.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function toSmarthrDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}
