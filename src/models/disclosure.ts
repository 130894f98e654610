/**
 * Disclosure control of the Kaplan–Meier curves (recidive_km.csv), as docs/models.md, "Kaplan–Meier",
 * asks: nothing published may let a reader derive an event or censoring count between 1 and
 * k-1, also not by differencing consecutive months. This module holds the rules' types, the
 * state of the delay, rules 1, 2 and 5 and the audit; km-vertraging.ts applies them in turn
 * (vertraagKm) together with rule 4.
 *
 * What a reader has. Per curve and month: the cumulative recidive with its limits, and at_risk.
 * indicatoren.csv publishes the size n of every curve by cohort and groep (the noemer of a
 * status indicator at the moment the curve's population is drawn), and without censoring
 * 1 - S = E / n, so we treat the number of events E behind every published value as known
 * exactly. Differencing two months then gives the events in between, and at_risk the events
 * plus censorings in between.
 *
 * 1. Delay (primary). Per curve, the month ends at which the curve is shown to step are chosen
 *    from month 1 on: month m is a visible step when at least k events lie between the previous
 *    visible step (or the start) and the end of m. At every other month the curve repeats the
 *    value of its last visible step, with that step's confidence limits (Greenwood on the log
 *    scale, as km.ts computes them at that time): the events of those months are delayed to the
 *    next visible step or, after the last one, not shown at all. Every visible step therefore
 *    holds k or more events, and the difference of two consecutive published values is either
 *    0 or a step of at least k. Regel `vertraagd`.
 * 2. A curve with fewer than k events in all has no visible step and is suppressed whole: every
 *    month is published empty. Regel `gebeurtenissen_onder_drempel`.
 * 3. at_risk follows the delayed curve and is rounded down to a multiple of k: a month shows
 *    k * floor(A / k) with A the at_risk of its last visible step (n before the first), so
 *    nothing in a row changes between steps. A fresh at_risk per month would give a reader
 *    who knows that nobody was censored (the noemers of indicatoren.csv across moments can
 *    show that) the events of the hidden months to within the rounding, and together with the
 *    rule (fewer than k held back) often a count in 1..k-1: 5 delayed events and an at_risk
 *    5 above its multiple of 10 pin the count to 1..9. At a step the reader knows the events
 *    anyway; the rounding leaves the censorings between two steps known only to within 2k - 1
 *    values. Rounding down and not to the nearest multiple: every other threshold of the
 *    publication is "at least k", and a rounding interval that starts at a multiple of k is
 *    never cut short by it (nearest rounding would tell that a count shown as 10 under the rule
 *    "at least 10" is 10..14, and ceiling rounding that it is exactly 10). Fewer than k at risk
 *    shows 0.
 * 4. Totals and parts (secondary delay). The curves add up in E, month by month: the cohorts to
 *    their 'totaal' (per groep), rik and kv to 'totaal' (per cohort), the categories of each
 *    uitsplitsing to the rik curve of all cohorts (all of one population). The old rule (an
 *    exact at_risk and E per point, suppressing points below k and their partners) is no longer
 *    needed for at_risk, which is rounded, but the delay brings a new leak: at a month where a
 *    total and all but one part show a visible step, the one part's true E follows by
 *    subtraction, and with it its delayed events (1..k-1). And bounds do it without
 *    subtraction to one value: the rule says a delayed count is 0..k-1, so a total that steps
 *    by 15 while its two parts hold their events back puts each part's count in 6..9. So the
 *    true E of every curve at every month where it does not step is an unknown, the family
 *    equations link them, and while a delayed count (true E minus shown E, in 1..k-1) is
 *    determined by them (solved exactly by src/disclosure/recoverable.ts) or bounded
 *    inside 1..k-1 (the reader's bounds: 0 at a step, 0..k-1 where this rule held events back,
 *    open after a step delayed by rule 4 or 5, which may hold k or more; tightened along the
 *    equations to a fixed point), we delay one more visible step: of a curve in an equation
 *    with the leak, at that month or its last step before (which opens that curve's bounds),
 *    widening to further equations of the month when none has a step yet. Regel
 *    `vertraagd_secundair`.
 *    Delaying a step only enlarges the next visible step, so rule 1 still holds. Which step:
 *    the one whose delay distorts the published curve least, its events as a share of its
 *    curve times the months until that curve's next visible step (then key order). That is
 *    mostly a step of a large curve, often a total; preferring parts and small curves, as the
 *    old rule for suppression did, lowered month 24 of a kv cohort curve by up to 5.6
 *    percentage points on the synthetic data, against 2.4 this way.
 * 5. Published counts elsewhere (coupling). A curve may carry exact counts published in other
 *    files that its E is compared with (recidive_2j's teller for the curve of the same cohort
 *    and groep counts nearly the same events in nearly the same population). A visible step
 *    whose E differs from such a count by 1..k-1 would give away the events of the hidden tail
 *    or of the few who differ between the two definitions; it is delayed: regel
 *    `vertraagd_koppeling`. A curve left without any visible step is suppressed whole.
 *
 * The audit (onderdrukking.csv) gets one line per month at which a published curve does not
 * step, so whose events, if it has any, are delayed (regel `vertraagd`, or the rule of 4 or 5
 * when a step was due there), and one per month of a curve suppressed whole. It lists the
 * months without events too: listing only months with events would tell that a delayed count
 * is at least 1, and with the rule's "fewer than k" that it lies in 1..k-1.
 *
 * Not protected: bounds a reader gets with more than interval reasoning along the equations of
 * one month (linear programming over all months at once, with E rising month by month, could
 * in places narrow a count further). The cumulative values keep six decimals: for a curve
 * without censoring they give E exactly, which the rules above assume anyway.
 */
