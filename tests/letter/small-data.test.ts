/**
 * On a small extract set some model terms are merged into their reference level. The letter
 * then leaves out the sentences about those terms instead of stopping the build.
 *
 * The set is the shared small one (tests/helpers/processen.ts, kleineSet: scale 0.01), and the
 * build starts from its published results: the letter is written from those, as from the
 * results a build computes itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { kleineSet } from '../helpers/processen.ts';
import { GEDEELDE_CACHE } from '../helpers/gedeeld.ts';

test('the letter builds when a model term it mentions has no estimate of its own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-letter-small-'));
  const { data, resultaten } = await kleineSet();
  const out = join(dir, 'out');
  await buildReport(
    // Not a test of the cache: the figures and citeproc's output come from the CLI's cache when an earlier build made them.
    { data, fromResults: join(resultaten, '6e-meting'), out, edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), pdf: false, cache: GEDEELDE_CACHE },
    { log: () => {}, now: () => 0 },
  );
  const modellen = readFileSync(join(out, 'data', 'modellen.csv'), 'utf8');
  const brief = readFileSync(join(out, 'kamerbrief', 'kamerbrief.md'), 'utf8');
  assert.match(brief, /Stand van zaken basisvoorwaarden/);
  // The sentence on leaving without a valid ID and recidive appears only when both models estimate id:ongeldig.
  const idGeschat = /^cox_basis,id:ongeldig,/m.test(modellen) && /^logit_werk_6m,id:ongeldig,/m.test(modellen);
  assert.equal(/zonder geldig identiteitsbewijs vertrekt, heeft/.test(brief), idGeschat);
});
