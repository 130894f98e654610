/**
 * The result cache: steps 1–4 of the build (load and validate the extracts, compute the
 * indicators, disclosure control, fit the models) take seconds and depend only on the extract
 * files, the edition's computational fields and the code of those steps. Their published,
 * disclosure-controlled results — never anything person-level — are kept in
 * `.cache/resultaten/<key>.bin` (git-ignored), so that a rebuild after editing a template, a
 * chart or the letter's metadata starts at step 5.
 *
 * The key is the SHA-256 of
 *   - every file in the extract folder (content, not dates);
 *   - the edition without its presentation fields (titel, ondertitel, auteurs, uitgever, brief);
 *   - the code of steps 1–4: every module reachable by relative imports from their entry
 *     modules, among them the module that runs the steps (compute.ts), the files beside them
 *     (the SQL), and package-lock.json. Hashing files rather than a function's source text
 *     (`toString()`) also catches a change in a helper the steps call, and does not depend on
 *     how a transpiler prints a closure.
 * Any change to one of them is a miss; a miss computes and stores. Entries are written
 * atomically and the newest BEWAREN are kept.
 *
 * Rendered figures are cached too (renderWithCache), each by its spec with the data inlined
 * and the chart code, in `.cache/figuren/`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Editie } from '../edition/edition.ts';
import type { Extractie } from '../extracts/contract.ts';
import type { IndicatorDefinitie } from '../indicators/definitions.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import { ontvangUitkomst, verzendUitkomst, type VerzondenUitkomst } from '../models/fit-transfer.ts';
import type { ModelResults } from '../models/run.ts';
import type { ModelUitkomst } from '../models/uitkomst.ts';
import { IndicatorTabel, type Resultaten } from '../results/results.ts';
import { houdNieuwste } from '../util/files.ts';
import { combine, hashFile, listFiles, sha256 } from './hash.ts';
import type { Manifest } from './manifest.ts';
import type { Effects } from './stages.ts';

/** What steps 1–4 hand to the rest of the build. */
export interface Berekend {
  resultaten: Resultaten;
  onderdrukkingCsv: string;
}

export interface CacheOptions {
  /** Cache folder (e.g. `<project>/.cache/resultaten`). */
  dir: string;
  /** The build's input hashes (hashInputs): the extracts and the lock file are hashed once per build. */
  invoer: Manifest['invoer'];
  editie: Editie;
  projectRoot: string;
}

/** The modules steps 1–4 call (relative to the project root); their imports are followed. */
const STAP_MODULES = [
  'src/extracts/load.ts',
  'src/indicators/compute.ts',
  'src/indicators/disclosure.ts',
  'src/indicators/write.ts',
  'src/models/run.ts',
  'src/models/write.ts',
  'src/results/results.ts',
  'src/edition/edition.ts',
  'src/pipeline/compute.ts',
  'src/pipeline/cache.ts',
];

/** Edition fields that only change how results are presented, not the results. */
const PRESENTATIE: readonly string[] = ['titel', 'ondertitel', 'auteurs', 'uitgever', 'brief'];

/** How many entries the cache keeps. */
const BEWAREN = 8;

const FORMAAT = 1;

interface Opgeslagen {
  formaat: typeof FORMAAT;
  extractie: Extractie;
  definities: readonly IndicatorDefinitie[];
  rijen: readonly Publicatie[];
  modellen: unknown;
  onderdrukkingCsv: string;
  waarschuwingen: string[];
}

/**
 * Run `compute` (steps 1–4) or take its result from the cache. `compute` gets an Effects whose
 * warnings are recorded, so that a cache hit shows them again. Without `opts` it just runs.
 * `stageNumbers` is how the progress numbers the steps a hit skips (`1–4`).
 */
export async function withResultCache(
  opts: CacheOptions | undefined,
  fx: Effects,
  stageNumbers: string,
  compute: (fx: Effects) => Promise<Berekend>,
): Promise<Berekend> {
  if (!opts) return compute(fx);
  const start = fx.now();
  const sleutel = await cacheKey(opts);
  const pad = join(opts.dir, `${sleutel}.bin`);
  const gelezen = await lees(pad, opts.editie);
  if (gelezen) {
    const sec = ((fx.now() - start) / 1000).toFixed(1).replace('.', ',');
    fx.log(`${stageNumbers}. Resultaten uit de cache (${sec} s): extracten, editie en code ongewijzigd (sleutel ${sleutel.slice(0, 12)})`);
    for (const w of gelezen.waarschuwingen) fx.log(w);
    return gelezen.berekend;
  }
  const waarschuwingen: string[] = [];
  const opnemen: Effects = {
    ...fx,
    log: (regel) => {
      if (/^\s+waarschuwing:/.test(regel)) waarschuwingen.push(regel);
      fx.log(regel);
    },
  };
  const berekend = await compute(opnemen);
  await schrijf(pad, berekend, waarschuwingen);
  houdNieuwste(opts.dir, '.bin', BEWAREN);
  return berekend;
}

