/**
 * The comparison's charts: a spec that validates against the Vega-Lite schema and renders without
 * warnings, the same SVG twice; the house style; the boundary between the editions; suppressed
 * values left out and noted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { figuren } from '../../src/charts/catalogue.ts';
import { fullSpec, renderChart } from '../../src/charts/render.ts';
import { vergelijkingFiguren } from '../../src/charts/vergelijking.ts';
import { vergelijk } from '../../src/vergelijking/vergelijk.ts';
import { huidigeFixture, vorigeFixture } from './fixture.ts';

const schema = JSON.parse(readFileSync(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url), 'utf8')) as object;
const r = huidigeFixture();
const v = vergelijk(r, vorigeFixture());
const alle = vergelijkingFiguren(r, v);

interface Laag {
  data: { values: Record<string, unknown>[] };
  mark: { type: string };
}
/** The layers as plain data (rendering leaves Vega's ids on the data objects). */
const lagen = (id: string) => (JSON.parse(JSON.stringify(alle.find((f) => f.id === id)!.spec)) as { layer: Laag[] }).layer;

test('one figure per headline series both editions publish, with ids of their own', () => {
  assert.deepEqual(alle.map((f) => f.id), [
    'vergelijking-id-geen-geldig-uitstroom',
    'vergelijking-werk-1m-na',
    'vergelijking-geen-inkomen-1m-na',
    'vergelijking-niet-ingeschreven-1m-na',
    'vergelijking-wanbetaler-jaar-na-12m-na',
    'vergelijking-recidive-2j-24m-na',
  ]);
  const andere = new Set(figuren(r).map((f) => f.id));
  assert.ok(alle.every((f) => !andere.has(f.id) && /^[a-z0-9-]+$/.test(f.id)));
});

test('every spec validates against the Vega-Lite JSON schema', () => {
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false });
  const valideer = ajv.compile(schema);
  for (const f of alle) assert.ok(valideer(fullSpec(f)), `${f.id}: ${ajv.errorsText(valideer.errors)}`);
});

test('every chart compiles without warnings and renders the same SVG twice, with both editions named', async () => {
  for (const f of alle) {
    const a = await renderChart(f);
    const b = await renderChart(f);
    assert.equal(a.svg, b.svg, f.id);
    assert.match(a.svg, /^<svg/);
    assert.match(a.svg, />8e meting</);
    assert.match(a.svg, />9e meting</);
    const spec = fullSpec(f) as { config?: { locale?: { number?: { decimal?: string } } } };
    assert.equal(spec.config?.locale?.number?.decimal, ',');
  }
});

test('a dashed rule between the last cohort of the predecessor and the first of this edition marks the boundary', () => {
  const [regel, links, rechts] = lagen('vergelijking-werk-1m-na');
  assert.equal(regel!.mark.type, 'rule');
  assert.deepEqual(regel!.data.values, [{ grens: 2012.5 }]);
  assert.deepEqual(links!.data.values, [{ grens: 2012.5, tekst: '8e meting' }]);
  assert.deepEqual(rechts!.data.values, [{ grens: 2012.5, tekst: '9e meting' }]);
});

test('the lines carry every published cohort of both editions for the three groups, and stop at the boundary', () => {
  const punten = lagen('vergelijking-werk-1m-na')[3]!.data.values as { groep: string; cohort: number; meting: string; aandeel: number }[];
  assert.equal(punten.length, 12);
  assert.deepEqual([...new Set(punten.map((p) => p.groep))], ['re-integratiekandidaten', 'kortverblijvenden', 'beide groepen']);
  const rik = punten.filter((p) => p.groep === 're-integratiekandidaten');
  assert.deepEqual(rik.map((p) => [p.cohort, p.meting, Math.round(100 * p.aandeel)]), [
    [2011, 'vorige', 20],
    [2012, 'vorige', 30],
    [2013, 'huidige', 32],
    [2014, 'huidige', 42],
  ]);
  const spec = alle.find((f) => f.id === 'vergelijking-werk-1m-na')!.spec as unknown as { layer: { encoding?: Record<string, { field?: string }> }[] };
  assert.equal(spec.layer[3]!.encoding!.detail!.field, 'meting');
});

test('a suppressed value is left out of the chart and noted in its source line', () => {
  const f = alle.find((x) => x.id === 'vergelijking-recidive-2j-24m-na')!;
  const punten = lagen(f.id)[3]!.data.values as { groep: string; cohort: number }[];
  assert.ok(!punten.some((p) => p.groep === 'kortverblijvenden' && p.cohort === 2012));
  assert.match(f.bron, /niet gepubliceerd/);
  assert.doesNotMatch(alle.find((x) => x.id === 'vergelijking-werk-1m-na')!.bron, /niet gepubliceerd/);
});

test('caption, source line and text alternative are Dutch and name both editions', () => {
  for (const f of alle) {
    assert.match(f.titel, /, per uitstroomcohort: 8e meting en 9e meting$/);
    assert.match(f.bron, /^Bron: .*9e meting.*\. Cohorten 2011–2012: gepubliceerde resultaten van de 8e meting/);
    assert.ok(f.alt.endsWith('.') && f.alt.length > 80, f.id);
    assert.match(f.alt, /een verticale stippellijn scheidt de cohorten van de 8e meting \(2011–2012\) van die van de 9e meting \(2013–2014\)/);
  }
  assert.match(alle.find((x) => x.id === 'vergelijking-werk-1m-na')!.alt, /Bij re-integratiekandidaten 20% in cohort 2011 en 42% in cohort 2014\.$/);
});
