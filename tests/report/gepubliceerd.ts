/**
 * The committed results of the 6th meting as a results folder: out/6e-meting/data/*.csv, with
 * modellen_noten.csv from tests/report/fixtures/ until out/ holds it (written by the same
 * writer, renderModellenNotenCsv, from that build's models).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEdition, type Edition } from '../../src/edition/edition.ts';
import type { Extractie } from '../../src/extracts/contract.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = join(ROOT, 'out', '6e-meting', 'data');

export function gepubliceerdeBestanden(): Record<string, string> {
  const bestanden = Object.fromEntries(readdirSync(DATA).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(DATA, f), 'utf8')]));
  if (!existsSync(join(DATA, 'modellen_noten.csv')))
    bestanden['modellen_noten.csv'] = readFileSync(join(ROOT, 'tests', 'report', 'fixtures', '6e-meting-modellen_noten.csv'), 'utf8');
  return bestanden;
}

export const editie6 = (): Promise<Edition> => loadEdition(join(ROOT, 'editions', '6e-meting', 'editie.json'));
export const extractie6 = (): Extractie => JSON.parse(readFileSync(join(ROOT, 'data', '6e-meting', 'extractie.json'), 'utf8')) as Extractie;
