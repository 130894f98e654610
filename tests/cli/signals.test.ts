/**
 * Interrupting a build (issue 18): the command line, run as `npm run report` runs it, is sent
 * SIGINT or SIGTERM at a stage, or npm itself is stopped. Each time the process must end at once
 * with one Dutch line and the conventional status (130, 143), the output folder byte for byte as
 * it was, and nothing of the run left: no `<out>.tmp-<pid>`, no lock, no temp folder with its
 * process id (decompressed extracts, browser profile, print folder), no browser process.
 *
 * Set-up: small synthetic extracts, and their publishable results (--stage resultaten) as the
 * existing output and as the source of the builds that print (--from-results: they reach the
 * browser in seconds). Both are the shared set of tests/helpers/processen.ts (kleineSet), made
 * once per `npm test`: the builds here only read them (--data, --from-results), and every test
 * copies the results before it uses them as an existing output.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../src/pdf/browser.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { cli as cliGedeeld, eigenTmp, GEDULD, kleineSet, processenIn, processenMet, start, tempResten as tempRestenIn, wachtOp, type Lopend } from '../helpers/processen.ts';

const werk = mkdtempSync(join(tmpdir(), 'signalen-test-'));
let data = '';
let resultaten = '';
let chrome = '';
// The builds here get a temp folder of their own: what a killed one leaves there must be found
// by the next build of this file, not cleaned up by a build another test file runs meanwhile.
const tmp = eigenTmp(join(werk, 'tmp'));
const gestart: Lopend[] = [];
const cli = (args: readonly string[], env: Record<string, string> = {}) => {
  const run = cliGedeeld(args, { TMPDIR: tmp, ...env });
  gestart.push(run);
  return run;
};
// A test that fails before its build ends (a --watch build never does) must not leave it
// running: the test file would never end.
after(() => {
  for (const run of gestart) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
});
const tempResten = (pid: number) => tempRestenIn(pid, tmp);
/**
 * Whether the browser of run `pid` runs: a process has the build's profile folder on its command
 * line. The build makes that folder (`monitor-chrome-<pid>-*`, in its TMPDIR) before it starts
 * the browser, so until it exists no process can name it and /proc need not be read.
 */
const browserLoopt = (pid: number) => tempResten(pid).some((n) => n.startsWith(`monitor-chrome-${pid}-`)) && processenMet(`monitor-chrome-${pid}-`).length > 0;

before(async () => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: set MONITOR_CHROME');
  chrome = found.executablePath;
  ({ data, resultaten } = await kleineSet());
});
after(() => rmSync(werk, { recursive: true, force: true }));

/** A fresh output root holding an earlier output (the results), and its snapshot. */
function uitvoer(naam: string): { root: string; voor: Record<string, string> } {
  const root = join(werk, naam);
  cpSync(resultaten, root, { recursive: true });
  return { root, voor: snapshot(root) };
}

/** Nothing of the run is left, and the output root is exactly as before. */
async function niets(run: Lopend, root: string, voor: Record<string, string>): Promise<void> {
  assert.deepEqual(snapshot(root), voor, 'the output folder is byte for byte as before');
  assert.deepEqual(readdirSync(root).filter((n) => n !== '6e-meting'), [], 'no .tmp-, .old- or .lock left in the output root');
  assert.deepEqual(tempResten(run.pid), [], 'no temp folder of the run left');
  // The browser is killed synchronously; give the kernel a moment to reap what was killed.
  await wachtOp(() => processenMet(`-${run.pid}-`).length === 0, GEDULD, 'no process of the run left', () =>
    processenMet(`-${run.pid}-`).map((p) => `${p.pid} ${p.cmd.slice(0, 200)}`).join('\n'),
  );
  assert.deepEqual(processenIn(root), [], 'no process working on the output folder');
}

