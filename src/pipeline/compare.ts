/**
 * `--compare <folder or git revision>`: what changed between two builds, as Markdown for a
 * reviewer — which indicators and by how much, which suppressions appeared or disappeared,
 * which model estimates moved, which numbers in the chapter text changed (sentence by
 * sentence), which inputs differ (from the manifests) and which other files changed.
 *
 *   reference (git `<rev>:out/` or a folder) ─┐
 *   output folder (out/) ─────────────────────┴─> read ─> compare (pure; compare-diff.ts)
 *                                                 ─> Markdown (compare-markdown.ts)
 *
 * The comparison only reads committed text outputs; it neither builds nor needs a browser.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../util/errors.ts';
import { leesCsv } from '../util/csv.ts';
import { listFiles } from './hash.ts';
import { inBouwproduct } from './products.ts';
import { vergelijkIndicatoren, vergelijkKm, vergelijkModellen, vergelijkTekst, type Vergelijking } from './compare-diff.ts';
import { VERGELIJKING_KOP, vergelijkingMarkdown } from './compare-markdown.ts';
import { UITVOER } from './messages.ts';

const run = promisify(execFile);

/** A build's output, wherever it lives. Hashes are git blob hashes, so both kinds compare. */
interface Bron {
  naam: string;
  bestanden(): Promise<Map<string, string>>;
  lees(rel: string): Promise<string | undefined>;
}

function blobHash(data: Uint8Array): string {
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

/** An output folder on disk. */
function mapBron(dir: string, naam: string = dir): Bron {
  return {
    naam,
    async bestanden() {
      const m = new Map<string, string>();
      for (const rel of await listFiles(dir, inBouwproduct)) m.set(rel, blobHash(await readFile(join(dir, rel))));
      return m;
    },
    async lees(rel) {
      const p = join(dir, rel);
      return existsSync(p) ? readFile(p, 'utf8') : undefined;
    },
  };
}

/** The committed output folder `outRel` (e.g. "out") at a git revision. */
function gitBron(rev: string, root: string, outRel: string, naam: string): Bron {
  const git = async (args: string[]) => (await run('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024 })).stdout;
  return {
    naam,
    async bestanden() {
      const m = new Map<string, string>();
      for (const regel of (await git(['ls-tree', '-r', rev, '--', `${outRel}/`])).split('\n')) {
        const t = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(regel);
        if (t) m.set(t[2]!.slice(outRel.length + 1), t[1]!);
      }
      return m;
    },
    async lees(rel) {
      try {
        return await git(['show', `${rev}:${outRel}/${rel}`]);
      } catch {
        return undefined;
      }
    },
  };
}

/** The reference: an existing folder, or else a git revision of the repository at `root`. */
async function openBron(ref: string, root: string, out: string): Promise<Bron> {
  if (existsSync(ref) && statSync(ref).isDirectory()) return mapBron(ref, ref);
  let commit: string;
  try {
    commit = (await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root })).stdout.trim();
  } catch {
    throw new InputError([UITVOER.geenRevisie(ref, root)]);
  }
  const outRel = relative(root, out).split(sep).join('/');
  if (outRel.startsWith('..') || outRel === '')
    throw new InputError([UITVOER.buitenRepository(ref, out)]);
  return gitBron(commit, root, outRel, `${ref} (${commit.slice(0, 10)}, ${outRel}/)`);
}

// ───────────────────────────── CSV ─────────────────────────────

/** Parse CSV text with a header line (RFC 4180 quotes) into records (src/util/csv.ts). */
const TEKSTMAPPEN = ['monitor/', 'kamerbrief/'];

/** Read both builds and compare them. */
async function vergelijkBronnen(oud: Bron, nieuw: Bron): Promise<Vergelijking> {
  const [ob, nb] = await Promise.all([oud.bestanden(), nieuw.bestanden()]);
  const csv = async (b: Bron, rel: string) => leesCsv((await b.lees(rel)) ?? '');
  const beide = async (rel: string) => Promise.all([csv(oud, rel), csv(nieuw, rel)]);
  const [oi, ni] = await beide('data/indicatoren.csv');
  const [om, nm] = await beide('data/modellen.csv');
  const [ok, nk] = await beide('data/recidive_km.csv');
  const tekst: Vergelijking['tekst'] = [];
  for (const rel of [...new Set([...ob.keys(), ...nb.keys()])].sort()) {
    if (!TEKSTMAPPEN.some((m) => rel.startsWith(m)) || !rel.endsWith('.md') || ob.get(rel) === nb.get(rel)) continue;
    const v = vergelijkTekst((await oud.lees(rel)) ?? '', (await nieuw.lees(rel)) ?? '');
    if (v.length > 0) tekst.push({ bestand: rel, verschillen: v });
  }
  const alle = [...new Set([...ob.keys(), ...nb.keys()])].sort();
  return {
    oud: oud.naam,
    nieuw: nieuw.naam,
    invoer: invoerVerschil((await oud.lees('manifest.json')) ?? '', (await nieuw.lees('manifest.json')) ?? ''),
    indicatoren: vergelijkIndicatoren(oi, ni),
    modellen: vergelijkModellen(om, nm),
    km: ok.length + nk.length > 0 ? vergelijkKm(ok, nk) : undefined,
    tekst,
    bestanden: {
      gewijzigd: alle.filter((r) => ob.has(r) && nb.has(r) && ob.get(r) !== nb.get(r)),
      nieuw: alle.filter((r) => !ob.has(r)),
      vervallen: alle.filter((r) => !nb.has(r)),
    },
  };
}

/** Which inputs of the manifests differ (extracts, edition, templates, code). */
function invoerVerschil(oud: string, nieuw: string): string[] {
  let a: { invoer?: Record<string, unknown> };
  let b: { invoer?: Record<string, unknown> };
  try {
    a = JSON.parse(oud);
    b = JSON.parse(nieuw);
  } catch {
    return [];
  }
  const namen: Record<string, string> = { extracten: 'extracten', editie: 'editiebestand', sjablonen: 'templates', code: 'code' };
  return Object.keys(namen).filter((k) => JSON.stringify(a.invoer?.[k]) !== JSON.stringify(b.invoer?.[k])).map((k) => namen[k]!);
}

/** `--compare`: the reference `ref` (folder or revision) against the output folder `out`, as Markdown. */
export async function compareOutputs(ref: string, outs: string | readonly string[], root: string): Promise<string> {
  const mappen = typeof outs === 'string' ? [outs] : outs;
  const delen: string[] = [];
  for (const out of mappen) {
    if (!existsSync(out)) throw new InputError([UITVOER.nietsTeVergelijken(out)]);
    // A folder given as the reference holds the edition folders (an output root), or is itself one edition's output.
    const refMap = existsSync(join(ref, basename(out))) ? join(ref, basename(out)) : ref;
    const oud = await openBron(existsSync(ref) ? refMap : ref, root, out);
    delen.push(vergelijkingMarkdown(await vergelijkBronnen(oud, mapBron(out, relative(process.cwd(), out) || out))));
  }
  return delen.join('\n');
}

/** Is this (the start of) a comparison summary this tool wrote? Only such a file is overwritten by --compare-out. */
export function isVergelijking(begin: string): boolean {
  return begin.startsWith(VERGELIJKING_KOP);
}
