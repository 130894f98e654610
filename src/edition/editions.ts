/**
 * Where the editions live: one folder per meting, `editions/<slug>/`, holding the edition file
 * `editie.json`, optionally `templates/` with the edition's own versions of shared templates,
 * and optionally `literatuur.json`, the references its chapters cite (src/chapters/literatuur.ts).
 * The extracts of an edition are in `data/<slug>/`, its outputs in `out/<slug>/`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/errors.ts';
import { EDITIE_SLUG, editieSlug, leesEditie, type Editie } from './edition.ts';
import { msg } from './messages.ts';

const EDITIE_BESTAND = 'editie.json';

/** An edition as the build finds it: the validated file and its folder. */
export interface EditieMap {
  editie: Editie;
  /** The edition file. */
  bestand: string;
  /** Its folder. */
  map: string;
  /** The edition's template overrides (`<map>/templates`), when that folder exists. */
  sjablonen: string | undefined;
  /** The edition's references (`<map>/literatuur.json`, CSL-JSON), when that file exists. */
  literatuur: string | undefined;
}

const LITERATUUR_BESTAND = 'literatuur.json';

/**
 * The edition file an `--edition` argument means: a slug (`7e-meting`, looked up in
 * `editions/`), a folder holding `editie.json`, or the file itself.
 */
export function editieBestand(arg: string, root: string): string {
  const alsSlug = join(root, 'editions', arg, EDITIE_BESTAND);
  if (/^[\w-]+$/.test(arg) && existsSync(alsSlug)) return alsSlug;
  const pad = resolve(arg);
  const s = statSync(pad, { throwIfNoEntry: false });
  if (s?.isDirectory()) return join(pad, EDITIE_BESTAND);
  if (s) return pad;
  const bekend = editieSlugs(root);
  throw new InputError(
    [msg.onbekend(arg)],
    bekend.length > 0 ? `Bekende edities: ${bekend.join(', ')}.` : undefined,
  );
}

/** The slugs of the folders in editions/ that hold an edition file, in name order. */
function editieSlugs(root: string): string[] {
  const dir = join(root, 'editions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((naam) => existsSync(join(dir, naam, EDITIE_BESTAND)))
    .sort();
}

/** Read an edition file with its folder; an edition's folder must be named after its number. */
export async function leesEditieMap(bestand: string): Promise<EditieMap> {
  const editie = await leesEditie(bestand);
  const map = dirname(bestand);
  if (basename(bestand) === EDITIE_BESTAND && EDITIE_SLUG.test(basename(map)) && basename(map) !== editie.slug)
    throw new InputError([msg.mapNummer(bestand, basename(map), editie.nummer, editieSlug(editie.nummer))]);
  const eigen = join(map, 'templates');
  const literatuur = join(map, LITERATUUR_BESTAND);
  return {
    editie,
    bestand,
    map,
    sjablonen: basename(bestand) === EDITIE_BESTAND && existsSync(eigen) ? eigen : undefined,
    literatuur: basename(bestand) === EDITIE_BESTAND && existsSync(literatuur) ? literatuur : undefined,
  };
}

/** Every edition in editions/, oldest first (a predecessor is built before the edition that compares with it). */
export async function alleEdities(root: string): Promise<EditieMap[]> {
  const edities = await Promise.all(editieSlugs(root).map((s) => leesEditieMap(join(root, 'editions', s, EDITIE_BESTAND))));
  if (edities.length === 0) throw new InputError([msg.geenEdities(join(root, 'editions'), EDITIE_BESTAND)]);
  return edities.sort((a, b) => a.editie.nummer - b.editie.nummer);
}

/**
 * What of an edition no output may touch: its folder in the editions/ layout; a loose edition
 * file (a test's, or a draft elsewhere) only itself.
 */
export function editieInvoerPad(e: EditieMap): string {
  return e.sjablonen || basename(e.bestand) === EDITIE_BESTAND ? e.map : e.bestand;
}
