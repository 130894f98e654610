/**
 * `--compare <folder or git revision>`: what changed between two builds, as Markdown for a
 * reviewer — which indicators and by how much, which suppressions appeared or disappeared,
 * which model estimates moved, which numbers in the chapter text changed (sentence by
 * sentence), which inputs differ (from the manifests) and which other files changed.
 *
 *   reference (git `<rev>:out/` or a folder) ─┐
 *   output folder (out/) ─────────────────────┴─> read ─> compare (pure) ─> Markdown
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
    throw new InputError(
      [`--compare ${ref}: geen map en geen git-revisie in ${root}`],
      'Geef een uitvoermap (bijvoorbeeld /tmp/oud/out) of een revisie (main, HEAD~1, een commit-hash).',
    );
  }
  const outRel = relative(root, out).split(sep).join('/');
  if (outRel.startsWith('..') || outRel === '')
    throw new InputError([`--compare ${ref}: de uitvoermap ${out} ligt niet in de repository; vergelijk met een map in plaats van een revisie`]);
  return gitBron(commit, root, outRel, `${ref} (${commit.slice(0, 10)}, ${outRel}/)`);
}

// ───────────────────────────── CSV ─────────────────────────────

/** Parse CSV text with a header line (RFC 4180 quotes) into records (src/util/csv.ts). */
export { leesCsv };

// ───────────────────────────── indicators ─────────────────────────────

export interface CelVerschil {
  indicator: string;
  cohort: string;
  groep: string;
  moment: string;
  soort: 'gewijzigd' | 'onderdrukt_erbij' | 'onderdrukking_vervallen' | 'nieuw' | 'vervallen';
  oud?: Record<string, string>;
  nieuw?: Record<string, string>;
  /** Percentage points, new minus old (for 'gewijzigd'). */
  verschil?: number;
}

const celSleutel = (r: Record<string, string>) => `${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`;

export function vergelijkIndicatoren(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): CelVerschil[] {
  const o = new Map(oud.map((r) => [celSleutel(r), r]));
  const n = new Map(nieuw.map((r) => [celSleutel(r), r]));
  const uit: CelVerschil[] = [];
  const cel = (r: Record<string, string>) => ({ indicator: r.indicator!, cohort: r.cohort!, groep: r.groep!, moment: r.moment! });
  for (const [k, a] of o) {
    const b = n.get(k);
    if (!b) {
      uit.push({ ...cel(a), soort: 'vervallen', oud: a });
      continue;
    }
    const ao = a.onderdrukt === '1';
    const bo = b.onderdrukt === '1';
    if (!ao && bo) uit.push({ ...cel(a), soort: 'onderdrukt_erbij', oud: a, nieuw: b });
    else if (ao && !bo) uit.push({ ...cel(a), soort: 'onderdrukking_vervallen', oud: a, nieuw: b });
    else if (!ao && (a.percentage !== b.percentage || a.teller !== b.teller || a.noemer !== b.noemer))
      uit.push({ ...cel(a), soort: 'gewijzigd', oud: a, nieuw: b, verschil: Number(b.percentage) - Number(a.percentage) });
  }
  for (const [k, b] of n) if (!o.has(k)) uit.push({ ...cel(b), soort: 'nieuw', nieuw: b });
  return uit;
}

// ───────────────────────────── models ─────────────────────────────

interface TermVerschil {
  model: string;
  term: string;
  oud?: Record<string, string>;
  nieuw?: Record<string, string>;
}

function vergelijkModellen(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): TermVerschil[] {
  const sleutel = (r: Record<string, string>) => `${r.model}|${r.term}`;
  const o = new Map(oud.map((r) => [sleutel(r), r]));
  const n = new Map(nieuw.map((r) => [sleutel(r), r]));
  const uit: TermVerschil[] = [];
  for (const k of new Set([...o.keys(), ...n.keys()])) {
    const a = o.get(k);
    const b = n.get(k);
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) continue;
    const r = (a ?? b)!;
    uit.push({ model: r.model!, term: r.term!, oud: a, nieuw: b });
  }
  return uit;
}

interface KmVerschil {
  punten: number;
  gewijzigd: number;
  /** Largest absolute change of cumulatief, in percentage points. */
  grootste: number;
  onderdruktErbij: number;
  onderdrukkingVervallen: number;
}

