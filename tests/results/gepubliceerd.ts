/** The committed results of the 6th meting as a results folder: out/6e-meting/data/*.csv. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import type { Extractie } from '../../src/extracts/contract.ts';
import { leesResultaten } from '../../src/results/lezen.ts';
import type { Resultaten } from '../../src/results/results.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = join(ROOT, 'out', '6e-meting', 'data');

export function gepubliceerdeBestanden(): Record<string, string> {
  return Object.fromEntries(readdirSync(DATA).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(DATA, f), 'utf8')]));
}

export const editie6 = (): Promise<Editie> => leesEditie(join(ROOT, 'editions', '6e-meting', 'editie.json'));
export const extractie6 = (): Extractie => JSON.parse(readFileSync(join(ROOT, 'data', '6e-meting', 'extractie.json'), 'utf8')) as Extractie;

/** The 6th meting's results as every build reads them: from its committed published files. */
export async function resultaten6(): Promise<Resultaten> {
  return leesResultaten(gepubliceerdeBestanden(), await editie6(), extractie6());
}
