/**
 * Disclosure control of the Kaplan–Meier curves (recidive_km.csv).
 *
 * What a published point gives away. Each point shows at_risk exactly and the cumulative
 * recidive with its limits; together with the curve's size (which indicatoren.csv publishes as
 * the noemer at 1m_na) they pin down the number of events up to that month to within the few
 * censorings. We therefore treat both counts of a point as published: A (at risk at the end of
 * the month) and E (events up to and including that day).
 *
 * 1. Primary rule (models.md): a point is suppressed when A < k ("at_risk_onder_drempel") or
 *    E < k ("gebeurtenissen_onder_drempel"). The value that broke the rule is protected.
 *    Within one curve E never falls and A never rises, so primary suppression hides the first
 *    months of a curve (few events yet) and its last months (few left at risk): a later point
 *    has at least as many events as an earlier one and an earlier point at least as many at
 *    risk as a later one, so no published point sits between suppressed ones and no later
 *    point reveals an earlier suppressed one.
 * 2. Totals and parts. The curves add up, in A and E, month by month: the cohorts to their
 *    'totaal' (per groep), rik and kv to 'totaal' (per cohort), and the categories of each
 *    uitsplitsing to the rik curve of all cohorts (all curves share one population: records
 *    observable at 1m_na). A suppressed part next to its published total and siblings would be
 *    recovered by subtraction, so we solve these equations exactly, as the indicator engine
 *    does (its `recoverable`), and suppress more points until no protected value is determined.
 * 3. Neighbours in time. A suppressed point lies between its nearest published neighbours of
 *    the same curve: E between theirs, A between theirs (before month 1: E = 0 and A = the
 *    curve's size n, which indicatoren.csv publishes). When both neighbours show the same
 *    value, the hidden point has it too, so runs between equal neighbours enter the equations
 *    as "equal to the neighbour". To keep secondary suppressions away from the middle of
 *    curves, a point suppressed to protect an E is suppressed together with the earlier
 *    months of its curve, and one suppressed to protect an A together with the later months:
 *    every curve's suppressed months are then a run from month 1 and a run up to the last
 *    month (suppressKm checks that shape). The runs at the end are bounded on one side only;
 *    the runs from month 1 lie between E = 0 and a published E >= k, so their E is never
 *    pinned; their A is pinned only in the odd case of a published A equal to n (nobody has
 *    left yet and all events so far fall on that month's last day), which the equations above
 *    take care of.
 *
 * The choice of the next point to suppress: a part before a total, then the smallest curve,
 * then the first in key order, so the result is deterministic.
 *
 * Not protected, by design and as in indicatoren.csv across moments: the differences between
 * consecutive published months of one curve (the events and exits within a month).
 */
import { recoverable } from '../indicators/disclosure.ts';

export type KmRegel = 'at_risk_onder_drempel' | 'gebeurtenissen_onder_drempel' | 'secundair';

export const KM_REGEL_TEKST: Record<KmRegel, string> = {
  at_risk_onder_drempel: 'minder personen at risk dan de drempel',
  gebeurtenissen_onder_drempel: 'minder gebeurtenissen (recidive) tot en met deze maand dan de drempel',
  secundair: 'secundaire onderdrukking: anders af te leiden uit gepubliceerde cijfers',
};

/** The counts of one point the rules look at. */
export interface KmTelling {
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
}

/** A total curve and the curves that add up to it (month by month, in A and E). */
export interface KmFamilie {
  readonly totaal: string;
  readonly delen: readonly string[];
}

type Soort = 'A' | 'E';
interface Term {
  v: string;
  c: number;
}
interface Vergelijking {
  termen: Term[];
  /** A total and its parts (parts 1, total -1), or else a neighbour equation of rule 3. */
  familie: boolean;
}

const puntSleutel = (id: string, maand: number) => `${id}#${maand}`;
const varNaam = (s: Soort, id: string, maand: number) => `${s}|${id}|${maand}`;
function ontleed(v: string): { soort: Soort; id: string; maand: number } {
  const eerste = v.indexOf('|');
  const laatste = v.lastIndexOf('|');
  return { soort: v.slice(0, eerste) as Soort, id: v.slice(eerste + 1, laatste), maand: Number(v.slice(laatste + 1)) };
}

