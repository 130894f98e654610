/**
 * The time-split fit for a covariate that fails the test of proportional hazards (docs/models.md,
 * "Proportional hazards"): its hazard ratios for months 0–6 and 6–24 of follow-up apart.
 *
 * Episode splitting, as R's `survSplit(..., cut = 182)`: a record followed beyond day
 * SPLITS_DAG (182, the end of month 6 in the convention of km.ts, monthEndDay(6)) becomes two
 * rows, (0, 182] without an event and (182, tijd] with the record's outcome; a record followed
 * up to day 182 stays one row. Each column of the covariate becomes two, `<term>@0-6m` (its
 * value in the first row, 0 in the second) and `<term>@6-24m` (the other way round); the other
 * columns keep their value in both rows. The counting-process Cox fit (Efron ties) then gives
 * one ratio per period, with the other covariates' ratios held constant over time.
 *
 * Months count from the model's time origin: for cox_basis and cox_interactie that is the
 * landmark at 1m_na, so "0–6m" are the first six months after 1m_na.
 *
 * Disclosure: a period column with fewer than k rows with a 1 or fewer than k events among them
 * would show a small group; the covariate is then not split (status 'onderdrukt'), as a small
 * level is merged in the model itself.
 */
import { InternalError } from '../util/errors.ts';
import type { CoxDesign, SmallCount, TermInfo } from './design.ts';
import { fitCox } from './cox.ts';
import { ModelError, type ModelFailure } from './errors.ts';
import { monthEndDay } from './km.ts';
import { waldTable, type WaldRow } from './wald.ts';
import type { PhGroep } from './zph.ts';

/** The cut: the end of month 6 after the origin (day 182). */
export const SPLITS_DAG = monthEndDay(6);

/** The suffixes of the two periods' terms. */
export const PERIODEN = ['0-6m', '6-24m'] as const;
export type Periode = (typeof PERIODEN)[number];

/** One period's ratio of one column of the covariate. */
export interface PeriodeTerm extends WaldRow {
  /** The model term it splits, e.g. `activiteit:werk`. */
  readonly basisterm: string;
  readonly periode: Periode;
}

export type Tijdsplitsing =
  | { readonly covariaat: string; readonly status: 'geschat'; readonly termen: readonly PeriodeTerm[] }
  | { readonly covariaat: string; readonly status: 'onderdrukt'; readonly reden: SmallCount }
  /** Could not be estimated; plain fields (not the ModelError) so the results cache keeps them. */
  | { readonly covariaat: string; readonly status: 'fout'; readonly failure: ModelFailure; readonly tekst: string };

/** The episode-split design of `design` with the columns of `groep` split at `cut` days. */
export function splitDesign(design: CoxDesign, groep: PhGroep, cut = SPLITS_DAG): CoxDesign {
  if (design.entry) throw new InternalError('splitDesign: the design is already split');
  const { n, p, x, tijd } = design;
  const gesplitst = new Set(groep.columns);
  // Columns of the new design: for each old column, itself or its two periods.
  const bron: { j: number; periode: 0 | 1 | null }[] = [];
  const terms: TermInfo[] = [];
  design.terms.forEach((t, j) => {
    if (!gesplitst.has(j)) {
      bron.push({ j, periode: null });
      terms.push(t);
      return;
    }
    PERIODEN.forEach((per, k) => {
      bron.push({ j, periode: k as 0 | 1 });
      terms.push({ kind: 'numeric', term: `${t.term}@${per}` });
    });
  });
  const q = bron.length;
  const { rows, entry, stop, event } = episodes(design, cut);
  const xs = new Float64Array(rows * q);
  // Each new column's source column, and its period (-1: not split, the value in both rows).
  const kolom = Int32Array.from(bron, (b) => b.j);
  const periode = Int8Array.from(bron, (b) => b.periode ?? -1);
  const vul = (i: number, rij: number, per: 0 | 1) => {
    for (let c = 0; c < q; c++) if (periode[c]! < 0 || periode[c] === per) xs[rij * q + c] = x[i * p + kolom[c]!]!;
  };
  for (let i = 0, r = 0; i < n; i++) {
    vul(i, r++, 0);
    if (tijd[i]! > cut) vul(i, r++, 1);
  }
  return {
    kind: 'cox',
    model: design.model,
    n: rows,
    p: q,
    terms,
    x: xs,
    tijd: stop,
    gebeurtenis: event,
    entry,
    samengevoegd: design.samengevoegd,
    weggelaten: design.weggelaten,
  };
}