import { InternalError } from '../util/errors.ts';

export type KmRegel = 'gebeurtenissen_onder_drempel' | 'vertraagd' | 'vertraagd_secundair' | 'vertraagd_koppeling' | 'secundair';

export const KM_REGEL_TEKST: Record<KmRegel, string> = {
  gebeurtenissen_onder_drempel: 'minder gebeurtenissen (recidive) in de hele curve dan de drempel',
  vertraagd: 'stap uitgesteld: minder gebeurtenissen sinds de vorige zichtbare stap dan de drempel',
  vertraagd_secundair: 'stap uitgesteld: anders af te leiden uit een totaal en zijn delen',
  vertraagd_koppeling: 'stap uitgesteld: anders af te leiden uit een gepubliceerd aantal elders',
  secundair: 'curve onderdrukt: geen zichtbare stap over na uitstel',
};

/** The counts of one month the rules look at. */
interface KmTelling {
  /** At risk at the end of the month. */
  readonly atRisk: number;
  /** Events up to and including the end of the month. */
  readonly events: number;
}

/** One curve: an id, its size, and its points for months 1..M in order. */
export interface KmCurveTellingen {
  readonly id: string;
  readonly n: number;
  readonly punten: readonly KmTelling[];
  /** Exact counts published elsewhere that a visible E must not differ from by 1..k-1 (rule 5). */
  readonly gekoppeld?: readonly number[];
}

/** A total curve and the curves that add up to it (month by month, in E). */
export interface KmFamilie {
  readonly totaal: string;
  readonly delen: readonly string[];
}

export interface KmVertraging {
  /** Per curve id that is published: its visible steps (months, 1-based, ascending). */
  readonly stappen: ReadonlyMap<string, readonly number[]>;
  /** Curves suppressed whole. */
  readonly onderdrukt: ReadonlySet<string>;
  /** The audit: rule per `${curve id}#${maand}` for each delayed month and each month of a suppressed curve. */
  readonly regels: ReadonlyMap<string, KmRegel>;
}

/** at_risk as published (rule 3): rounded down to a multiple of k. */
export function rondAf(x: number, k: number): number {
  return k * Math.floor(x / k);
}

/** The month whose values month m shows: its last visible step at or before m, or 0 (the start). */
export function getoondeMaand(stappen: readonly number[], m: number): number {
  let g = 0;
  for (const s of stappen) if (s <= m) g = s;
  return g;
}

export const puntSleutel = (id: string, maand: number) => `${id}#${maand}`;
export const varNaam = (id: string, maand: number) => `E|${id}|${maand}`;
export function ontleed(v: string): { id: string; maand: number } {
  const laatste = v.lastIndexOf('|');
  return { id: v.slice(2, laatste), maand: Number(v.slice(laatste + 1)) };
}

