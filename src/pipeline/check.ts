/**
 * `--check`: rebuild into a temporary folder (without PDFs, so no browser is needed) and
 * compare every committed output — Markdown, SVG, Vega-Lite JSON, CSV and manifest.json — with
 * what the pipeline produces now. CI runs it, so a commit whose outputs were not regenerated
 * does not land.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../util/errors.ts';
import { UITVOER } from './messages.ts';
import { listFiles } from './hash.ts';
import { inBouwproduct } from './products.ts';
import { LEFTOVER_FOLDER, LOCK_FILE } from './guard.ts';
import { removeStale, tempFolder } from '../util/cleanup.ts';
import type { EditieBouw } from './plan.ts';
import { buildReport } from './build.ts';
import type { Effects } from './stages.ts';

export interface Verschil {
  pad: string;
  /** gewijzigd: both have it, with other content; ontbreekt: built but not in the output folder; overbodig: in the output folder but no longer built. */
  soort: 'gewijzigd' | 'ontbreekt' | 'overbodig';
  /** For a changed text file: the first line that differs. */
  detail?: string;
}

/** PDFs and the web edition are build products; they are neither committed nor checked. */
const ongecontroleerd = inBouwproduct;

/** The differences between a fresh build `gebouwd` and the output folder `vastgelegd`. */
export async function compareFolders(gebouwd: string, vastgelegd: string): Promise<Verschil[]> {
  const a = new Set(await listFiles(gebouwd, ongecontroleerd));
  const b = new Set(existsSync(vastgelegd) ? await listFiles(vastgelegd, ongecontroleerd) : []);
  const verschillen: Verschil[] = [];
  for (const pad of [...new Set([...a, ...b])].sort()) {
    if (!b.has(pad)) verschillen.push({ pad, soort: 'ontbreekt' });
    else if (!a.has(pad)) verschillen.push({ pad, soort: 'overbodig' });
    else {
      const [x, y] = await Promise.all([readFile(join(gebouwd, pad)), readFile(join(vastgelegd, pad))]);
      if (!x.equals(y))
        verschillen.push({
          pad,
          soort: 'gewijzigd',
          detail: (pad === 'manifest.json' && manifestDifference(x.toString('utf8'), y.toString('utf8'))) || eersteVerschil(x.toString('utf8'), y.toString('utf8')),
        });
    }
  }
  return verschillen;
}

/**
 * For manifest.json: which parts differ, e.g. "invoer gewijzigd: code; de uitvoerbestanden zijn
 * gelijk" — the common case of a code change that did not change any output. Undefined when
 * either side is not a manifest.
 */
export function manifestDifference(gebouwd: string, vastgelegd: string): string | undefined {
  let a: { invoer?: Record<string, unknown>; uitvoer?: unknown };
  let b: { invoer?: Record<string, unknown>; uitvoer?: unknown };
  try {
    a = JSON.parse(gebouwd);
    b = JSON.parse(vastgelegd);
  } catch {
    return undefined;
  }
  if (!a.invoer || !b.invoer) return undefined;
  const namen: Record<string, string> = { extracten: 'extracten', editie: 'editie', sjablonen: 'templates', code: 'code' };
  const invoer = Object.keys(namen).filter((k) => JSON.stringify(a.invoer![k]) !== JSON.stringify(b.invoer![k]));
  const uitvoerGelijk = JSON.stringify(a.uitvoer) === JSON.stringify(b.uitvoer);
  return [
    invoer.length ? `invoer gewijzigd: ${invoer.map((k) => namen[k]).join(', ')}` : 'invoer gelijk',
    uitvoerGelijk ? 'de uitvoerbestanden zelf zijn gelijk' : 'uitvoerbestanden gewijzigd',
  ].join('; ');
}

/** "regel 12: verwacht '…', staat er '…'" for the first line where two texts differ. */
export function eersteVerschil(verwacht: string, gevonden: string): string {
  const a = verwacht.split('\n');
  const b = gevonden.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const kort = (s: string | undefined) => (s === undefined ? '(einde van het bestand)' : `'${s.length > 90 ? `${s.slice(0, 87)}...` : s}'`);
    return `regel ${i + 1}: de pijplijn maakt ${kort(a[i])}, vastgelegd is ${kort(b[i])}`;
  }
  return 'alleen regeleinden of bytes verschillen';
}

export interface CheckOptions {
  /** The editions to check, each with its committed output folder (`out`). */
  bouwen: readonly EditieBouw[];
  /** The committed output root. */
  out: string;
  /** True when every edition is checked: an edition folder in `out` that no edition makes is then reported too. */
  alle: boolean;
  templates?: string;
}

/**
 * Rebuild every edition in a temporary root and compare each with its committed folder; the
 * temporary root is removed. An edition that compares with its predecessor reads the
 * predecessor's fresh build when it is checked too, else the committed one.
 */
export async function checkOutputs(o: CheckOptions, fx: Effects): Promise<Verschil[]> {
  if (!existsSync(o.out))
    throw new InputError([UITVOER.nietsTeControleren(o.out)]);
  // Removed also on Ctrl-C or SIGTERM; one left by a check killed outright goes the next time.
  removeStale(tmpdir(), 'monitor-check');
  const { path: werk, release: vrij } = tempFolder('monitor-check');
  try {
    const verschillen: Verschil[] = [];
    for (const b of o.bouwen) {
      const slug = b.editie.editie.slug;
      const gebouwd = join(werk, slug);
      await buildReport({ data: b.data, edition: b.editie.bestand, out: gebouwd, templates: o.templates, pdf: false, vorigeWortels: [werk, o.out] }, fx);
      verschillen.push(...(await compareFolders(gebouwd, b.out)).map((v) => ({ ...v, pad: `${slug}/${v.pad}` })));
    }
    if (o.alle) {
      const slugs = new Set(o.bouwen.map((b) => b.editie.editie.slug));
      for (const naam of (await readdir(o.out)).sort())
        if (!slugs.has(naam) && !LEFTOVER_FOLDER.test(naam) && !LOCK_FILE.test(naam)) verschillen.push({ pad: `${naam}/`, soort: 'overbodig' });
    }
    return verschillen;
  } finally {
    vrij();
  }
}

/** Dutch lines for the user: what differs and what to do. */
export function formatDifferences(verschillen: readonly Verschil[], outLabel: string): string[] {
  if (verschillen.length === 0) return [`Controle geslaagd: ${outLabel} is precies wat de pijplijn maakt.`];
  const n = verschillen.length;
  const regels = [`Controle mislukt: ${n} ${n === 1 ? 'bestand' : 'bestanden'} in ${outLabel} ${n === 1 ? 'wijkt' : 'wijken'} af van wat de pijplijn maakt:`];
  for (const v of verschillen) {
    const uitleg =
      v.soort === 'ontbreekt' ? ' (de pijplijn maakt het, maar het is niet vastgelegd)' : v.soort === 'overbodig' ? ' (vastgelegd, maar de pijplijn maakt het niet meer)' : '';
    regels.push(`  ${v.soort}  ${v.pad}${uitleg}`);
    if (v.detail) regels.push(`             ${v.detail}`);
  }
  regels.push(`Bouw opnieuw met \`npm run report\` en leg ${outLabel} vast samen met je wijziging.`);
  return regels;
}
