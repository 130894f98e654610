/**
 * Pseudonymous keys for the synthetic extracts.
 *
 * Real extracts carry meaningless keys. Here a key is a structured number (person, then the
 * detention or case number within the person) sent through a keyed Feistel permutation on
 * 48 bits: a bijection, so distinct numbers give distinct keys (uniqueness is guaranteed, not
 * hoped for), while the keys look unrelated to each other and to the person.
 */
import { fmix32 } from './random.ts';

const HALF = 0x1000000; // 2^24
const MASK = 0xffffff;

/** A keyed bijection on [0, 2^48). */
function feistel48(n: number, key: number): number {
  let l = Math.floor(n / HALF);
  let r = n % HALF;
  for (let round = 0; round < 4; round++) {
    const f = fmix32((r ^ Math.imul(key, round + 1)) + round) & MASK;
    const nl = r;
    r = l ^ f;
    l = nl;
  }
  return l * HALF + r;
}

export const MAX_KEY = 2 ** 48;

/** `prefix` followed by the 48-bit permuted `n` in base 36, fixed width 10. */
export function pseudoId(prefix: string, n: number, key: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= MAX_KEY) throw new RangeError(`id number ${n} out of range`);
  return prefix + feistel48(n, key).toString(36).padStart(10, '0');
}
