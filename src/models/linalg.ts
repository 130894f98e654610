/**
 * Small dense symmetric linear algebra for the model fits (p up to a few dozen).
 *
 * The factorisation is the LDL' form of R survival's `cholesky2`: a pivot below
 * `toler * max(diag)` marks its column as singular (zero pivot, zero step), which is how the
 * fits detect collinear columns and vanishing information. Matrices are row-major
 * Float64Arrays of p * p entries; only the lower triangle of the input is read.
 */

/** R's `coxph.control()$toler.chol`: `.Machine$double.eps^0.75`. */
const TOLER_CHOL = Math.pow(2 ** -52, 0.75);

/** The LDL' factorisation of a symmetric positive semi-definite matrix. */
export interface Ldl {
  readonly p: number;
  /** Unit lower triangle L below the diagonal, D on the diagonal (0 for singular pivots). */
  readonly f: Float64Array;
  /** Column indices whose pivot fell below the tolerance. */
  readonly singular: readonly number[];
}

/** Factorises `a` (left untouched) as L D L'. */
export function ldl(a: Float64Array, p: number, toler = TOLER_CHOL): Ldl {
  const f = new Float64Array(p * p);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) f[i * p + j] = a[i * p + j]!;
    const d = a[i * p + i]!;
    if (d > maxDiag) maxDiag = d;
  }
  const eps = maxDiag === 0 ? toler : maxDiag * toler;
  const singular: number[] = [];
  for (let i = 0; i < p; i++) {
    const pivot = f[i * p + i]!;
    if (!Number.isFinite(pivot) || pivot < eps) {
      f[i * p + i] = 0;
      // A singular column takes no part in the rest of the elimination.
      for (let j = i + 1; j < p; j++) f[j * p + i] = 0;
      singular.push(i);
      continue;
    }
    for (let j = i + 1; j < p; j++) {
      const t = f[j * p + i]! / pivot;
      f[j * p + i] = t;
      f[j * p + j] = f[j * p + j]! - t * t * pivot;
      for (let k = j + 1; k < p; k++) f[k * p + j] = f[k * p + j]! - t * f[k * p + i]!;
    }
  }
  return { p, f, singular };
}

/** Solves A x = b with the factorisation; singular columns get x = 0 (as R's `chsolve2`). */
export function ldlSolve(fac: Ldl, b: ArrayLike<number>): Float64Array {
  const { p, f } = fac;
  const x = Float64Array.from({ length: p }, (_, i) => b[i]!);
  for (let i = 0; i < p; i++) {
    let s = x[i]!;
    for (let j = 0; j < i; j++) s -= f[i * p + j]! * x[j]!;
    x[i] = s;
  }
  for (let i = p - 1; i >= 0; i--) {
    const d = f[i * p + i]!;
    if (d === 0) {
      x[i] = 0;
      continue;
    }
    let s = x[i]! / d;
    for (let j = i + 1; j < p; j++) s -= f[j * p + i]! * x[j]!;
    x[i] = s;
  }
  return x;
}

/** The inverse of A from its factorisation (rows and columns of singular pivots are 0). */
export function ldlInverse(fac: Ldl): Float64Array {
  const { p } = fac;
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    e.fill(0);
    e[c] = 1;
    const col = ldlSolve(fac, e);
    for (let r = 0; r < p; r++) inv[r * p + c] = col[r]!;
  }
  // Symmetrise: the two triangles differ only by rounding.
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < r; c++) {
      const m = 0.5 * (inv[r * p + c]! + inv[c * p + r]!);
      inv[r * p + c] = m;
      inv[c * p + r] = m;
    }
  }
  return inv;
}
