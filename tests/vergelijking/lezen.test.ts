/**
 * The reader of a predecessor's published indicatoren.csv: it is found under the predecessor's
 * output folder, and a missing file says how to make it. (The file itself is read by
 * src/results/lezen-indicatoren.ts, tested in tests/results/lezen-indicatoren.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indicatorenCsv } from '../../src/indicators/write.ts';
import { leesVorigeMeting } from '../../src/vergelijking/lezen.ts';
import { meldingen } from '../helpers/meldingen.ts';
import { vorigeRijen } from './fixture.ts';


test('a predecessor is read from <uitvoer>/<slug>/data/indicatoren.csv, with its cohorts from the rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vorige-'));
  try {
    mkdirSync(join(dir, 'out', '8e-meting', 'data'), { recursive: true });
    writeFileSync(join(dir, 'out', '8e-meting', 'data', 'indicatoren.csv'), indicatorenCsv(vorigeRijen()));
    const v = leesVorigeMeting({ slug: '8e-meting', nummer: 8, uitvoer: join(dir, 'out'), root: dir });
    assert.equal(v.slug, '8e-meting');
    assert.equal(v.nummer, 8);
    assert.deepEqual(v.cohorten, [2011, 2012]);
    assert.equal(v.rijen.length, vorigeRijen().length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a predecessor without published results is an error that says how to build them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vorige-'));
  try {
    const m = meldingen(() => leesVorigeMeting({ slug: '6e-meting', nummer: 6, uitvoer: join(dir, 'out'), root: dir }));
    assert.deepEqual(m, [
      "de vorige meting '6e-meting' heeft geen gepubliceerde resultaten in out/6e-meting/data/indicatoren.csv; bouw die eerst: npm run report -- --edition 6e-meting",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