/** The episodes of a design split at a cut: how many rows, and each row's (entry, stop] and event. */
interface Episodes {
  readonly rows: number;
  readonly entry: Float64Array;
  readonly stop: Float64Array;
  readonly event: Uint8Array;
}

/**
 * Every split of one design at one cut has the same episodes, whichever columns it splits: made
 * once and shared, so that the split designs share their time arrays and with them the fit's
 * time order (cox.ts, coxData), which at scale 10 is a second of each fit.
 */
const gesplitsteTijden = new WeakMap<CoxDesign, Map<number, Episodes>>();

function episodes(design: CoxDesign, cut: number): Episodes {
  let perCut = gesplitsteTijden.get(design);
  if (!perCut) gesplitsteTijden.set(design, (perCut = new Map()));
  const known = perCut.get(cut);
  if (known) return known;
  const { n, tijd, gebeurtenis } = design;
  let rows = 0;
  for (let i = 0; i < n; i++) rows += tijd[i]! > cut ? 2 : 1;
  const entry = new Float64Array(rows);
  const stop = new Float64Array(rows);
  const event = new Uint8Array(rows);
  for (let i = 0, r = 0; i < n; i++) {
    if (tijd[i]! <= cut) {
      stop[r] = tijd[i]!;
      event[r++] = gebeurtenis[i]!;
    } else {
      stop[r++] = cut;
      entry[r] = cut;
      stop[r] = tijd[i]!;
      event[r++] = gebeurtenis[i]!;
    }
  }
  const result = { rows, entry, stop, event };
  perCut.set(cut, result);
  return result;
}

/**
 * Fits the time-split model for one failing group of columns, with the disclosure threshold k
 * on each period column. Returns the two periods' ratios of every column of the group.
 */
export function tijdsplitsing(design: CoxDesign, groep: PhGroep, k: number): Tijdsplitsing {
  const gesplitst = splitDesign(design, groep);
  const namen = new Set(groep.columns.map((j) => design.terms[j]!.term));
  const kolommen: number[] = [];
  gesplitst.terms.forEach((t, c) => {
    const at = t.term.lastIndexOf('@');
    if (at > 0 && namen.has(t.term.slice(0, at))) kolommen.push(c);
  });
  for (const c of kolommen) {
    let records = 0;
    let events = 0;
    for (let r = 0; r < gesplitst.n; r++) {
      if (gesplitst.x[r * gesplitst.p + c] !== 0) {
        records++;
        events += gesplitst.gebeurtenis[r]!;
      }
    }
    if (records < Math.max(k, 1)) return { covariaat: groep.term, status: 'onderdrukt', reden: 'records' };
    if (events < k) return { covariaat: groep.term, status: 'onderdrukt', reden: 'events' };
  }
  try {
    const rows = waldTable(fitCox(gesplitst));
    const termen = kolommen.map((c): PeriodeTerm => {
      const w = rows[c]!;
      const at = w.term.lastIndexOf('@');
      return { ...w, basisterm: w.term.slice(0, at), periode: w.term.slice(at + 1) as Periode };
    });
    return { covariaat: groep.term, status: 'geschat', termen };
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return { covariaat: groep.term, status: 'fout', failure: e.failure, tekst: e.message };
  }
}
