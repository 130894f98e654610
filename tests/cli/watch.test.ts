/** --watch: one rebuild per burst of changes, never two at once, stopped by a signal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wacht } from 'node:timers/promises';
import { watchPaths } from '../../src/build/watch.ts';

test('a burst of changes to a template and the edition gives one call with the changed paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  mkdirSync(join(dir, 'templates', 'monitor'), { recursive: true });
  const editie = join(dir, 'editie.json');
  writeFileSync(editie, '{}');
  const ac = new AbortController();
  const oproepen: string[][] = [];
  const klaar = watchPaths({ paden: [join(dir, 'templates'), editie], wachttijd: 100, signal: ac.signal }, async (p) => {
    oproepen.push(p);
  });
  await wacht(100);
  writeFileSync(join(dir, 'templates', 'monitor', 'a.md.hbs'), 'x');
  writeFileSync(editie, '{"a":1}');
  writeFileSync(join(dir, 'ander.txt'), 'niet bekeken');
  await wacht(600);
  ac.abort();
  await klaar;
  assert.equal(oproepen.length, 1, JSON.stringify(oproepen));
  assert.ok(oproepen[0]!.includes(join(dir, 'templates', 'monitor', 'a.md.hbs')));
  assert.ok(oproepen[0]!.includes(editie));
  assert.ok(!oproepen[0]!.some((p) => p.endsWith('ander.txt')));
});

test('a change during a rebuild starts one more rebuild after it, not a second at the same time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const ac = new AbortController();
  let tegelijk = 0;
  let max = 0;
  let n = 0;
  const klaar = watchPaths({ paden: [dir], wachttijd: 50, signal: ac.signal }, async () => {
    n++;
    max = Math.max(max, ++tegelijk);
    await wacht(300);
    tegelijk--;
  });
  await wacht(100);
  writeFileSync(join(dir, 'a'), '1');
  await wacht(150); // the first rebuild is running
  writeFileSync(join(dir, 'b'), '2');
  await wacht(900);
  ac.abort();
  await klaar;
  assert.equal(max, 1);
  assert.equal(n, 2);
});
