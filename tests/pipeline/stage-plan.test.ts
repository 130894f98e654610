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

/** A promise and the functions that settle it, for ending a stage when the test says so. */
function later<T>(): { promise: Promise<T>; resolve: (t: T) => void; reject: (e: unknown) => void } {
  let resolve!: (t: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

test('a stage beside the next ones writes its line first, though they end before it; warnings keep their place', async () => {
  const { plan: p, regels, begonnen } = plan({ fromResults: true, resultsOnly: false, pdf: false });
  const figuren = later<number>();
  const { result } = await p.beside('charts', () => figuren.promise, (n) => `${n} figuren`);
  assert.deepEqual(begonnen, ['2. Figuren renderen'], 'it has begun');
  await p.run('chapters', async () => {
    p.log('   waarschuwing: een');
    return 16;
  }, (n) => `${n} hoofdstukken`);
  await p.run('letter', async () => 31);
  assert.deepEqual(regels, [], 'nothing is written before the charts line');
  figuren.resolve(28);
  assert.equal(await result, 28);
  assert.deepEqual(regels, ['2. Figuren renderen (0,0 s): 28 figuren', '   waarschuwing: een', '3. Hoofdstukken vullen (0,0 s): 16 hoofdstukken', '4. Kamerbrief schrijven (0,0 s)']);
  // Nothing held any more: a line is written as its stage ends.
  await p.run('html', async () => 1);
  assert.equal(regels.at(-1), '5. HTML opmaken (0,0 s)');
  assert.deepEqual(begonnen, ['2. Figuren renderen', '3. Hoofdstukken vullen', '4. Kamerbrief schrijven', '5. HTML opmaken']);
});

test('when the stage beside the others fails, no line after it is written, as if they had not run', async () => {
  const { plan: p, regels } = plan({ fromResults: true, resultsOnly: false, pdf: false });
  await p.run('readResults', async () => 0);
  const figuren = later<number>();
  const { result } = await p.beside('charts', () => figuren.promise);
  await p.run('chapters', async () => 16);
  figuren.reject(new Error('kapot'));
  await assert.rejects(result, /kapot/);
  await p.run('letter', async () => 31);
  p.log('   waarschuwing: na de fout');
  assert.deepEqual(regels, ['1. Resultaten lezen (0,0 s)']);
});

test('stages run side by side with run (the two prints) write their lines as each ends, as before', async () => {
  const { plan: p, regels } = plan({ fromResults: true, resultsOnly: false, pdf: true });
  const monitor = later<number>();
  const prints = Promise.all([p.run('printMonitor', () => monitor.promise), p.run('printBrief', async () => 3)]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(regels, ['8. PDF drukken (Kamerbrief) (0,0 s)']);
  monitor.resolve(73);
  await prints;
  assert.deepEqual(regels, ['8. PDF drukken (Kamerbrief) (0,0 s)', '7. PDF drukken (0,0 s)']);
});
