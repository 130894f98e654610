/**
 * The test of proportional hazards of a Cox fit, as R's `survival::cox.zph(fit, transform = "km")`
 * of survival 3.x computes it (docs/models.md, "Proportional hazards"): a score test per covariate and
 * a global one, not the older correlation test of survival 2.x.
 *
 * The test asks whether the coefficients beta change linearly in g(t), with g the Kaplan–Meier
 * transform of time: g(t) = 1 - S(t-) for the Kaplan–Meier S of the whole frame, centred on its
 * mean over the events. Extending the model with beta + theta g(t) and testing theta = 0 at the
 * fitted beta (one Newton step from theta = 0, as R's `zph1`), the score of theta is
 *
 *   U = sum over events i of g(t_i) (x_i - xbar(t_i)),
 *
 * and the information of (beta, theta) is the 2p x 2p matrix with blocks
 * sum V(t), sum g V(t), sum g^2 V(t) over the event times, V(t) the weighted covariance of the
 * risk set (Efron's approximation for tied events, as in the fit). For a group J of columns
 * (the levels of one covariate, or one interaction) the test is chisq = u' I_JJ^{-1} u with
 * u = (0, U_J) and I_JJ the information of beta and theta_J, on |J| degrees of freedom; GLOBAL
 * takes all columns at once, on p degrees of freedom. The first p entries of u are 0 rather
 * than the score of beta at the estimate (which is 0 up to convergence), as in R.
 *
 * Groups follow cox.zph with `terms = TRUE`: R's model terms. A factor is one term with one
 * column per estimated level (a level merged into its reference has no column), an
 * interaction written as its own 0/1 column is a term of one column, so is a numeric column.
 */
import { InternalError } from '../util/errors.ts';
import type { CoxDesign, TermInfo } from './design.ts';
import type { ModelFit } from './fit.ts';
import { ldl, ldlSolve } from './linalg.ts';
import { pchisqUpper } from './chisq.ts';
import { phSingulier } from './messages.ts';

/** One row of the test: a covariate (or interaction), or `GLOBAL`. */
export interface PhToets {
  readonly term: string;
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
}

/**
 * A covariate fails the test at p below this (docs/models.md): the report then says that its
 * association changes over time and gives its ratios for two periods (tijdsplitsing.ts).
 */
export const PH_ALFA = 0.01;

/** The name of GLOBAL in cox.zph's table. */
export const PH_GLOBAL = 'GLOBAL';

/** A group of the design's columns tested together, named as cox.zph names its term. */
export interface PhGroep {
  readonly term: string;
  readonly columns: readonly number[];
}

/** The column groups of cox.zph (`terms = TRUE`): levels by covariate, anything else alone. */
export function phGroepen(terms: readonly TermInfo[]): PhGroep[] {
  const groepen: { term: string; columns: number[] }[] = [];
  const byCovariate = new Map<string, { term: string; columns: number[] }>();
  terms.forEach((t, j) => {
    if (t.kind === 'level') {
      let g = byCovariate.get(t.covariate);
      if (!g) {
        g = { term: t.covariate, columns: [] };
        byCovariate.set(t.covariate, g);
        groepen.push(g);
      }
      g.columns.push(j);
    } else {
      groepen.push({ term: t.term, columns: [j] });
    }
  });
  return groepen;
}

/**
 * The g(t) of transform = "km" for every record: 1 - S(t-) with S the Kaplan–Meier curve of the
 * whole frame, minus its mean over the records with an event (R: `ttimes - mean(ttimes[event])`).
 */
export function kmTransform(tijd: ArrayLike<number>, gebeurtenis: ArrayLike<number>): Float64Array {
  const n = tijd.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => tijd[a]! - tijd[b]!);
  const g = new Float64Array(n);
  let s = 1;
  let atRisk = n;
  for (let k = 0; k < n; ) {
    const t = tijd[order[k]!]!;
    let d = 0;
    let m = k;
    // Every record at t gets 1 - S just before t.
    for (; m < n && tijd[order[m]!] === t; m++) {
      g[order[m]!] = 1 - s;
      d += gebeurtenis[order[m]!]!;
    }
    if (d > 0) s *= 1 - d / atRisk;
    atRisk -= m - k;
    k = m;
  }
  let sum = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (gebeurtenis[i] === 1) {
      sum += g[i]!;
      events++;
    }
  }
  const mean = events > 0 ? sum / events : 0;
  for (let i = 0; i < n; i++) g[i] = g[i]! - mean;
  return g;
}

