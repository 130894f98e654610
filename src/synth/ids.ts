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

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Five base-36 digits of a number below 2^24 (36^5 > 2^24). */
function base36x5(n: number): string {
  let out = '';
  for (let i = 0; i < 5; i++) {
    out = DIGITS[n % 36]! + out;
    n = Math.floor(n / 36);
  }
  return out;
}

const MAX_KEY = 2 ** 48;

/**
 * `prefix` followed by the 48-bit number `n` sent through a keyed Feistel permutation (four
 * rounds on 24-bit halves: a bijection on [0, 2^48)), written as ten base-36 digits.
 */
export function pseudoId(prefix: string, n: number, key: number): string {
  if (!(n >= 0 && n < MAX_KEY && Number.isInteger(n))) throw new RangeError(`id number ${n} out of range`);
  let l = Math.floor(n / HALF);
  let r = n - l * HALF;
  for (let round = 0; round < 4; round++) {
    const f = fmix32((r ^ Math.imul(key, round + 1)) + round) & MASK;
    const nl = r;
    r = l ^ f;
    l = nl;
  }
  return prefix + base36x5(l) + base36x5(r);
}