function vergelijkKm(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): KmVerschil {
  const sleutel = (r: Record<string, string>) => `${r.uitsplitsing}|${r.categorie}|${r.cohort}|${r.groep}|${r.maand}`;
  const o = new Map(oud.map((r) => [sleutel(r), r]));
  const v: KmVerschil = { punten: nieuw.length, gewijzigd: 0, grootste: 0, onderdruktErbij: 0, onderdrukkingVervallen: 0 };
  for (const b of nieuw) {
    const a = o.get(sleutel(b));
    if (!a) continue;
    if (a.onderdrukt !== '1' && b.onderdrukt === '1') v.onderdruktErbij++;
    else if (a.onderdrukt === '1' && b.onderdrukt !== '1') v.onderdrukkingVervallen++;
    else if (JSON.stringify(a) !== JSON.stringify(b)) {
      v.gewijzigd++;
      if (a.cumulatief && b.cumulatief) v.grootste = Math.max(v.grootste, 100 * Math.abs(Number(b.cumulatief) - Number(a.cumulatief)));
    }
  }
  return v;
}

// ───────────────────────────── numbers in the text ─────────────────────────────

/** A number as the text writes it: 37, 1.234, 12,5, with a following % or ‰. */
const GETAL = /\d+(?:[.,]\d+)*(?:\s?[%‰])?/g;

