/**
 * Cox proportional hazards with Efron's approximation for tied event times, as R's
 * `coxph(Surv(tijd, gebeurtenis) ~ ..., ties = "efron")`.
 *
 * The records are sorted by time once; each Newton iteration is one backward pass over the
 * distinct times that accumulates the risk-set sums S0 = sum w, S1 = sum w x, S2 = sum w x x'
 * (w = exp(eta)) record by record, O(n nnz^2), and adds each distinct event time's terms in
 * O(p^2). For d tied events at a time, Efron's correction uses the risk set with the fraction
 * f = r/d (r = 0..d-1) of the tied events' weight removed; the d terms are summed in closed
 * form through the scalars sum 1/s0_r, sum f/s0_r, sum 1/s0_r^2, sum f/s0_r^2, sum f^2/s0_r^2,
 * so heavy ties cost no more than one event. Censored records at an event time are in its risk
 * set (R's convention). Times tie when they are exactly equal: days are integers, so R's
 * `timefix` (merging floating-point times that differ by rounding) has nothing to do here. The
 * linear predictor is shifted by its maximum before exponentiating, which cancels in the
 * partial likelihood and keeps exp() finite.
 *
 * A design with `entry` has counting-process rows (entry, tijd], as R's
 * `coxph(Surv(start, stop, event) ~ ...)`: a row is at risk at an event time t when
 * entry < t <= tijd. The backward pass then also subtracts each row from the sums at the first
 * event time at or before its entry.
 */
import { InternalError } from '../util/errors.ts';
import type { CoxDesign } from './design.ts';
import { termNames } from './design.ts';
import { geenVariatie, SEPARATIE_OORZAAK } from './messages.ts';
import type { FitOptions, ModelFit } from './fit.ts';
import { sparseRows, symmetrize, type SparseRows } from './fit.ts';
import type { Evaluation, NewtonProblem } from './newton.ts';
import { newtonMaximize } from './newton.ts';

/** R's `coxph.control()$eps`: converged when |1 - loglik_old / loglik_new| <= eps. */
const COX_EPS = 1e-9;

/**
 * Fits a Cox model by Newton–Raphson from beta = 0. Throws ModelError for collinear columns,
 * monotone likelihood (separation), non-convergence, or a frame without events.
 */
export function fitCox(design: CoxDesign, options: FitOptions = {}): ModelFit {
  const { n, p, model } = design;
  const terms = termNames(design);
  let events = 0;
  for (let i = 0; i < n; i++) events += design.gebeurtenis[i]!;
  if (n === 0 || events === 0) {
    throw geenVariatie(model, n === 0 ? 'records' : 'gebeurtenissen');
  }

  // Sort by time, descending, once.
  const tijd = design.tijd;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => tijd[b]! - tijd[a]!);
  const rows = sparseRows(design.x, n, p, order, false);
  const status = new Uint8Array(n);
  const groupStarts: number[] = [];
  for (let s = 0; s < n; s++) {
    status[s] = design.gebeurtenis[order[s]!]!;
    if (s === 0 || tijd[order[s]!] !== tijd[order[s - 1]!]) groupStarts.push(s);
  }
  groupStarts.push(n);
  const groups = Int32Array.from(groupStarts);
  const deathsIn = new Int32Array(groups.length - 1);
  for (let g = 0; g + 1 < groups.length; g++) {
    for (let s = groups[g]!; s < groups[g + 1]!; s++) deathsIn[g]! += status[s]!;
  }

  // Counting-process rows (start, stop]: a row leaves the risk set, going back in time, at the
  // first event time at or before its start. The rows by start, latest first, as positions in
  // the time order, with the time of each group.
  let exits: Exits | null = null;
  const entry = design.entry;
  if (entry) {
    if (entry.length !== n) throw new InternalError(`fitCox(${model}): entry has ${entry.length} values for ${n} rows`);
    for (let i = 0; i < n; i++) {
      if (!(entry[i]! >= 0 && entry[i]! < tijd[i]!)) throw new InternalError(`fitCox(${model}): row ${i + 1} starts at ${entry[i]}, not before its end ${tijd[i]}`);
    }
    const pos = Int32Array.from({ length: n }, (_, s) => s).sort((a, b) => entry[order[b]!]! - entry[order[a]!]!);
    exits = {
      pos,
      start: Float64Array.from(pos, (s) => entry[order[s]!]!),
      groupTime: Float64Array.from({ length: groups.length - 1 }, (_, g) => tijd[order[groups[g]!]!]!),
    };
  }

  const data: CoxData = { rows, status, groups, deathsIn, exits };
  const problem: NewtonProblem = {
    model,
    terms,
    ranges: rows.range,
    evaluate: (beta) => evaluateCox(data, beta),
    converged: (previous, current) => Math.abs(1 - previous / current) <= COX_EPS,
    separationCause: SEPARATIE_OORZAAK.cox,
  };
  const result = newtonMaximize(problem, new Float64Array(p), options.maxIterations ?? 30);
  const se = Array.from({ length: p }, (_, j) => Math.sqrt(result.variance[j * p + j]!));
  return {
    model,
    kind: 'cox',
    terms,
    coef: Array.from(result.beta),
    se,
    variance: result.variance,
    loglik: { initial: result.loglikInitial, final: result.loglik },
    n,
    events,
    iterations: result.iterations,
    samengevoegd: design.samengevoegd,
    weggelaten: design.weggelaten,
  };
}