/** The cache key (hex SHA-256) for these inputs and the code of steps 1–4. */
export async function cacheKey(opts: CacheOptions): Promise<string> {
  const editie = Object.fromEntries(Object.entries(opts.editie).filter(([k]) => !PRESENTATIE.includes(k)));
  return combine({
    formaat: String(FORMAAT),
    extracten: combine(opts.invoer.extracten),
    editie: sha256(JSON.stringify(editie)),
    code: combine(await codeHashes(opts.projectRoot)),
    node: process.versions.modules,
    lock: opts.invoer.code.afhankelijkheden,
  });
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s(?:[^'"]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/**
 * Hashes of the code of steps 1–4: the modules reachable from STAP_MODULES by relative imports
 * (type-only imports included: simpler, and a type change rarely comes alone), and every
 * non-TypeScript file under the folders of those modules (the SQL they read at run time).
 */
async function codeHashes(projectRoot: string, entries: readonly string[] = STAP_MODULES): Promise<Record<string, string>> {
  const bezocht = new Set<string>();
  const todo = entries.map((m) => join(projectRoot, m));
  while (todo.length > 0) {
    const pad = todo.pop()!;
    if (bezocht.has(pad) || !existsSync(pad)) continue;
    bezocht.add(pad);
    const tekst = await readFile(pad, 'utf8');
    for (const m of tekst.matchAll(IMPORT)) {
      const rel = m[1] ?? m[2];
      if (rel) todo.push(resolve(dirname(pad), rel));
    }
  }
  const hashes: Record<string, string> = {};
  const mappen = new Set<string>();
  for (const pad of bezocht) {
    hashes[pad.slice(projectRoot.length)] = await hashFile(pad);
    mappen.add(dirname(pad));
  }
  for (const map of mappen)
    for (const rel of await listFiles(map, (r) => r.endsWith('.ts')))
      hashes[join(map, rel).slice(projectRoot.length)] = await hashFile(join(map, rel));
  return hashes;
}

/** ModelError is a class; the cache stores its fields and builds it again (as the model workers send it). */
function modellenOpslaan(m: ModelResults): unknown {
  return { ...m, modellen: m.modellen.map(verzendUitkomst) };
}

function modellenLezen(m: unknown): ModelResults {
  // The shape modellenOpslaan wrote: ModelResults with each failed model's `fout` as fields.
  const r = m as Omit<ModelResults, 'modellen'> & { modellen: readonly VerzondenUitkomst[] };
  return { ...r, modellen: r.modellen.map((u) => (u.status === 'fout' && !u.fout ? (u as unknown as ModelUitkomst) : ontvangUitkomst(u))) };
}

async function schrijf(pad: string, b: Berekend, waarschuwingen: string[]): Promise<void> {
  const r = b.resultaten;
  const data: Opgeslagen = {
    formaat: FORMAAT,
    extractie: r.extractie,
    definities: r.definities,
    rijen: r.indicatoren.rijen,
    modellen: modellenOpslaan(r.modellen),
    onderdrukkingCsv: b.onderdrukkingCsv,
    waarschuwingen,
  };
  await mkdir(dirname(pad), { recursive: true });
  const tmp = `${pad}.tmp-${process.pid}`;
  await writeFile(tmp, serialize(data));
  await rename(tmp, pad);
}

async function lees(pad: string, editie: Editie): Promise<{ berekend: Berekend; waarschuwingen: string[] } | undefined> {
  let data: Opgeslagen;
  try {
    data = deserialize(await readFile(pad)) as Opgeslagen;
  } catch {
    return undefined; // absent or unreadable: a miss
  }
  if (data.formaat !== FORMAAT) return undefined;
  return {
    berekend: {
      resultaten: {
        editie,
        extractie: data.extractie,
        definities: data.definities,
        indicatoren: new IndicatorTabel(data.rijen),
        modellen: modellenLezen(data.modellen),
      },
      onderdrukkingCsv: data.onderdrukkingCsv,
    },
    waarschuwingen: data.waarschuwingen,
  };
}

// ───────────────────────────── figures ─────────────────────────────

/** How many rendered figures the cache keeps beyond those of the latest build. */
const FIGUREN_BEWAREN = 400;

/**
 * Render figures, taking each from `.cache/figuren/<key>.json` when its spec (data inlined)
 * and the chart code are unchanged. Rendering the catalogue's figures costs over a second; reading them, a
 * few milliseconds. `render` must be a pure function of the figure (renderChart is).
 */
export async function renderWithCache<F extends { id: string }, R extends { figuur: F; specJson: string; svg: string }>(
  dir: string | undefined,
  figuren: readonly F[],
  render: (f: F) => Promise<R>,
  projectRoot: string,
  /** The hash of package-lock.json (hashInputs's `afhankelijkheden`): the renderer's versions. */
  lock: string,
): Promise<R[]> {
  if (!dir) return Promise.all(figuren.map(render));
  const code = combine({ code: combine(await codeHashes(projectRoot, ['src/charts/render.ts'])), lock });
  await mkdir(dir, { recursive: true });
  const gebruikt = new Set<string>();
  const uit = await Promise.all(
    figuren.map(async (f) => {
      const sleutel = sha256(`${code}\0${JSON.stringify(f)}`);
      gebruikt.add(`${sleutel}.json`);
      const pad = join(dir, `${sleutel}.json`);
      try {
        const { specJson, svg } = JSON.parse(await readFile(pad, 'utf8')) as { specJson: string; svg: string };
        return { figuur: f, specJson, svg } as R;
      } catch {
        const r = await render(f);
        const tmp = `${pad}.tmp-${process.pid}`;
        await writeFile(tmp, JSON.stringify({ specJson: r.specJson, svg: r.svg }));
        await rename(tmp, pad);
        return r;
      }
    }),
  );
  houdNieuwste(dir, '.json', FIGUREN_BEWAREN, gebruikt);
  return uit;
}

