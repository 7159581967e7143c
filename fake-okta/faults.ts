/** Injected failures: the next matching requests answer an error status in Okta's shape. */
export interface FaultRule {
  method?: string;
  /** Matches the path after the origin, e.g. /bulk-upsert$/ or '/api/v1/identity-sources/x/sessions'. */
  path?: string | RegExp;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** For 429: seconds until X-Rate-Limit-Reset (default 1). */
  resetInSeconds?: number;
}

export class FaultController {
  private readonly rules: Array<FaultRule & { left: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** The fault that takes this request, if any (each use counts down). */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.left > 0 && (!r.method || r.method === method) && (!r.path || (typeof r.path === 'string' ? r.path === path : r.path.test(path))));
    if (rule) rule.left -= 1;
    return rule;
  }
}
