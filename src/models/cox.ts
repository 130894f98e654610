/**
 * Cox proportional hazards with Efron's approximation for tied event times, as R's
 * `coxph(Surv(tijd, gebeurtenis) ~ ..., ties = "efron")`.
 *
 * The records are sorted by time once (coxData); each Newton iteration is two passes over them.
 * The first goes back in time over the distinct times and keeps the risk-set sums S0 = sum w and
 * S1 = sum w x (w = exp(eta)), adding each record as its time is reached, O(n nnz); at each
 * event time it adds the log likelihood, the score, and the part of the information that needs
 * S1 there: minus the outer products of the risk-set means. For d tied events at a time,
 * Efron's correction uses the risk set with the fraction f = r/d (r = 0..d-1) of the tied
 * events' weight removed; the d terms are summed in closed form through the scalars
 * A0 = sum 1/s0_r, A1 = sum f/s0_r, B0 = sum 1/s0_r^2, B1 = sum f/s0_r^2, B2 = sum f^2/s0_r^2,
 * so heavy ties cost no more than one event.
 *
 * The rest of the information, sum over event times of A0 S2 - A1 D2 (S2 = sum w x x' over the
 * risk set, D2 over the time's events), is not accumulated time by time: a record is in S2 at
 * every event time at which it is at risk, so it adds w x x' times the sum of A0 over those
 * times (a running sum over the times, read at its end and at its entry), less A1 of its own
 * time when it is an event. The second pass adds that one weighted outer product per record,
 * O(n nnz^2), the only quadratic work, done once per record instead of once per risk-set change.
 *
 * Censored records at an event time are in its risk set (R's convention). Times tie when they
 * are exactly equal: days are integers, so R's `timefix` (merging floating-point times that
 * differ by rounding) has nothing to do here. The linear predictor is shifted by its maximum
 * before exponentiating, which cancels in the partial likelihood and keeps exp() finite.
 *
 * A design with `entry` has counting-process rows (entry, tijd], as R's
 * `coxph(Surv(start, stop, event) ~ ...)`: a row is at risk at an event time t when
 * entry < t <= tijd. The first pass then also subtracts each row from the sums at the first
 * event time at or before its entry, and the second counts the times up to there only.
 *
 * The same passes with a weight per event time give the test of proportional hazards (zph.ts).
 */
