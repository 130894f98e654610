/**
 * The build's JSON caches (src/util/json-cache.ts): what is kept is what is read back, an entry
 * that cannot be read is no entry, a cache that cannot be written fails nothing, and the upkeep
 * keeps the newest entries and every entry the build used.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheOnderhoud, cacheSleutel, inCache, jsonCache, uitCache } from '../../src/util/json-cache.ts';

const werk = mkdtempSync(join(tmpdir(), 'json-cache-'));
after(() => rmSync(werk, { recursive: true, force: true }));

test('an entry is read back as it was kept; a missing or unreadable one is none', () => {
  const cache = jsonCache(join(werk, 'a'), 10);
  assert.equal(uitCache(cache, 'x'), undefined, 'nothing before the folder exists');
  inCache(cache, 'x', { a: [1, 'twee'], b: null });
  assert.deepEqual(uitCache(jsonCache(cache.dir, 10), 'x'), { a: [1, 'twee'], b: null });
  assert.deepEqual(readdirSync(cache.dir), ['x.json'], 'no temporary file left');
  writeFileSync(join(cache.dir, 'y.json'), '{"a": ');
  assert.equal(uitCache(cache, 'y'), undefined);
});

test('a cache that cannot be written fails nothing', () => {
  const bestand = join(werk, 'geen-map');
  writeFileSync(bestand, '');
  const cache = jsonCache(bestand, 10);
  assert.doesNotThrow(() => inCache(cache, 'x', 1));
  assert.equal(uitCache(cache, 'x'), undefined);
  assert.doesNotThrow(() => cacheOnderhoud(cache));
});

test('the upkeep keeps the newest entries and every entry used since the cache was opened', () => {
  const dir = join(werk, 'b');
  const oud = jsonCache(dir, 10);
  ['e1', 'e2', 'e3', 'e4'].forEach((n, i) => {
    inCache(oud, n, i);
    utimesSync(join(dir, `${n}.json`), 1_000 + i, 1_000 + i);
  });
  writeFileSync(join(dir, 'ander.txt'), 'not an entry');
  const cache = jsonCache(dir, 2);
  assert.equal(uitCache(cache, 'e1'), 0, 'the oldest, read by this build');
  cacheOnderhoud(cache);
  assert.deepEqual(readdirSync(dir).sort(), ['ander.txt', 'e1.json', 'e3.json', 'e4.json']);
});

test('the key depends on every part and on where the parts are cut', () => {
  assert.equal(cacheSleutel('a', 'b'), cacheSleutel('a', 'b'));
  assert.notEqual(cacheSleutel('a', 'b'), cacheSleutel('ab'));
  assert.notEqual(cacheSleutel('a', 'bc'), cacheSleutel('ab', 'c'));
  assert.match(cacheSleutel('a'), /^[0-9a-f]{64}$/);
});