/** Counting-process rows: positions (time order) by start, latest first; the time of each group. */
interface Exits {
  readonly pos: Int32Array;
  readonly start: Float64Array;
  readonly groupTime: Float64Array;
}

/** What every evaluation of one fit shares: the rows in time order (descending) and their groups of tied times. */
interface CoxData {
  readonly rows: SparseRows;
  readonly status: Uint8Array;
  /** Start of each group of tied times in the time order, then n. */
  readonly groups: Int32Array;
  readonly deathsIn: Int32Array;
  readonly exits: Exits | null;
}

/**
 * The state of one backward pass: each row's linear predictor less the maximum (`lp`) and its
 * weight w = exp(lp); the log likelihood, score and information so far; the risk-set sums S0,
 * S1, S2 and those of the current time's events (d0, d1, d2, for Efron's correction).
 */
interface CoxPass {
  readonly rows: SparseRows;
  readonly lp: Float64Array;
  readonly w: Float64Array;
  loglik: number;
  readonly score: Float64Array;
  readonly info: Float64Array;
  s0: number;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  d0: number;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
}

/** Log partial likelihood (Efron), score and information at beta: one backward pass. */
function evaluateCox(data: CoxData, beta: Float64Array): Evaluation {
  const { rows, groups, deathsIn, exits } = data;
  const { p } = rows;
  const pass: CoxPass = {
    rows,
    ...weights(rows, beta),
    loglik: 0,
    score: new Float64Array(p),
    info: new Float64Array(p * p),
    s0: 0,
    s1: new Float64Array(p),
    s2: new Float64Array(p * p),
    d0: 0,
    d1: new Float64Array(p),
    d2: new Float64Array(p * p),
  };
  let exit = 0;
  for (let g = 0; g + 1 < groups.length; g++) {
    const d = deathsIn[g]!;
    if (exits) exit = removeStarted(pass, exits, g, exit);
    addGroup(pass, data, g, d > 1);
    if (d > 0) addEfron(pass, d);
  }
  symmetrize(pass.info, p);
  return { loglik: pass.loglik, score: pass.score, info: pass.info };
}

/** Each row's linear predictor, shifted by the maximum so exp() stays finite, and its exp. */
function weights(rows: SparseRows, beta: Float64Array): { lp: Float64Array; w: Float64Array } {
  const { n, start, col, val } = rows;
  const eta = new Float64Array(n);
  let maxEta = -Infinity;
  for (let s = 0; s < n; s++) {
    let e = 0;
    for (let k = start[s]!; k < start[s + 1]!; k++) e += beta[col[k]!]! * val[k]!;
    eta[s] = e;
    if (e > maxEta) maxEta = e;
  }
  const lp = eta.map((e) => e - maxEta);
  return { lp, w: lp.map((x) => Math.exp(x)) };
}

