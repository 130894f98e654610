/**
 * One build at a time per output folder (issue 18): the lock `<out>.lock`, held by a running
 * build, refuses a second one at once with the first one's process id (exit status 2); a lock
 * left by a build that no longer runs is taken over.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputLocked, checkOutputRoot, takeLock } from '../../src/pipeline/guard.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { cli, GEDULD, kleineSet, wachtOp } from '../helpers/processen.ts';

const werk = mkdtempSync(join(tmpdir(), 'slot-test-'));
after(() => rmSync(werk, { recursive: true, force: true }));

/** The id of a process that has ended. */
function dodePid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

test('a held lock refuses a second taker with the holder\'s process id; released, it can be taken again', () => {
  const out = join(werk, 'a', '6e-meting');
  const vrij = takeLock(out);
  assert.equal(readFileSync(`${out}.lock`, 'utf8'), `${process.pid}\n`);
  assert.throws(() => takeLock(out), (e: unknown) => e instanceof OutputLocked && e.status === 2 && e.messages[0]!.includes(`een andere bouw (proces ${process.pid}) schrijft al naar deze uitvoermap`));
  // The output root with a build's lock in it is still the tool's own.
  checkOutputRoot(join(werk, 'a'), { projectRoot: PROJECT_ROOT, invoer: [] });
  vrij();
  assert.equal(existsSync(`${out}.lock`), false);
  takeLock(out)();
  assert.deepEqual(readdirSync(join(werk, 'a')), []);
});

test('a lock left by a build that no longer runs is taken over', () => {
  const root = join(werk, 'b');
  mkdirSync(root, { recursive: true });
  const out = join(root, '6e-meting');
  const dood = dodePid();
  assert.ok(dood > 0);
  writeFileSync(`${out}.lock`, `${dood}\n`);
  const vrij = takeLock(out);
  assert.equal(readFileSync(`${out}.lock`, 'utf8'), `${process.pid}\n`);
  vrij();
  assert.deepEqual(readdirSync(root), []);
});

// The shared small extracts (tests/helpers/processen.ts, kleineSet): the builds here only read them.
let data = '';
before(async () => {
  data = (await kleineSet()).data;
});

test('two concurrent builds into one output folder: the second refuses at once (status 2), the first finishes', { timeout: GEDULD }, async (t) => {
  const root = join(werk, 'c');
  const args = ['--edition', '6e-meting', '--data', data, '--out', root, '--no-pdf', '--no-cache', '--stage', 'resultaten'];
  const eerste = cli(args);
  // The lock holds its owner's process id once written (creating and writing it are two steps;
  // a build stopped between them would be refused without a process id to name).
  const slot = join(root, '6e-meting.lock');
  await wachtOp(() => existsSync(slot) && readFileSync(slot, 'utf8').trim() === String(eerste.pid) && /^Editie/m.test(eerste.stderr()), GEDULD, 'the first build to take the lock', eerste.stderr);
  // Hold the first build where it is, lock taken, while the second one starts: on a loaded
  // machine the first could otherwise finish before the second gets to the lock. A stopped
  // process is still running as far as the lock is concerned.
  process.kill(eerste.pid, 'SIGSTOP');
  let t2: Awaited<typeof eerste.einde>;
  let tweede: typeof eerste;
  try {
    assert.ok(existsSync(join(root, '6e-meting.lock')), `the first build still holds the lock\n${eerste.stderr()}`);
    tweede = cli(args);
    t2 = await tweede.einde;
  } finally {
    process.kill(eerste.pid, 'SIGCONT');
  }
  assert.equal(t2.code, 2, tweede.stderr());
  assert.match(tweede.stderr(), new RegExp(`^Geweigerd:\\n  --out .*6e-meting: een andere bouw \\(proces ${eerste.pid}\\) schrijft al naar deze uitvoermap\\. Er is niets gewijzigd\\.$`, 'm'));
  assert.match(tweede.stderr(), /Tip: Wacht tot die bouw klaar is/);
  const t1 = await eerste.einde;
  assert.equal(t1.code, 0, eerste.stderr());
  assert.deepEqual(readdirSync(root), ['6e-meting'], 'no lock, no temporary folder left');
  assert.ok(Object.keys(snapshot(root)).includes('6e-meting/manifest.json'));
  t.diagnostic(`second build refused after ${t2.ms} ms; first build ${t1.ms} ms`);
});