/**
 * Applies the rules above with threshold k. Returns the rule of every suppressed point, keyed
 * by `${curve id}#${maand}` (maand 1-based). Curves absent from `curves` (no records) are
 * known zeros and may appear in families.
 */
export function suppressKm(
  curves: readonly KmCurveTellingen[],
  families: readonly KmFamilie[],
  k: number,
): Map<string, KmRegel> {
  const byId = new Map(curves.map((c) => [c.id, c]));
  const maanden = curves[0]?.punten.length ?? 0;
  for (const c of curves) {
    if (c.punten.length !== maanden) throw new Error(`curve ${c.id}: expected ${maanden} points`);
    c.punten.forEach((p, i) => {
      const vorige = i === 0 ? { atRisk: c.n, events: 0 } : c.punten[i - 1]!;
      if (p.events < vorige.events || p.atRisk > vorige.atRisk || p.events > c.n) {
        throw new Error(`curve ${c.id}: month ${i + 1} is not a Kaplan–Meier count (events fall or at risk rises)`);
      }
    });
  }

  const regel = new Map<string, KmRegel>();
  const beschermd = new Set<string>();
  for (const c of curves) {
    c.punten.forEach((p, i) => {
      const m = i + 1;
      if (p.atRisk < k) {
        regel.set(puntSleutel(c.id, m), 'at_risk_onder_drempel');
        beschermd.add(varNaam('A', c.id, m));
      }
      if (p.events < k) {
        if (!regel.has(puntSleutel(c.id, m))) regel.set(puntSleutel(c.id, m), 'gebeurtenissen_onder_drempel');
        beschermd.add(varNaam('E', c.id, m));
      }
    });
  }
  if (beschermd.size === 0) return regel;

  const onderdrukt = (id: string, m: number) => m >= 1 && regel.has(puntSleutel(id, m));
  const onbekend = (v: string) => {
    const { id, maand } = ontleed(v);
    return byId.has(id) && onderdrukt(id, maand);
  };

  const familieVergelijkingen: Vergelijking[] = [];
  for (const f of families) {
    const delen = f.delen.filter((d) => byId.has(d));
    if (!byId.has(f.totaal) && delen.length === 0) continue;
    for (let m = 1; m <= maanden; m++)
      for (const s of ['A', 'E'] as const) {
        const termen = delen.map((d) => ({ v: varNaam(s, d, m), c: 1 }));
        if (byId.has(f.totaal)) termen.push({ v: varNaam(s, f.totaal, m), c: -1 });
        familieVergelijkingen.push({ termen, familie: true });
      }
  }
  // Rule 3: a suppressed run between equal neighbours equals them (month 0 is known: E = 0, A = n).
  const waarde = (s: Soort, id: string, m: number): number => {
    const c = byId.get(id)!;
    if (m === 0) return s === 'A' ? c.n : 0;
    const p = c.punten[m - 1]!;
    return s === 'A' ? p.atRisk : p.events;
  };
  const buurVergelijkingen = (): Vergelijking[] => {
    const out: Vergelijking[] = [];
    for (const c of curves)
      for (const s of ['A', 'E'] as const) {
        let vorige = 0;
        for (let m = 1; m <= maanden; m++) {
          if (onderdrukt(c.id, m)) continue;
          if (m - vorige > 1 && waarde(s, c.id, vorige) === waarde(s, c.id, m)) {
            for (let r = vorige + 1; r < m; r++)
              out.push({
                // The later neighbour carries coefficient 0: it says nothing about the value, but
                // makes it a candidate for suppression when the run has to be opened up.
                termen: [
                  { v: varNaam(s, c.id, r), c: 1 },
                  { v: varNaam(s, c.id, vorige), c: -1 },
                  { v: varNaam(s, c.id, m), c: 0 },
                ],
                familie: false,
              });
          }
          vorige = m;
        }
      }
    return out;
  };

  for (let ronde = 0; ; ronde++) {
    if (ronde > curves.length * maanden + 1) throw new Error('suppressKm: secondary suppression did not converge');
    const vergelijkingen = [...familieVergelijkingen, ...buurVergelijkingen()];
    // The determined unknowns of each part of the system that determines a protected one: the
    // leak may run through the others (a value pinned by its neighbours), so all of them lead
    // to candidates.
    const lekkend = recoverable(vergelijkingen, onbekend).filter((deel) => deel.some((v) => beschermd.has(v)));
    if (lekkend.length === 0) break;
    const perVar = new Map<string, Vergelijking[]>();
    for (const e of vergelijkingen)
      for (const t of e.termen) perVar.set(t.v, [...(perVar.get(t.v) ?? []), e]);

    // Parts of the system are independent, so each round treats every leaking part; a part
    // that shares an equation with a point suppressed earlier in this round waits for the
    // next round, when its leak is computed afresh.
    const geraakt = new Set<string>();
    for (const deel of lekkend) {
      const vars = new Set(deel.flatMap((q) => (perVar.get(q) ?? []).flatMap((e) => e.termen.map((t) => t.v))));
      if ([...vars].some((v) => geraakt.has(v.slice(v.indexOf('|') + 1)))) continue;
      // Published points sharing an equation with a determined value of this part.
      const kandidaten = new Map<string, { id: string; maand: number; soort: Soort; totaal: boolean }>();
      const voegToe = (e: Vergelijking, soort: Soort) => {
        for (const t of e.termen) {
          const p = ontleed(t.v);
          if (p.maand < 1 || !byId.has(p.id) || onderdrukt(p.id, p.maand)) continue;
          const key = puntSleutel(p.id, p.maand);
          const bestaand = kandidaten.get(key);
          const totaal = e.familie && t.c < 0;
          if (!bestaand || (bestaand.totaal && !totaal)) kandidaten.set(key, { id: p.id, maand: p.maand, soort, totaal });
        }
      };
      for (const q of deel) for (const e of perVar.get(q) ?? []) voegToe(e, ontleed(q).soort);
      if (kandidaten.size === 0) {
        // Determined only through equations whose other members are all suppressed: widen the
        // search to every equation with a suppressed member of this kind.
        const soort = ontleed(deel[0]!).soort;
        for (const e of vergelijkingen) if (e.termen.some((t) => onbekend(t.v))) voegToe(e, soort);
      }
      if (kandidaten.size === 0) throw new Error(`suppressKm: cannot protect ${deel[0]}`);
      const keuze = [...kandidaten.entries()].sort(
        ([ka, a], [kb, b]) =>
          Number(a.totaal) - Number(b.totaal) ||
          byId.get(a.id)!.n - byId.get(b.id)!.n ||
          (ka < kb ? -1 : ka > kb ? 1 : 0),
      )[0]![1];
      // Suppress the point and, towards the end of the curve its protected value lies at, the
      // points before (E) or after (A) it.
      const [van, tot] = keuze.soort === 'E' ? [1, keuze.maand] : [keuze.maand, maanden];
      for (let m = van; m <= tot; m++) {
        const key = puntSleutel(keuze.id, m);
        if (!regel.has(key)) regel.set(key, 'secundair');
        geraakt.add(`${keuze.id}|${m}`);
      }
    }
  }
  assertRandvorm(curves, regel, maanden);
  return regel;
}

/** Rule 3's invariant: per curve, suppressed months form a run from month 1 and one to the end. */
function assertRandvorm(curves: readonly KmCurveTellingen[], regel: Map<string, KmRegel>, maanden: number): void {
  for (const c of curves) {
    let m = 1;
    while (m <= maanden && regel.has(puntSleutel(c.id, m))) m++;
    while (m <= maanden && !regel.has(puntSleutel(c.id, m))) m++;
    while (m <= maanden && regel.has(puntSleutel(c.id, m))) m++;
    if (m <= maanden) throw new Error(`suppressKm: curve ${c.id} has a suppressed month between published ones`);
  }
}
