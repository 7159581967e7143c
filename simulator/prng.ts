/**
 * Deterministic randomness for seeding: the same seed must give the same tenant, so tests can
 * rely on seeded values and two runs of the demo look the same. mulberry32 is tiny and fast
 * enough to seed 100,000 employees.
 */
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const [DASH, ZERO, FOUR] = ['-', '0', '4'].map((c) => c.charCodeAt(0)) as [number, number, number];
const UUID_BUFFER = new Array<number>(36).fill(0);

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

  /** A version-4-shaped UUID, as SmartHR ids are UUIDs. Written into one buffer: the seed makes ~3 per crew. */
  uuid(): string {
    const out = UUID_BUFFER;
    let at = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) out[at++] = DASH;
      const digit = HEX_CODES[Math.floor(this.next() * 16)] ?? ZERO;
      out[at++] = i === 12 ? FOUR : digit;
    }
    // The variant digit (the first of the fourth group) comes from one more draw.
    out[19] = HEX_CODES[Math.floor(this.next() * 4) + 8] ?? ZERO;
    return String.fromCharCode(...out);
  }
}