/** The text cut into sentences and lines (table rows, headings, list items). */
export function zinnen(markdown: string): string[] {
  const uit: string[] = [];
  for (const regel of markdown.split('\n')) {
    const t = regel.trim();
    if (!t) continue;
    if (t.startsWith('|') || t.startsWith('#') || t.startsWith('![')) uit.push(t);
    else uit.push(...t.split(/(?<=[.!?])\s+(?=[A-Z0-9(„"'[*])/).filter(Boolean));
  }
  return uit;
}

const masker = (zin: string) => zin.replace(GETAL, '#');
const getallen = (zin: string) => zin.match(GETAL) ?? [];

export interface ZinVerschil {
  soort: 'getallen' | 'anders' | 'nieuw' | 'vervallen';
  oud?: string;
  nieuw?: string;
}

/**
 * Sentence-level differences of two texts: sentences whose words are the same but whose numbers
 * differ ('getallen'), and sentences reworded, added or removed (an LCS over the sentences with
 * their numbers masked, so a changed number does not hide the sentence's place).
 */
export function vergelijkTekst(oud: string, nieuw: string): ZinVerschil[] {
  const a = zinnen(oud);
  const b = zinnen(nieuw);
  const am = a.map(masker);
  const bm = b.map(masker);
  // LCS table over masked sentences.
  const L: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) L[i]![j] = am[i] === bm[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const uit: ZinVerschil[] = [];
  let weg: string[] = [];
  let erbij: string[] = [];
  const spoel = () => {
    // Removed and added sentences at the same place read best as one reworded sentence.
    const paren = Math.min(weg.length, erbij.length);
    for (let k = 0; k < paren; k++) uit.push({ soort: 'anders', oud: weg[k], nieuw: erbij[k] });
    for (const z of weg.slice(paren)) uit.push({ soort: 'vervallen', oud: z });
    for (const z of erbij.slice(paren)) uit.push({ soort: 'nieuw', nieuw: z });
    weg = [];
    erbij = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && am[i] === bm[j]) {
      spoel();
      if (a[i] !== b[j]) uit.push({ soort: 'getallen', oud: a[i], nieuw: b[j] });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || L[i]![j + 1]! >= L[i + 1]![j]!)) erbij.push(b[j++]!);
    else weg.push(a[i++]!);
  }
  spoel();
  return uit;
}

/** The new sentence with each changed number in bold and its old value after it. */
export function markeerGetallen(oud: string, nieuw: string): string {
  const was = getallen(oud);
  let k = 0;
  return nieuw.replace(GETAL, (g) => {
    const o = was[k++];
    return o !== undefined && o !== g ? `**${g}** (was ${o})` : g;
  });
}

// ───────────────────────────── report ─────────────────────────────

interface Vergelijking {
  oud: string;
  nieuw: string;
  invoer: string[];
  indicatoren: CelVerschil[];
  modellen: TermVerschil[];
  km: KmVerschil | undefined;
  tekst: { bestand: string; verschillen: ZinVerschil[] }[];
  bestanden: { gewijzigd: string[]; nieuw: string[]; vervallen: string[] };
}

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

const nl = (x: number, d = 1) => x.toFixed(d).replace('.', ',');
const pp = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${nl(Math.abs(x))}`;
const cel = (v: CelVerschil) => `${v.indicator} | ${v.cohort} | ${v.groep} | ${v.moment}`;
const waarde = (r: Record<string, string> | undefined) => (!r ? '–' : r.onderdrukt === '1' ? 'onderdrukt' : `${(r.percentage ?? '').replace('.', ',')}% (${r.teller}/${r.noemer})`);
/** Escape a table cell. */
const tc = (s: string) => s.replace(/\|/g, '\\|');

/** How many rows of a detail table to show before summing up the rest. */
const MAX_RIJEN = 40;

const VERGELIJKING_KOP = '# Vergelijking van twee bouwsels';

function vergelijkingMarkdown(v: Vergelijking): string {
  const r: string[] = [VERGELIJKING_KOP, '', `- oud: ${v.oud}`, `- nieuw: ${v.nieuw}`, ''];
  const gewijzigd = v.indicatoren.filter((c) => c.soort === 'gewijzigd');
  const erbij = v.indicatoren.filter((c) => c.soort === 'onderdrukt_erbij');
  const vervallen = v.indicatoren.filter((c) => c.soort === 'onderdrukking_vervallen');
  const nieuwOfWeg = v.indicatoren.filter((c) => c.soort === 'nieuw' || c.soort === 'vervallen');
  const getalZinnen = v.tekst.flatMap((t) => t.verschillen.filter((z) => z.soort === 'getallen'));
  const andereZinnen = v.tekst.flatMap((t) => t.verschillen.filter((z) => z.soort !== 'getallen'));
  const geenVerschil = v.indicatoren.length + v.modellen.length + v.tekst.length + v.bestanden.gewijzigd.length + v.bestanden.nieuw.length + v.bestanden.vervallen.length === 0;

  r.push('## Samenvatting', '');
  if (geenVerschil) {
    r.push('Geen verschillen: beide bouwsels zijn gelijk.', '');
    return `${r.join('\n')}`;
  }
  if (v.invoer.length) r.push(`- Invoer gewijzigd (volgens manifest.json): ${v.invoer.join(', ')}.`);
  const indNamen = new Set(gewijzigd.map((c) => c.indicator));
  const grootste = gewijzigd.reduce((m, c) => Math.max(m, Math.abs(c.verschil ?? 0)), 0);
  r.push(
    gewijzigd.length
      ? `- ${gewijzigd.length} indicatorcellen gewijzigd in ${indNamen.size} indicatoren; grootste verschil ${nl(grootste)} procentpunt.`
      : '- Geen indicatorcijfers gewijzigd.',
  );
  r.push(`- Onderdrukkingen: ${erbij.length} erbij, ${vervallen.length} vervallen.`);
  if (nieuwOfWeg.length) r.push(`- Cellen: ${nieuwOfWeg.filter((c) => c.soort === 'nieuw').length} nieuw, ${nieuwOfWeg.filter((c) => c.soort === 'vervallen').length} vervallen.`);
  r.push(v.modellen.length ? `- Modellen: ${v.modellen.length} termen gewijzigd in ${new Set(v.modellen.map((m) => m.model)).size} modellen.` : '- Modellen: geen verschil.');
  if (v.km && (v.km.gewijzigd || v.km.onderdruktErbij || v.km.onderdrukkingVervallen))
    r.push(`- Kaplan–Meier: ${v.km.gewijzigd} van ${v.km.punten} punten gewijzigd (grootste verschil ${nl(v.km.grootste)} procentpunt); onderdrukt ${v.km.onderdruktErbij} erbij, ${v.km.onderdrukkingVervallen} vervallen.`);
  r.push(`- Tekst: ${getalZinnen.length} zinnen met andere cijfers, ${andereZinnen.length} zinnen anders, nieuw of vervallen.`);
  r.push('');

  if (gewijzigd.length || erbij.length || vervallen.length || nieuwOfWeg.length) {
    r.push('## Indicatoren', '', '| indicator | gewijzigde cellen | grootste verschil (procentpunt) | onderdrukt erbij | onderdrukking vervallen |', '|---|---:|---:|---:|---:|');
    const namen = [...new Set(v.indicatoren.map((c) => c.indicator))];
    for (const n of namen) {
      const hier = v.indicatoren.filter((c) => c.indicator === n);
      const g = hier.filter((c) => c.soort === 'gewijzigd');
      const max = g.reduce((m, c) => (Math.abs(c.verschil!) > Math.abs(m) ? c.verschil! : m), 0);
      r.push(`| ${n} | ${g.length} | ${g.length ? pp(max) : ''} | ${hier.filter((c) => c.soort === 'onderdrukt_erbij').length || ''} | ${hier.filter((c) => c.soort === 'onderdrukking_vervallen').length || ''} |`);
    }
    r.push('');
    if (gewijzigd.length) {
      const top = [...gewijzigd].sort((a, b) => Math.abs(b.verschil!) - Math.abs(a.verschil!) || cel(a).localeCompare(cel(b)));
      r.push(`### Grootste verschillen${top.length > MAX_RIJEN ? ` (${MAX_RIJEN} van ${top.length})` : ''}`, '', '| indicator | cohort | groep | moment | was | nu | verschil (procentpunt) |', '|---|---|---|---|---:|---:|---:|');
      for (const c of top.slice(0, MAX_RIJEN)) r.push(`| ${cel(c)} | ${waarde(c.oud)} | ${waarde(c.nieuw)} | ${pp(c.verschil!)} |`);
      r.push('');
    }
    for (const [titel, lijst] of [
      ['Onderdrukkingen erbij', erbij],
      ['Onderdrukkingen vervallen', vervallen],
      ['Cellen nieuw of vervallen', nieuwOfWeg],
    ] as const) {
      if (!lijst.length) continue;
      r.push(`### ${titel}${lijst.length > MAX_RIJEN ? ` (${MAX_RIJEN} van ${lijst.length})` : ''}`, '', '| indicator | cohort | groep | moment | was | nu |', '|---|---|---|---|---:|---:|');
      for (const c of lijst.slice(0, MAX_RIJEN)) r.push(`| ${cel(c)} | ${waarde(c.oud)} | ${waarde(c.nieuw)} |`);
      r.push('');
    }
  }

  if (v.modellen.length) {
    r.push('## Modellen', '', '| model | term | ratio was | ratio nu | p was | p nu |', '|---|---|---:|---:|---:|---:|');
    for (const m of v.modellen.slice(0, MAX_RIJEN))
      r.push(`| ${m.model} | ${tc(m.term)} | ${m.oud?.ratio ?? '–'} | ${m.nieuw?.ratio ?? '–'} | ${m.oud?.p ?? '–'} | ${m.nieuw?.p ?? '–'} |`);
    if (v.modellen.length > MAX_RIJEN) r.push('', `En nog ${v.modellen.length - MAX_RIJEN} termen.`);
    r.push('');
  }

  if (v.tekst.length) {
    r.push('## Cijfers en zinnen in de tekst', '');
    for (const t of v.tekst) {
      r.push(`### ${t.bestand}`, '');
      const toon = t.verschillen.slice(0, MAX_RIJEN);
      for (const z of toon) {
        if (z.soort === 'getallen') r.push(`- ${markeerGetallen(z.oud!, z.nieuw!)}`);
        else if (z.soort === 'anders') r.push(`- anders geformuleerd:`, `  - was: ${z.oud}`, `  - nu: ${z.nieuw}`);
        else if (z.soort === 'nieuw') r.push(`- nieuw: ${z.nieuw}`);
        else r.push(`- vervallen: ${z.oud}`);
      }
      if (t.verschillen.length > MAX_RIJEN) r.push(`- en nog ${t.verschillen.length - MAX_RIJEN} verschillen`);
      r.push('');
    }
  }

  const b = v.bestanden;
  if (b.gewijzigd.length + b.nieuw.length + b.vervallen.length) {
    r.push('## Bestanden', '');
    if (b.gewijzigd.length) r.push(`- gewijzigd: ${b.gewijzigd.join(', ')}`);
    if (b.nieuw.length) r.push(`- nieuw: ${b.nieuw.join(', ')}`);
    if (b.vervallen.length) r.push(`- vervallen: ${b.vervallen.join(', ')}`);
    r.push('');
  }
  return r.join('\n');
}

/** `--compare`: the reference `ref` (folder or revision) against the output folder `out`, as Markdown. */
export async function compareOutputs(ref: string, outs: string | readonly string[], root: string): Promise<string> {
  const mappen = typeof outs === 'string' ? [outs] : outs;
  const delen: string[] = [];
  for (const out of mappen) {
    if (!existsSync(out)) throw new InputError([`${out}: uitvoermap bestaat niet`], 'Bouw eerst met `npm run report`.');
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