import { InternalError } from '../util/errors.ts';
import type { CoxDesign } from './design.ts';
import { termNames } from './design.ts';
import { geenVariatie, SEPARATIE_OORZAAK } from './messages.ts';
import type { FitOptions, ModelFit } from './fit.ts';
import { sparseRows, symmetrize, type SparseRows } from './fit.ts';
import { orderByTime } from './km.ts';
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

  const data = coxData(design);
  const problem: NewtonProblem = {
    model,
    terms,
    ranges: data.rows.range,
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

/**
 * What every evaluation of one fit (and the PH test at its estimate) shares: the rows in time
 * order, latest first, with their groups of tied times; and the buffers each pass rewrites.
 */
export interface CoxData {
  readonly rows: SparseRows;
  /** The design's row of each position in the time order. */
  readonly order: Int32Array;
  readonly status: Uint8Array;
  /** Start of each group of tied times in the time order, then n. */
  readonly groups: Int32Array;
  /** The group of each row. */
  readonly groupOf: Int32Array;
  readonly deathsIn: Int32Array;
  readonly exits: Exits | null;
  /** Each row's linear predictor less the maximum, and its weight exp(lp), at the last pass's beta. */
  readonly lp: Float64Array;
  readonly w: Float64Array;
}

/** Counting-process rows: when each leaves the risk set, going back in time. */
interface Exits {
  /** Positions (time order) by start, latest first, and their starts. */
  readonly pos: Int32Array;
  readonly start: Float64Array;
  /** The time of each group. */
  readonly groupTime: Float64Array;
  /** For each row, the first group whose time is at or before its start (the number of groups if none). */
  readonly group: Int32Array;
}

/** The fit and the PH test of one design share its sorted rows (designs are not changed once built). */
const prepared = new WeakMap<CoxDesign, CoxData>();

/** What of CoxData follows from the rows' times and events alone. */
type TimeOrder = Pick<CoxData, 'order' | 'status' | 'groups' | 'groupOf' | 'deathsIn' | 'exits'>;

/**
 * Designs with the same time arrays share their time order: the time-split designs of one model
 * (tijdsplitsing.ts) differ only in their columns. Keyed by the array of times, and valid for the
 * events and entries it was made with (arrays are not changed once a design is built).
 */
const timeOrders = new WeakMap<Float64Array, { gebeurtenis: Uint8Array; entry: Float64Array | undefined; order: TimeOrder }>();

function timeOrder(design: CoxDesign): TimeOrder {
  const known = timeOrders.get(design.tijd);
  if (known && known.gebeurtenis === design.gebeurtenis && known.entry === design.entry) return known.order;
  const { n, tijd } = design;
  const order = orderByTime(tijd, true);
  const status = new Uint8Array(n);
  const groupOf = new Int32Array(n);
  const starts: number[] = [];
  for (let s = 0; s < n; s++) {
    status[s] = design.gebeurtenis[order[s]!]!;
    if (s === 0 || tijd[order[s]!] !== tijd[order[s - 1]!]) starts.push(s);
    groupOf[s] = starts.length - 1;
  }
  starts.push(n);
  const groups = Int32Array.from(starts);
  const deathsIn = new Int32Array(groups.length - 1);
  for (let s = 0; s < n; s++) deathsIn[groupOf[s]!]! += status[s]!;
  const result: TimeOrder = { order, status, groups, groupOf, deathsIn, exits: design.entry ? exitsOf(design, order, groups) : null };
  timeOrders.set(tijd, { gebeurtenis: design.gebeurtenis, entry: design.entry, order: result });
  return result;
}

/** The design's rows sorted by time, latest first (ties in row order), in sparse form, with their groups of tied times. */
export function coxData(design: CoxDesign): CoxData {
  const known = prepared.get(design);
  if (known) return known;
  const { n, p } = design;
  const time = timeOrder(design);
  const data: CoxData = {
    ...time,
    rows: sparseRows(design.x, n, p, time.order, false),
    lp: new Float64Array(n),
    w: new Float64Array(n),
  };
  prepared.set(design, data);
  return data;
}

/**
 * Counting-process rows (start, stop]: a row leaves the risk set, going back in time, at the
 * first event time at or before its start.
 */
function exitsOf(design: CoxDesign, order: Int32Array, groups: Int32Array): Exits {
  const { n, model, tijd } = design;
  const entry = design.entry!;
  if (entry.length !== n) throw new InternalError(`fitCox(${model}): entry has ${entry.length} values for ${n} rows`);
  for (let i = 0; i < n; i++) {
    if (!(entry[i]! >= 0 && entry[i]! < tijd[i]!)) throw new InternalError(`fitCox(${model}): row ${i + 1} starts at ${entry[i]}, not before its end ${tijd[i]}`);
  }
  const startOf = new Float64Array(n);
  for (let s = 0; s < n; s++) startOf[s] = entry[order[s]!]!;
  const pos = orderByTime(startOf, true);
  const start = new Float64Array(n);
  for (let e = 0; e < n; e++) start[e] = startOf[pos[e]!]!;
  const groupCount = groups.length - 1;
  const groupTime = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) groupTime[g] = tijd[order[groups[g]!]!]!;
  const group = new Int32Array(n).fill(groupCount);
  for (let g = 0, e = 0; g < groupCount; g++) for (; e < n && start[e]! >= groupTime[g]!; e++) group[pos[e]!] = g;
  return { pos, start, groupTime, group };
}

