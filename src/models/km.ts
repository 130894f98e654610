/**
 * Kaplan–Meier estimates with Greenwood variance, as R's `survfit(Surv(tijd, gebeurtenis) ~ 1)`
 * with its defaults (`conf.type = "log"`, 95%): the limits are S * exp(±1.96 se) with se the
 * Greenwood standard error of log S, sqrt(sum d / (n (n - d))), and the upper limit capped at 1.
 *
 * The report shows the cumulative incidence 1 - S(t) at the end of months 1..24 after release;
 * its limits are 1 - upper and 1 - lower. "End of month m" is `monthEndDay(m)` days after
 * release.
 */
import { InternalError } from '../util/errors.ts';
import { Z_975 } from './normal.ts';

/** The full Kaplan–Meier curve: one entry per distinct time (events and censorings). */
export interface KaplanMeier {
  readonly n: number;
  readonly events: number;
  readonly time: Float64Array;
  readonly nRisk: Int32Array;
  readonly nEvent: Int32Array;
  readonly nCensor: Int32Array;
  readonly surv: Float64Array;
  /** Greenwood standard error of log S (R's `std.err`); Infinity once S = 0. */
  readonly stdErr: Float64Array;
  /** 95% limits of S on the log scale; null once S = 0 (R gives NA). */
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

/** The curve of a right-censored sample: `tijd` in days, `gebeurtenis` 0/1. */
export function kaplanMeier(tijd: ArrayLike<number>, gebeurtenis: ArrayLike<number>): KaplanMeier {
  const n = tijd.length;
  if (gebeurtenis.length !== n) throw new InternalError('kaplanMeier: tijd and gebeurtenis differ in length');
  const order = orderByTime(tijd);
  const time: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const surv: number[] = [];
  const stdErr: number[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  let s = 1;
  let greenwood = 0;
  let atRisk = n;
  let events = 0;
  for (let k = 0; k < n; ) {
    const t = tijd[order[k]!]!;
    if (!Number.isFinite(t)) throw new InternalError(`kaplanMeier: time ${t} is not finite`);
    let d = 0;
    let c = 0;
    for (; k < n && tijd[order[k]!] === t; k++) {
      const e = gebeurtenis[order[k]!];
      if (e === 1) d++;
      else if (e === 0) c++;
      else throw new InternalError(`kaplanMeier: gebeurtenis ${String(e)} is not 0 or 1`);
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood = d < atRisk ? greenwood + d / (atRisk * (atRisk - d)) : Infinity;
    }
    const se = Math.sqrt(greenwood);
    time.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    surv.push(s);
    stdErr.push(se);
    if (s > 0 && Number.isFinite(se)) {
      lower.push(s * Math.exp(-Z_975 * se));
      upper.push(Math.min(1, s * Math.exp(Z_975 * se)));
    } else {
      lower.push(null);
      upper.push(null);
    }
    events += d;
    atRisk -= d + c;
  }
  return {
    n,
    events,
    time: Float64Array.from(time),
    nRisk: Int32Array.from(nRisk),
    nEvent: Int32Array.from(nEvent),
    nCensor: Int32Array.from(nCensor),
    surv: Float64Array.from(surv),
    stdErr: Float64Array.from(stdErr),
    lower,
    upper,
  };
}

/**
 * The rows in order of time, ascending (or descending), ties in row order: what a stable sort
 * by time gives. Times in whole days, as the monitor's are, take a counting sort, O(n + days),
 * several times faster than a sort with a comparator on the 100,000 records of a cohort; any
 * other times (fractions, negative, not finite) take that sort.
 */
export function orderByTime(tijd: ArrayLike<number>, descending = false): Int32Array {
  const n = tijd.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = tijd[i]!;
    if (!Number.isInteger(t) || t < 0 || t > 4 * n + 1024) {
      const order = Int32Array.from({ length: n }, (_, j) => j);
      return descending ? order.sort((a, b) => tijd[b]! - tijd[a]!) : order.sort((a, b) => tijd[a]! - tijd[b]!);
    }
    if (t > max) max = t;
  }
  // Counting sort on the key t (or max - t): count each key, turn the counts into the first
  // position of each key, then place the rows in row order.
  const first = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) first[(descending ? max - tijd[i]! : tijd[i]!) + 1]!++;
  for (let key = 1; key <= max + 1; key++) first[key]! += first[key - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[first[descending ? max - tijd[i]! : tijd[i]!]!++] = i;
  return order;
}

/**
 * The day count that ends month m after release: floor(m * 365.25 / 12), so month 1 ends on
 * day 30, month 12 on day 365 and month 24 on day 730. Events on that day count in month m.
 */
export function monthEndDay(m: number): number {
  return Math.floor((m * 365.25) / 12);
}

/** The curve read at one time t (events at t included). */
export interface KmPoint {
  readonly dag: number;
  /** Records with tijd >= dag (R's `n.risk` of `summary(fit, times = dag)`). */
  readonly atRisk: number;
  /** Events with tijd <= dag. */
  readonly events: number;
  readonly surv: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Reads the step function at day `t`. */
export function kmAt(km: KaplanMeier, t: number): KmPoint {
  // Last index with time <= t.
  let lo = 0;
  let hi = km.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (km.time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const idx = lo - 1;
  let events = 0;
  for (let i = 0; i <= idx; i++) events += km.nEvent[i]!;
  // At risk at t: everyone with tijd >= t, i.e. the risk set of the first time >= t.
  const first = idx >= 0 && km.time[idx] === t ? idx : lo;
  const atRisk = first < km.time.length ? km.nRisk[first]! : 0;
  if (idx < 0) return { dag: t, atRisk, events: 0, surv: 1, lower: 1, upper: 1 };
  return { dag: t, atRisk, events, surv: km.surv[idx]!, lower: km.lower[idx]!, upper: km.upper[idx]! };
}

/** The cumulative incidence 1 - S at a point, with its limits 1 - upper and 1 - lower (null once S = 0). */
export function cumulatieveIncidentie(pt: KmPoint): { cumulatief: number; ciLaag: number | null; ciHoog: number | null } {
  return {
    cumulatief: 1 - pt.surv,
    ciLaag: pt.upper === null ? null : 1 - pt.upper,
    ciHoog: pt.lower === null ? null : 1 - pt.lower,
  };
}

/** One month of the cumulative recidive curve, as R's `summary(fit, times)` reads it. */
export interface MonthlyIncidence {
  readonly maand: number;
  readonly dag: number;
  readonly atRisk: number;
  readonly events: number;
  /** 1 - S(dag). */
  readonly cumulatief: number;
  /** 1 - upper limit of S; null when S = 0. */
  readonly ciLaag: number | null;
  /** 1 - lower limit of S; null when S = 0. */
  readonly ciHoog: number | null;
  /** Disclosure: fewer than k at risk or fewer than k events behind the point. */
  readonly onderdrukt: boolean;
}

/**
 * The cumulative incidence 1 - S(t) at the end of months 1..`months` (see `monthEndDay`),
 * with 95% limits and its counts, marking a point with fewer than k at risk or events. The
 * published curves do not use this simple rule: km-curves.ts reads them and disclosure.ts
 * delays their steps.
 */
export function cumulativeIncidenceByMonth(km: KaplanMeier, months = 24, k = 10): MonthlyIncidence[] {
  const out: MonthlyIncidence[] = [];
  for (let m = 1; m <= months; m++) {
    const pt = kmAt(km, monthEndDay(m));
    out.push({
      maand: m,
      dag: pt.dag,
      atRisk: pt.atRisk,
      events: pt.events,
      ...cumulatieveIncidentie(pt),
      onderdrukt: pt.atRisk < k || pt.events < k,
    });
  }
  return out;
}