/** Where the delay stands: the curves and threshold, and the steps, suppressions and delays so far. */
export interface Stand {
  readonly curves: readonly KmCurveTellingen[];
  readonly byId: ReadonlyMap<string, KmCurveTellingen>;
  readonly maanden: number;
  readonly k: number;
  /** Per curve id that is published: its visible steps. */
  readonly stappen: Map<string, number[]>;
  readonly onderdrukt: Set<string>;
  /** Steps delayed by rule 4 or 5, by puntSleutel. */
  readonly uitgesteld: Map<string, KmRegel>;
}

/** E: the events of curve `id` up to the end of month m (0 at the start). */
export function gebeurtenissen(stand: Stand, id: string, m: number): number {
  return m === 0 ? 0 : stand.byId.get(id)!.punten[m - 1]!.events;
}

export function zichtbaar(stand: Stand, id: string, m: number): boolean {
  return stand.stappen.get(id)?.includes(m) ?? false;
}

/** The E that month m of curve `id` shows: that of its last visible step (0 when suppressed). */
export function getoondE(stand: Stand, id: string, m: number): number {
  return stand.onderdrukt.has(id) ? 0 : gebeurtenissen(stand, id, getoondeMaand(stand.stappen.get(id)!, m));
}

/** Is the delayed count of month m of curve `id` (true E minus shown E) in 1..k-1? */
export function beschermd(stand: Stand, id: string, m: number): boolean {
  const uitstel = gebeurtenissen(stand, id, m) - getoondE(stand, id, m);
  return uitstel >= 1 && uitstel < stand.k;
}

/** Every curve has `maanden` points that a Kaplan–Meier count can give; anything else is a programmer error. */
export function validateCurves(curves: readonly KmCurveTellingen[], maanden: number): void {
  for (const c of curves) {
    if (c.punten.length !== maanden) throw new InternalError(`curve ${c.id}: expected ${maanden} points`);
    c.punten.forEach((p, i) => {
      const vorige = i === 0 ? { atRisk: c.n, events: 0 } : c.punten[i - 1]!;
      if (p.events < vorige.events || p.atRisk > vorige.atRisk || p.events > c.n) {
        throw new InternalError(`curve ${c.id}: month ${i + 1} is not a Kaplan–Meier count (events fall or at risk rises)`);
      }
    });
  }
}

/** Rules 1, 2 and 5 for one curve: its visible steps, or its suppression whole. */
export function zichtbareStappen(stand: Stand, c: KmCurveTellingen): void {
  const { k, maanden } = stand;
  const E = (m: number) => gebeurtenissen(stand, c.id, m);
  if (E(maanden) < k) {
    stand.onderdrukt.add(c.id);
    return;
  }
  const s: number[] = [];
  let laatste = 0;
  for (let m = 1; m <= maanden; m++) {
    if (E(m) - laatste >= k) {
      s.push(m);
      laatste = E(m);
    }
  }
  // Rule 5: delaying a step leaves the E of the others as they are, so one pass suffices.
  const gekoppeld = c.gekoppeld ?? [];
  const blijft = s.filter((m) => {
    const bots = gekoppeld.some((x) => Math.abs(x - E(m)) >= 1 && Math.abs(x - E(m)) < k);
    if (bots) stand.uitgesteld.set(puntSleutel(c.id, m), 'vertraagd_koppeling');
    return !bots;
  });
  stand.stappen.set(c.id, blijft);
}

/** The audit: the rule of every month of a curve that does not step there, or is suppressed whole. */
export function auditRegels(stand: Stand): Map<string, KmRegel> {
  const { k, maanden } = stand;
  const regels = new Map<string, KmRegel>();
  for (const c of stand.curves) {
    for (let m = 1; m <= maanden; m++) {
      const key = puntSleutel(c.id, m);
      if (stand.onderdrukt.has(c.id)) regels.set(key, gebeurtenissen(stand, c.id, maanden) < k ? 'gebeurtenissen_onder_drempel' : 'secundair');
      else if (stand.uitgesteld.has(key)) regels.set(key, stand.uitgesteld.get(key)!);
      else if (!zichtbaar(stand, c.id, m)) regels.set(key, 'vertraagd');
    }
  }
  return regels;
}
