/**
 * Statistical disclosure control of the indicator table (indicators.md, "Statistical disclosure
 * control").
 *
 * 1. Primary suppression, row by row, with threshold k: noemer < k, teller in 1..k-1, or
 *    noemer - teller in 1..k-1.
 * 2. Secondary suppression. indicatoren.csv is a table of totals and their parts: cohorts add up
 *    to 'totaal', rik and kv add up to 'totaal' (tellers and noemers alike), the housing
 *    categories and the numbers of problems add up to their common noemer, and
 *    niet_ingeschreven is briefadres plus geen_inschrijving. Published rows give a system of
 *    linear equations in the suppressed values; a suppressed value is recoverable when that
 *    system pins it down. We solve the system exactly (per connected part, in reduced row
 *    echelon form) and, while some protected value is recoverable, suppress one more published
 *    value that shares an equation with it (the smallest, preferring parts over totals).
 *    This protects against any combination of additions and subtractions, not just one.
 *
 * Protected values: the teller of every suppressed row, and the noemer of every cell whose noemer
 * is below k (a noemer is shared by all indicators with the same noemer definition, so those are
 * suppressed together).
 */
import { noemerSleutel, type IndicatorDefinitie } from './definitions.ts';
import { type Groep, type Moment } from '../vocabulary/lists.ts';
import type { Telling } from './compute.ts';
import { recoverable, type Vergelijking } from '../disclosure/recoverable.ts';

export type Regel = 'noemer_onder_drempel' | 'teller_onder_drempel' | 'rest_onder_drempel' | 'secundair' | 'uitval_vervroegd';

export const REGEL_TEKST: Record<Regel, string> = {
  noemer_onder_drempel: 'noemer kleiner dan de drempel',
  teller_onder_drempel: 'teller tussen 1 en de drempel',
  rest_onder_drempel: 'noemer min teller tussen 1 en de drempel',
  secundair: 'secundaire onderdrukking: anders af te leiden uit gepubliceerde cijfers',
  uitval_vervroegd: 'de noemer zet geen stap naar het volgende meetmoment: eventuele uitval daartussen telt hier al niet mee',
};

/**
 * The `indicator` of the audit lines of the rule uitval_vervroegd (sql/04-uitval.sql): the line is
 * about the noemer of every indicator of the cell at that moment, not about one indicator.
 */
export const UITVAL_INDICATOR = '(noemer)';

/** One row of indicatoren.csv after disclosure control. */
export interface Publicatie {
  indicator: string;
  cohort: string;
  groep: Groep;
  moment: Moment;
  /** null when suppressed */
  teller: number | null;
  noemer: number | null;
  /** 100 * teller / noemer, one decimal with a dot; null when suppressed */
  percentage: string | null;
  onderdrukt: boolean;
}

export interface Onderdrukking {
  indicator: string;
  cohort: string;
  groep: Groep;
  moment: Moment;
  regel: Regel;
}

/** Percentage with one decimal, rounded half up in exact integer arithmetic. */
export function percentage(teller: number, noemer: number): string {
  const tienden = Math.floor((2000 * teller + noemer) / (2 * noemer));
  return `${Math.floor(tienden / 10)}.${tienden % 10}`;
}

/** The primary rule a count breaks, if any. */
export function primaireRegel(teller: number, noemer: number, k: number): Regel | null {
  if (noemer < k) return 'noemer_onder_drempel';
  if (teller >= 1 && teller < k) return 'teller_onder_drempel';
  if (noemer - teller >= 1 && noemer - teller < k) return 'rest_onder_drempel';
  return null;
}

/** Variables: T|indicator|cohort|groep|moment (a teller) and N|key|cohort|groep|moment (a noemer). */
const tVar = (r: { indicator: string; cohort: string; groep: string; moment: string }) =>
  `T|${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`;
const nVar = (key: string, r: { cohort: string; groep: string; moment: string }) =>
  `N|${key}|${r.cohort}|${r.groep}|${r.moment}`;

export interface DisclosureResult {
  rijen: Publicatie[];
  onderdrukkingen: Onderdrukking[];
}

/**
 * Apply disclosure control to the counted indicators. `tellingen` must be complete for the
 * definitions (every cell with noemer > 0), as countIndicators returns them.
 */