/** Log partial likelihood (Efron), score and information at beta. */
function evaluateCox(data: CoxData, beta: Float64Array): Evaluation {
  const { loglik, score, info } = riskSetSums(data, beta, [new Float64Array(data.deathsIn.length).fill(1)]);
  return { loglik, score: score[0]!, info: info[0]! };
}

/**
 * The log partial likelihood at beta, and for each weight h (one value per group of tied
 * times) the sums over event times of h(t) times the score and the information at t. A weight
 * of 1 gives the fit's score and information; the PH test takes g(t) and g(t)^2 as well.
 */
export function riskSetSums(data: CoxData, beta: Float64Array, h: readonly Float64Array[]): { loglik: number; score: Float64Array[]; info: Float64Array[] } {
  const { rows, deathsIn, exits } = data;
  const { p } = rows;
  const groupCount = deathsIn.length;
  weights(data, beta);
  const pass: CoxPass = {
    data,
    h,
    loglik: 0,
    score: h.map(() => new Float64Array(p)),
    info: h.map(() => new Float64Array(p * p)),
    s0: 0,
    s1: new Float64Array(p),
    d0: 0,
    d1: new Float64Array(p),
    x1: new Float64Array(p),
    a0: new Float64Array(groupCount),
    a1: new Float64Array(groupCount),
  };
  let exit = 0;
  for (let g = 0; g < groupCount; g++) {
    if (exits) exit = removeStarted(pass, exits, g, exit);
    addGroup(pass, g);
    if (deathsIn[g]! > 0) addEfron(pass, g);
  }
  addOuterProducts(pass);
  for (const m of pass.info) symmetrize(m, p);
  return { loglik: pass.loglik, score: pass.score, info: pass.info };
}

/**
 * The state of the first pass: the log likelihood, the weighted scores and informations so
 * far; the risk-set sums S0, S1 and those of the current time's events (d0, d1, and x1 = sum of
 * their x); Efron's A0 and A1 of each group, for the second pass.
 */
interface CoxPass {
  readonly data: CoxData;
  readonly h: readonly Float64Array[];
  loglik: number;
  readonly score: Float64Array[];
  readonly info: Float64Array[];
  s0: number;
  readonly s1: Float64Array;
  d0: number;
  readonly d1: Float64Array;
  readonly x1: Float64Array;
  readonly a0: Float64Array;
  readonly a1: Float64Array;
}

/** Each row's linear predictor, shifted by the maximum so exp() stays finite, and its exp (into data.lp, data.w). */
function weights(data: CoxData, beta: Float64Array): void {
  const { lp, w } = data;
  const { n, start, col, val } = data.rows;
  let maxEta = -Infinity;
  for (let s = 0; s < n; s++) {
    let e = 0;
    for (let k = start[s]!; k < start[s + 1]!; k++) e += beta[col[k]!]! * val[k]!;
    lp[s] = e;
    if (e > maxEta) maxEta = e;
  }
  for (let s = 0; s < n; s++) {
    lp[s] = lp[s]! - maxEta;
    w[s] = Math.exp(lp[s]!);
  }
}

/** Adds w times row s to v. */
function addRow(rows: SparseRows, s: number, w: number, v: Float64Array): void {
  const { start, col, val } = rows;
  for (let k = start[s]!; k < start[s + 1]!; k++) v[col[k]!] = v[col[k]!]! + w * val[k]!;
}

/**
 * Counting process: rows that start at or after group g's time are not at risk at it (they
 * were added with a later end); subtract them, as R's agreg does. Subtracting w is adding -w,
 * exactly (IEEE negation and rounding are symmetric). Returns the next row to remove.
 */
function removeStarted(pass: CoxPass, exits: Exits, g: number, from: number): number {
  const { rows, w } = pass.data;
  const t = exits.groupTime[g]!;
  let exit = from;
  for (; exit < rows.n && exits.start[exit]! >= t; exit++) {
    const s = exits.pos[exit]!;
    pass.s0 -= w[s]!;
    addRow(rows, s, -w[s]!, pass.s1);
  }
  return exit;
}

