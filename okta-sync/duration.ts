const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "1h", "30m", "1h30m", "90s", "1d" -> milliseconds; undefined for anything else. */
export function parseDuration(value: string): number | undefined {
  if (!/^(\d+(ms|s|m|h|d))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(amount) * (UNITS[unit as string] as number);
  return total;
}
