/**
 * Logistic regression, as R's `glm(uitkomst ~ ..., family = binomial)`.
 *
 * Newton–Raphson on the log likelihood, which for the canonical logit link is the same
 * iteration as R's IRLS. It starts at the intercept-only model, halves steps that lower the
 * log likelihood, and stops with R's criterion |dev - dev_old| / (|dev| + 0.1) < 1e-8
 * (`glm.control()$epsilon`). Separation (a coefficient running off to infinity, where R only
 * warns "fitted probabilities numerically 0 or 1 occurred") and collinear columns become
 * ModelErrors (see newton.ts). Non-0/1 columns are centred while iterating; the intercept and
 * its covariances are transformed back at the end.
 */
import type { LogitDesign } from './design.ts';
import { termNames } from './design.ts';
import { geenVariatie, SEPARATIE_OORZAAK, uitkomstConstant } from './messages.ts';
import type { FitOptions, ModelFit } from './fit.ts';
import { sparseRows, symmetrize } from './fit.ts';
import type { Evaluation, NewtonProblem } from './newton.ts';
import { newtonMaximize } from './newton.ts';

/** R's `glm.control()$epsilon`. */
const GLM_EPS = 1e-8;

/** The name of the logistic model's intercept, as R prints it. */
const INTERCEPT = '(Intercept)';

/** log(1 + exp(x)) without overflow or loss of digits. */
function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Fits a logistic model with an intercept. Throws ModelError for collinear columns,
 * separation, non-convergence, or an outcome without variation.
 */
export function fitLogit(design: LogitDesign, options: FitOptions = {}): ModelFit {
  const { n, p, model } = design;
  const terms = [INTERCEPT, ...termNames(design)];
  const y = design.uitkomst;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  if (n === 0 || events === 0 || events === n) {
    throw n === 0 ? geenVariatie(model, 'records') : uitkomstConstant(model, events === 0 ? 0 : 1);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rows = sparseRows(design.x, n, p, order, true);
  const yy = Uint8Array.from(y);
  const q = p + 1;

  const problem: NewtonProblem = {
    model,
    terms,
    ranges: rows.range,
    evaluate: (beta) => evaluateLogit(rows, yy, beta),
    converged: (previous, current) => {
      const dev = -2 * current;
      return Math.abs(dev + 2 * previous) / (Math.abs(dev) + 0.1) < GLM_EPS;
    },
    separationCause: SEPARATIE_OORZAAK.logit,
  };
  const init = new Float64Array(q);
  init[0] = Math.log(events / (n - events));
  const result = newtonMaximize(problem, init, options.maxIterations ?? 30);

  // Back from centred columns: b0 = b0c - sum_j c_j b_j, i.e. coef = T coef_c with T the
  // identity except row 0 = (1, -c_1, ..., -c_p); variance = T V T'.
  const c = rows.center;
  const coef = Array.from(result.beta);
  let shift = 0;
  for (let j = 1; j < q; j++) shift += c[j]! * coef[j]!;
  coef[0] = coef[0]! - shift;
  const v = result.variance;
  const variance = Float64Array.from(v);
  if (c.some((x) => x !== 0)) {
    // Row 0 (and column 0) of T V, then entry (0, 0) of T V T'.
    const row0 = new Float64Array(q);
    for (let k = 0; k < q; k++) {
      let s = v[k]!;
      for (let j = 1; j < q; j++) s -= c[j]! * v[j * q + k]!;
      row0[k] = s;
    }
    let v00 = row0[0]!;
    for (let j = 1; j < q; j++) v00 -= c[j]! * row0[j]!;
    for (let k = 1; k < q; k++) {
      variance[k] = row0[k]!;
      variance[k * q] = row0[k]!;
    }
    variance[0] = v00;
  }
  const se = Array.from({ length: q }, (_, j) => Math.sqrt(variance[j * q + j]!));
  return {
    model,
    kind: 'logit',
    terms,
    coef,
    se,
    variance,
    loglik: { initial: result.loglikInitial, final: result.loglik },
    n,
    events,
    iterations: result.iterations,
    samengevoegd: design.samengevoegd,
    weggelaten: design.weggelaten,
    deviance: -2 * result.loglik,
  };
}

/** Binomial log likelihood, score X'(y - mu) and information X' diag(mu(1-mu)) X. */
function evaluateLogit(rows: ReturnType<typeof sparseRows>, y: Uint8Array, beta: Float64Array): Evaluation {
  const { n, p, start, col, val } = rows;
  let loglik = 0;
  const score = new Float64Array(p);
  const info = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const a0 = start[i]!;
    const a1 = start[i + 1]!;
    let eta = 0;
    for (let k = a0; k < a1; k++) eta += beta[col[k]!]! * val[k]!;
    const mu = 1 / (1 + Math.exp(-eta));
    loglik += y[i]! * eta - log1pExp(eta);
    const r = y[i]! - mu;
    const w = mu * (1 - mu);
    for (let ka = a0; ka < a1; ka++) {
      const a = col[ka]!;
      score[a] = score[a]! + r * val[ka]!;
      const wa = w * val[ka]!;
      const row = a * p;
      for (let kb = a0; kb <= ka; kb++) info[row + col[kb]!] = info[row + col[kb]!]! + wa * val[kb]!;
    }
  }
  symmetrize(info, p);
  return { loglik, score, info };
}