/** The rows of group g join the risk set; its events add to the log likelihood and to d0, d1 and x1. */
function addGroup(pass: CoxPass, g: number): void {
  const { rows, lp, w, status, groups } = pass.data;
  pass.d0 = 0;
  pass.d1.fill(0);
  pass.x1.fill(0);
  for (let s = groups[g]!; s < groups[g + 1]!; s++) {
    const ws = w[s]!;
    pass.s0 += ws;
    addRow(rows, s, ws, pass.s1);
    if (status[s] !== 1) continue;
    pass.loglik += lp[s]!;
    addRow(rows, s, 1, pass.x1);
    pass.d0 += ws;
    addRow(rows, s, ws, pass.d1);
  }
}

/**
 * Efron at an event time: the sum over r = 0..d-1 of the risk set with the fraction r/d of the
 * d deaths removed, in closed form. Adds the log likelihood, the score x1 - (S1 A0 - d1 A1) and
 * minus the outer products of the means, S1 S1' B0 - (S1 d1' + d1 S1') B1 + d1 d1' B2, each times
 * the time's weights; keeps A0 and A1 for the second pass.
 */
function addEfron(pass: CoxPass, g: number): void {
  const { s1, d1, x1, h, score, info } = pass;
  const d = pass.data.deathsIn[g]!;
  const p = s1.length;
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
  pass.a0[g] = A0;
  pass.a1[g] = A1;
  for (let m = 0; m < h.length; m++) {
    const hg = h[m]![g]!;
    const u = score[m]!;
    const v = info[m]!;
    for (let a = 0; a < p; a++) {
      const s1a = s1[a]!;
      const d1a = d1[a]!;
      u[a] = u[a]! + hg * (x1[a]! - (s1a * A0 - d1a * A1));
      const row = a * p;
      for (let b = 0; b <= a; b++) {
        const s1b = s1[b]!;
        const d1b = d1[b]!;
        v[row + b] = v[row + b]! - hg * (s1a * s1b * B0 - (s1a * d1b + d1a * s1b) * B1 + d1a * d1b * B2);
      }
    }
  }
}

/**
 * The second pass: the information's sum over event times of h (A0 S2 - A1 D2), record by
 * record. A record is in S2 at the event times from its own back to its entry, so it adds
 * w x x' times the sum of h A0 over those times (the difference of a running sum), less h A1
 * of its own time when it is one of that time's events (D2).
 */
function addOuterProducts(pass: CoxPass): void {
  const { rows, w, status, groupOf, exits, deathsIn } = pass.data;
  const groupCount = deathsIn.length;
  for (let m = 0; m < pass.h.length; m++) {
    const hm = pass.h[m]!;
    const info = pass.info[m]!;
    // cum[g]: the sum of h A0 over the event times at or before group g's.
    const cum = new Float64Array(groupCount + 1);
    for (let g = groupCount - 1; g >= 0; g--) cum[g] = cum[g + 1]! + hm[g]! * pass.a0[g]!;
    for (let s = 0; s < rows.n; s++) {
      const g = groupOf[s]!;
      const c = cum[g]! - cum[exits ? exits.group[s]! : groupCount]! - (status[s] === 1 ? hm[g]! * pass.a1[g]! : 0);
      if (c !== 0) addOuter(rows, s, w[s]! * c, info);
    }
  }
}

/** Adds c times the outer product of row s with itself to the lower triangle of v. */
function addOuter(rows: SparseRows, s: number, c: number, v: Float64Array): void {
  const { p, start, col, val } = rows;
  const a0 = start[s]!;
  const a1 = start[s + 1]!;
  for (let ka = a0; ka < a1; ka++) {
    const ca = c * val[ka]!;
    const row = col[ka]! * p;
    for (let kb = a0; kb <= ka; kb++) v[row + col[kb]!] = v[row + col[kb]!]! + ca * val[kb]!;
  }
}
