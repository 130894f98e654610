/**
 * The committed synthetic data of the 7th meting (data/7e-meting/) meet the 7th meting's
 * synthetic targets (data/7e-meting/README.md, "Kalibratie"): assumptions that continue
 * the 6th meting's levels and trends, not published figures. Computed by the real engine with
 * the edition editions/7e-meting/editie.json (no ID, no care) and disclosure control.
 * Tolerances are those of the 6th meting's calibration test.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { kalibratie, kvBeterNa, near, pct as pctIn, ROOT, type Kalibratie } from './helpers.ts';
import type { Groep, Moment } from '../../src/vocabulary/lists.ts';

const DATA = join(ROOT, 'data', '7e-meting');
const EDITIE = join(ROOT, 'editions', '7e-meting', 'editie.json');

describe('the extract set of the 7th meting', () => {
  test('is synthetic, says its targets are assumptions, and has the 7th meting peildatum', () => {
    const x = JSON.parse(readFileSync(join(DATA, 'extractie.json'), 'utf8')) as Record<string, string>;
    assert.equal(x.bron, 'synthetisch');
    assert.equal(x.peildatum, '2021-12-31');
    assert.match(x.omschrijving!, /geen gepubliceerde cijfers/);
  });

  test('has no ID columns and no zorg extract, as the edition measures neither', () => {
    const kop = gunzipSync(readFileSync(join(DATA, 'detenties.csv.gz'))).toString('utf8').split('\n', 1)[0];
    assert.equal(kop, 'detentie_id,persoon_id,datum_instroom,datum_uitstroom');
    assert.deepEqual(readdirSync(DATA).filter((f) => f.startsWith('zorg.')), []);
    const editie = JSON.parse(readFileSync(EDITIE, 'utf8')) as { basisvoorwaarden: string[]; cohorten: number[] };
    assert.deepEqual(editie.cohorten, [2017, 2018, 2019]);
    assert.ok(!editie.basisvoorwaarden.includes('id') && !editie.basisvoorwaarden.includes('zorg'));
  });

  test('is at most 10 MB', () => {
    const bytes = readdirSync(DATA).reduce((n, f) => n + readFileSync(join(DATA, f)).length, 0);
    assert.ok(bytes <= 10 * 1024 * 1024, `${bytes} bytes`);
  });
});

// Needs an engine that reads extracts without the ID columns and without zorg for an edition
// that does not measure them (docs/extracts.md, "What the edition decides").
describe('the indicators of the 7th meting meet its synthetic targets', () => {
  let k: Kalibratie;
  let pct: (indicator: string, moment: Moment, cohort?: string | number, groep?: Groep) => number;
  before(async () => {
    k = await kalibratie(EDITIE, DATA);
    pct = (indicator, moment, cohort = 'totaal', groep = 'rik') => pctIn(k.tabel, indicator, moment, cohort, groep);
  });
  const reeks = (indicator: string, moment: Moment) => k.edition.cohorten.map((c) => pct(indicator, moment, c));
  const eerste = (r: number[]) => r[0]!;
  const laatste = (r: number[]) => r[r.length - 1]!;

  test('cohorts: about 18,000 rik and 11,000 kv a year at scale 1, slowly falling', () => {
    const noemer = (cohort: string | number, groep: Groep) => k.tabel.get('werk', cohort, groep, '1m_na').noemer!;
    const rik = noemer('totaal', 'rik');
    const kv = noemer('totaal', 'kv');
    near((100 * rik) / (rik + kv), (100 * 18) / 29, 3, 'share of rik in the uitstroom');
    const c = k.edition.cohorten;
    for (const g of ['rik', 'kv'] as const) {
      assert.ok(noemer(c[c.length - 1]!, g) < noemer(c[0]!, g), `${g}: ${c.map((x) => noemer(x, g)).join(', ')} falls`);
    }
  });

  test('geen_inkomen: about 33%, falling slightly over the cohorts', () => {
    near(pct('geen_inkomen', '1m_na'), 33, 2, 'geen_inkomen 1m_na');
    const r = reeks('geen_inkomen', '1m_na');
    assert.ok(laatste(r) < eerste(r), `falling: ${r.join(', ')}`);
  });

  test('geen_startkwalificatie: about 60%', () => near(pct('geen_startkwalificatie', 'uitstroom'), 60, 2.5, 'geen_startkwalificatie'));

  test('niet_ingeschreven: about 22%, level', () => {
    near(pct('niet_ingeschreven', '1m_na'), 22, 2, 'niet_ingeschreven 1m_na');
    for (const c of k.edition.cohorten) near(pct('niet_ingeschreven', '1m_na', c), 22, 3, `niet_ingeschreven ${c}`);
  });

  test('wanbetaler_jaar_na: about 22%, falling', () => {
    near(pct('wanbetaler_jaar_na', '12m_na'), 22, 2, 'wanbetaler_jaar_na');
    const r = reeks('wanbetaler_jaar_na', '12m_na');
    assert.ok(laatste(r) < eerste(r), `falling: ${r.join(', ')}`);
  });

  test('werk: about 15% at 6m_voor, 14% at 1m_na, 23% at 24m_na; higher in later cohorts', () => {
    near(pct('werk', '6m_voor'), 15, 2, 'werk 6m_voor');
    near(pct('werk', '1m_na'), 14, 2, 'werk 1m_na');
    near(pct('werk', '24m_na'), 23, 2, 'werk 24m_na');
    for (const m of ['1m_na', '24m_na'] as const) {
      const r = reeks('werk', m);
      assert.ok(laatste(r) > eerste(r), `werk ${m} higher in later cohorts: ${r.join(', ')}`);
    }
  });

  test('baan_behouden: about 62% of rik and 78% of kv keep their job', () => {
    near(pct('baan_behouden', '1m_voor-1m_na'), 62, 3, 'baan_behouden rik');
    near(pct('baan_behouden', '1m_voor-1m_na', 'totaal', 'kv'), 78, 4, 'baan_behouden kv');
  });

  test('recidive_2j: about 46%, falling slightly', () => {
    near(pct('recidive_2j', '24m_na'), 46, 4, 'recidive_2j pooled');
    const r = reeks('recidive_2j', '24m_na');
    assert.ok(laatste(r) < eerste(r), `falling: ${r.join(', ')}`);
  });

  test('no ID and no care indicators: the edition does not measure them', () => {
    const namen = new Set(k.tabel.rijen.map((r) => r.indicator));
    for (const n of namen) assert.doesNotMatch(n, /^(id_|zorg_)/, n);
  });

  // data/7e-meting/README.md ("Kortverblijvenden"): after a short detention the situation is on average no better than before.
  test('kortverblijvenden are no better off one month after release than before detention', () => {
    const { fouten, vergelijkingen } = kvBeterNa(k, 1);
    // (werk, geen_inkomen, geen_dagbesteding, niet_ingeschreven, wanbetaler at 2 moments) x (3 cohorts + totaal)
    assert.equal(vergelijkingen, 5 * 2 * 4);
    assert.deepEqual(fouten, []);
  });
});
