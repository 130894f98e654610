/**
 * data/indicatoren.csv read back, as src/indicators/write.ts writes it after disclosure control:
 * the build's own results (./lezen.ts) and a predecessor's (src/vergelijking/lezen.ts) alike.
 *
 * The file is checked line by line before it is used; every problem is a Diagnostic
 * `bestand:regel: kolom 'x': wat er mis is (verwacht: ...)`, as for the extracts (./messages.ts).
 */
import { percentage, type Publicatie } from '../indicators/disclosure.ts';
import { INDICATOREN_HEADER } from '../indicators/write.ts';
import { csvRecords, type CsvRecord } from '../util/csv.ts';
import type { Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { GROEPEN, MOMENTEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import { dubbeleRij, geenRijen, gestopt, kopregelFout, veldenFout, waardeFout } from './messages.ts';

/** Stop after this many problems: a file that is wrong everywhere needs one look, not ten thousand. */
const MAX_MELDINGEN = 20;

const KOLOMMEN = INDICATOREN_HEADER.split(',');

/** Reports a problem of one column of the line being read. */
type Fout = (kolom: string, wat: string, verwacht: string) => void;

/**
 * Read the text of an indicatoren.csv; `bestand` names the file in messages. Checks the header,
 * the number of fields, every value against its column, that a suppressed row carries no numbers
 * and a published one carries consistent ones (teller ≤ noemer, the percentage of the two), and
 * that no row occurs twice.
 */
export function leesIndicatorenCsv(tekst: string, bestand: string): Publicatie[] {
  const [kop, ...records] = csvRecords(tekst);
  const kopregel = kop?.fields.join(',') ?? '';
  if (kopregel !== INDICATOREN_HEADER) throw new InputError([kopregelFout(bestand, kopregel, INDICATOREN_HEADER)]);
  const fouten: Diagnostic[] = [];
  const rijen: Publicatie[] = [];
  const gezien = new Map<string, number>();
  for (const record of records) {
    if (fouten.length >= MAX_MELDINGEN) break;
    const rij = leesRij(bestand, record, fouten);
    if (!rij) continue;
    const sleutel = `${rij.indicator}|${rij.cohort}|${rij.groep}|${rij.moment}`;
    const eerder = gezien.get(sleutel);
    if (eerder !== undefined) {
      fouten.push(dubbeleRij(bestand, record.line, `${rij.indicator}, cohort ${rij.cohort}, ${rij.groep}, ${rij.moment}`, eerder));
      continue;
    }
    gezien.set(sleutel, record.line);
    rijen.push(rij);
  }
  if (fouten.length >= MAX_MELDINGEN) fouten.push(gestopt(bestand, MAX_MELDINGEN));
  if (fouten.length > 0) throw new InputError(fouten);
  if (rijen.length === 0) throw new InputError([geenRijen(bestand)]);
  return rijen;
}

/** One line as a row, or undefined when it has problems (added to `fouten`). */
function leesRij(bestand: string, record: CsvRecord, fouten: Diagnostic[]): Publicatie | undefined {
  if (record.fields.length !== KOLOMMEN.length) {
    fouten.push(veldenFout(bestand, record.line, record.fields.length, INDICATOREN_HEADER));
    return undefined;
  }
  const [indicator, cohort, groep, moment, teller, noemer, pct, onderdrukt] = record.fields as [string, string, string, string, string, string, string, string];
  const voor = fouten.length;
  const fout: Fout = (kolom, wat, verwacht) => fouten.push(waardeFout(bestand, record.line, kolom, wat, verwacht));
  controleerSleutel(indicator, cohort, groep, moment, fout);
  if (onderdrukt === '1') controleerOnderdrukt({ teller, noemer, percentage: pct }, fout);
  else if (onderdrukt === '0') controleerGepubliceerd(teller, noemer, pct, fout);
  else fout('onderdrukt', `'${onderdrukt}'`, '0 of 1');
  if (fouten.length > voor) return undefined;
  const isOnderdrukt = onderdrukt === '1';
  return {
    indicator,
    cohort,
    groep: groep as Groep,
    moment: moment as Moment,
    teller: isOnderdrukt ? null : Number(teller),
    noemer: isOnderdrukt ? null : Number(noemer),
    percentage: isOnderdrukt ? null : pct,
    onderdrukt: isOnderdrukt,
  };
}

/** The columns that name the row. */
function controleerSleutel(indicator: string, cohort: string, groep: string, moment: string, fout: Fout): void {
  if (!/^[a-z][a-z0-9_]*$/.test(indicator)) fout('indicator', `'${indicator}' is geen indicatornaam`, 'kleine letters, cijfers en _');
  if (!/^\d{4}$/.test(cohort) && cohort !== 'totaal') fout('cohort', `'${cohort}' is geen cohort`, "een jaartal of 'totaal'");
  if (!(GROEPEN as readonly string[]).includes(groep)) fout('groep', `onbekende groep '${groep}'`, GROEPEN.join(', '));
  if (!(MOMENTEN as readonly string[]).includes(moment)) fout('moment', `onbekend meetmoment '${moment}'`, MOMENTEN.join(', '));
}

/** A suppressed row carries no numbers. */
function controleerOnderdrukt(waarden: Record<'teller' | 'noemer' | 'percentage', string>, fout: Fout): void {
  for (const [kolom, waarde] of Object.entries(waarden))
    if (waarde !== '') fout(kolom, `een onderdrukte rij heeft toch een waarde '${waarde}'`, 'leeg');
}

/** A published row carries counts, teller ≤ noemer, and the percentage of the two. */
function controleerGepubliceerd(teller: string, noemer: string, pct: string, fout: Fout): void {
  const t = aantal('teller', teller, fout);
  const n = aantal('noemer', noemer, fout);
  if (n === 0) fout('noemer', 'is 0', 'een noemer groter dan 0');
  else if (t === null || n === null) return;
  else if (t > n) fout('teller', `${t} is groter dan de noemer ${n}`, 'teller ≤ noemer');
  else if (pct !== percentage(t, n)) fout('percentage', `'${pct}' hoort niet bij ${t}/${n}`, percentage(t, n));
}

function aantal(kolom: string, waarde: string, fout: Fout): number | null {
  if (/^\d+$/.test(waarde)) return Number(waarde);
  fout(kolom, waarde === '' ? 'leeg in een gepubliceerde rij' : `'${waarde}' is geen aantal`, 'een geheel getal ≥ 0');
  return null;
}
