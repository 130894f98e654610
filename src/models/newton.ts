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
import { ModelError } from './errors.ts';
import { ldl, ldlInverse, ldlSolve } from './linalg.ts';

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

function quote(names: readonly string[]): string {
  return names.map((t) => `'${t}'`).join(', ');
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
  const names = list(problem.terms, idx);
  const subject = names.length === 1 ? `de coëfficiënt van ${quote(names)} loopt` : `de coëfficiënten van ${quote(names)} lopen`;
  return new ModelError(
    problem.model,
    'separatie',
    `de likelihood is monotoon (separatie): ${subject} weg naar oneindig, omdat ${problem.separationCause}.`,
    names,
  );
}

/** Maximises the log likelihood of `problem` from `init`. */
export function newtonMaximize(problem: NewtonProblem, init: Float64Array, maxIterations: number): NewtonResult {
  const p = init.length;
  let beta: Float64Array = Float64Array.from(init);
  let current = problem.evaluate(beta);
  if (!Number.isFinite(current.loglik)) {
    throw new ModelError(problem.model, 'geen_convergentie', 'de log-likelihood is niet eindig in het startpunt.');
  }
  const loglikInitial = current.loglik;
  if (p === 0) return { beta, variance: new Float64Array(0), loglikInitial, loglik: loglikInitial, iterations: 0 };

  let fac = ldl(current.info, p);
  if (fac.singular.length > 0) {
    const names = list(problem.terms, fac.singular);
    throw new ModelError(
      problem.model,
      'singulier',
      `de informatiematrix is singulier: ${quote(names)} ${names.length === 1 ? 'is' : 'zijn'} constant of een lineaire combinatie van eerdere termen (collineair).`,
      names,
    );
  }
  let loglik = current.loglik;
  let next = add(beta, ldlSolve(fac, current.score));
  let halving = false;
  let converged = false;
  let iterations = 0;

  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    const trial = problem.evaluate(next);
    const finite = Number.isFinite(trial.loglik);
    // R accepts convergence only after a full step; after a halved step it also accepts a
    // point that is no worse, so rounding noise at the maximum cannot keep it halving.
    if (finite && (!halving || trial.loglik >= loglik) && problem.converged(loglik, trial.loglik)) {
      beta = next;
      current = trial;
      loglik = trial.loglik;
      converged = true;
      break;
    }
    if (iter === maxIterations) {
      if (finite && trial.loglik >= loglik) {
        beta = next;
        current = trial;
        loglik = trial.loglik;
      }
      break;
    }
    if (!finite || trial.loglik < loglik) {
      halving = true;
      for (let j = 0; j < p; j++) next[j] = 0.5 * (next[j]! + beta[j]!);
    } else {
      halving = false;
      beta = next;
      current = trial;
      loglik = trial.loglik;
      fac = ldl(current.info, p);
      next = add(beta, ldlSolve(fac, current.score));
    }
  }

  if (!converged) {
    fac = ldl(current.info, p);
    const still = moving(beta, ldlSolve(fac, current.score), fac.singular);
    const runaway = still.filter((j) => Math.abs(beta[j]!) * problem.ranges[j]! >= RUNAWAY);
    if (runaway.length > 0) throw separation(problem, runaway);
    throw new ModelError(
      problem.model,
      'geen_convergentie',
      `Newton–Raphson is na ${maxIterations} ${maxIterations === 1 ? 'iteratie' : 'iteraties'} niet geconvergeerd${still.length ? ` (nog in beweging: ${quote(list(problem.terms, still))})` : ''}.`,
      list(problem.terms, still),
    );
  }

  // Polish and test for coefficients running off to infinity (see the module comment).
  for (let polish = 0; ; polish++) {
    fac = ldl(current.info, p);
    const step = ldlSolve(fac, current.score);
    const still = moving(beta, step, fac.singular);
    if (still.length === 0) break;
    if (polish === POLISH_STEPS) throw separation(problem, still);
    const trial = problem.evaluate(add(beta, step));
    if (!Number.isFinite(trial.loglik)) throw separation(problem, still);
    beta = add(beta, step);
    current = trial;
    loglik = trial.loglik;
    iterations++;
  }

  const variance = ldlInverse(fac);
  for (let j = 0; j < p; j++) {
    const v = variance[j * p + j]!;
    if (!Number.isFinite(beta[j]!) || !(v > 0) || !Number.isFinite(v)) {
      throw new ModelError(problem.model, 'geen_convergentie', `de schatting van '${problem.terms[j]}' is niet eindig.`, [problem.terms[j] ?? '']);
    }
  }
  return { beta, variance, loglikInitial, loglik, iterations };
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j]! + b[j]!;
  return out;
}