/** Adds w times row s to v1 and w times its outer product to the lower triangle of v2. */
function addWeighted(rows: SparseRows, s: number, w: number, v1: Float64Array, v2: Float64Array): void {
  const { p, start, col, val } = rows;
  const a0 = start[s]!;
  const a1 = start[s + 1]!;
  for (let ka = a0; ka < a1; ka++) {
    const a = col[ka]!;
    const wa = w * val[ka]!;
    v1[a] = v1[a]! + wa;
    const row = a * p;
    for (let kb = a0; kb <= ka; kb++) v2[row + col[kb]!] = v2[row + col[kb]!]! + wa * val[kb]!;
  }
}

/**
 * Counting process: rows that start at or after group g's time are not at risk at it (they
 * were added with a later end); subtract them, as R's agreg does. Subtracting w is adding -w,
 * exactly (IEEE negation and rounding are symmetric). Returns the next row to remove.
 */
function removeStarted(pass: CoxPass, exits: Exits, g: number, from: number): number {
  const t = exits.groupTime[g]!;
  let exit = from;
  for (; exit < pass.rows.n && exits.start[exit]! >= t; exit++) {
    const s = exits.pos[exit]!;
    const w = pass.w[s]!;
    pass.s0 -= w;
    addWeighted(pass.rows, s, -w, pass.s1, pass.s2);
  }
  return exit;
}

/** The rows of group g join the risk set; its events add to the log likelihood and score (and, when tied, to d0, d1, d2). */
function addGroup(pass: CoxPass, data: CoxData, g: number, ties: boolean): void {
  const { rows, lp, w, score } = pass;
  const { start, col, val } = rows;
  pass.d0 = 0;
  if (ties) {
    pass.d1.fill(0);
    pass.d2.fill(0);
  }
  for (let s = data.groups[g]!; s < data.groups[g + 1]!; s++) {
    const ws = w[s]!;
    pass.s0 += ws;
    addWeighted(rows, s, ws, pass.s1, pass.s2);
    if (data.status[s] !== 1) continue;
    pass.loglik += lp[s]!;
    for (let ka = start[s]!; ka < start[s + 1]!; ka++) score[col[ka]!] = score[col[ka]!]! + val[ka]!;
    if (ties) {
      pass.d0 += ws;
      addWeighted(rows, s, ws, pass.d1, pass.d2);
    }
  }
}

/** Efron: sum over r = 0..d-1 of the risk set with the fraction r/d of the d deaths removed. */
function addEfron(pass: CoxPass, d: number): void {
  const { s1, s2, d1, d2, score, info } = pass;
  const p = pass.rows.p;
  let A0 = 0;
  let A1 = 0;
  let B0 = 0;
  let B1 = 0;
  let B2 = 0;
  for (let r = 0; r < d; r++) {
    const f = r / d;
    const s0r = pass.s0 - f * pass.d0;
    const inv = 1 / s0r;
    const inv2 = inv * inv;
    pass.loglik -= Math.log(s0r);
    A0 += inv;
    A1 += f * inv;
    B0 += inv2;
    B1 += f * inv2;
    B2 += f * f * inv2;
  }
  if (d === 1) {
    // One event: f = 0 only, so the tied-event sums drop out (d1, d2 were not filled).
    for (let a = 0; a < p; a++) {
      const s1a = s1[a]!;
      score[a] = score[a]! - s1a * A0;
      const row = a * p;
      for (let b = 0; b <= a; b++) info[row + b] = info[row + b]! + s2[row + b]! * A0 - s1a * s1[b]! * B0;
    }
    return;
  }
  for (let a = 0; a < p; a++) {
    const s1a = s1[a]!;
    const d1a = d1[a]!;
    score[a] = score[a]! - (s1a * A0 - d1a * A1);
    const row = a * p;
    for (let b = 0; b <= a; b++) {
      const s1b = s1[b]!;
      const d1b = d1[b]!;
      info[row + b] =
        info[row + b]! +
        (s2[row + b]! * A0 - d2[row + b]! * A1) -
        (s1a * s1b * B0 - (s1a * d1b + d1a * s1b) * B1 + d1a * d1b * B2);
    }
  }
}
