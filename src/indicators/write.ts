/**
 * The published indicator files: out/data/indicatoren.csv (docs/indicators.md, "Output:
 * indicatoren.csv") and the disclosure audit out/data/onderdrukking.csv, which lists every
 * suppressed row with its rule (never its values) for the disclosure checker.
 */
import { csvQuoted, csvText } from '../util/csv.ts';
import { REGEL_TEKST, type Onderdrukking, type Publicatie } from './disclosure.ts';

export const INDICATOREN_HEADER = 'indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt';
export const ONDERDRUKKING_HEADER = 'bestand,indicator,cohort,groep,moment,regel,toelichting';

/** indicatoren.csv: UTF-8, comma-separated, \n line ends, rows in the order given; no field needs quotes. */
export function indicatorenCsv(rijen: readonly Publicatie[]): string {
  const lines = rijen.map((r) =>
    [r.indicator, r.cohort, r.groep, r.moment, r.teller ?? '', r.noemer ?? '', r.percentage ?? '', r.onderdrukt ? '1' : '0'].join(','),
  );
  return csvText(INDICATOREN_HEADER, lines);
}

/** The audit rows for indicatoren.csv, the explanation quoted. Values never appear; the rule does. */
export function onderdrukkingCsv(rijen: readonly Onderdrukking[]): string {
  const lines = rijen.map((r) => ['indicatoren.csv', r.indicator, r.cohort, r.groep, r.moment, r.regel, csvQuoted(REGEL_TEKST[r.regel])].join(','));
  return csvText(ONDERDRUKKING_HEADER, lines);
}
