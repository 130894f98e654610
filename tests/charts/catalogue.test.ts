/**
 * Every chart of the monitor, built on the fixture edition: its spec validates against the
 * Vega-Lite JSON schema, compiles without warnings, renders to the same SVG twice, and comes
 * with a caption, a source line and a text alternative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { figuren } from '../../src/charts/catalogue.ts';
import { fullSpec, renderChart } from '../../src/charts/render.ts';
import { fixtureResultaten } from '../chapters/fixture.ts';

// The schema is not in vega-lite's package exports; read it from its place in node_modules.
const schema = JSON.parse(readFileSync(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url), 'utf8')) as object;
const r = fixtureResultaten();
const alle = figuren(r);

test('the monitor has at least fifteen figures with unique ids', () => {
  assert.ok(alle.length >= 15, `${alle.length} figuren`);
  assert.equal(new Set(alle.map((f) => f.id)).size, alle.length);
});

test('every chart spec validates against the Vega-Lite JSON schema', () => {
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false });
  const valideer = ajv.compile(schema);
  for (const f of alle) {
    const ok = valideer(fullSpec(f));
    assert.ok(ok, `${f.id}: ${ajv.errorsText(valideer.errors)}`);
  }
});

test('every chart compiles without warnings and renders the same SVG twice', async () => {
  for (const f of alle) {
    const a = await renderChart(f); // throws on any Vega-Lite warning
    const b = await renderChart(f);
    assert.equal(a.svg, b.svg, f.id);
    assert.match(a.svg, /^<svg/, f.id);
    assert.equal(a.specJson, b.specJson, f.id);
  }
});

test('every figure has a caption, a source line and a text alternative', () => {
  for (const f of alle) {
    assert.ok(f.titel.length > 10, f.id);
    assert.match(f.bron, /^Bron: /, f.id);
    assert.ok(f.alt.length > 40 && f.alt.endsWith('.'), f.id);
  }
});

test('numbers on the axes are Dutch: a decimal comma in the locale of every spec', () => {
  for (const f of alle) {
    const spec = fullSpec(f) as { config?: { locale?: { number?: { decimal?: string } } } };
    assert.equal(spec.config?.locale?.number?.decimal, ',', f.id);
  }
});

test('a suppressed value is left out of the chart and noted in its source line', () => {
  const f = alle.find((x) => x.id === 'aantal-problemen')!;
  const data = (f.spec as { data: { values: { aantal: string; groep: string }[] } }).data.values;
  assert.ok(!data.some((v) => v.aantal === '5' && v.groep === 'kortverblijvenden'));
  assert.match(f.bron, /niet gepubliceerd/);
});

test('a basisvoorwaarde without data gets no figure, a suppressed model no forest plot', () => {
  assert.ok(!alle.some((f) => f.id.includes('zorg') || f.id.startsWith('ggz')));
  assert.ok(!alle.some((f) => f.id === 'forest-landmark'));
  assert.ok(alle.some((f) => f.id === 'forest-cox-basis'));
});

test('the catalogue follows the edition: a series of a basisvoorwaarde it does not measure is left out, and the text says no more than is drawn', () => {
  const zonder = (thema: string) => ({ ...r, definities: r.definities.filter((d) => d.thema !== thema) });
  const categorieen = (f: { spec: unknown }) => (f.spec as { encoding: { y: { sort: string[] } } }).encoding.y.sort;

  const zonderWerk = figuren(zonder('werk_inkomen'));
  assert.ok(!zonderWerk.some((f) => f.id === 'werk-per-meetmoment' || f.id === 'startkwalificatie-per-cohort'));
  assert.deepEqual(categorieen(zonderWerk.find((f) => f.id === 'transities')!), ['adres verloren', 'adres gevonden', 'ID verkregen']);

  const zonderId = figuren(zonder('id'));
  assert.ok(!zonderId.some((f) => f.id.startsWith('id-') || f.id === 'km-id'));
  const transities = zonderId.find((f) => f.id === 'transities')!;
  assert.deepEqual(categorieen(transities), ['baan behouden', 'baan gevonden', 'adres verloren', 'adres gevonden']);
  assert.ok(!transities.alt.includes('ID verkregen'), transities.alt);
  assert.match(zonderId.find((f) => f.id === 'transities-per-cohort')!.alt, /baan behield en het aandeel dat zijn adres verloor\.$/);
});

test('the figures keep the order of the catalogue', () => {
  const ids = alle.map((f) => f.id);
  assert.deepEqual(ids.slice(0, 3), ['id-per-cohort', 'id-instroom-uitstroom', 'werk-uitkering-opleiding-rik']);
  assert.ok(ids.indexOf('trends-per-cohort') < ids.indexOf('km-per-cohort'));
  assert.equal(ids[ids.length - 1], 'forest-werk');
});
