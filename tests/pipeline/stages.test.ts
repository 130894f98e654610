/**
 * Two stages: inside the secure environment `--stage resultaten` makes only the publishable
 * results and the output-check statement; outside it `--from-results` builds the publication
 * from those files alone. The publication made that way is byte for byte the committed one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/report.ts';
import { compareFolders } from '../../src/pipeline/check.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { RESULTAAT_BESTANDEN } from '../../src/results/lezen.ts';
import { io } from '../helpers/io.ts';


const werk = mkdtempSync(join(tmpdir(), 'monitor-fasen-'));
const resultaten = join(werk, 'resultaten');
const publicatie = join(werk, 'publicatie');

test('--stage resultaten writes, per edition, only data/*.csv, uitvoercontrole.md and the manifest', async () => {
  const r = io();
  // With the result cache of `npm run report` (tests/helpers/gedeeld.ts): what is tested here is
  // what each stage writes and that the publication needs no more, not computing from scratch.
  assert.equal(await main(['--stage', 'resultaten', '--out', resultaten], r), 0, r.err);
  for (const slug of ['6e-meting', '7e-meting']) {
    assert.deepEqual(readdirSync(join(resultaten, slug)).sort(), ['data', 'manifest.json', 'uitvoercontrole.md']);
    assert.deepEqual(readdirSync(join(resultaten, slug, 'data')).sort(), Object.keys(RESULTAAT_BESTANDEN).sort());
  }
});

test('--from-results builds, without any extracts, a publication byte-identical to the committed out/', async () => {
  const r = io();
  // No --data anywhere: the results folder is all the build gets.
  assert.equal(await main(['--from-results', resultaten, '--out', publicatie, '--no-pdf'], r), 0, r.err);
  for (const slug of ['6e-meting', '7e-meting']) {
    const verschillen = await compareFolders(join(publicatie, slug), join(PROJECT_ROOT, 'out', slug));
    assert.deepEqual(verschillen, [], `${slug}: ${JSON.stringify(verschillen.slice(0, 3))}`);
  }
});

test('--from-results refuses a folder without results, and --data beside it', async () => {
  const leeg = join(werk, 'leeg');
  const r = io();
  assert.equal(await main(['--from-results', leeg, '--edition', '6e-meting', '--out', join(werk, 'p2'), '--no-pdf'], r), 1);
  assert.match(r.err, /manifest\.json: niet gevonden of geen geldige manifest\.json \(verwacht: een map met resultaten van npm run report -- --stage resultaten\)/);
  assert.equal(existsSync(join(werk, 'p2', '6e-meting')), false);
  const r2 = io();
  assert.equal(await main(['--from-results', resultaten, '--edition', '6e-meting', '--data', join(PROJECT_ROOT, 'data', '6e-meting')], r2), 2);
  assert.match(r2.err, /--from-results bouwt zonder extracten; laat --data weg/);
});