test('SIGINT while the extracts load: status 130, one Dutch line, the decompressed extracts removed', { timeout: GEDULD }, async (tc) => {
  const { root, voor } = uitvoer('uit-laden');
  const run = cli(['--edition', '6e-meting', '--data', data, '--out', root, '--no-pdf', '--no-cache']);
  await wachtOp(() => tempResten(run.pid).some((n) => n.startsWith('monitor-extracts-')), GEDULD, 'the extracts being decompressed', run.stderr);
  const t = performance.now();
  run.child.kill('SIGINT');
  const { code, ms } = await run.einde;
  // It stopped at once: status 130 (a build that carried on would have ended with 0) and, below, nothing written.
  assert.equal(code, 130, run.stderr());
  tc.diagnostic(`exit ${code} ${Math.round(performance.now() - t)} ms after SIGINT (run ${ms} ms); ${run.stderr().trim().split('\n').at(-1)}`);
  assert.match(run.stderr(), /^Afgebroken \(Ctrl-C, SIGINT\): de monitor is niet gebouwd; de uitvoermap is ongewijzigd\.$/m);
  assert.doesNotMatch(run.stderr(), /Interne fout|at .*\.ts:/);
  await niets(run, root, voor);
});

/*
 * Merged (one build that reaches the browser instead of two): 'SIGTERM while the browser prints'
 * and the table's 'SIGTERM before stage 7 (PDF drukken)'. The build gets SIGTERM once the
 * browser prints the monitor (stage 7 with PDFs): every assertion of both tests is made on it.
 */
test('SIGTERM while the browser prints (stage 7, PDF drukken): status 143, the browser and its profile gone, nothing left, the output as it was', { timeout: GEDULD }, async (tc) => {
  const { root, voor } = uitvoer('uit-printen');
  const run = cli(['--edition', '6e-meting', '--from-results', resultaten, '--out', root], { MONITOR_CHROME: chrome });
  // The browser runs when a process has the build's profile folder on its command line; it is
  // started when the build begins, and prints once the print has its folder.
  const drukt = () => tempResten(run.pid).some((n) => n.startsWith('monitor-print-')) && browserLoopt(run.pid);
  await wachtOp(drukt, GEDULD, 'the browser to print', run.stderr);
  assert.match(run.stderr(), /^5\. HTML opmaken/m);
  assert.ok(existsSync(join(werk, 'uit-printen', `6e-meting.tmp-${run.pid}`)), 'the build writes to its temporary folder');
  const t = performance.now();
  run.child.kill('SIGTERM');
  const { code } = await run.einde;
  assert.equal(code, 143, run.stderr());
  const regel = run.stderr().trim().split('\n').at(-1)!;
  tc.diagnostic(`exit ${code} ${Math.round(performance.now() - t)} ms after SIGTERM; ${regel}`);
  assert.match(run.stderr(), /^Afgebroken \(SIGTERM\): de monitor is niet gebouwd; de uitvoermap is ongewijzigd\.$/m);
  assert.equal(regel, 'Afgebroken (SIGTERM): de monitor is niet gebouwd; de uitvoermap is ongewijzigd.');
  await niets(run, root, voor);
});

test('SIGTERM to `npm run report` stops the build too (no orphan that replaces the output later)', { timeout: GEDULD }, async (tc) => {
  const { root, voor } = uitvoer('uit-npm');
  const npm = start('npm', ['run', 'report', '--', '--edition', '6e-meting', '--from-results', resultaten, '--out', root, '--no-pdf'], { TMPDIR: tmp });
  gestart.push(npm);
  await wachtOp(() => /^5\. /m.test(npm.stderr()), GEDULD, 'stage 5', npm.stderr);
  const bouw = processenIn(root).filter((p) => p.cmd.includes('bin/report.mjs'));
  assert.equal(bouw.length, 1, `one build process: ${JSON.stringify(bouw)}`);
  const t = performance.now();
  npm.child.kill('SIGTERM');
  const { code, signal } = await npm.einde;
  tc.diagnostic(`npm ended with ${code ?? signal} ${Math.round(performance.now() - t)} ms after SIGTERM`);
  assert.ok(code === 143 || signal === 'SIGTERM', `npm ended with ${code ?? signal}`);
  assert.match(npm.stderr(), /^Afgebroken \(SIGTERM\)/m);
  await wachtOp(() => processenIn(root).length === 0, GEDULD, 'the build process to end with npm', () => JSON.stringify(processenIn(root)));
  assert.deepEqual(snapshot(root), voor);
  assert.deepEqual(readdirSync(root), ['6e-meting']);
  assert.deepEqual(tempResten(bouw[0]!.pid), []);
});

