import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bijlageTabel, cohortTabel, gfmTabel, metBijschrift, momentenTabel, operationalisatieTabel, pWaarde, reeksTabel } from '../../src/chapters/tables.ts';
import { STATUSMOMENTEN } from '../../src/vocabulary/lists.ts';
import { fixtureResultaten } from './fixture.ts';

const r = fixtureResultaten();

test('a GFM table has a head, an alignment row and escaped pipes', () => {
  assert.equal(gfmTabel(['a', 'b'], ['l', 'r'], [['x|y', '1']]), '| a | b |\n|:--|--:|\n| x\\|y | 1 |');
});

test('a caption paragraph carries the label, and the footnote only when a cell is suppressed', () => {
  assert.equal(metBijschrift({ markdown: 'T', onderdrukt: false }, 'Titel', 'x'), 'Tabel: Titel {#tab:x}\n\nT');
  assert.equal(metBijschrift({ markdown: 'T', onderdrukt: true }, 'Titel', 'x'), 'Tabel: Titel[^onderdrukt] {#tab:x}\n\nT');
});

test('a moments table has one column per status moment and the shared noemer below', () => {
  const t = momentenTabel(r, { indicatoren: ['werk', 'uitkering'], groep: 'rik' });
  const regels = t.markdown.split('\n');
  assert.equal(regels[0]!.split('|').length - 2, 1 + STATUSMOMENTEN.length);
  assert.match(regels[regels.length - 1]!, /^\| Aantal \(noemer\) \| \d/);
  assert.equal(t.onderdrukt, false);
});

test('percentages in tables are whole and Dutch, counts have a thousands dot', () => {
  const t = cohortTabel(r, { indicator: 'recidive_2j', moment: '24m_na' });
  assert.match(t.markdown, /\| \d+% \|/);
  const n = r.indicatoren.get('recidive_2j', 'totaal', 'totaal', '24m_na').noemer!;
  assert.ok(n >= 1000);
  assert.match(reeksTabel(r, { reeksen: [{ naam: 'recidive_2j', moment: '24m_na' }] }).markdown, new RegExp(`\\| ${Math.floor(n / 1000)}\\.\\d{3} \\|`));
});

test('a suppressed cell is a dash and marks the table, its number never appears', () => {
  const t = reeksTabel(r, { reeksen: [{ naam: 'problemen_5', moment: '1m_na' }] });
  assert.equal(t.onderdrukt, true);
  assert.match(t.markdown, /\| – \| – \|/);
  assert.doesNotMatch(t.markdown.split('\n')[2]!.split('|').slice(4).join('|'), /\d/); // kv and totaal
});

test('the appendix table shows every moment, group and cohort with one decimal and the noemer', () => {
  const t = bijlageTabel(r, 'werk');
  const rijen = t.markdown.split('\n').slice(2);
  assert.equal(rijen.length, STATUSMOMENTEN.length * 3);
  assert.match(rijen[0]!, /^\| 6 mnd voor \| re-integratiekandidaten \| \d+,\d \(\d/);
});

test('the operationalisation is generated from the definitions', () => {
  const t = operationalisatieTabel(r.definities);
  assert.equal(t.markdown.split('\n').length - 2, r.definities.length);
  for (const d of r.definities) assert.ok(t.markdown.includes(d.tellerTekst), d.naam);
  assert.match(t.markdown, /\| statusmomenten \|/);
  // Indicators go by their names; their codes are in the appendix on the data files.
  for (const d of r.definities.filter((x) => x.naam.includes('_'))) assert.ok(!t.markdown.includes(d.naam), d.naam);
});

test('p-values below one in a thousand are printed as a bound', () => {
  assert.equal(pWaarde(0.00001), '< 0,001');
  assert.equal(pWaarde(0.0123), '0,012');
});

test('a model table starts each covariate with its reference level, merged levels named with it', async () => {
  const { modelTabel } = await import('../../src/chapters/tables.ts');
  const m = r.modellen.modellen.find((x) => x.model === 'cox_basis');
  assert.ok(m && m.status === 'geschat');
  const regels = modelTabel(m, '2013').markdown.split('\n');
  assert.equal(regels[2], '| ID-bewijs bij uitstroom | geldig (referentie) | 1 |  |  |');
  assert.ok(regels.includes('| Cohort | 2013 (referentie) | 1 |  |  |'));
  assert.ok(regels.some((l) => l.startsWith('| Leeftijd bij uitstroom | 35–44 |')));
  const samengevoegd = { ...m, samengevoegd: [{ covariate: 'leeftijd', level: '45+', reference: '25-34', reason: 'records' as const }] };
  assert.ok(modelTabel(samengevoegd as typeof m, '2013').markdown.includes('| Leeftijd bij uitstroom | 25–34 en 45+ (referentie) | 1 |'));
});
