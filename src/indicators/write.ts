/**
 * The published indicator files: out/data/indicatoren.csv (indicators.md, "Output") and the
 * disclosure audit out/data/onderdrukking.csv, which lists every suppressed row with its rule
 * (never its values) for the disclosure checker.
 */
import { REGEL_TEKST, type Onderdrukking, type Publicatie } from './disclosure.ts';

export const INDICATOREN_HEADER = 'indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt';
export const ONDERDRUKKING_HEADER = 'bestand,indicator,cohort,groep,moment,regel,toelichting';

/** indicatoren.csv: UTF-8, comma-separated, \n line ends, rows in the order given. */
export function renderIndicatorenCsv(rijen: readonly Publicatie[]): string {
  const lines = rijen.map((r) =>
    [
      r.indicator,
      r.cohort,
      r.groep,
      r.moment,
      r.teller ?? '',
      r.noemer ?? '',
      r.percentage ?? '',
      r.onderdrukt ? '1' : '0',
    ].join(','),
  );
  return [INDICATOREN_HEADER, ...lines].join('\n') + '\n';
}

/** The audit rows for indicatoren.csv. Values never appear; the rule does. */
export function renderOnderdrukkingCsv(rijen: readonly Onderdrukking[]): string {
  const lines = rijen.map((r) =>
    ['indicatoren.csv', r.indicator, r.cohort, r.groep, r.moment, r.regel, `"${REGEL_TEKST[r.regel]}"`].join(','),
  );
  return [ONDERDRUKKING_HEADER, ...lines].join('\n') + '\n';
}
