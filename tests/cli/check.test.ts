/** Comparing a fresh build with the committed output folder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compareFolders, eersteVerschil, formatDifferences, manifestDifference } from '../../src/pipeline/check.ts';

function map(bestanden: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-'));
  for (const [rel, t] of Object.entries(bestanden)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), t);
  }
  return dir;
}

test('equal folders have no differences, and PDFs are not compared', async () => {
  const a = map({ 'data/x.csv': 'a\n', 'pdf/m.pdf': '1' });
  const b = map({ 'data/x.csv': 'a\n', 'pdf/m.pdf': '2', 'pdf/herkomst.json': '{}' });
  assert.deepEqual(await compareFolders(a, b), []);
});

test('a changed, a missing and a superfluous file are each named', async () => {
  const gebouwd = map({ 'data/x.csv': 'a\nb\n', 'monitor/nieuw.md': 'n' });
  const vastgelegd = map({ 'data/x.csv': 'a\nc\n', 'monitor/oud.md': 'o' });
  const v = await compareFolders(gebouwd, vastgelegd);
  assert.deepEqual(
    v.map((x) => [x.pad, x.soort]),
    [
      ['data/x.csv', 'gewijzigd'],
      ['monitor/nieuw.md', 'ontbreekt'],
      ['monitor/oud.md', 'overbodig'],
    ],
  );
  assert.equal(v[0]!.detail, "regel 2: de pijplijn maakt 'b', vastgelegd is 'c'");
  const tekst = formatDifferences(v, 'out/').join('\n');
  assert.match(tekst, /^Controle mislukt: 3 bestanden in out\/ wijken af/);
  assert.match(tekst, /npm run report/);
});

test('the first difference names the line, and a shorter file ends', () => {
  assert.equal(eersteVerschil('a\nb', 'a'), "regel 2: de pijplijn maakt 'b', vastgelegd is (einde van het bestand)");
  assert.equal(formatDifferences([], 'out/')[0], 'Controle geslaagd: out/ is precies wat de pijplijn maakt.');
});

test('a manifest that differs only in the code hash says so: the outputs themselves are equal', () => {
  const m = (bron: string, uit: string) => JSON.stringify({ invoer: { extracten: {}, editie: {}, sjablonen: {}, code: { bron } }, uitvoer: { 'a.csv': uit } });
  assert.equal(manifestDifference(m('1', 'x'), m('2', 'x')), 'invoer gewijzigd: code; de uitvoerbestanden zelf zijn gelijk');
  assert.equal(manifestDifference(m('1', 'x'), m('1', 'y')), 'invoer gelijk; uitvoerbestanden gewijzigd');
  assert.equal(manifestDifference('geen json', m('1', 'x')), undefined);
});
