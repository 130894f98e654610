/**
 * Disclosure control of the Kaplan–Meier curves (recidive_km.csv), as docs/models.md, "Kaplan–Meier",
 * asks: nothing published may let a reader derive an event or censoring count between 1 and
 * k-1, also not by differencing consecutive months.
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
 *    determined by them (solved exactly, as the indicator engine's `recoverable`) or bounded
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
import { recoverable } from '../disclosure/recoverable.ts';

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

interface Term {
  v: string;
  c: number;
}

const puntSleutel = (id: string, maand: number) => `${id}#${maand}`;
const varNaam = (id: string, maand: number) => `E|${id}|${maand}`;
function ontleed(v: string): { id: string; maand: number } {
  const laatste = v.lastIndexOf('|');
  return { id: v.slice(2, laatste), maand: Number(v.slice(laatste + 1)) };
}

/**
 * Applies rules 1, 2, 4 and 5 above with threshold k. Curves absent from `curves` (no records)
 * are known zeros and may appear in families.
 */
export function vertraagKm(curves: readonly KmCurveTellingen[], families: readonly KmFamilie[], k: number): KmVertraging {
  const byId = new Map(curves.map((c) => [c.id, c]));
  const maanden = curves[0]?.punten.length ?? 0;
  for (const c of curves) {
    if (c.punten.length !== maanden) throw new InternalError(`curve ${c.id}: expected ${maanden} points`);
    c.punten.forEach((p, i) => {
      const vorige = i === 0 ? { atRisk: c.n, events: 0 } : c.punten[i - 1]!;
      if (p.events < vorige.events || p.atRisk > vorige.atRisk || p.events > c.n) {
        throw new InternalError(`curve ${c.id}: month ${i + 1} is not a Kaplan–Meier count (events fall or at risk rises)`);
      }
    });
  }
  const E = (id: string, m: number) => (m === 0 ? 0 : byId.get(id)!.punten[m - 1]!.events);

  // Rules 1 and 2.
  const stappen = new Map<string, number[]>();
  const onderdrukt = new Set<string>();
  const uitgesteld = new Map<string, KmRegel>(); // steps delayed by rule 4 or 5
  for (const c of curves) {
    if (E(c.id, maanden) < k) {
      onderdrukt.add(c.id);
      continue;
    }
    const s: number[] = [];
    let laatste = 0;
    for (let m = 1; m <= maanden; m++) {
      if (E(c.id, m) - laatste >= k) {
        s.push(m);
        laatste = E(c.id, m);
      }
    }
    // Rule 5: delaying a step leaves the E of the others as they are, so one pass suffices.
    const gekoppeld = c.gekoppeld ?? [];
    const blijft = s.filter((m) => {
      const bots = gekoppeld.some((x) => Math.abs(x - E(c.id, m)) >= 1 && Math.abs(x - E(c.id, m)) < k);
      if (bots) uitgesteld.set(puntSleutel(c.id, m), 'vertraagd_koppeling');
      return !bots;
    });
    stappen.set(c.id, blijft);
  }

  // Rule 4.
  const zichtbaar = (id: string, m: number) => stappen.get(id)?.includes(m) ?? false;
  const onbekend = (v: string) => {
    const { id, maand } = ontleed(v);
    return byId.has(id) && !zichtbaar(id, maand);
  };
  const beschermd = (v: string) => {
    const { id, maand } = ontleed(v);
    const getoond = onderdrukt.has(id) ? 0 : E(id, getoondeMaand(stappen.get(id)!, maand));
    const uitstel = E(id, maand) - getoond;
    return uitstel >= 1 && uitstel < k;
  };
  const vergelijkingen: { termen: Term[] }[] = [];
  for (const f of families) {
    const delen = f.delen.filter((d) => byId.has(d));
    if (!byId.has(f.totaal) && delen.length === 0) continue;
    for (let m = 1; m <= maanden; m++) {
      const termen = delen.map((d) => ({ v: varNaam(d, m), c: 1 }));
      if (byId.has(f.totaal)) termen.push({ v: varNaam(f.totaal, m), c: -1 });
      vergelijkingen.push({ termen });
    }
  }
  const perVar = new Map<string, typeof vergelijkingen>();
  for (const e of vergelijkingen) for (const t of e.termen) perVar.set(t.v, [...(perVar.get(t.v) ?? []), e]);

  const getoondE = (id: string, m: number) => (onderdrukt.has(id) ? 0 : E(id, getoondeMaand(stappen.get(id)!, m)));
  const maandFamilies = families
    .map((f) => [...f.delen.filter((d) => byId.has(d)).map((id) => ({ id, c: 1 })), ...(byId.has(f.totaal) ? [{ id: f.totaal, c: -1 }] : [])])
    .filter((t) => t.length > 0);

  /**
   * The reader's bounds on the delayed counts of month m: 0 at a visible step; 0..k-1 where the
   * rule held the events back (the audit says which rule); unbounded after a step delayed by
   * rule 4 or 5, which may hold k or more. The family equations tighten them (interval
   * propagation to a fixed point). Returns a curve whose true delayed count (1..k-1) the bounds
   * pin inside 1..k-1, if any.
   */
  const GROOT = 1e12;
  const intervalLek = (m: number): string | null => {
    const lo = new Map<string, number>();
    const hi = new Map<string, number>();
    for (const c of curves) {
      lo.set(c.id, 0);
      if (onderdrukt.has(c.id)) hi.set(c.id, k - 1);
      else if (zichtbaar(c.id, m)) hi.set(c.id, 0);
      else {
        let open = false;
        for (let j = getoondeMaand(stappen.get(c.id)!, m) + 1; j <= m; j++) if (uitgesteld.has(puntSleutel(c.id, j))) open = true;
        hi.set(c.id, open ? GROOT : k - 1);
      }
    }
    for (let ronde = 0, veranderd = true; veranderd && ronde < 100; ronde++) {
      veranderd = false;
      for (const termen of maandFamilies) {
        // sum c * (shown + delayed) = 0, so sum c * delayed = rhs.
        const rhs = -termen.reduce((a, t) => a + t.c * getoondE(t.id, m), 0);
        for (const t of termen) {
          let minS = 0;
          let maxS = 0;
          for (const o of termen) {
            if (o === t) continue;
            minS += o.c > 0 ? lo.get(o.id)! : -hi.get(o.id)!;
            maxS += o.c > 0 ? hi.get(o.id)! : -lo.get(o.id)!;
          }
          const [nlo, nhi] = t.c > 0 ? [rhs - maxS, rhs - minS] : [minS - rhs, maxS - rhs];
          if (nlo > lo.get(t.id)!) (lo.set(t.id, nlo), (veranderd = true));
          if (nhi < hi.get(t.id)!) (hi.set(t.id, nhi), (veranderd = true));
        }
      }
    }
    for (const c of curves) {
      const uitstel = E(c.id, m) - getoondE(c.id, m);
      if (uitstel >= 1 && uitstel < k && lo.get(c.id)! >= 1 && hi.get(c.id)! <= k - 1) return c.id;
    }
    return null;
  };

  for (let ronde = 0; ; ronde++) {
    if (ronde > curves.length * maanden + 1) throw new InternalError('vertraagKm: secondary delay did not converge');
    // What leaks: a delayed count the equations pin exactly, or else one their bounds pin inside 1..k-1.
    let lek: { id: string; maand: number }[] | null = null;
    const exact = recoverable(vergelijkingen, onbekend).find((deel) => deel.some(beschermd));
    if (exact) lek = exact.map(ontleed);
    for (let m = 1; !lek && m <= maanden; m++) {
      const id = intervalLek(m);
      if (id) lek = [{ id, maand: m }];
    }
    if (!lek) break;
    // One step per round: the leak is computed afresh after each delay. The candidates: per
    // curve in an equation with the leak, its step at that month or else its last step before,
    // whose delay leaves the curve's count there open (it may then hold k or more).
    // When none of them has a step yet, the bounds came through further equations of that
    // month: widen the search one equation at a time.
    const kandidaten = new Map<string, { id: string; maand: number }>();
    const gezien = new Set<string>();
    let rand = lek.map((q) => varNaam(q.id, q.maand));
    while (kandidaten.size === 0 && rand.length > 0) {
      const volgende: string[] = [];
      for (const v of rand) gezien.add(v);
      for (const v of rand)
        for (const e of perVar.get(v) ?? [])
          for (const t of e.termen) {
            if (!gezien.has(t.v)) (volgende.push(t.v), gezien.add(t.v));
            const p = ontleed(t.v);
            const s = stappen.get(p.id);
            const stap = zichtbaar(p.id, p.maand) ? p.maand : s ? getoondeMaand(s, p.maand) : 0;
            if (stap > 0) kandidaten.set(puntSleutel(p.id, stap), { id: p.id, maand: stap });
          }
      rand = volgende;
    }
    if (kandidaten.size === 0) throw new InternalError(`vertraagKm: cannot protect ${lek[0]!.id} month ${lek[0]!.maand}`);
    // The cost of delaying a step: how far the shown curve falls short (the step's events as a
    // share of the curve) times for how many months (up to its next visible step).
    const kosten = (c: { id: string; maand: number }) => {
      const s = stappen.get(c.id)!;
      const i = s.indexOf(c.maand);
      const volgende = s[i + 1] ?? maanden + 1;
      return ((E(c.id, c.maand) - E(c.id, s[i - 1] ?? 0)) / byId.get(c.id)!.n) * (volgende - c.maand);
    };
    const keuze = [...kandidaten.entries()]
      .map(([key, c]) => ({ key, c, kosten: kosten(c) }))
      .sort((a, b) => a.kosten - b.kosten || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0]!.c;
    stappen.set(
      keuze.id,
      stappen.get(keuze.id)!.filter((m) => m !== keuze.maand),
    );
    uitgesteld.set(puntSleutel(keuze.id, keuze.maand), 'vertraagd_secundair');
  }

  // A curve without any visible step left shows nothing true: suppress it whole.
  for (const [id, s] of stappen) {
    if (s.length > 0) continue;
    stappen.delete(id);
    onderdrukt.add(id);
  }

  const regels = new Map<string, KmRegel>();
  for (const c of curves) {
    for (let m = 1; m <= maanden; m++) {
      const key = puntSleutel(c.id, m);
      if (onderdrukt.has(c.id)) regels.set(key, E(c.id, maanden) < k ? 'gebeurtenissen_onder_drempel' : 'secundair');
      else if (uitgesteld.has(key)) regels.set(key, uitgesteld.get(key)!);
      else if (!zichtbaar(c.id, m)) regels.set(key, 'vertraagd');
    }
  }
  return { stappen, onderdrukt, regels };
}
