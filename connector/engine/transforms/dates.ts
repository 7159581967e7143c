/**
 * SmartHR filters and stores calendar dates (yyyy-MM-dd) in Japan time. Flow builders type dates
 * as Okta's SmartHR pages ask (YYYY/MM/DD), Workflows sends Date & Time values as ISO date-times
 * (often UTC), and other tools send ISO dates. Each becomes the calendar date it is in
 * Asia/Tokyo (UTC+9, no daylight saving), so 2024-03-31T15:00:00Z is 2024-04-01.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** yyyy-MM-dd when year, month and day name a real day (Date itself would roll 02-30 over to March). */
function calendarDate(year: string, month: string, day: string): string | undefined {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date in Japan a Date & Time input stands for, or undefined when it is none of the accepted forms. */
export function japanDateOf(value: string): string | undefined {
  const plain = SLASH_DATE.exec(value) ?? ISO_DATE.exec(value);
  if (plain) return calendarDate(plain[1] as string, plain[2] as string, plain[3] as string);
  const dateTime = ISO_DATE_TIME.exec(value);
  if (!dateTime || !calendarDate(dateTime[1] as string, dateTime[2] as string, dateTime[3] as string)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** What a `date` transform sends to SmartHR: the date in Japan, or the value itself when validation let something else through. */
export function toSmarthrDate(value: string): string {
  return japanDateOf(value) ?? value;
}

/** The instant a Date & Time input stands for: a date alone is the start of that day in Japan. */
export function instantOf(value: string): number | undefined {
  if (SLASH_DATE.test(value) || ISO_DATE.test(value)) {
    const date = japanDateOf(value);
    return date === undefined ? undefined : Date.parse(`${date}T00:00:00+09:00`);
  }
  return japanDateOf(value) === undefined ? undefined : Date.parse(value);
}
