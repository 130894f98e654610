/**
 * Read a predecessor edition's published indicators (editions.md, "Comparison with the previous
 * meting"): `out/<vorige>/data/indicatoren.csv` as src/indicators/write.ts writes it, after
 * disclosure control. Never its extracts: what the comparison shows of the earlier cohorts is
 * exactly what that edition published.
 *
 * The file is checked line by line before it is used; every problem is reported as
 * `bestand:regel: kolom 'x': wat er mis is (verwacht: ...)`, as for the extracts.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { GROEPEN, MOMENTEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import { percentage, type Publicatie } from '../indicators/disclosure.ts';
import { INDICATOREN_HEADER } from '../indicators/write.ts';
import { InputError } from '../util/errors.ts';

/** What the comparison needs of the predecessor: who it is and what it published. */
export interface VorigeMeting {
  /** Folder name of the edition, e.g. `6e-meting`. */
  slug: string;
  /** Its number, for the reader: "6e meting". */
  nummer: number;
  /** Its cohorts, ascending (from its published rows). */
  cohorten: number[];
  /** Its published indicator rows, in file order. */
  rijen: Publicatie[];
}

/** Stop after this many problems: a file that is wrong everywhere needs one look, not ten thousand. */
const MAX_MELDINGEN = 20;

const KOLOMMEN = INDICATOREN_HEADER.split(',');

/**
 * Parse the text of an indicatoren.csv; `bestand` names the file in messages. Checks the header,
 * the number of fields, every value against its column, that a suppressed row carries no numbers
 * and a published one carries consistent ones (teller ≤ noemer, the percentage of the two), and
 * that no row occurs twice.
 */
export function parseIndicatorenCsv(tekst: string, bestand: string): Publicatie[] {
  const regels = tekst.split('\n');
  if (regels.length > 0 && regels[regels.length - 1] === '') regels.pop();
  if (regels.length === 0 || regels[0]!.replace(/\r$/, '') !== INDICATOREN_HEADER)
    throw new InputError([`${bestand}:1: kopregel '${(regels[0] ?? '').slice(0, 80)}' klopt niet (verwacht: ${INDICATOREN_HEADER})`]);
  const fouten: string[] = [];
  const rijen: Publicatie[] = [];
  const gezien = new Map<string, number>();
  for (let i = 1; i < regels.length && fouten.length < MAX_MELDINGEN; i++) {
    const nr = i + 1;
    const velden = regels[i]!.replace(/\r$/, '').split(',');
    const fout = (kolom: string, wat: string, verwacht: string) => fouten.push(`${bestand}:${nr}: kolom '${kolom}': ${wat} (verwacht: ${verwacht})`);
    if (velden.length !== KOLOMMEN.length) {
      fouten.push(`${bestand}:${nr}: ${velden.length} velden in plaats van ${KOLOMMEN.length} (verwacht: ${INDICATOREN_HEADER})`);
      continue;
    }
    const [indicator, cohort, groep, moment, teller, noemer, pct, onderdrukt] = velden as [string, string, string, string, string, string, string, string];
    const voor = fouten.length;
    if (!/^[a-z][a-z0-9_]*$/.test(indicator)) fout('indicator', `'${indicator}' is geen indicatornaam`, 'kleine letters, cijfers en _');
    if (!/^\d{4}$/.test(cohort) && cohort !== 'totaal') fout('cohort', `'${cohort}' is geen cohort`, "een jaartal of 'totaal'");
    if (!(GROEPEN as readonly string[]).includes(groep)) fout('groep', `onbekende groep '${groep}'`, GROEPEN.join(', '));
    if (!(MOMENTEN as readonly string[]).includes(moment)) fout('moment', `onbekend meetmoment '${moment}'`, MOMENTEN.join(', '));
    if (onderdrukt !== '0' && onderdrukt !== '1') fout('onderdrukt', `'${onderdrukt}'`, '0 of 1');
    const isOnderdrukt = onderdrukt === '1';
    if (isOnderdrukt) {
      for (const [kolom, waarde] of [['teller', teller], ['noemer', noemer], ['percentage', pct]] as const)
        if (waarde !== '') fout(kolom, `een onderdrukte rij heeft toch een waarde '${waarde}'`, 'leeg');
    } else if (onderdrukt === '0') {
      const geheel = (kolom: string, waarde: string): number | null => {
        if (!/^\d+$/.test(waarde)) {
          fout(kolom, waarde === '' ? 'leeg in een gepubliceerde rij' : `'${waarde}' is geen aantal`, 'een geheel getal ≥ 0');
          return null;
        }
        return Number(waarde);
      };
      const t = geheel('teller', teller);
      const n = geheel('noemer', noemer);
      if (n === 0) fout('noemer', 'is 0', 'een noemer groter dan 0');
      else if (t !== null && n !== null && t > n) fout('teller', `${t} is groter dan de noemer ${n}`, 'teller ≤ noemer');
      else if (t !== null && n !== null && pct !== percentage(t, n))
        fout('percentage', `'${pct}' hoort niet bij ${t}/${n}`, percentage(t, n));
    }
    if (fouten.length > voor) continue;
    const sleutel = `${indicator}|${cohort}|${groep}|${moment}`;
    const eerder = gezien.get(sleutel);
    if (eerder !== undefined) {
      fouten.push(`${bestand}:${nr}: rij ${indicator}, cohort ${cohort}, ${groep}, ${moment} staat er al op regel ${eerder} (verwacht: elke rij één keer)`);
      continue;
    }
    gezien.set(sleutel, nr);
    rijen.push({
      indicator,
      cohort,
      groep: groep as Groep,
      moment: moment as Moment,
      teller: isOnderdrukt ? null : Number(teller),
      noemer: isOnderdrukt ? null : Number(noemer),
      percentage: isOnderdrukt ? null : pct,
      onderdrukt: isOnderdrukt,
    });
  }
  if (fouten.length >= MAX_MELDINGEN) fouten.push(`${bestand}: gestopt na ${MAX_MELDINGEN} meldingen`);
  if (fouten.length > 0) throw new InputError(fouten);
  if (rijen.length === 0) throw new InputError([`${bestand}: bevat geen rijen (verwacht: de gepubliceerde indicatoren van de vorige meting)`]);
  return rijen;
}

