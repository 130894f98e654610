/**
 * The published results read back (the build's second stage, `--from-results`): from the files
 * of `data/` alone, the Resultaten that the charts, the chapters and the letter use. The full
 * build goes through the same files, so both routes give the same publication.
 *
 * Each file is checked as it is read; a missing file or a bad line is an InputError naming
 * `data/<bestand>:<regel>`.
 */
import type { Editie } from '../edition/edition.ts';
import type { Extractie } from '../extracts/contract.ts';
import { alleIndicatoren, indicatorenVoor } from '../indicators/definitions.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import { InputError } from '../util/errors.ts';
import { leesOnderdrukking, type Audit } from './lezen-audit.ts';
import { leesIndicatorenCsv } from './lezen-indicatoren.ts';
import { leesKm } from './lezen-km.ts';
import { leesModelResultaten } from './lezen-modellen.ts';
import { leesNoten } from './lezen-noten.ts';
import { bestandOntbreekt } from './messages.ts';
import { IndicatorTabel, type Resultaten } from './results.ts';

/** The files of data/ a results folder holds, with what each is (for the message when one is missing). */
export const RESULTAAT_BESTANDEN = {
  'indicatoren.csv': 'de indicatoren na onthullingscontrole',
  'modellen.csv': 'de coëfficiënten van de modellen',
  'modellen_ph.csv': 'de toetsen op proportionele hazards',
  'modellen_perioden.csv': "de hazard ratio's per periode",
  'modellen_noten.csv': 'de noten bij de modellen',
  'recidive_km.csv': 'de Kaplan–Meiercurven',
  'onderdrukking.csv': 'de verantwoording van de onthullingscontrole',
} as const;
export type ResultaatBestand = keyof typeof RESULTAAT_BESTANDEN;

/** How a file is named in messages. */
const pad = (naam: ResultaatBestand) => `data/${naam}`;

/** The text of one file, or an InputError that names it. */
function resultaatBestand(bestanden: Record<string, string>, naam: ResultaatBestand): string {
  const tekst = bestanden[naam];
  if (tekst === undefined) throw new InputError([bestandOntbreekt(pad(naam), RESULTAAT_BESTANDEN[naam])]);
  return tekst;
}

/** data/onderdrukking.csv, read and checked. */
export function leesAudit(bestanden: Record<string, string>): Audit {
  return leesOnderdrukking(pad('onderdrukking.csv'), resultaatBestand(bestanden, 'onderdrukking.csv'));
}

export function leesResultaten(bestanden: Record<string, string>, editie: Editie, extractie: Extractie): Resultaten {
  const lees = (naam: ResultaatBestand) => resultaatBestand(bestanden, naam);
  const audit = leesAudit(bestanden);
  const bestand = (naam: ResultaatBestand) => ({ naam: pad(naam), tekst: lees(naam) });
  const modellen = leesModelResultaten(editie, {
    modellen: bestand('modellen.csv'),
    ph: bestand('modellen_ph.csv'),
    perioden: bestand('modellen_perioden.csv'),
    noten: leesNoten(pad('modellen_noten.csv'), lees('modellen_noten.csv')),
    km: leesKm(pad('recidive_km.csv'), lees('recidive_km.csv')),
    audit,
    auditBestand: pad('onderdrukking.csv'),
  });
  const rijen = leesIndicatorenCsv(lees('indicatoren.csv'), pad('indicatoren.csv'));
  return {
    editie,
    extractie,
    definities: indicatorenVoor(editie.basisvoorwaarden, editie.basisvoorwaarden.includes('zorg') && zorgGepubliceerd(rijen)),
    indicatoren: new IndicatorTabel(rijen),
    modellen,
  };
}

/**
 * Whether the zorg extract was there (the build leaves its indicators out without it,
 * indicatorenVoor): the published file then has rows of them.
 */
function zorgGepubliceerd(rijen: readonly Publicatie[]): boolean {
  const zorg = new Set(alleIndicatoren().filter((d) => d.vereist === 'zorg').map((d) => d.naam));
  return rijen.some((r) => zorg.has(r.indicator));
}
