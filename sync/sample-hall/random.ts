/**
 * A small seeded PRNG (mulberry32) so the sample hall and its people are the same on every machine and
 * every run: tests and the demo can name a person by index.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<Entry>(entries: readonly Entry[]): Entry {
    if (entries.length === 0) throw new Error('pick from an empty list');
    return entries[Math.floor(this.next() * entries.length)]!;
  }

  /** Up to `count` distinct entries, in random order. */
  sample<Entry>(entries: readonly Entry[], count: number): Entry[] {
    const pool = [...entries];
    const chosen: Entry[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    }
    return chosen;
  }
}

/** A 32-bit seed from a string (FNV-1a), for per-person and per-material streams. */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
