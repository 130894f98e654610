/**
 * The comparison fixture: the chapter fixture (tests/chapters/fixture.ts, cohorts 2013–2014,
 * "9e meting") as the current edition, and as its predecessor the same fixture's published rows
 * with the cohorts shifted two years back (2011–2012, "8e meting").
 *
 * A few indicators are set to fixed shares in each edition, so that the headline series take
 * every outcome of the trend rule (for re-integratiekandidaten):
 *
 * | indicator          | 8e meting      | 9e meting      | outcome    |
 * |--------------------|----------------|----------------|------------|
 * | werk               | 20% -> 30%     | 32% -> 42%     | doorgezet  |
 * | geen_inkomen       | 50% -> 35%     | 34% -> 35%     | afgevlakt  |
 * | niet_ingeschreven  | 20% -> 30%     | 30% -> 18%     | omgekeerd  |
 * | wanbetaler_jaar_na | 25% -> 26%     | 25% -> 40%     | nieuw      |
 * | recidive_2j        | 50% -> 40%     | 40% -> 30%     | doorgezet; kv onbekend (2012 suppressed) |
 */
import type { Publicatie } from '../../src/indicators/disclosure.ts';
import { percentage } from '../../src/indicators/disclosure.ts';
import type { Resultaten } from '../../src/results/results.ts';
import type { VorigeMeting } from '../../src/vergelijking/lezen.ts';
import { fixtureResultaten, fixtureRijen } from '../chapters/fixture.ts';

type Aandelen = Record<string, [number, number]>;

const VORIG: Aandelen = {
  werk: [0.2, 0.3],
  geen_inkomen: [0.5, 0.35],
  niet_ingeschreven: [0.2, 0.3],
  wanbetaler_jaar_na: [0.25, 0.26],
  recidive_2j: [0.5, 0.4],
};

const HUIDIG: Aandelen = {
  werk: [0.32, 0.42],
  geen_inkomen: [0.34, 0.35],
  niet_ingeschreven: [0.3, 0.18],
  wanbetaler_jaar_na: [0.25, 0.4],
  recidive_2j: [0.4, 0.3],
};

/** Set the rik and kv rows of the fixture's two cohorts to the shares given (kv 5 points higher). */
function zet(aandelen: Aandelen) {
  return (r: Publicatie): Publicatie => {
    const a = aandelen[r.indicator];
    if (!a || r.noemer === null) return r;
    const p = (r.cohort === '2013' ? a[0] : a[1]) + (r.groep === 'kv' ? 0.05 : 0);
    const teller = Math.round(r.noemer * p);
    return { ...r, teller, percentage: percentage(teller, r.noemer) };
  };
}

const VORIGE_SLUG = '8e-meting';

/** The predecessor's published rows: the fixture's rows, cohorts 2013 -> 2011 and 2014 -> 2012. */
export function vorigeRijen(): Publicatie[] {
  const verschuif = (c: string) => (c === 'totaal' ? c : String(Number(c) - 2));
  return fixtureRijen(zet(VORIG)).map((r) => {
    const rij = { ...r, cohort: verschuif(r.cohort) };
    // one suppressed cell, as disclosure control would leave it
    if (rij.indicator === 'recidive_2j' && rij.cohort === '2012' && rij.groep === 'kv')
      return { ...rij, teller: null, noemer: null, percentage: null, onderdrukt: true };
    return rij;
  });
}

export function vorigeFixture(): VorigeMeting {
  return { slug: VORIGE_SLUG, nummer: 8, cohorten: [2011, 2012], rijen: vorigeRijen() };
}

export function huidigeFixture(): Resultaten {
  return fixtureResultaten(zet(HUIDIG));
}