test('SIGKILL while the browser prints: the next build stops the orphaned browser, removes what the killed run left and takes its lock over', { timeout: GEDULD }, async (tc) => {
  const { root } = uitvoer('uit-kill');
  const run = cli(['--edition', '6e-meting', '--from-results', resultaten, '--out', root], { MONITOR_CHROME: chrome });
  // The browser is started when the build begins; it prints once the print has its folder.
  await wachtOp(() => tempResten(run.pid).some((n) => n.startsWith('monitor-print-')) && browserLoopt(run.pid), GEDULD, 'the browser to print', run.stderr);
  run.child.kill('SIGKILL');
  assert.equal((await run.einde).signal, 'SIGKILL');
  // A kill cannot be handled: the run's leftovers are there, its browser runs on.
  assert.ok(existsSync(join(root, '6e-meting.lock')) && existsSync(join(root, `6e-meting.tmp-${run.pid}`)));
  assert.ok(processenMet(`monitor-chrome-${run.pid}-`).length > 0, 'the orphaned browser runs');
  const volgende = cli(['--edition', '6e-meting', '--from-results', resultaten, '--out', root, '--no-pdf']);
  const t = await volgende.einde;
  assert.equal(t.code, 0, volgende.stderr());
  assert.match(volgende.stderr(), new RegExp(`restant van een afgebroken bouw verwijderd: 6e-meting\\.tmp-${run.pid}`));
  assert.match(volgende.stderr(), new RegExp(`restant van een afgebroken bouw verwijderd: monitor-chrome-${run.pid}-\\w+ \\(de browser die daarin nog liep is gestopt\\)`));
  assert.match(volgende.stderr(), new RegExp(`restant van een afgebroken bouw verwijderd: monitor-print-${run.pid}-`));
  tc.diagnostic(`next build ${t.ms} ms: ${volgende.stderr().split('\n').filter((l) => l.startsWith('   ')).join(' | ')}`);
  await wachtOp(() => processenMet(`monitor-chrome-${run.pid}-`).length === 0, GEDULD, 'the orphaned browser to be gone');
  assert.deepEqual(tempResten(run.pid), []);
  assert.deepEqual(readdirSync(root), ['6e-meting']);
  assert.ok(existsSync(join(root, '6e-meting', 'monitor')), 'the next build made its output');
});

test('--watch: Ctrl-C during a build stops it like any build (130, nothing left)', { timeout: GEDULD }, async (tc) => {
  const { root, voor } = uitvoer('uit-watch');
  const run = cli(['--watch', '--edition', '6e-meting', '--data', data, '--out', root, '--no-pdf', '--no-cache']);
  await wachtOp(() => tempResten(run.pid).some((n) => n.startsWith('monitor-extracts-')), GEDULD, 'the extracts being decompressed', run.stderr);
  run.child.kill('SIGINT');
  const { code } = await run.einde;
  assert.equal(code, 130, run.stderr());
  assert.match(run.stderr(), /^Gestopt tijdens een bouw \(Ctrl-C, SIGINT\): de monitor is niet gebouwd; de uitvoermap is ongewijzigd\.$/m);
  tc.diagnostic(run.stderr().trim().split('\n').at(-1)!);
  await niets(run, root, voor);
});

