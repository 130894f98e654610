/**
 * The numbers of the output-check statement (uitvoercontrole.ts), all from the published
 * results: the smallest count behind a published number in each file, and how often each
 * disclosure rule intervened.
 */
import type { Regel as IndicatorRegel } from '../indicators/disclosure.ts';
import type { KmRegel } from '../models/disclosure.ts';
import type { KmPunt } from '../models/km-curves.ts';
import type { Audit } from './lezen-audit.ts';
import { NOOT_SOORTEN } from './lezen-noten.ts';
import type { Resultaten } from './results.ts';

/** The smallest of the values ≥ 1, or null when there is none. */
function kleinste(waarden: Iterable<number | null>): number | null {
  let min: number | null = null;
  for (const w of waarden) if (w !== null && w >= 1 && (min === null || w < min)) min = w;
  return min;
}

export interface KleinsteAantallen {
  /** indicatoren.csv: the smallest published noemer, teller and noemer − teller (each ≥ 1). */
  noemer: number | null;
  teller: number | null;
  rest: number | null;
  /** modellen.csv: the smallest n, events and n − events of a published model. */
  modelN: number | null;
  modelEvents: number | null;
  modelRest: number | null;
  /** recidive_km.csv: the smallest published at_risk. */
  atRisk: number | null;
  /** recidive_km.csv: the smallest visible step, in events, estimated from the published values (kmStap). */
  kmStap: number | null;
}

export function kleinsteAantallen(r: Resultaten): KleinsteAantallen {
  const rijen = r.indicatoren.rijen.filter((x) => !x.onderdrukt);
  const geschat = r.modellen.modellen.flatMap((m) => (m.status === 'geschat' ? [m] : []));
  return {
    noemer: kleinste(rijen.map((x) => x.noemer)),
    teller: kleinste(rijen.map((x) => x.teller)),
    rest: kleinste(rijen.map((x) => (x.noemer ?? 0) - (x.teller ?? 0))),
    modelN: kleinste(geschat.map((m) => m.n)),
    modelEvents: kleinste(geschat.map((m) => m.events)),
    modelRest: kleinste(geschat.map((m) => m.n - m.events)),
    atRisk: kleinste(r.modellen.km.map((p) => p.atRisk)),
    kmStap: kleinste(kmStappen(r.modellen.km)),
  };
}

/**
 * The events behind each visible step of a curve after its first published month, estimated as
 * the checker would: the at_risk of the month before times the relative fall of the survival,
 * at_risk(m−1) × (cum(m) − cum(m−1)) / (1 − cum(m−1)), rounded to a whole number. (at_risk is
 * rounded down to a multiple of k, so this is an estimate, not the exact count.)
 */
export function kmStappen(km: readonly KmPunt[]): number[] {
  const vorige = new Map<string, KmPunt>();
  const stappen: number[] = [];
  for (const p of km) {
    const curve = `${p.uitsplitsing}|${p.categorie}|${p.cohort}|${p.groep}`;
    const v = vorige.get(curve);
    vorige.set(curve, p);
    if (!v || v.maand !== p.maand - 1 || p.cumulatief === null || v.cumulatief === null || v.atRisk === null) continue;
    if (p.cumulatief <= v.cumulatief) continue;
    stappen.push(Math.round((v.atRisk * (p.cumulatief - v.cumulatief)) / (1 - v.cumulatief)));
  }
  return stappen;
}

/** How often a value occurs, in the order of `sleutels`. */
function telling<K extends string>(sleutels: readonly K[], waarden: readonly K[]): Record<K, number> {
  const uit = Object.fromEntries(sleutels.map((s) => [s, 0])) as Record<K, number>;
  for (const w of waarden) uit[w]++;
  return uit;
}

export const INDICATOR_REGELS = ['noemer_onder_drempel', 'teller_onder_drempel', 'rest_onder_drempel', 'secundair'] as const satisfies readonly IndicatorRegel[];
export const KM_REGELS = ['vertraagd', 'vertraagd_secundair', 'vertraagd_koppeling', 'gebeurtenissen_onder_drempel', 'secundair'] as const satisfies readonly KmRegel[];

export interface Ingrepen {
  indicatoren: Record<(typeof INDICATOR_REGELS)[number], number>;
  /** Cells and moments of indicatoren.csv whose noemer does not step to the next moment (regel uitval_vervroegd). */
  uitval: number;
  km: Record<(typeof KM_REGELS)[number], number>;
  /** Curves left out whole (their months carry a rule that is not a delay). */
  kmCurven: number;
  modellen: Record<(typeof NOOT_SOORTEN)[number], number>;
  /** Published at_risk values and model counts, each rounded down to a multiple of k. */
  afgerondAtRisk: number;
  afgerondModel: number;
}

export function ingrepen(r: Resultaten, audit: Audit): Ingrepen {
  const kmCurveWeg = audit.km.filter((o) => !o.regel.startsWith('vertraagd'));
  return {
    indicatoren: telling(INDICATOR_REGELS, audit.indicatoren.flatMap((o) => (o.regel === 'uitval_vervroegd' ? [] : [o.regel]))),
    uitval: audit.indicatoren.filter((o) => o.regel === 'uitval_vervroegd').length,
    km: telling(KM_REGELS, audit.km.map((o) => o.regel)),
    kmCurven: new Set(kmCurveWeg.map((o) => `${o.uitsplitsing}|${o.categorie}|${o.cohort}|${o.groep}`)).size,
    modellen: telling(NOOT_SOORTEN, r.modellen.noten.map((n) => n.soort)),
    afgerondAtRisk: r.modellen.km.filter((p) => p.atRisk !== null).length,
    afgerondModel: 2 * r.modellen.modellen.filter((m) => m.status === 'geschat').length,
  };
}
