/**
 * The products of a build, one per folder of the output: data (CSV), figuren (SVG and
 * Vega-Lite), monitor (chapters), kamerbrief (the letter), web (the web edition) and pdf. A build always renders
 * everything it needs into its temporary folder; the products chosen say which folders of the
 * output it replaces. The others are taken over unchanged from the previous output, so that
 * `--products data` refreshes the CSVs and leaves the rest as it was.
 */
import { cp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/errors.ts';
import { UITVOER } from './messages.ts';

export const PRODUCTEN = ['data', 'figuren', 'monitor', 'kamerbrief', 'web', 'pdf'] as const;
export type Product = (typeof PRODUCTEN)[number];

/** English and short names a user may type for a product. */
const ALIASSEN: Record<string, Product> = {
  figures: 'figuren',
  figuur: 'figuren',
  hoofdstukken: 'monitor',
  letter: 'kamerbrief',
  brief: 'kamerbrief',
  pdfs: 'pdf',
  site: 'web',
  webeditie: 'web',
};

/** Parse a comma-separated product list ("data,figuren" or "data, letter"); throws an InputError. */
export function parseProducts(text: string): Product[] {
  const gekozen = new Set<Product>();
  const onbekend: string[] = [];
  for (const deel of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const p = (PRODUCTEN as readonly string[]).includes(deel) ? (deel as Product) : ALIASSEN[deel];
    if (p) gekozen.add(p);
    else onbekend.push(deel);
  }
  if (onbekend.length > 0 || gekozen.size === 0)
    throw new InputError([
      UITVOER.onbekendProduct(`${onbekend.length > 0 ? `onbekend product ${onbekend.map((o) => `'${o}'`).join(', ')}` : 'geen product opgegeven'} (verwacht: een of meer van ${PRODUCTEN.join(', ')}, gescheiden door komma's)`),
    ]);
  return PRODUCTEN.filter((p) => gekozen.has(p));
}

/**
 * Build products: made by every build but neither committed, listed in manifest.json nor
 * compared by --check (the PDFs depend on the browser's version; the web edition is rebuilt
 * from the committed files in a second).
 */
export const BOUWPRODUCTEN: readonly Product[] = ['pdf', 'web'];

/** True for a path (relative to an edition's output) inside a build product's folder. */
export function inBouwproduct(rel: string): boolean {
  return BOUWPRODUCTEN.some((p) => rel === p || rel.startsWith(`${p}/`));
}

/**
 * Make `tmp` hold only the chosen products of the new build, and the other products' folders
 * of the previous output `vorige` (when it has them). Returns the products taken over.
 */
export async function neemOver(tmp: string, vorige: string, gekozen: readonly Product[]): Promise<Product[]> {
  const overgenomen: Product[] = [];
  for (const p of PRODUCTEN) {
    if (gekozen.includes(p)) continue;
    await rm(join(tmp, p), { recursive: true, force: true });
    if (existsSync(join(vorige, p))) {
      await cp(join(vorige, p), join(tmp, p), { recursive: true, preserveTimestamps: true });
      overgenomen.push(p);
    }
  }
  return overgenomen;
}
