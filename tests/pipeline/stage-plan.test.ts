/**
 * The stage table (src/pipeline/stages.ts): the progress numbers the stages that run 1, 2, 3, …
 * without gaps, whichever stages a build leaves out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StagePlan, type Effects, type StageConditions } from '../../src/pipeline/stages.ts';
import { InternalError } from '../../src/util/errors.ts';

function plan(c: StageConditions): { plan: StagePlan; regels: string[]; begonnen: string[] } {
  const regels: string[] = [];
  const begonnen: string[] = [];
  const fx: Effects = { log: (r) => regels.push(r), now: () => 0, begin: (nr, naam) => begonnen.push(`${nr}. ${naam}`) };
  return { plan: new StagePlan(c, fx), regels, begonnen };
}

test('a full build numbers its thirteen stages 1 to 13, the web edition and the two prints each their own', () => {
  const { plan: p } = plan({ fromResults: false, resultsOnly: false, pdf: true });
  assert.deepEqual(
    (['load', 'indicators', 'disclosure', 'models', 'charts', 'chapters', 'letter', 'html', 'web', 'printMonitor', 'printBrief', 'manifest', 'place'] as const).map((id) => p.number(id)),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
  assert.equal(p.range('load', 'models'), '1–4');
});

test('without PDFs the manifest follows the web edition: no gap where the prints were', () => {
  const { plan: p } = plan({ fromResults: false, resultsOnly: false, pdf: false });
  assert.equal(p.number('web'), 9);
  assert.equal(p.number('manifest'), 10);
  assert.equal(p.number('place'), 11);
  assert.equal(p.has('printMonitor'), false);
  assert.throws(() => p.number('printBrief'), InternalError);
});

test('from a results folder one stage reads them, and the charts are stage 2', () => {
  const { plan: p } = plan({ fromResults: true, resultsOnly: false, pdf: true });
  assert.equal(p.number('readResults'), 1);
  assert.equal(p.number('charts'), 2);
  assert.equal(p.number('printBrief'), 8);
  assert.equal(p.has('load'), false);
});

test('the results stage runs 1–4 and moves the results into place as stage 5', () => {
  const { plan: p } = plan({ fromResults: false, resultsOnly: true, pdf: true });
  assert.equal(p.number('placeResults'), 5);
  assert.equal(p.has('charts'), false);
  assert.equal(p.has('printMonitor'), false);
});

test('run reports the stage by its number and Dutch label, with its duration and what it made', async () => {
  const { plan: p, regels, begonnen } = plan({ fromResults: false, resultsOnly: false, pdf: false });
  assert.equal(await p.run('web', async () => 3, (n) => `${n} pagina's`), 3);
  assert.deepEqual(begonnen, ['9. Webeditie schrijven']);
  assert.deepEqual(regels, ["9. Webeditie schrijven (0,0 s): 3 pagina's"]);
});
