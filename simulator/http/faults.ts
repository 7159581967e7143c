/**
 * Fault rules a test switches on without restarting: the newest matching rule wins, and a
 * rule with `times` stops matching after that many hits. `path` is compared with the path
 * after the tenant ('/api/v1/crews'): a string must match exactly, a RegExp is tested.
 */

export const FAULT_KINDS = [
  'status',
  'maintenance',
  'rateLimited',
  'reset',
  'resetMidBody',
  'malformedJson',
  'truncatedJson',
  'html',
  'emptyBody',
  'slowBody',
  'hang',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  method?: string;
  path?: string | RegExp;
  tenant?: string;
  /** How many matching requests the rule hits; unlimited when absent. */
  times?: number;
  latencyMs?: number;
  kind?: FaultKind;
  status?: number;
  slowBodyMs?: number;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultController {
  private rules: ActiveRule[] = [];

  set(rule: FaultRule): void {
    this.rules.unshift({ rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((active) => ({ ...active.rule }));
  }

  /** The rule that hits this request, counting the hit; null when none does. */
  take(method: string, path: string, tenant: string): FaultRule | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.tenant !== undefined && rule.tenant !== tenant) continue;
      if (rule.path instanceof RegExp ? !rule.path.test(path) : rule.path !== undefined && rule.path !== path) continue;
      active.remaining--;
      return rule;
    }
    return null;
  }
}
