/**
 * The JavaScript bundle of src/ that `npm run report` runs (bin/report.mjs), and that the bench
 * hands its worker threads.
 *
 * Why: Node 20 runs TypeScript only through a loader (tsx), and a loader's hooks run in a thread
 * of their own that every import of every module passes through, the packages' too (Vega, the
 * unified family, citeproc). That doubled the cost of loading the program, about 1 CPU-s in the
 * build's own thread and again in each worker thread (the charts, the model fits). esbuild turns
 * src/ into a few .mjs files (the packages stay imports of node_modules) that Node loads itself.
 *
 * The bundle is made on first use and kept in .cache/bundel/<key>/, the key a hash of every file
 * under src/, tsconfig.json, package-lock.json and this file: a change anywhere gives a new one,
 * in a quarter of a second. Paths the code finds from its own location (`import.meta.url`: the
 * project root, the SQL and template folders) keep pointing into src/: each module's
 * `import.meta.url` is written into the bundle as the URL of its source file. Stack traces name
 * the .ts files and lines (source maps). When the bundle cannot be made (no esbuild, a
 * read-only checkout), bundelMap() gives none and bin/report.mjs runs the TypeScript through
 * tsx, as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The entry points: the command line and the modules worker threads start (src/util/worker.ts). */
const INGANGEN = ['cli/report', 'charts/render-thread', 'models/fit-worker'];
/** How many bundles .cache/bundel/ keeps (one per version of the code that was run). */
const BEWAREN = 3;
/** Marks the bundle's folder for src/util/worker.ts (a worker thread loads its entry from it). */
export const BUNDEL = Symbol.for('monitor-nazorg.bundel');

/** Every file under src/, sorted, for the key. */
function bronbestanden(map = join(ROOT, 'src')) {
  return readdirSync(map, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => (d.isDirectory() ? bronbestanden(join(map, d.name)) : [join(map, d.name)]));
}

function sleutel() {
  const h = createHash('sha256');
  for (const f of [...bronbestanden(), join(ROOT, 'tsconfig.json'), join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)]) {
    h.update(relative(ROOT, f)).update('\0');
    if (existsSync(f)) h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 20);
}

/**
 * Keeps each module's `import.meta.url` pointing at its source file (the project's own code: src/,
 * tests/, bin/; the packages stay imports of node_modules and are never loaded here). esbuild
 * replaces the expression itself, per file (`define`), never the words in a string or comment;
 * the file's source map goes along (inline), so the bundle's maps still lead to the source.
 */
function importMetaUrl(transform, tsconfigRaw) {
  return {
    name: 'import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
        const bron = readFileSync(args.path, 'utf8');
        const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
        if (!bron.includes('import.meta.url')) return { contents: bron, loader };
        const r = await transform(bron, {
          loader,
          tsconfigRaw,
          format: 'esm',
          target: 'node20',
          sourcemap: 'inline',
          sourcefile: args.path,
          define: { 'import.meta.url': JSON.stringify(pathToFileURL(args.path).href) },
        });
        return { contents: r.code, loader: 'js' };
      });
    },
  };
}

/**
 * Bundle `ingangen` (paths relative to the project, or an object of output name to path) into
 * `outdir` as .mjs files that Node loads without a loader: shared code in chunks, the packages
 * imported from node_modules, linked source maps. A path `a/b.ts` becomes `<outdir>/a/b.mjs`.
 * Also used by tests/run.ts for the test files.
 */
export async function bundelNaar(ingangen, outdir) {
  const { build, transform } = await import('esbuild');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ingangen,
    outdir,
    outbase: ROOT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [importMetaUrl(transform, readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'))],
  });
}

/** Make the bundle in a folder of its own, then move it into place (another build may do the same). */
async function bundel(doel) {
  const tmp = `${doel}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await bundelNaar(Object.fromEntries(INGANGEN.map((i) => [i, `src/${i}.ts`])), tmp);
    try {
      renameSync(tmp, doel);
    } catch (e) {
      // Another build made the same bundle meanwhile: use theirs.
      if (!existsSync(join(doel, 'cli', 'report.mjs'))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Whether process `pid` runs. */
function leeft(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Remove all but the BEWAREN most recently used bundles, and what an interrupted bundling left. */
function opruimen(map, huidig) {
  const oud = readdirSync(map)
    .filter((n) => n !== huidig && !(/\.tmp-(\d+)$/.test(n) && leeft(Number(/\.tmp-(\d+)$/.exec(n)[1]))))
    .map((n) => ({ n, t: statSync(join(map, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(BEWAREN - 1);
  for (const { n } of oud) rmSync(join(map, n), { recursive: true, force: true });
}

/**
 * The bundle of the code as it is now: made when missing, marked as the most recently used. Its
 * folder's URL, or undefined when none can be made (no esbuild, a read-only checkout).
 */
export async function bundelMap() {
  const map = join(ROOT, '.cache', 'bundel');
  const k = sleutel();
  const doel = join(map, k);
  try {
    if (!existsSync(join(doel, 'cli', 'report.mjs'))) {
      mkdirSync(map, { recursive: true });
      await bundel(doel);
    }
    const nu = new Date();
    utimesSync(doel, nu, nu);
    opruimen(map, k);
    return pathToFileURL(doel).href;
  } catch {
    return undefined;
  }
}
