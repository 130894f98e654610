/** --watch: one rebuild per burst of changes, never two at once, stopped by a signal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wacht } from 'node:timers/promises';
import { watchPaths } from '../../src/pipeline/watch.ts';
import { GEDULD } from '../helpers/geduld.ts';

/** Start watching; resolves once every watcher is in place, so a change made after it must be seen. */
async function bekijk(paden: string[], wachttijd: number, onChange: (p: string[]) => Promise<void>) {
  const ac = new AbortController();
  let gereed!: () => void;
  const bekeken = new Promise<void>((z) => (gereed = z));
  const klaar = watchPaths({ paden, wachttijd, signal: ac.signal, onReady: gereed }, onChange);
  await bekeken;
  return async () => {
    ac.abort();
    await klaar;
  };
}

/** Poll until `klaar()` holds (at most GEDULD, a safety net): no fixed sleeps that a slow CI machine outruns. */
async function totdat(klaar: () => boolean): Promise<void> {
  const tot = performance.now() + GEDULD;
  while (!klaar() && performance.now() < tot) await wacht(50);
}

test('a burst of changes to a template and the edition gives one call with the changed paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  mkdirSync(join(dir, 'templates', 'monitor'), { recursive: true });
  const editie = join(dir, 'editie.json');
  writeFileSync(editie, '{}');
  const oproepen: string[][] = [];
  const stop = await bekijk([join(dir, 'templates'), editie], 300, async (p) => {
    oproepen.push(p);
  });
  // Straight after `ready`, in a subfolder: Node 20's recursive fs.watch missed this one in CI.
  writeFileSync(join(dir, 'templates', 'monitor', 'a.md.hbs'), 'x');
  writeFileSync(editie, '{"a":1}');
  writeFileSync(join(dir, 'ander.txt'), 'niet bekeken');
  await totdat(() => oproepen.length > 0);
  await wacht(600); // time for a second call, which must not come
  await stop();
  assert.equal(oproepen.length, 1, JSON.stringify(oproepen));
  assert.ok(oproepen[0]!.includes(join(dir, 'templates', 'monitor', 'a.md.hbs')));
  assert.ok(oproepen[0]!.includes(editie));
  assert.ok(!oproepen[0]!.some((p) => p.endsWith('ander.txt')));
});

test('a change during a rebuild starts one more rebuild after it, not a second at the same time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  let tegelijk = 0;
  let max = 0;
  let n = 0;
  const stop = await bekijk([dir], 50, async () => {
    n++;
    max = Math.max(max, ++tegelijk);
    await wacht(500);
    tegelijk--;
  });
  writeFileSync(join(dir, 'a'), '1');
  await totdat(() => tegelijk === 1); // the first rebuild is running
  writeFileSync(join(dir, 'b'), '2');
  await totdat(() => n === 2 && tegelijk === 0);
  await wacht(300); // time for a third call, which must not come
  await stop();
  assert.equal(max, 1);
  assert.equal(n, 2);
});

test('an edition file saved by renaming a new file over it (as many editors do) is seen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const editie = join(dir, 'editie.json');
  writeFileSync(editie, '{}');
  const oproepen: string[][] = [];
  const stop = await bekijk([editie], 50, async (p) => {
    oproepen.push(p);
  });
  writeFileSync(join(dir, '.editie.json.swp'), '{"a":1}');
  renameSync(join(dir, '.editie.json.swp'), editie);
  await totdat(() => oproepen.length > 0);
  await stop();
  assert.deepEqual(oproepen, [[editie]]);
});
