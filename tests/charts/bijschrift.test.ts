/**
 * Captions never promise what a chart does not show, and every number in a text alternative is
 * rounded once, from the counts, as the text and the tables round it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figuren } from '../../src/charts/catalogue.ts';
import { legendaReeksen } from '../../src/charts/bijschrift.ts';
import { procent } from '../../src/text/format.ts';
import type { Figuur } from '../../src/charts/render.ts';
import { GROEP_KORT } from '../../src/vocabulary/labels.ts';
import { IndicatorTabel } from '../../src/results/results.ts';
import { fixtureResultaten } from '../chapters/fixture.ts';

/** Series in a chart's legend with no drawn point. */
function ontbrekend(f: Figuur): string[] {
  const l = legendaReeksen(f.spec);
  if (!l) return [];
  const punten = ((f.spec as { data?: { values?: Record<string, unknown>[] } }).data?.values ?? []);
  return l.domein.filter((d) => !punten.some((p) => p[l.veld] === d));
}

function bijschriftKlopt(f: Figuur): void {
  for (const weg of ontbrekend(f)) {
    if (ontbrekend(f).length === legendaReeksen(f.spec)!.domein.length) {
      assert.match(f.alt, /Alle cijfers van deze figuur zijn onderdrukt/, f.id);
      continue;
    }
    assert.ok(!f.titel.includes(weg), `${f.id}: de titel noemt '${weg}', die niet getekend is: ${f.titel}`);
    const zinnen = f.alt.split(/(?<=\.)\s+/);
    const noemers = zinnen.filter((z) => z.includes(weg));
    assert.ok(noemers.length > 0, `${f.id}: de tekst zegt niet dat '${weg}' ontbreekt: ${f.alt}`);
    for (const z of noemers) assert.match(z, /^Niet getoond: .*onderdrukt/, `${f.id}: de tekst belooft '${weg}': ${z}`);
  }
}

test('on the fixture, every series a legend names is drawn, or the caption says it is not', () => {
  for (const f of figuren(fixtureResultaten())) bijschriftKlopt(f);
});

test('a series suppressed whole (every kv value) is named neither in the title nor as drawn in the text alternative', () => {
  const basis = fixtureResultaten();
  const r = { ...basis, indicatoren: new IndicatorTabel(basis.indicatoren.rijen.map((rij) => (rij.groep === 'kv' ? { ...rij, teller: null, noemer: null, percentage: null, onderdrukt: true } : rij))) };
  const alle = figuren(r);
  const geraakt = alle.filter((f) => ontbrekend(f).includes(GROEP_KORT.kv));
  assert.ok(geraakt.length >= 5, `${geraakt.length} figuren zonder kortverblijvenden`);
  const werk = alle.find((f) => f.id === 'werk-per-meetmoment')!;
  assert.equal(werk.titel, 'Aandeel met werk per meetmoment, re-integratiekandidaten');
  assert.match(werk.alt, /^Lijndiagram van het aandeel met werk van 6 maanden voor tot 24 maanden na detentie, met een lijn voor re-integratiekandidaten\./);
  assert.match(werk.alt, /Niet getoond: kortverblijvenden; alle cijfers van deze reeks zijn onderdrukt/);
  for (const f of alle) bijschriftKlopt(f);
});

test('a text alternative rounds a share once, from the counts: 9.46% is 9%, not 10% via 9.5', () => {
  // Both cohort rows 473/5000: the pooled rik row is 946/10000 = 9.46%, published as 9.5.
  const r = fixtureResultaten((rij) => (rij.indicator === 'werk' && rij.groep === 'rik' && rij.moment === '6m_voor' ? { ...rij, teller: 473, noemer: 5000, percentage: '9.5' } : rij));
  const rij = r.indicatoren.find('werk', 'totaal', 'rik', '6m_voor')!;
  assert.equal(rij.percentage, '9.5');
  assert.equal(procent(rij.teller!, rij.noemer!), '9%');
  const werk = figuren(r).find((f) => f.id === 'werk-per-meetmoment')!;
  assert.match(werk.alt, /Bij re-integratiekandidaten 9% op het eerste/);
});