/** The score U of theta and the 2p x 2p information (row-major), R's `zph1` with Efron ties. */
function zphScore(design: CoxDesign, coef: readonly number[], g: Float64Array): { u: Float64Array; imat: Float64Array } {
  const { n, p, tijd, gebeurtenis } = design;
  const { xc, eta, maxEta } = centredPredictor(design, coef);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => tijd[b]! - tijd[a]!);
  const q = 2 * p;
  const sums: ZphSums = {
    p,
    xc,
    u: new Float64Array(q),
    imat: new Float64Array(q * q),
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
    denom: 0,
  };
  for (let k = 0; k < n; ) {
    const t = tijd[order[k]!]!;
    const timewt = g[order[k]!]!;
    let ndead = 0;
    let denom2 = 0;
    sums.a2.fill(0);
    sums.cmat2.fill(0);
    for (; k < n && tijd[order[k]!] === t; k++) {
      const i = order[k]!;
      const risk = Math.exp(eta[i]! - maxEta);
      if (gebeurtenis[i] === 1) {
        ndead++;
        denom2 += risk;
        addEvent(sums, i, risk, timewt);
      } else {
        sums.denom += risk;
        addAtRisk(sums, i, risk);
      }
    }
    if (ndead > 0) addEfronTerms(sums, ndead, denom2, timewt);
  }
  // Fill in: the (theta, beta) block is symmetric as well (sum g V is), so its upper triangle
  // mirrors its lower; then the whole matrix is mirrored.
  const { u, imat } = sums;
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) imat[(c + p) * q + r] = imat[(r + p) * q + c]!;
  for (let r = 0; r < q; r++) for (let c = r + 1; c < q; c++) imat[r * q + c] = imat[c * q + r]!;
  return { u, imat };
}

/** The columns centred, as zph1 does for the conditioning of the sums of squares, and the linear predictor on them. */
function centredPredictor(design: CoxDesign, coef: readonly number[]): { xc: Float64Array; eta: Float64Array; maxEta: number } {
  const { n, p, x } = design;
  const xc = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * p + j]!;
    mean /= n;
    for (let i = 0; i < n; i++) xc[i * p + j] = x[i * p + j]! - mean;
  }
  const eta = new Float64Array(n);
  let maxEta = -Infinity;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) e += coef[j]! * xc[i * p + j]!;
    eta[i] = e;
    if (e > maxEta) maxEta = e;
  }
  return { xc, eta, maxEta };
}

/**
 * The running sums of the backward pass: the score `u` and information `imat` of (beta, theta),
 * the risk set's weight `denom`, weighted sums `a` and cross-products `cmat`, and those of the
 * current time's events (`a2`, `cmat2`), added to the risk set term by term (Efron).
 */
interface ZphSums {
  readonly p: number;
  readonly xc: Float64Array;
  readonly u: Float64Array;
  readonly imat: Float64Array;
  readonly a: Float64Array;
  readonly a2: Float64Array;
  readonly cmat: Float64Array;
  readonly cmat2: Float64Array;
  denom: number;
}

/** A record with an event at the current time: its score terms, and its weight for the Efron terms. */
function addEvent(sums: ZphSums, i: number, risk: number, timewt: number): void {
  const { p, xc, u, a2, cmat2 } = sums;
  const row = i * p;
  for (let r = 0; r < p; r++) {
    const xr = xc[row + r]!;
    u[r] = u[r]! + xr;
    u[r + p] = u[r + p]! + timewt * xr;
    a2[r] = a2[r]! + risk * xr;
    for (let c = 0; c <= r; c++) cmat2[r * p + c] = cmat2[r * p + c]! + risk * xr * xc[row + c]!;
  }
}

