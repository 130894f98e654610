/**
 * The packing of test files into processes by `npm test` (tests/run.ts): every file runs exactly
 * once, cheap files of a folder share a process up to GROEP_MAX CPU seconds, expensive and
 * unmeasured files keep their own, and the most expensive start first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { alleTestbestanden, EIGEN_PROCES, GROEP_MAX, pak } from '../run.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';

test('cheap files of one folder share a process, never more than GROEP_MAX seconds together, and never across folders', () => {
  const kosten = { 'tests/a/1.test.ts': 2, 'tests/a/2.test.ts': 3, 'tests/b/1.test.ts': 1, 'tests/a/3.test.ts': GROEP_MAX - 4 };
  const p = pak(Object.keys(kosten), kosten);
  assert.deepEqual(
    p.map((x) => x.bestanden),
    [['tests/a/3.test.ts'], ['tests/a/1.test.ts', 'tests/a/2.test.ts'], ['tests/b/1.test.ts']],
  );
  for (const x of p) assert.ok(x.kosten <= GROEP_MAX, `${x.bestanden.join(', ')}: ${x.kosten}`);
});

test('an expensive file and a file not yet measured run alone; the unmeasured and then the most expensive first', () => {
  const kosten = { 'tests/a/licht.test.ts': 1, 'tests/a/zwaar.test.ts': 60, 'tests/a/middel.test.ts': 15 };
  const p = pak(['tests/a/licht.test.ts', 'tests/a/nieuw.test.ts', 'tests/a/zwaar.test.ts', 'tests/a/middel.test.ts'], kosten);
  assert.deepEqual(
    p.map((x) => x.bestanden),
    [['tests/a/nieuw.test.ts'], ['tests/a/zwaar.test.ts'], ['tests/a/middel.test.ts'], ['tests/a/licht.test.ts']],
  );
});

test('with the committed cost table every test file of the project runs exactly once', () => {
  const kosten = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests', 'kosten.json'), 'utf8')) as Record<string, number>;
  const alle = alleTestbestanden();
  assert.ok(alle.includes('tests/util/run.test.ts'), 'this file is found');
  const gepakt = pak(alle, kosten).flatMap((p) => p.bestanden);
  assert.deepEqual([...gepakt].sort(), alle);
});

test('the cost table names every test file and only those (refresh it with `npx tsx bench/tests.ts --kosten <file>`)', () => {
  const kosten = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests', 'kosten.json'), 'utf8')) as Record<string, number>;
  const weg = Object.keys(kosten).filter((b) => !existsSync(join(PROJECT_ROOT, b)));
  assert.deepEqual(weg, []);
  // An unmeasured file still runs (alone, first), but costs a process start of its own and
  // holds up a core at the start of every run: measure it.
  const ongemeten = alleTestbestanden().filter((b) => kosten[b] === undefined);
  assert.deepEqual(ongemeten, [], `not in tests/kosten.json: measure with \`npx tsx bench/tests.ts --kosten ${ongemeten.join(' ')}\``);
  for (const [b, k] of Object.entries(kosten)) assert.ok(Number.isFinite(k) && k >= 0, `${b}: ${k}`);
});

test('the checks run beside the tests: a failing check fails the command with its output shown, and the tests still ran', () => {
  // Without the variable by which this test's own runner would take the nested one's report over.
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  // A quick test file of this folder, and two "checks": one passes, one fails with a message.
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/run.ts', '--controle', 'node -e process.exit(0)', '--controle', 'node -e console.log("kapot:regel-7");process.exit(3)', 'tests/util/nearest.test.ts'],
    { cwd: PROJECT_ROOT, encoding: 'utf8', env },
  );
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stdout, /^# pass [1-9]\d*$/m, 'the test file ran');
  assert.match(r.stdout, /^# fail 0$/m);
  assert.match(r.stderr, /^node -e process\.exit\(0\): geslaagd in \d+ s$/m);
  assert.match(r.stderr, /^kapot:regel-7$/m, "the failed check's own output");
  assert.match(r.stderr, /: MISLUKT \(status 3\) in \d+ s$/m);
  // Only checks that pass: the tests' status.
  const goed = spawnSync(process.execPath, ['--import', 'tsx', 'tests/run.ts', '--controle', 'node -e process.exit(0)', 'tests/util/nearest.test.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  assert.equal(goed.status, 0, goed.stderr);
});

/**
 * `tests/run.ts` on one test file of its own, written (as `naam`) into a temp folder inside the
 * project (the bundle's base) but outside tests/.
 */
function runnerOp(naam: string, tekst: string): SpawnSyncReturns<string> {
  // Without the variable by which this test's own runner would take the nested one's report over.
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  const map = mkdtempSync(join(PROJECT_ROOT, '.cache', 'run-test-'));
  try {
    const bestand = join(map, naam);
    writeFileSync(bestand, tekst);
    return spawnSync(process.execPath, ['--import', 'tsx', 'tests/run.ts', relative(PROJECT_ROOT, bestand)], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  } finally {
    rmSync(map, { recursive: true, force: true });
  }
}

test('the test files run as JavaScript without a TypeScript loader, and a failure names the .ts file and line', () => {
  const r = runnerOp(
    'js.test.ts',
    [
      "import { test } from 'node:test';",
      "import assert from 'node:assert/strict';",
      'const bron: string = import.meta.url;',
      "test('runs as JavaScript', () => {",
      "  assert.match(process.argv[1] ?? '', /js\\.test\\.mjs$/);",
      "  assert.ok(!process.execArgv.some((a) => a.includes('tsx')), process.execArgv.join(' '));",
      "  assert.ok(bron.endsWith('/js.test.ts'), bron);",
      '});',
      "test('fails', () => {",
      '  assert.equal(1, 2);',
      '});',
      '',
    ].join('\n'),
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^# pass 1$/m, r.stdout);
  assert.match(r.stdout, /^# fail 1$/m);
  assert.match(r.stdout, /location: '[^']*\/js\.test\.ts:9:1'/, 'where the failing test is written');
  assert.match(r.stdout, /\(\S*\/js\.test\.ts:10:10\)/, 'the failing line in the stack');
});

test('a test file that cannot be bundled runs through tsx, and the runner says where bundling failed', () => {
  const r = runnerOp('kapot.test.ts', "import { test } from 'node:test';\ntest('x', () => { const a = ; });\n");
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^De testbestanden draaien via tsx: bundelen lukte niet \(\S*kapot\.test\.ts:2: Unexpected ";"\)\.$/m);
  assert.match(r.stdout, /^# fail 1$/m, 'the file ran, and its syntax error failed it');
});

test('a file marked to have a process of its own never shares one, however cheap; the committed ones that check their process are marked', () => {
  const kosten = { 'tests/a/1.test.ts': 1, 'tests/a/eigen.test.ts': 1, 'tests/a/2.test.ts': 1 };
  const p = pak(Object.keys(kosten), kosten, (b) => b.endsWith('eigen.test.ts'));
  assert.deepEqual(p.map((x) => x.bestanden).sort(), [['tests/a/1.test.ts', 'tests/a/2.test.ts'], ['tests/a/eigen.test.ts']].sort());
  for (const f of ['tests/pdf/allow-list.test.ts', 'tests/pdf/watchdog.test.ts']) assert.ok(readFileSync(join(PROJECT_ROOT, f), 'utf8').includes(EIGEN_PROCES), f);
});
