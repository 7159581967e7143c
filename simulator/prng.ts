/**
 * Deterministic randomness for seeding: the same seed must give the same tenant, so tests can
 * rely on seeded values and two runs of the demo look the same. mulberry32 is tiny and fast
 * enough to seed 100,000 employees.
 */
const HEX = '0123456789abcdef';

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A version-4-shaped UUID, as SmartHR ids are UUIDs. Built without arrays: the seed makes ~3 per crew. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 32; i++) {
      const digit = HEX[Math.floor(this.next() * 16)] ?? '0';
      hex += i === 12 ? '4' : digit;
    }
    const variant = HEX[Math.floor(this.next() * 4) + 8] ?? '8';
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}