/** A record censored at the current time: it joins the risk set at once. */
function addAtRisk(sums: ZphSums, i: number, risk: number): void {
  const { p, xc, a, cmat } = sums;
  const row = i * p;
  for (let r = 0; r < p; r++) {
    const xr = xc[row + r]!;
    a[r] = a[r]! + risk * xr;
    for (let c = 0; c <= r; c++) cmat[r * p + c] = cmat[r * p + c]! + risk * xr * xc[row + c]!;
  }
}

/**
 * Efron: d terms, the risk set holding the fraction 1/d, 2/d, ..., 1 of the deaths' weight
 * (added step by step), each term counting as one death.
 */
function addEfronTerms(sums: ZphSums, ndead: number, denom2: number, timewt: number): void {
  const { p, u, imat, a, a2, cmat, cmat2 } = sums;
  const q = 2 * p;
  for (let s = 0; s < ndead; s++) {
    sums.denom += denom2 / ndead;
    const denom = sums.denom;
    for (let r = 0; r < p; r++) {
      a[r] = a[r]! + a2[r]! / ndead;
      const mean = a[r]! / denom;
      u[r] = u[r]! - mean;
      u[r + p] = u[r + p]! - timewt * mean;
      for (let c = 0; c <= r; c++) {
        cmat[r * p + c] = cmat[r * p + c]! + cmat2[r * p + c]! / ndead;
        const v = (cmat[r * p + c]! - mean * a[c]!) / denom;
        // Lower triangles of the three blocks: (beta, beta), (theta, beta), (theta, theta).
        imat[r * q + c] = imat[r * q + c]! + v;
        imat[(r + p) * q + c] = imat[(r + p) * q + c]! + timewt * v;
        imat[(r + p) * q + (c + p)] = imat[(r + p) * q + (c + p)]! + timewt * timewt * v;
      }
    }
  }
}

function quadratic(imat: Float64Array, q: number, idx: readonly number[], u: readonly number[]): number {
  const m = idx.length;
  const sub = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) sub[r * m + c] = imat[idx[r]! * q + idx[c]!]!;
  const fac = ldl(sub, m);
  if (fac.singular.length > 0) return Number.NaN;
  const sol = ldlSolve(fac, u);
  let s = 0;
  for (let r = 0; r < m; r++) s += sol[r]! * u[r]!;
  return s;
}

/**
 * cox.zph(fit, transform = "km") of a Cox fit on its design: one row per group (by default
 * phGroepen of the design's terms; a design of numeric columns can name its own), then GLOBAL.
 */
export function coxZph(design: CoxDesign, fit: Pick<ModelFit, 'coef'>, groepen: readonly PhGroep[] = phGroepen(design.terms)): PhToets[] {
  const { p } = design;
  // A model with no column left (every level merged into its reference) has nothing to test.
  if (p === 0) return [];
  if (fit.coef.length !== p) throw new InternalError(`coxZph: ${fit.coef.length} coefficients for ${p} columns`);
  const g = kmTransform(design.tijd, design.gebeurtenis);
  const { u, imat } = zphScore(design, fit.coef, g);
  const q = 2 * p;
  const beta = Array.from({ length: p }, (_, j) => j);
  const rij = (term: string, columns: readonly number[]): PhToets => {
    const idx = [...beta, ...columns.map((j) => j + p)];
    const vec = [...beta.map(() => 0), ...columns.map((j) => u[j + p]!)];
    const chisq = quadratic(imat, q, idx, vec);
    if (!Number.isFinite(chisq)) {
      // Singular information of (beta, theta): R's cox.zph stops here too (solve() fails).
      throw phSingulier(design.model, term);
    }
    const df = columns.length;
    return { term, chisq, df, p: pchisqUpper(chisq, df) };
  };
  const all = Array.from({ length: p }, (_, j) => j);
  return [...groepen.map((gr) => rij(gr.term, gr.columns)), rij(PH_GLOBAL, all)];
}