/*
 * Every stage (issue 18): the build is held before stage n by the test-only hook
 * MONITOR_TEST_PAUZE=n (src/pipeline/stages.ts), which says so on stderr, and is then sent SIGINT or
 * SIGTERM. The stages that read extracts run from them (--data), the others from the results;
 * the two prints run with PDFs (the monitor's, stage 7, in the merged test above), the rest without. The progress numbers the stages that run, so
 * from the results (one stage instead of 1–4) the charts are stage 2, and without PDFs the
 * manifest follows the web edition.
 */
const STAPPEN: [number, string, 'SIGINT' | 'SIGTERM', 'data' | 'resultaten', 'pdf' | 'geen pdf'][] = [
  [1, 'extracten laden', 'SIGTERM', 'data', 'geen pdf'],
  [2, 'indicatoren', 'SIGINT', 'data', 'geen pdf'],
  [3, 'onthullingscontrole', 'SIGTERM', 'data', 'geen pdf'],
  [4, 'modellen', 'SIGINT', 'data', 'geen pdf'],
  [2, 'figuren', 'SIGTERM', 'resultaten', 'geen pdf'],
  // With PDFs the browser is started when the build begins: it runs (or is starting) here already.
  [2, 'figuren met de browser al gestart', 'SIGINT', 'resultaten', 'pdf'],
  [3, 'hoofdstukken', 'SIGINT', 'resultaten', 'geen pdf'],
  [4, 'kamerbrief', 'SIGTERM', 'resultaten', 'geen pdf'],
  [5, 'HTML', 'SIGINT', 'resultaten', 'geen pdf'],
  [6, 'webeditie', 'SIGTERM', 'resultaten', 'geen pdf'],
  // [7, 'PDF drukken', 'SIGTERM', 'resultaten', 'pdf']: merged into the test of the browser above.
  [8, 'PDF van de kamerbrief', 'SIGINT', 'resultaten', 'pdf'],
  [7, 'manifest', 'SIGTERM', 'resultaten', 'geen pdf'],
  [8, 'uitvoer op zijn plaats zetten', 'SIGINT', 'resultaten', 'geen pdf'],
];
// The builds of the table share nothing but the read-only set and this file's temp folder
// (which only a SIGKILL, in the test above, would leave anything in), so they run a few at a
// time: each waits idle at its stage for its signal, and the wall time is not the sum of theirs.
describe('a signal before each stage', { concurrency: 4 }, () => {
  for (const [nr, wat, signaal, bron, pdf] of STAPPEN) {
    test(`${signaal} before stage ${nr} (${wat}): status ${signaal === 'SIGINT' ? 130 : 143}, nothing left, the output as it was`, { timeout: GEDULD }, async (tc) => {
      const { root, voor } = uitvoer(`uit-stap-${wat.replaceAll(' ', '-')}`);
      const args = bron === 'data' ? ['--data', data, '--no-cache'] : ['--from-results', resultaten];
      const run = cli(['--edition', '6e-meting', ...args, '--out', root, ...(pdf === 'pdf' ? [] : ['--no-pdf'])], { MONITOR_CHROME: chrome, MONITOR_TEST_PAUZE: String(nr) });
      await wachtOp(() => run.stderr().includes(`(test) wacht voor stap ${nr}\n`), GEDULD, `stage ${nr}`, run.stderr);
      const t = performance.now();
      run.child.kill(signaal);
      const { code } = await run.einde;
      const ms = Math.round(performance.now() - t);
      assert.equal(code, signaal === 'SIGINT' ? 130 : 143, run.stderr());
      const regel = run.stderr().trim().split('\n').at(-1)!;
      tc.diagnostic(`exit ${code} ${ms} ms after ${signaal}; ${regel}`);
      assert.equal(regel, `Afgebroken (${signaal === 'SIGINT' ? 'Ctrl-C, SIGINT' : 'SIGTERM'}): de monitor is niet gebouwd; de uitvoermap is ongewijzigd.`);
      await niets(run, root, voor);
    });
  }
});
