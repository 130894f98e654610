/**
 * Newton–Raphson for a concave log likelihood, shared by the Cox and the logistic fit.
 *
 * The iteration follows R's `coxfit6`: a full Newton step; when the log likelihood goes down
 * (or is not finite) the step is halved towards the last accepted point; convergence when the
 * problem's criterion on the change of the log likelihood holds after a full step. Then, unlike
 * R, it does not stop at a warning:
 *
 * - a singular information matrix at the start means collinear columns (ModelError
 *   `singulier`, naming the columns that depend on earlier ones);
 * - after convergence it keeps taking Newton steps (at most three) until the next step is
 *   negligible by R's "coefficient may be infinite" rule (|step| > eps and
 *   |step| > sqrt(eps) |coef|). A finite maximum passes after one such step (convergence is
 *   quadratic); under monotone likelihood a coefficient keeps moving by about one unit per
 *   step, so the rule still fires and the fit throws ModelError `separatie` naming it;
 * - at the iteration limit, coefficients that still move and are already far out
 *   (|coef| * range of the column >= 10, a ratio of e^10 over the column's range) are
 *   reported as separation, anything else as `geen_convergentie`.
 *
 * The result never holds NaN or infinities: anything non-finite becomes a ModelError.
 */
import type { ModelError } from './errors.ts';
import { nietGeconvergeerd, schattingNietEindig, separatie, singulier, startNietEindig } from './messages.ts';
import { ldl, ldlInverse, ldlSolve, type Ldl } from './linalg.ts';

/** Log likelihood, score (gradient) and information (minus the Hessian, p x p row-major). */
export interface Evaluation {
  readonly loglik: number;
  readonly score: Float64Array;
  readonly info: Float64Array;
}

export interface NewtonProblem {
  readonly model: string;
  /** Names of the p coefficients, for messages. */
  readonly terms: readonly string[];
  /** max - min of each column (1 for an intercept), to judge run-away coefficients. */
  readonly ranges: Float64Array;
  evaluate(beta: Float64Array): Evaluation;
  /** Has the fit converged, going from log likelihood `previous` to `current`? */
  converged(previous: number, current: number): boolean;
  /** Completes "the coefficient runs off to infinity, because ..." for this kind of model. */
  readonly separationCause: string;
}

export interface NewtonResult {
  readonly beta: Float64Array;
  /** Inverse information at `beta` (p x p row-major). */
  readonly variance: Float64Array;
  readonly loglikInitial: number;
  readonly loglik: number;
  readonly iterations: number;
}

/** R's `coxph.control()` defaults for the infinite-coefficient rule. */
const EPS = 1e-9;
const TOLER_INF = Math.sqrt(EPS);
const POLISH_STEPS = 3;
const RUNAWAY = 10;

function list(terms: readonly string[], idx: readonly number[]): string[] {
  return idx.map((j) => terms[j] ?? `kolom ${j + 1}`);
}

/** Coefficients whose next Newton step is not negligible (R's rule), plus singular pivots. */
function moving(beta: Float64Array, step: Float64Array, singular: readonly number[]): number[] {
  const out = new Set(singular);
  for (let j = 0; j < beta.length; j++) {
    const s = Math.abs(step[j]!);
    if (!Number.isFinite(s) || (s > EPS && s > TOLER_INF * Math.abs(beta[j]!))) out.add(j);
  }
  return [...out].sort((a, b) => a - b);
}

function separation(problem: NewtonProblem, idx: readonly number[]): ModelError {
  return separatie(problem.model, list(problem.terms, idx), problem.separationCause);
}

/** Maximises the log likelihood of `problem` from `init`. */
export function newtonMaximize(problem: NewtonProblem, init: Float64Array, maxIterations: number): NewtonResult {
  const p = init.length;
  const beta: Float64Array = Float64Array.from(init);
  const start = problem.evaluate(beta);
  if (!Number.isFinite(start.loglik)) {
    throw startNietEindig(problem.model);
  }
  const loglikInitial = start.loglik;
  if (p === 0) return { beta, variance: new Float64Array(0), loglikInitial, loglik: loglikInitial, iterations: 0 };

  const fac = ldl(start.info, p);
  if (fac.singular.length > 0) throw singulier(problem.model, list(problem.terms, fac.singular));
  const run = iterate(problem, { beta, current: start, iterations: 0 }, add(beta, ldlSolve(fac, start.score)), maxIterations);
  if (!run.converged) throw notConverged(problem, run, maxIterations);
  const end = polish(problem, run);
  return { beta: end.beta, variance: variance(problem, end.beta, end.fac), loglikInitial, loglik: end.current.loglik, iterations: end.iterations };
}