/** The cohorts of published rows (every cohort but 'totaal'), ascending. */
function cohortenVan(rijen: readonly Publicatie[]): number[] {
  return [...new Set(rijen.filter((r) => r.cohort !== 'totaal').map((r) => Number(r.cohort)))].sort((a, b) => a - b);
}

/** Where an edition's published indicators are: `<uitvoer>/<slug>/data/indicatoren.csv`. */
export function gepubliceerdPad(uitvoer: string, slug: string): string {
  return join(uitvoer, slug, 'data', 'indicatoren.csv');
}

/**
 * Read the predecessor's published indicators from `<uitvoer>/<slug>/data/indicatoren.csv`
 * (`uitvoer` is the folder that holds every edition's output, normally `out`). Paths in messages
 * are relative to `root`. A missing file says how to make it.
 */
export function leesVorigeMeting(opties: { slug: string; nummer: number; uitvoer: string; root?: string }): VorigeMeting {
  const pad = gepubliceerdPad(opties.uitvoer, opties.slug);
  const rel = relative(opties.root ?? process.cwd(), pad);
  const naam = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : pad;
  let tekst: string;
  try {
    tekst = readFileSync(pad, 'utf8');
  } catch {
    throw new InputError([
      `de vorige meting '${opties.slug}' heeft geen gepubliceerde resultaten in ${naam}; bouw die eerst: npm run report -- --edition ${opties.slug}`,
    ]);
  }
  const rijen = parseIndicatorenCsv(tekst, naam);
  const cohorten = cohortenVan(rijen);
  if (cohorten.length === 0) throw new InputError([`${naam}: bevat geen rijen per cohort (verwacht: naast 'totaal' de afzonderlijke cohorten)`]);
  return { slug: opties.slug, nummer: opties.nummer, cohorten, rijen };
}
