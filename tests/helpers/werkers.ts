/**
 * Loaded into every test process by tests/run.ts (`--import`): the worker threads of the builds
 * the tests run in-process (the charts, the model fits) load their module from the bundle of src/
 * that `npm run report` runs (bin/bundel.mjs; src/util/worker.ts), as in a user's build, instead
 * of the TypeScript through tsx: about 0.7 CPU-s less for every worker started. tests/run.ts makes
 * the bundle once, before the tests, and names its folder in MONITOR_TEST_BUNDEL. A test file run
 * on its own (`node --import tsx --test …`) has no bundle and loads the TypeScript, as before.
 */
const bundel = process.env.MONITOR_TEST_BUNDEL;
if (bundel) (globalThis as Record<symbol, unknown>)[Symbol.for('monitor-nazorg.bundel')] = bundel;