/** A point of the iteration: the coefficients, the evaluation there, and the steps taken so far. */
interface Point {
  readonly beta: Float64Array;
  readonly current: Evaluation;
  readonly iterations: number;
}

/**
 * The Newton iteration from `from`, whose full step leads to `next`: halving a step that lowers
 * the log likelihood, until the problem's criterion holds or the iteration limit is reached.
 */
function iterate(problem: NewtonProblem, from: Point, next: Float64Array, maxIterations: number): Point & { converged: boolean } {
  const p = from.beta.length;
  let { beta, current } = from;
  let halving = false;
  for (let iter = 1; iter <= maxIterations; iter++) {
    const trial = problem.evaluate(next);
    const finite = Number.isFinite(trial.loglik);
    // R accepts convergence only after a full step; after a halved step it also accepts a
    // point that is no worse, so rounding noise at the maximum cannot keep it halving.
    if (finite && (!halving || trial.loglik >= current.loglik) && problem.converged(current.loglik, trial.loglik)) {
      return { beta: next, current: trial, iterations: iter, converged: true };
    }
    if (iter === maxIterations) {
      const better = finite && trial.loglik >= current.loglik;
      return better ? { beta: next, current: trial, iterations: iter, converged: false } : { beta, current, iterations: iter, converged: false };
    }
    if (!finite || trial.loglik < current.loglik) {
      halving = true;
      for (let j = 0; j < p; j++) next[j] = 0.5 * (next[j]! + beta[j]!);
    } else {
      halving = false;
      beta = next;
      current = trial;
      next = add(beta, ldlSolve(ldl(current.info, p), current.score));
    }
  }
  return { beta, current, iterations: from.iterations, converged: false };
}

/**
 * Why the iteration limit was reached: coefficients that still move and are already far out are
 * separation, anything else is no convergence.
 */
function notConverged(problem: NewtonProblem, { beta, current }: Point, maxIterations: number): ModelError {
  const fac = ldl(current.info, beta.length);
  const still = moving(beta, ldlSolve(fac, current.score), fac.singular);
  const runaway = still.filter((j) => Math.abs(beta[j]!) * problem.ranges[j]! >= RUNAWAY);
  if (runaway.length > 0) return separation(problem, runaway);
  return nietGeconvergeerd(problem.model, maxIterations, list(problem.terms, still));
}

/** Polishes the converged point and tests for coefficients running off to infinity (see the module comment). */
function polish(problem: NewtonProblem, from: Point): Point & { fac: Ldl } {
  const p = from.beta.length;
  let { beta, current, iterations } = from;
  for (let step = 0; ; step++) {
    const fac = ldl(current.info, p);
    const delta = ldlSolve(fac, current.score);
    const still = moving(beta, delta, fac.singular);
    if (still.length === 0) return { beta, current, iterations, fac };
    if (step === POLISH_STEPS) throw separation(problem, still);
    const trial = problem.evaluate(add(beta, delta));
    if (!Number.isFinite(trial.loglik)) throw separation(problem, still);
    beta = add(beta, delta);
    current = trial;
    iterations++;
  }
}

/** The inverse information at the estimate; a coefficient or variance that is not finite is a ModelError. */
function variance(problem: NewtonProblem, beta: Float64Array, fac: Ldl): Float64Array {
  const p = beta.length;
  const v = ldlInverse(fac);
  for (let j = 0; j < p; j++) {
    const vj = v[j * p + j]!;
    if (!Number.isFinite(beta[j]!) || !(vj > 0) || !Number.isFinite(vj)) {
      throw schattingNietEindig(problem.model, problem.terms[j]);
    }
  }
  return v;
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j]! + b[j]!;
  return out;
}
