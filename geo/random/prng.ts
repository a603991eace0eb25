/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the demo city and the partitioning
 * need. Deterministic: the same seed always yields the same sequence, on every platform (32-bit integer
 * maths). The demo city never calls Math.random.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** A standard normal deviate (Box-Muller). */
  normal(): number;
  /** exp(mu + sigma * N(0,1)): positive, right-skewed sizes. */
  logNormal(mu: number, sigma: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index chosen with probability proportional to weights[i] (weights >= 0, not all 0). */
  weightedIndex(weights: readonly number[]): number;
  /** A new array with the items in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator derived from this one's seed and a label, so that sub-steps do not shift each other. */
  fork(label: string | number): Rng;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for deriving sub-seeds from labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const base = seed >>> 0;
  const next = mulberry32(base);
  let spare: number | null = null;
  const rng: Rng = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (p) => next() < p,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    logNormal: (mu, sigma) => Math.exp(mu + sigma * rng.normal()),
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) throw new Error('weightedIndex needs a positive total weight');
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: (label) => createRng((base ^ hashString(String(label))) >>> 0),
  };
  return rng;
}
