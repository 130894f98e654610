/**
 * The wording of the test of proportional hazards (src/chapters/ph.ts): every branch of the
 * chapter sentence and the appendix text (none fails; one fails with its ratios per period;
 * one fails whose split is not published; several fail, one of them split), and the tables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GeschatModel } from '../../src/models/uitkomst.ts';
import type { Tijdsplitsing } from '../../src/models/tijdsplitsing.ts';
import { wald } from '../../src/models/wald.ts';
import { periodeTabel, phBijlageTekst, phFalend, phTabel, phZin } from '../../src/chapters/ph.ts';

function model(ph: GeschatModel['ph'], tijdsplitsingen: Tijdsplitsing[] = [], moment: GeschatModel['moment'] = '1m_na'): GeschatModel {
  return {
    model: 'cox_basis',
    kind: 'cox',
    moment,
    status: 'geschat',
    n: 1000,
    events: 400,
    loglik: -100,
    termen: [],
    referenties: [],
    samengevoegd: [],
    weggelaten: [],
    ph,
    tijdsplitsingen,
  };
}

const rij = (term: string, p: number, df = 1) => ({ term, chisq: 10, df, p });
const split = (covariaat: string, termen: [string, number, number][]): Tijdsplitsing => ({
  covariaat,
  status: 'geschat',
  termen: termen.flatMap(([b, vroeg, laat]) => [
    { ...wald(`${b}@0-6m`, Math.log(vroeg), 0.1), basisterm: b, periode: '0-6m' as const },
    { ...wald(`${b}@6-24m`, Math.log(laat), 0.1), basisterm: b, periode: '6-24m' as const },
  ]),
});

test('no covariate fails: no sentence in the chapter, one sentence in the appendix', () => {
  const m = model([rij('activiteit', 0.02, 3), rij('id', 0.5, 2), rij('GLOBAL', 0.001, 5)]);
  assert.deepEqual(phFalend(m), [], 'GLOBAL is not a covariate; p = 0.02 passes');
  assert.equal(phZin(m, ['activiteit', 'id'], 'perioden-x'), '');
  assert.equal(phBijlageTekst(m, 'perioden-x'), 'Bij geen van de kenmerken wijst de toets op een samenhang die in de loop van de follow-up verandert (alle p-waarden ten minste 0,01).');
});

test('a failing covariate of several levels, split: plural, the p-value and a reference to the table; its ratios per category', () => {
  const m = model(
    [rij('activiteit', 0.00002, 2), rij('id', 0.5, 2), rij('GLOBAL', 0.001, 4)],
    [split('activiteit', [['activiteit:werk', 0.85, 0.43], ['activiteit:uitkering', 0.9, 0.77]])],
  );
  assert.equal(
    phZin(m, ['activiteit', 'id'], 'perioden-x'),
    " De samenhang met werk, opleiding of uitkering verandert in de loop van de follow-up (toets op proportionele hazards: p < 0,001). De hazard ratio's hierboven zijn daarom gemiddelden over de hele follow-up; [@tab:perioden-x] in de bijlage geeft de hazard ratio's apart voor de eerste zes maanden van de follow-up en voor de tijd daarna.",
  );
  // Not asked about: no sentence.
  assert.equal(phZin(m, ['id'], 'perioden-x'), '');
  assert.equal(
    phBijlageTekst(m, 'perioden-x'),
    "Bij werk, opleiding of uitkering wijst de toets op een samenhang die in de loop van de follow-up verandert (p < 0,001; de grens is p < 0,01). De follow-up begint een maand na uitstroom; de hazard ratio's in de modeltabel zijn daar gemiddelden over de hele follow-up. [@Tab:perioden-x] geeft de hazard ratio's apart voor de eerste zes maanden van de follow-up en voor de tijd daarna, uit hetzelfde model waarin alleen dat kenmerk per periode een eigen ratio heeft. Voor werk, opleiding of uitkering zijn de hazard ratio's per categorie: werk 0,85 (0,70–1,03) in de eerste zes maanden en 0,43 (0,35–0,52) daarna; uitkering 0,90 (0,74–1,09) in de eerste zes maanden en 0,77 (0,63–0,94) daarna.",
  );
  assert.equal(
    periodeTabel(m).markdown,
    [
      '| Kenmerk | Categorie | HR eerste zes maanden | 95%-BI | HR daarna | 95%-BI |',
      '|:--|:--|--:|--:|--:|--:|',
      '| Activiteit | werk | 0,85 | 0,70–1,03 | 0,43 | 0,35–0,52 |',
      '| Activiteit | uitkering | 0,90 | 0,74–1,09 | 0,77 | 0,63–0,94 |',
    ].join('\n'),
  );
});

test('a failing single-column covariate whose split is not published: singular, and says the ratios per period are not published', () => {
  const m = model([rij('zelfde_baan', 0.004), rij('GLOBAL', 0.01, 1)], [{ covariaat: 'zelfde_baan', status: 'onderdrukt', reden: 'events' }], '6m_na');
  assert.equal(
    phZin(m, ['zelfde_baan', 'stabiel_wonen'], 'perioden-x'),
    " De samenhang met dezelfde baan houden verandert in de loop van de follow-up (toets op proportionele hazards: p = 0,004). De hazard ratio hierboven is daarom een gemiddelde over de hele follow-up; hazard ratio's per periode zijn niet te publiceren (zie de bijlage).",
  );
  assert.equal(
    phBijlageTekst(m, 'perioden-x'),
    "Bij dezelfde baan houden wijst de toets op een samenhang die in de loop van de follow-up verandert (p = 0,004; de grens is p < 0,01). De follow-up begint zes maanden na uitstroom; de hazard ratio in de modeltabel is daar een gemiddelde over de hele follow-up. Voor dezelfde baan houden zijn de hazard ratio's per periode niet gepubliceerd (zie de noot).",
  );
});

test('several fail, one split and one interaction not: both named, the table for the split one only', () => {
  const m = model(
    [rij('wanbetaler', 0.003), rij('geslacht:v*geen_adres', 0.0005), rij('GLOBAL', 0.0001, 2)],
    [split('wanbetaler', [['wanbetaler:ja', 1.2, 0.9]]), { covariaat: 'geslacht:v*geen_adres', status: 'fout', failure: 'separatie', tekst: 'x' }],
  );
  assert.equal(
    phZin(m, ['wanbetaler', 'geslacht:v*geen_adres'], 'perioden-x'),
    " De samenhang met een registratie als wanbetaler en de interactie vrouw × geen adres verandert in de loop van de follow-up (toets op proportionele hazards: p = 0,003 en p < 0,001). De hazard ratio's hierboven zijn daarom gemiddelden over de hele follow-up; [@tab:perioden-x] in de bijlage geeft de hazard ratio's per periode voor een registratie als wanbetaler.",
  );
  assert.match(phBijlageTekst(m, 'perioden-x'), /Voor een registratie als wanbetaler is de hazard ratio 1,20 \(0,99–1,46\) in de eerste zes maanden en 0,90 \(0,74–1,09\) daarna\. Voor de interactie vrouw × geen adres zijn de hazard ratio's per periode niet gepubliceerd/);
});

test('the table of the test: a row per covariate and interaction, then all together', () => {
  const m = model([rij('huisvesting', 0.1234, 6), rij('inkomen*wanbetaler:ja', 0.0004), rij('GLOBAL', 0.05, 7)]);
  assert.equal(
    phTabel(m).markdown,
    [
      '| Kenmerk | Chi² | Vrijheidsgraden | p |',
      '|:--|--:|--:|--:|',
      '| Huisvesting | 10,00 | 6 | 0,123 |',
      '| Interactie inkomen × wanbetaler | 10,00 | 1 | < 0,001 |',
      '| Alle kenmerken samen (globaal) | 10,00 | 7 | 0,050 |',
    ].join('\n'),
  );
});
