/**
 * The charts rendered in a worker thread (src/charts/render-thread.ts): the same bytes as
 * rendering on the main thread, the figure itself handed back, and a chart that fails there
 * fails here with the same kind of error and message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figuren } from '../../src/charts/catalogue.ts';
import { renderChart, type Figuur } from '../../src/charts/render.ts';
import { startChartThread } from '../../src/charts/render-thread.ts';
import { InternalError } from '../../src/util/errors.ts';
import { fixtureResultaten } from '../chapters/fixture.ts';

const alle = figuren(fixtureResultaten());

test('every chart rendered in the worker thread is byte for byte the one rendered on the main thread', async () => {
  const thread = startChartThread();
  try {
    const daar = await Promise.all(alle.map((f) => thread.render(f)));
    for (const [i, f] of alle.entries()) {
      const hier = await renderChart(f);
      assert.equal(daar[i]!.figuur, f, `${f.id}: the figure itself, not a copy`);
      assert.equal(daar[i]!.svg, hier.svg, f.id);
      assert.equal(daar[i]!.specJson, hier.specJson, f.id);
    }
  } finally {
    await thread.close();
  }
});

test('a chart with a Vega-Lite warning fails in the worker as on the main thread: an InternalError with the same message', async () => {
  const f = alle[0]!;
  // A bar has no shape: Vega-Lite drops the channel with a warning.
  const kapot: Figuur = { ...f, id: 'kapot', spec: { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } } } };
  const hier = await renderChart(kapot).then(() => undefined, (e: unknown) => e);
  assert.ok(hier instanceof InternalError, `main thread: ${String(hier)}`);
  const thread = startChartThread();
  try {
    await assert.rejects(thread.render(kapot), (e: unknown) => e instanceof InternalError && e.message === hier.message);
    // The thread goes on with the next figure.
    assert.match((await thread.render(f)).svg, /^<svg/);
  } finally {
    await thread.close();
  }
  await assert.rejects(thread.render(f), InternalError, 'closed: nothing more is rendered');
});

test('the worker starts only when asked: at preload() or at the first figure, never after close()', async () => {
  const lui = startChartThread();
  assert.equal(lui.gestart(), false, 'a thread without preload starts no worker by itself');
  await lui.close();
  lui.preload();
  assert.equal(lui.gestart(), false, 'closed: preload() starts nothing');

  const thread = startChartThread();
  try {
    thread.preload();
    assert.equal(thread.gestart(), true);
    thread.preload(); // started once: a second call is a no-op
    assert.match((await thread.render(alle[0]!)).svg, /^<svg/);
  } finally {
    await thread.close();
  }
});

test('the worker loads its module from the bundle of src/ when there is one (npm run report, npm test), and through tsx otherwise: the same bytes', async () => {
  const merk = Symbol.for('monitor-nazorg.bundel');
  const g = globalThis as Record<symbol, unknown>;
  const bundel = g[merk];
  const f = alle[0]!;
  const hier = await renderChart(f);
  delete g[merk];
  try {
    const thread = startChartThread();
    try {
      assert.equal((await thread.render(f)).svg, hier.svg, 'through tsx');
    } finally {
      await thread.close();
    }
  } finally {
    if (bundel !== undefined) g[merk] = bundel;
  }
});
