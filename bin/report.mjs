#!/usr/bin/env node
/**
 * `npm run report`: the command line (src/cli/report.ts), run from a JavaScript bundle of src/
 * (./bundel.mjs, which says why). Without a bundle it runs from the TypeScript through tsx.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDEL, bundelMap } from './bundel.mjs';

const map = await bundelMap();
let programma;
if (map) {
  // src/util/worker.ts: worker threads load their entry from the same bundle.
  globalThis[BUNDEL] = map;
  process.setSourceMapsEnabled(true);
  programma = await import(`${map}/cli/report.mjs`);
} else {
  const { tsImport } = await import('tsx/esm/api');
  programma = await tsImport(pathToFileURL(join(fileURLToPath(new URL('..', import.meta.url)), 'src', 'cli', 'report.ts')).href, import.meta.url);
}
await programma.run();
