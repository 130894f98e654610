/**
 * Expensive fixtures made once and shared by every test file that only reads them: a complete
 * build of an edition from the committed data (with or without PDFs), and the result cache for
 * builds of the committed data (GEDEELDE_CACHE).
 *
 * A shared fixture lives in `.cache/tests/<name>-<key>/` (git-ignored). The key is the hash of
 * everything the fixture is made from (src/, templates/, editions/, the edition's extracts, the
 * published results of earlier metingen, package-lock.json, this file) and of how it is made,
 * so a change to any of them makes a new one. The first test process that needs it makes it in
 * `<folder>.tmp-<pid>` and renames it into place when it is complete; meanwhile it holds the lock
 * `<folder>.lock` (a folder, made atomically) and any other process that needs the same fixture
 * waits for it instead of making it again. A lock whose process no longer runs is taken over.
 *
 * Rules for tests that use one:
 * - never write into a shared fixture: copy it first (`cpSync(dir, eigen, { recursive: true })`);
 * - a test of the build's own behaviour (the cache, a from-scratch run, signals, the lock, the
 *   swap) makes its own build; a test that reads what a build of the committed data contains
 *   uses `gedeeldeBouw`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as wacht } from 'node:timers/promises';
import { PROJECT_ROOT } from './root.ts';
import { OutputLocked, takeLock } from '../../src/pipeline/guard.ts';
import { alive } from '../../src/util/cleanup.ts';
import { GEDULD } from './geduld.ts';

/** Where the shared fixtures live. */
export const GEDEELD = join(PROJECT_ROOT, '.cache', 'tests');

/**
 * The result cache for builds of the committed data: the one `npm run report` uses (`.cache/`,
 * src/pipeline/cache.ts), so a test that builds with `cache: GEDEELDE_CACHE`, or runs the command
 * line without --no-cache, starts where the last build of the same inputs left off. Only for
 * tests that do not test the cache or a run from scratch; their own builds keep their own cache.
 */
export const GEDEELDE_CACHE = join(PROJECT_ROOT, '.cache');

/** Every file under `pad` (relative path and content hash), in a stable order. */
function hashBoom(pad: string, h: ReturnType<typeof createHash>): void {
  if (!existsSync(pad)) return;
  if (statSync(pad).isFile()) {
    h.update(`${pad.slice(PROJECT_ROOT.length)}\0`).update(readFileSync(pad)).update('\0');
    return;
  }
  for (const naam of readdirSync(pad).sort()) hashBoom(join(pad, naam), h);
}

/** The hash of the project's inputs of a build of `slug` from the committed data, and of `hoe`. */
export function invoerSleutel(slug: string, hoe: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(hoe));
  for (const p of ['src', 'templates', 'editions', join('data', slug), 'package-lock.json', 'tests/helpers/gedeeld.ts']) hashBoom(join(PROJECT_ROOT, p), h);
  // The published results of the other editions (an edition compares with its predecessor's).
  for (const e of readdirSync(join(PROJECT_ROOT, 'out')).sort())
    if (e !== slug) hashBoom(join(PROJECT_ROOT, 'out', e, 'data'), h);
  return h.digest('hex').slice(0, 16);
}

/**
 * The folder `GEDEELD/<naam>`, made by `maak(dir)` once, by whichever test process gets there
 * first; the others wait for it. `maak` writes into the folder it is given and nothing else.
 */
export async function eenmaal(naam: string, maak: (dir: string) => Promise<void>, basis = GEDEELD): Promise<string> {
  const doel = join(basis, naam);
  const slot = `${doel}.lock`;
  const tot = performance.now() + GEDULD;
  mkdirSync(basis, { recursive: true });
  for (;;) {
    if (existsSync(doel)) return doel;
    // The build's own output lock (src/pipeline/guard.ts): one holder, a dead holder's lock taken over.
    let vrij: () => void;
    try {
      vrij = takeLock(doel);
    } catch (e) {
      if (!(e instanceof OutputLocked)) throw e;
      // Someone else makes it: wait for it.
      if (performance.now() > tot) throw new Error(`waited ${GEDULD} ms for the shared fixture ${doel} (lock ${slot}, process ${e.pid}); remove the lock if no test runs`, { cause: e });
      await wacht(100);
      continue;
    }
    try {
      if (existsSync(doel)) return doel;
      const tmp = `${doel}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      await maak(tmp);
      try {
        renameSync(tmp, doel);
      } catch (e) {
        // Made meanwhile by a process that took a lock it thought stale: theirs is as good.
        if (!existsSync(doel)) throw e;
        rmSync(tmp, { recursive: true, force: true });
      }
      ruimOudeOp(basis, naam);
      return doel;
    } finally {
      vrij();
    }
  }
}

/** Remove earlier versions of a fixture (`<stam>-<other key>`) that nobody is making now. */
function ruimOudeOp(basis: string, naam: string): void {
  const stam = naam.replace(/-[0-9a-f]{16}$/, '');
  if (stam === naam) return;
  for (const n of readdirSync(basis)) {
    const m = /^(.+)-([0-9a-f]{16})(\.tmp-(\d+))?$/.exec(n);
    if (!m || m[1] !== stam || n === naam) continue;
    if (existsSync(join(basis, `${m[1]}-${m[2]}.lock`))) continue;
    if (m[4] && alive(Number(m[4]))) continue;
    rmSync(join(basis, n), { recursive: true, force: true });
  }
}

export interface GedeeldeBouw {
  /** The edition's output folder (`…/<slug>`): read only. */
  out: string;
  /** What buildReport returned: the files it wrote, relative to `out`. */
  bestanden: string[];
  /** The edition file and the extracts it was built from. */
  edition: string;
  data: string;
}

/**
 * A complete build of edition `slug` from the committed data (`data/<slug>`), as `npm run
 * report -- --edition <slug>` makes it, with PDFs unless `pdf: false`. Read only.
 */
export async function gedeeldeBouw(slug: string, { pdf = true }: { pdf?: boolean } = {}): Promise<GedeeldeBouw> {
  const edition = join(PROJECT_ROOT, 'editions', slug, 'editie.json');
  const data = join(PROJECT_ROOT, 'data', slug);
  const hoe = { slug, pdf };
  const dir = await eenmaal(`bouw-${slug}${pdf ? '-pdf' : ''}-${invoerSleutel(slug, hoe)}`, async (tmp) => {
    // Loaded only here: a test that finds the build made does not pay for loading the pipeline.
    const { buildReport } = await import('../../src/pipeline/build.ts');
    const r = await buildReport({ data, edition, out: join(tmp, slug), pdf, cache: GEDEELDE_CACHE }, { log: () => {}, now: () => 0 });
    writeFileSync(join(tmp, 'bestanden.json'), JSON.stringify(r.bestanden));
  });
  const bestanden = JSON.parse(readFileSync(join(dir, 'bestanden.json'), 'utf8')) as string[];
  return { out: join(dir, slug), bestanden, edition, data };
}
