/**
 * The project's root folder, the same as `PROJECT_ROOT` of src/util/paths.ts, without loading
 * the whole build (vega, DuckDB, puppeteer…) into a test process that does not run one: that
 * import alone costs more than a second of CPU time per test file.
 */
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(new URL('../../', import.meta.url).pathname);
