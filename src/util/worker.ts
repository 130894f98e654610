/**
 * How a worker thread loads a module of this project. Node 20 does not pass the TypeScript hooks
 * of `--import tsx` (or of the `tsx` command) on to a worker's own entry, so a worker is started
 * from a line of JavaScript (`new Worker(code, { eval: true })`) that loads the module:
 *
 * - run from the bundle (bin/report.mjs, `npm run report`): the module's own entry in the bundle,
 *   which Node loads without any loader;
 * - run from the TypeScript (the tests, the bench, `npx tsx`): the .ts file through tsx's API
 *   (`tsImport`), which works whichever way the main thread was started.
 */
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.ts';
import { PROJECT_ROOT } from './paths.ts';

/** Set by bin/report.mjs to the URL of the bundle's folder. */
const BUNDEL = Symbol.for('monitor-nazorg.bundel');

/**
 * The code of a worker thread that loads the module at `moduleUrl`: the URL of a .ts file under src/, as the
 * caller's `new URL('./x.ts', import.meta.url)` gives it (tsx's namespace query, which a module
 * loaded through tsImport carries, is dropped).
 */
export function workerCode(moduleUrl: string): string {
  const url = new URL(moduleUrl);
  url.search = '';
  const module = url.href;
  const bundel = (globalThis as Record<symbol, unknown>)[BUNDEL];
  if (typeof bundel === 'string') {
    const pad = relative(join(PROJECT_ROOT, 'src'), fileURLToPath(module));
    if (pad.startsWith('..') || !pad.endsWith('.ts')) throw new InternalError(`workerCode: ${module} is geen module onder src/`);
    return `import(${JSON.stringify(new URL(pad.replace(/\.ts$/, '.mjs'), `${bundel}/`).href)});`;
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(module)}, ${JSON.stringify(module)}));`;
}