export function applyDisclosure(
  tellingen: readonly Telling[],
  definities: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
  k: number,
): DisclosureResult {
  const defs = new Map(definities.map((d) => [d.naam, d]));
  const cohortNamen = [...cohorten.map(String), 'totaal'];
  const groepNamen: Groep[] = ['rik', 'kv', 'totaal'];

  // Known values of every variable; absent rows (noemer 0) are known zeros.
  const waarde = new Map<string, number>();
  const rijVan = new Map<string, Telling>();
  const regel = new Map<string, Regel>(); // by tVar of the row
  for (const t of tellingen) {
    const d = defs.get(t.indicator);
    if (!d) throw new Error(`no definition for ${t.indicator}`);
    waarde.set(tVar(t), t.teller);
    const n = nVar(noemerSleutel(d), t);
    const bestaand = waarde.get(n);
    if (bestaand !== undefined && bestaand !== t.noemer)
      throw new Error(`indicators sharing noemer ${n} disagree: ${bestaand} vs ${t.noemer}`);
    waarde.set(n, t.noemer);
    rijVan.set(tVar(t), t);
    const r = primaireRegel(t.teller, t.noemer, k);
    if (r) regel.set(tVar(t), r);
  }
  const value = (v: string) => waarde.get(v) ?? 0;

  // The rows that carry each noemer cell, so a noemer is known while one of them is published.
  const rijenMetNoemer = new Map<string, string[]>();
  for (const t of tellingen) {
    const n = nVar(noemerSleutel(defs.get(t.indicator)!), t);
    const list = rijenMetNoemer.get(n) ?? [];
    list.push(tVar(t));
    rijenMetNoemer.set(n, list);
  }
  const protectedNoemers = new Set(
    [...rijenMetNoemer.keys()].filter((n) => value(n) > 0 && value(n) < k),
  );

  // Every moment of every indicator: the cells, and the equations that tie them together.
  const vergelijkingen: Vergelijking[] = [];
  const sleutels = new Set<string>();
  const momentenPerSleutel = new Map<string, Set<Moment>>();
  for (const d of definities) {
    const key = noemerSleutel(d);
    sleutels.add(key);
    const ms = momentenPerSleutel.get(key) ?? new Set<Moment>();
    for (const moment of d.momenten) {
      ms.add(moment);
      additief(vergelijkingen, (c, g) => tVar({ indicator: d.naam, cohort: c, groep: g, moment }), cohortNamen, groepNamen);
    }
    momentenPerSleutel.set(key, ms);
  }
  for (const [key, ms] of momentenPerSleutel)
    for (const moment of ms)
      additief(vergelijkingen, (c, g) => nVar(key, { cohort: c, groep: g, moment }), cohortNamen, groepNamen);
  // Families: the members' tellers add up to the shared noemer.
  const families = new Map<string, IndicatorDefinitie[]>();
  for (const d of definities) if (d.familie) families.set(d.familie, [...(families.get(d.familie) ?? []), d]);
  for (const leden of families.values()) {
    const key = noemerSleutel(leden[0]!);
    for (const moment of leden[0]!.momenten)
      for (const cohort of cohortNamen)
        for (const groep of groepNamen) {
          const cel = { cohort, groep, moment };
          vergelijkingen.push({
            termen: [
              ...leden.map((l) => ({ v: tVar({ indicator: l.naam, ...cel }), c: 1 })),
              { v: nVar(key, cel), c: -1 },
            ],
          });
        }
  }
  // niet_ingeschreven = briefadres + geen_inschrijving.
  const ni = defs.get('niet_ingeschreven');
  if (ni && defs.has('huisvesting_briefadres') && defs.has('huisvesting_geen_inschrijving')) {
    for (const moment of ni.momenten)
      for (const cohort of cohortNamen)
        for (const groep of groepNamen) {
          const cel = { cohort, groep, moment };
          vergelijkingen.push({
            termen: [
              { v: tVar({ indicator: 'niet_ingeschreven', ...cel }), c: 1 },
              { v: tVar({ indicator: 'huisvesting_briefadres', ...cel }), c: -1 },
              { v: tVar({ indicator: 'huisvesting_geen_inschrijving', ...cel }), c: -1 },
            ],
          });
        }
  }
  // Only rows that exist can be suppressed; variables of absent rows are known zeros.
  const bestaat = (v: string) => (v.startsWith('T|') ? rijVan.has(v) : rijenMetNoemer.has(v));

  const onbekend = (v: string): boolean => {
    if (!bestaat(v)) return false;
    if (v.startsWith('T|')) return regel.has(v);
    return rijenMetNoemer.get(v)!.every((r) => regel.has(r));
  };
  const beschermd = (v: string): boolean =>
    v.startsWith('T|') ? regel.has(v) : protectedNoemers.has(v);

  // Index equations by variable.
  const perVar = new Map<string, number[]>();
  vergelijkingen.forEach((e, i) => {
    for (const t of e.termen) perVar.set(t.v, [...(perVar.get(t.v) ?? []), i]);
  });

  const onderdruk = (v: string) => {
    if (v.startsWith('T|')) regel.set(v, regel.get(v) ?? 'secundair');
    else for (const r of rijenMetNoemer.get(v)!) if (!regel.has(r)) regel.set(r, 'secundair');
  };
  const isTotaal = (v: string) => v.split('|').slice(2, 4).includes('totaal');

  // Suppress until no protected value is recoverable. Connected parts of the system are
  // independent, so each round adds one suppression to every part that still leaks.
  for (let ronde = 0; ; ronde++) {
    if (ronde > 10000) throw new Error('secondary suppression did not converge');
    const lekkend = recoverable(vergelijkingen, onbekend)
      .map((deel) => deel.filter(beschermd))
      .filter((deel) => deel.length > 0);
    if (lekkend.length === 0) break;
    for (const deel of lekkend) {
      // The cheapest published value that shares an equation with a recoverable value: a part
      // before a total, a teller before a whole noemer cell, then the smallest count.
      const kandidaten = new Set<string>();
      for (const q of deel)
        for (const i of perVar.get(q) ?? [])
          for (const t of vergelijkingen[i]!.termen) if (bestaat(t.v) && !onbekend(t.v)) kandidaten.add(t.v);
      if (kandidaten.size === 0) {
        // Pinned down only through equations whose members are all unknown: widen the search
        // to every equation of this part.
        const inDeel = new Set(deel);
        for (const e of vergelijkingen)
          if (e.termen.some((t) => inDeel.has(t.v) || onbekend(t.v)))
            for (const t of e.termen) if (bestaat(t.v) && !onbekend(t.v)) kandidaten.add(t.v);
      }
      if (kandidaten.size === 0) throw new Error(`cannot protect ${deel[0]}`);
      const keuze = [...kandidaten].sort(
        (a, b) =>
          Number(isTotaal(a)) - Number(isTotaal(b)) ||
          Number(a.startsWith('N|')) - Number(b.startsWith('N|')) ||
          value(a) - value(b) ||
          (a < b ? -1 : a > b ? 1 : 0),
      )[0]!;
      onderdruk(keuze);
    }
  }

  const rijen: Publicatie[] = tellingen.map((t) => {
    const onderdrukt = regel.has(tVar(t));
    return {
      indicator: t.indicator,
      cohort: t.cohort,
      groep: t.groep,
      moment: t.moment,
      teller: onderdrukt ? null : t.teller,
      noemer: onderdrukt ? null : t.noemer,
      percentage: onderdrukt ? null : percentage(t.teller, t.noemer),
      onderdrukt,
    };
  });
  const onderdrukkingen: Onderdrukking[] = tellingen
    .filter((t) => regel.has(tVar(t)))
    .map((t) => ({ indicator: t.indicator, cohort: t.cohort, groep: t.groep, moment: t.moment, regel: regel.get(tVar(t))! }));
  return { rijen, onderdrukkingen };
}

/** Cohorts add up to totaal (per groep); rik and kv add up to totaal (per cohort). */
function additief(
  out: Vergelijking[],
  v: (cohort: string, groep: Groep) => string,
  cohorten: readonly string[],
  groepen: readonly Groep[],
): void {
  const delen = cohorten.filter((c) => c !== 'totaal');
  for (const g of groepen)
    out.push({ termen: [...delen.map((c) => ({ v: v(c, g), c: 1 })), { v: v('totaal', g), c: -1 }] });
  for (const c of cohorten)
    out.push({ termen: [{ v: v(c, 'rik'), c: 1 }, { v: v(c, 'kv'), c: 1 }, { v: v(c, 'totaal'), c: -1 }] });
}
