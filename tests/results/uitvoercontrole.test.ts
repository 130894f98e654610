/**
 * The output-check statement (src/results/uitvoercontrole.ts) on the committed results of the
 * 6th meting: it names every data file and the threshold, its smallest counts are those of the
 * files and at least k, it counts the interventions of the audit, it is deterministic, and it
 * changes (and warns) when a count in a file changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leesResultaten } from '../../src/results/lezen.ts';
import { uitvoercontrole } from '../../src/results/uitvoercontrole.ts';
import { kleinsteAantallen, kmStappen } from '../../src/results/uitvoercontrole-tellingen.ts';
import { editie6, extractie6, gepubliceerdeBestanden } from './gepubliceerd.ts';

const editie = await editie6();
const extractie = extractie6();
const bestanden = gepubliceerdeBestanden();
const k = editie.drempel;
const verklaring = (b: Record<string, string>) => uitvoercontrole(leesResultaten(b, editie, extractie), b);
const tekst = verklaring(bestanden);

test('it names every data file, its columns and row count, and the threshold', () => {
  for (const [naam, inhoud] of Object.entries(bestanden)) {
    assert.ok(tekst.includes(`### data/${naam}\n`), naam);
    const [kop, ...rijen] = inhoud.trimEnd().split('\n');
    assert.ok(tekst.includes(`${kop!.split(',').map((c) => `\`${c}\``).join(', ')}; ${rijen.length} rijen.`), naam);
  }
  assert.ok(tekst.includes(`Drempel k = ${k}.`));
  assert.doesNotMatch(tekst, /\d{4}-\d\d-\d\dT|undefined|NaN/);
  assert.equal(verklaring(bestanden), tekst, 'the same results give the same statement');
});

test('the smallest counts are those of the files, and at least k', () => {
  const r = leesResultaten(bestanden, editie, extractie);
  const a = kleinsteAantallen(r);
  const gepubliceerd = r.indicatoren.rijen.filter((x) => !x.onderdrukt);
  assert.equal(a.noemer, Math.min(...gepubliceerd.map((x) => x.noemer!)));
  assert.equal(a.teller, Math.min(...gepubliceerd.map((x) => x.teller!).filter((t) => t > 0)));
  assert.equal(a.atRisk, Math.min(...r.modellen.km.flatMap((p) => (p.atRisk === null ? [] : [p.atRisk]))));
  // Every exact count is at least k; the curve step is an estimate from rounded values and is not judged.
  for (const [naam, x] of Object.entries(a)) if (naam !== 'kmStap') assert.ok(x !== null && x >= k, `${naam} ${x} < ${k}`);
  assert.ok(tekst.includes(`kleinste gepubliceerde noemer ${a.noemer}, kleinste teller groter dan 0: ${a.teller}`));
  assert.ok(tekst.includes(`kleinste n ${a.modelN}, kleinste aantal gebeurtenissen ${a.modelEvents}`));
  assert.ok(tekst.includes(`kleinste gepubliceerde at_risk ${a.atRisk}; kleinste zichtbare stap ongeveer ${a.kmStap} gebeurtenissen`));
  assert.ok(tekst.includes(`Elk kleinste aantal hieronder is ten minste de drempel k = ${k}.`));
});

test('a visible curve step is estimated from at_risk and the fall of the survival', () => {
  const p = (maand: number, atRisk: number, cumulatief: number) =>
    ({ uitsplitsing: 'totaal', categorie: 'totaal', cohort: '2013', groep: 'rik', maand, atRisk, cumulatief, ciLaag: null, ciHoog: null, onderdrukt: false }) as const;
  // 200 at risk, survival from 0.9 to 0.81: 10% of 200 = 20 events; a month without a step is no step.
  assert.deepEqual(kmStappen([p(1, 200, 0.1), p(2, 200, 0.1), p(3, 180, 0.19)]), [20]);
});

test('the interventions of the audit are counted per rule', () => {
  const telAudit = (bestand: string, regel: string) =>
    bestanden['onderdrukking.csv']!.split('\n').filter((l) => l.startsWith(`${bestand},`) && l.split(',')[5] === regel).length;
  for (const regel of ['teller_onder_drempel', 'secundair'])
    assert.ok(tekst.includes(`\`${regel}\` (`) && new RegExp(`\`${regel}\` \\([^)]*\\): ${telAudit('indicatoren.csv', regel)}\\n`).test(tekst), regel);
  assert.match(tekst, new RegExp(`\`vertraagd\` \\([^)]*\\): ${telAudit('recidive_km.csv', 'vertraagd')}\\n`));
  // The moments whose noemer does not step (uitval in steps of at least k) are not suppressed cells: counted apart.
  assert.match(tekst, new RegExp(`\\(regel \`uitval_vervroegd\`\\): ${telAudit('indicatoren.csv', 'uitval_vervroegd')}\\.\n`));
  const noten = (soort: string) => bestanden['modellen_noten.csv']!.split('\n').filter((l) => l.split(',')[1] === soort).length;
  assert.match(tekst, new RegExp(`Gewisselde referenties: ${noten('referentie')}; samengevoegde categorieën: ${noten('samengevoegd')};`));
  assert.ok(tekst.includes('`onderdrukking.csv`, regels met `bestand` = `recidive_km.csv`'));
});

test('a smaller count in a file changes the statement and warns', () => {
  // The first published model count, lowered below k (its audit and notes stay consistent).
  const modellen = bestanden['modellen.csv']!.replace(/^(cox_basis,\(model\),[^,]*,,,,,,)(\d+),(\d+)$/m, `$1$2,${k - 1}`);
  assert.notEqual(modellen, bestanden['modellen.csv']);
  const anders = verklaring({ ...bestanden, 'modellen.csv': modellen });
  assert.notEqual(anders, tekst);
  assert.ok(anders.includes(`kleinste aantal gebeurtenissen ${k - 1}`));
  assert.match(anders, new RegExp(`LET OP: kleiner dan de drempel k = ${k}: events in modellen\\.csv ${k - 1}`));
  // A file the statement does not know is listed as one to judge separately.
  assert.match(verklaring({ ...bestanden, 'extra.csv': 'a,b\n1,2\n' }), /### data\/extra\.csv\n[\s\S]*onbekend bestand: niet vrijgeven zonder eigen beoordeling/);
});
