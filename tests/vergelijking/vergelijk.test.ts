/**
 * The comparison on the fixture: which series it holds, that suppressed cells stay suppressed,
 * the outcome of each headline series, and its errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/util/errors.ts';
import { kernmoment, kernreeksen, vergelijk, vindReeks } from '../../src/vergelijking/vergelijk.ts';
import { huidigeFixture, vorigeFixture } from './fixture.ts';

const r = huidigeFixture();
const v = vergelijk(r, vorigeFixture());

test('every indicator × moment both publish, for rik, kv and totaal, over the cohorts of both editions', () => {
  assert.deepEqual(v.cohorten, [2011, 2012, 2013, 2014]);
  assert.equal(v.vorige.naam, '8e meting');
  assert.equal(v.huidige.naam, '9e meting');
  const paren = new Set(v.reeksen.map((x) => `${x.indicator}@${x.moment}`));
  const verwacht = new Set(
    r.definities.filter((d) => d.thema !== 'samenhang').flatMap((d) => d.momenten.map((m) => `${d.naam}@${m}`)),
  );
  assert.deepEqual(paren, verwacht);
  assert.equal(v.reeksen.length, 3 * verwacht.size);
  for (const x of v.reeksen) {
    assert.deepEqual(x.cellen.map((c) => `${c.meting}:${c.cohort}`), ['vorige:2011', 'vorige:2012', 'huidige:2013', 'huidige:2014']);
    assert.ok(!x.cellen.some((c) => c.rij?.cohort === 'totaal'));
  }
});

test('the samenhang indicators are left out: they follow the basisvoorwaarden an edition measures', () => {
  assert.ok(!v.reeksen.some((x) => x.thema === 'samenhang' || x.indicator.startsWith('problemen_') || x.indicator.startsWith('samen_')));
});

test('a cell the predecessor suppressed stays suppressed', () => {
  const kv = vindReeks(v, 'recidive_2j', '24m_na', 'kv')!;
  const cel = kv.cellen.find((c) => c.cohort === 2012)!;
  assert.equal(cel.rij?.onderdrukt, true);
  assert.equal(cel.rij?.teller, null);
  assert.deepEqual(kv.eerder, { richting: 'onbekend', onderdrukt: true });
  assert.equal(kv.oordeel, 'onbekend');
});

test('the headline series take every outcome the fixture sets up', () => {
  const uitkomst = Object.fromEntries(kernreeksen(v).map((k) => [k.indicator, vindReeks(v, k.indicator, k.moment, 'rik')!.oordeel]));
  assert.deepEqual(uitkomst, {
    id_geen_geldig: 'doorgezet',
    werk: 'doorgezet',
    geen_inkomen: 'afgevlakt',
    niet_ingeschreven: 'omgekeerd',
    wanbetaler_jaar_na: 'nieuw',
    recidive_2j: 'doorgezet',
  });
  const werk = vindReeks(v, 'werk', '1m_na', 'rik')!;
  assert.deepEqual([werk.eerder.richting, werk.nieuw.richting], ['stijgt', 'stijgt']);
});

test('an indicator × moment only one edition publishes is not compared', () => {
  const vorige = vorigeFixture();
  const zonder = { ...vorige, rijen: vorige.rijen.filter((x) => !(x.indicator === 'opleiding' && x.moment === '6m_na')) };
  const w = vergelijk(r, zonder);
  assert.equal(vindReeks(w, 'opleiding', '6m_na', 'rik'), undefined);
  assert.ok(vindReeks(w, 'opleiding', '1m_na', 'rik'));
  // and an indicator only the predecessor has (here: one it measured and this edition does not)
  const extra = { ...vorige, rijen: [...vorige.rijen, ...vorige.rijen.filter((x) => x.indicator === 'werk').map((x) => ({ ...x, indicator: 'oud_werk' }))] };
  assert.ok(!vergelijk(r, extra).reeksen.some((x) => x.indicator === 'oud_werk'));
});

test('the kernmoment is a month after detention when both publish it, else the last moment both publish', () => {
  assert.equal(kernmoment(v, 'werk'), '1m_na');
  assert.equal(kernmoment(v, 'geen_startkwalificatie'), 'uitstroom');
  assert.equal(kernmoment(v, 'wanbetaler_jaar_na'), '12m_na');
  assert.equal(kernmoment(v, 'id_geen_geldig'), 'uitstroom');
  assert.equal(kernmoment(v, 'bestaat_niet'), undefined);
});

test('notes on changed definitions carry the label; a note on an unknown indicator is an error', () => {
  const w = vergelijk(r, vorigeFixture(), { wijzigingen: [{ indicator: 'geen_inkomen', tekst: 'Andere bron.' }] });
  assert.deepEqual(w.wijzigingen, [{ indicator: 'geen_inkomen', tekst: 'Andere bron.', label: 'Geen geregistreerd inkomen' }]);
  // an indicator this edition does not measure still gets its label from the definitions
  const zonderZorg = vergelijk(r, { ...vorigeFixture(), rijen: [...vorigeFixture().rijen, { ...vorigeFixture().rijen[0]!, indicator: 'zorg_ggz' }] }, {
    wijzigingen: [{ indicator: 'zorg_ggz', tekst: 'x' }],
  });
  assert.equal(zonderZorg.wijzigingen[0]!.label, 'In ggz-zorg');
  assert.throws(
    () => vergelijk(r, vorigeFixture(), { wijzigingen: [{ indicator: 'geen_inkomens', tekst: 'x' }] }),
    (e: unknown) => e instanceof InputError && e.messages[0] === "wijzigingen: onbekende indicator 'geen_inkomens' (verwacht: een indicator van deze of van de vorige meting)",
  );
});

test('a predecessor whose cohorts do not all come before this edition\'s is an error', () => {
  const vorige = { ...vorigeFixture(), cohorten: [2012, 2013] };
  assert.throws(
    () => vergelijk(r, vorige),
    (e: unknown) => e instanceof InputError && /de cohorten van de vorige meting '8e-meting' \(2012, 2013\) moeten alle voor die van deze meting \(2013, 2014\) liggen/.test(e.messages[0]!),
  );
});
