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
import { coxData, riskSetSums } from './cox.ts';
import type { ModelFit } from './fit.ts';
import { orderByTime } from './km.ts';
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
  const order = orderByTime(tijd);
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

/**
 * The score U of theta and the 2p x 2p information (row-major), R's `zph1` with Efron ties: the
 * passes of the Cox fit at its estimate (cox.ts, riskSetSums), with weights 1, g and g^2 per
 * event time for the blocks sum V, sum g V and sum g^2 V, and g for U.
 */
function zphScore(design: CoxDesign, coef: readonly number[], g: Float64Array): { u: Float64Array; imat: Float64Array } {
  const { p } = design;
  const data = coxData(design);
  const groupCount = data.deathsIn.length;
  // g(t) of each group of tied times: every record at a time has the same g.
  const g1 = new Float64Array(groupCount);
  for (let k = 0; k < groupCount; k++) g1[k] = g[data.order[data.groups[k]!]!]!;
  const g2 = g1.map((x) => x * x);
  const { score, info } = riskSetSums(data, Float64Array.from(coef), [new Float64Array(groupCount).fill(1), g1, g2]);
  const [v0, v1, v2] = info as [Float64Array, Float64Array, Float64Array];
  const q = 2 * p;
  const u = new Float64Array(q);
  const imat = new Float64Array(q * q);
  for (let r = 0; r < p; r++) {
    u[r + p] = score[1]![r]!;
    for (let c = 0; c < p; c++) {
      imat[r * q + c] = v0[r * p + c]!;
      // sum g V is symmetric: the (theta, beta) block and its mirror (beta, theta) are equal.
      imat[(r + p) * q + c] = v1[r * p + c]!;
      imat[r * q + (c + p)] = v1[r * p + c]!;
      imat[(r + p) * q + (c + p)] = v2[r * p + c]!;
    }
  }
  return { u, imat };
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
