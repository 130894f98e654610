/**
 * `npm run report` runs bin/report.mjs: the command line from a JavaScript bundle of src/
 * (bin/bundel.mjs), made once per version of the code in .cache/bundel/<key>/, with the entries
 * the worker threads load (src/util/worker.ts); and from the TypeScript through tsx when no
 * bundle can be made.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { workerCode } from '../../src/util/worker.ts';

const BUNDELS = join(PROJECT_ROOT, '.cache', 'bundel');
const help = (launcher = join(PROJECT_ROOT, 'bin', 'report.mjs')) => spawnSync(process.execPath, [launcher, '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });

test('the command line runs from a bundle of src/ that is made once and then reused', () => {
  const eerst = help();
  assert.equal(eerst.status, 0, eerst.stderr);
  assert.match(eerst.stdout, /--edition/);
  const bundels = () => readdirSync(BUNDELS).filter((n) => !n.includes('.tmp-'));
  // The bundle of this code: the most recently used one.
  const nieuwste = () => bundels().sort((a, b) => statSync(join(BUNDELS, b)).mtimeMs - statSync(join(BUNDELS, a)).mtimeMs)[0]!;
  const bundel = nieuwste();
  for (const ingang of ['cli/report.mjs', 'charts/render-thread.mjs', 'models/fit-worker.mjs']) assert.ok(existsSync(join(BUNDELS, bundel, ingang)), ingang);
  const voor = statSync(join(BUNDELS, bundel, 'cli', 'report.mjs')).mtimeMs;
  assert.equal(help().status, 0);
  assert.equal(nieuwste(), bundel, 'the same code: the same bundle');
  assert.equal(statSync(join(BUNDELS, bundel, 'cli', 'report.mjs')).mtimeMs, voor, 'not made again');
  assert.ok(bundels().length <= 3, `at most three bundles kept: ${bundels().join(', ')}`);

  // From the bundle a worker thread loads its module's entry there; from the TypeScript, the .ts file through tsx.
  // (npm test marks a bundle in every test process, tests/helpers/werkers.ts: put back after.)
  const marker = Symbol.for('monitor-nazorg.bundel');
  const g = globalThis as Record<symbol, unknown>;
  const gemarkeerd = g[marker];
  try {
    for (const module of ['src/charts/render-thread.ts', 'src/models/fit-worker.ts']) {
      const url = pathToFileURL(join(PROJECT_ROOT, module)).href;
      delete g[marker];
      assert.match(workerCode(url), /tsImport\(/, module);
      g[marker] = pathToFileURL(join(BUNDELS, bundel)).href;
      const doel = /^import\("(.+)"\);$/.exec(workerCode(url))?.[1];
      assert.ok(doel && existsSync(fileURLToPath(doel)), `${module}: ${doel}`);
    }
  } finally {
    if (gemarkeerd === undefined) delete g[marker];
    else g[marker] = gemarkeerd;
  }
});

test('without a bundle (here: .cache is a file, so none can be made) the command line runs from the TypeScript', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundel-'));
  try {
    for (const n of ['src', 'templates', 'editions', 'node_modules', 'package.json', 'package-lock.json', 'tsconfig.json']) symlinkSync(join(PROJECT_ROOT, n), join(root, n));
    // bin/ copied, not linked: the launcher finds the project from its own location.
    cpSync(join(PROJECT_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    writeFileSync(join(root, '.cache'), 'geen map');
    const r = help(join(root, 'bin', 'report.mjs'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /--edition/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
