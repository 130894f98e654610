/**
 * Two builds at once (issue 18): the same edition built twice at the same time, into two output
 * folders, gives PDFs (and the letter's .docx) with identical bytes: nothing of the run (its
 * process id, its temporary folders, the clock) reaches the files. Each build has its own lock,
 * temp folders and browser; neither leaves anything behind.
 *
 * Set-up: small synthetic extracts and their publishable results (--stage resultaten); both
 * builds start from those (--from-results) and print. The results are the shared set of
 * tests/helpers/processen.ts (kleineSet), made once per `npm test`: the builds only read them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GEDULD } from '../helpers/geduld.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../src/pdf/browser.ts';
import { cli, kleineSet, tempResten } from '../helpers/processen.ts';

const werk = mkdtempSync(join(tmpdir(), 'gelijktijdig-test-'));
let resultaten = '';
let chrome = '';

before(async () => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: set MONITOR_CHROME');
  chrome = found.executablePath;
  ({ resultaten } = await kleineSet());
});
after(() => rmSync(werk, { recursive: true, force: true }));

test('two builds of one edition at the same time give byte-identical PDFs and .docx', { timeout: GEDULD }, async (tc) => {
  const a = join(werk, 'uit-a');
  const b = join(werk, 'uit-b');
  const runs = [a, b].map((out) => cli(['--edition', '6e-meting', '--from-results', resultaten, '--out', out, '--quiet'], { MONITOR_CHROME: chrome }));
  const einden = await Promise.all(runs.map((r) => r.einde));
  einden.forEach((e, i) => assert.equal(e.code, 0, runs[i]!.stderr()));
  tc.diagnostic(`both builds ended with 0, in ${einden.map((e) => `${e.ms} ms`).join(' and ')}`);
  const pdfA = join(a, '6e-meting', 'pdf');
  const bestanden = readdirSync(pdfA).filter((f) => /\.(pdf|docx)$/.test(f)).sort();
  assert.deepEqual(bestanden, ['kamerbrief-monitor-nazorg-6e-meting.docx', 'kamerbrief-monitor-nazorg-6e-meting.pdf', 'monitor-nazorg-6e-meting.pdf']);
  for (const f of bestanden) {
    const x = readFileSync(join(pdfA, f));
    const y = readFileSync(join(b, '6e-meting', 'pdf', f));
    assert.ok(x.equals(y), `${f}: the two builds differ (${x.length} and ${y.length} bytes)`);
  }
  for (const r of runs) assert.deepEqual(tempResten(r.pid), [], 'no temp folder of either run left');
  assert.deepEqual(readdirSync(a), ['6e-meting']);
  assert.deepEqual(readdirSync(b), ['6e-meting']);
});
