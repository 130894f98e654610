/**
 * The upper tail of the chi-squared distribution, P(X > x) for X ~ chi^2(df), as R's
 * `pchisq(x, df, lower.tail = FALSE)`: the regularised upper incomplete gamma function
 * Q(df / 2, x / 2). For df = 1 it is 2 P(Z > sqrt(x)) with the normal tail of normal.ts (full
 * precision far into the tail); otherwise the series of P (x < a + 1) or Lentz's continued
 * fraction of Q (x >= a + 1), both with relative accuracy near 1e-14, ample for p-values that
 * are printed with 6 significant digits.
 */
import { InternalError } from '../util/errors.ts';
import { pnormUpper } from './normal.ts';

/** log Gamma(a) for a > 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15). */
function logGamma(a: number): number {
  if (!(a > 0)) throw new InternalError(`logGamma: ${a} is not positive`);
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const x = a - 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Regularised upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a). */
function gammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new InternalError(`gammaQ: a = ${a} is not positive`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // P(a, x) = x^a e^-x / Gamma(a + 1) * sum x^n / ((a + 1) ... (a + n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  // Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(X > x) for X ~ chi^2(df), df a positive integer. */
export function pchisqUpper(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new InternalError(`pchisqUpper: df = ${df} is not a positive integer`);
  if (x <= 0) return 1;
  if (df === 1) return 2 * pnormUpper(Math.sqrt(x));
  return gammaQ(df / 2, x / 2);
}
