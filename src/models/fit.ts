/**
 * The result of a model fit, and the sparse row layout both fits iterate over.
 */
import type { DroppedTerm, MergedLevel, ModelKind } from './design.ts';

/** A fitted Cox or logistic model. */
export interface ModelFit {
  readonly model: string;
  readonly kind: ModelKind;
  /** Coefficient names; a logistic fit starts with `(Intercept)`. */
  readonly terms: readonly string[];
  readonly coef: readonly number[];
  /** Standard errors from the inverse information at the estimate. */
  readonly se: readonly number[];
  /** The inverse information (covariance of `coef`), p x p row-major. */
  readonly variance: Float64Array;
  /**
   * Log likelihood at the start and at the estimate. For Cox the start is beta = 0 (R's
   * `loglik[1]`), for the logistic model the intercept-only model (R's null deviance / -2).
   */
  readonly loglik: { readonly initial: number; readonly final: number };
  readonly n: number;
  /** Events (Cox) or records with uitkomst 1 (logistic). */
  readonly events: number;
  /** Newton steps taken (including the final check steps). */
  readonly iterations: number;
  /** Levels merged into their reference and interactions dropped by the disclosure rule. */
  readonly samengevoegd: readonly MergedLevel[];
  readonly weggelaten: readonly DroppedTerm[];
  /** Logistic only: residual deviance, -2 * loglik.final (R's `deviance(glm)`). */
  readonly deviance?: number;
}

/** Options shared by the fits. */
export interface FitOptions {
  /** Iteration limit of Newton–Raphson (default 30; R's default is 20). */
  readonly maxIterations?: number;
}

/**
 * A design's rows as compressed sparse rows, in a chosen order, with non-0/1 columns centred.
 *
 * Dummy columns are mostly zero, so a row of a 30-column design typically has about ten
 * non-zeros; the risk-set and cross-product sums then cost O(nnz^2) per record instead of
 * O(p^2). Like R's `coxph` (its `nocenter = c(-1, 0, 1)`), 0/1 columns are left uncentred:
 * their sums are well conditioned as they are, and centring would make every row dense.
 * Other columns are centred on their mean, for the conditioning of the cross-products.
 */
export interface SparseRows {
  readonly n: number;
  readonly p: number;
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
  /** Subtracted from each column (0 for 0/1 columns). */
  readonly center: Float64Array;
  /** max - min of each column. */
  readonly range: Float64Array;
}

/** Builds sparse rows from a row-major n x p matrix, rows taken in `order`. */
export function sparseRows(x: Float64Array, n: number, p: number, order: Int32Array, intercept: boolean): SparseRows {
  const off = intercept ? 1 : 0;
  const { center, range } = centreAndRange(x, n, p, intercept);
  let nnz = 0;
  for (let i = 0; i < n * p; i++) if (x[i] !== 0) nnz++;
  // Centred columns are dense; reserve for the worst case.
  let dense = 0;
  for (let j = 0; j < p; j++) if (center[j + off] !== 0) dense++;
  const cap = nnz + n * (dense + off);
  const start = new Int32Array(n + 1);
  const col = new Int32Array(cap);
  const val = new Float64Array(cap);
  let k = 0;
  for (let s = 0; s < n; s++) {
    const i = order[s]!;
    start[s] = k;
    if (intercept) {
      col[k] = 0;
      val[k++] = 1;
    }
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j]! - center[j + off]!;
      if (v !== 0) {
        col[k] = j + off;
        val[k++] = v;
      }
    }
  }
  start[n] = k;
  return { n, p: p + off, start, col: col.subarray(0, k), val: val.subarray(0, k), center, range };
}

/**
 * Each column's centre (its mean, or 0 for a 0/1 column) and range; the intercept first, if any.
 * Read row by row (the matrix is row-major: column by column would touch every cache line p
 * times); each column's sum still adds its values in row order.
 */
function centreAndRange(x: Float64Array, n: number, p: number, intercept: boolean): Pick<SparseRows, 'center' | 'range'> {
  const off = intercept ? 1 : 0;
  const sum = new Float64Array(p);
  const min = new Float64Array(p).fill(Infinity);
  const max = new Float64Array(p).fill(-Infinity);
  const zeroOne = new Uint8Array(p).fill(1);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const v = x[row + j]!;
      sum[j] = sum[j]! + v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
      if (v !== 0 && v !== 1 && v !== -1) zeroOne[j] = 0;
    }
  }
  const center = new Float64Array(p + off);
  const range = new Float64Array(p + off);
  if (intercept) range[0] = 1;
  for (let j = 0; j < p; j++) {
    center[j + off] = zeroOne[j] === 1 || n === 0 ? 0 : sum[j]! / n;
    range[j + off] = n === 0 ? 0 : max[j]! - min[j]!;
  }
  return { center, range };
}

/** Copies the lower triangle of a p x p row-major matrix to the upper. */
export function symmetrize(a: Float64Array, p: number): void {
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) a[c * p + r] = a[r * p + c]!;
}
