/**
 * The reader of a published indicatoren.csv (src/results/lezen-indicatoren.ts): what the writer
 * writes it reads back unchanged; a malformed file names file, line and column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indicatorenCsv, INDICATOREN_HEADER } from '../../src/indicators/write.ts';
import { leesIndicatorenCsv } from '../../src/results/lezen-indicatoren.ts';
import { InputError } from '../../src/util/errors.ts';
import { meldingen } from '../helpers/meldingen.ts';
import { vorigeRijen } from '../vergelijking/fixture.ts';


test('what indicatoren.csv holds is read back row for row, suppressed cells included', () => {
  const rijen = vorigeRijen();
  const gelezen = leesIndicatorenCsv(indicatorenCsv(rijen), 'indicatoren.csv');
  assert.deepEqual(gelezen, rijen);
  const onderdrukt = gelezen.find((r) => r.indicator === 'recidive_2j' && r.cohort === '2012' && r.groep === 'kv')!;
  assert.deepEqual([onderdrukt.teller, onderdrukt.noemer, onderdrukt.percentage, onderdrukt.onderdrukt], [null, null, null, true]);
});

test('a wrong header is reported on line 1 with the header expected', () => {
  const m = meldingen(() => leesIndicatorenCsv('indicator,cohort,groep\nwerk,2013,rik\n', 'out/6e-meting/data/indicatoren.csv'));
  assert.equal(m.length, 1);
  assert.match(m[0]!, /^out\/6e-meting\/data\/indicatoren\.csv:1: kopregel .* \(verwacht: indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt\)$/);
});

test('malformed lines are each reported with file, line and column', () => {
  const regels = [
    INDICATOREN_HEADER,
    'werk,2013,rik,1m_na,100,400,25.0,0', // 2: fine
    'werk,2013,rik,1m_na', // 3: too few fields
    'werk,2013,iedereen,1m_na,100,400,25.0,0', // 4: groep
    'werk,2013,kv,morgen,100,400,25.0,0', // 5: moment
    'werk,2014,rik,1m_na,100,400,30.0,0', // 6: percentage does not fit
    'werk,2014,kv,1m_na,500,400,125.0,0', // 7: teller > noemer
    'werk,2015,rik,1m_na,5,,,1', // 8: suppressed with a value
    'werk,2016,rik,1m_na,,400,,0', // 9: published without teller
    'werk,2013,rik,1m_na,100,400,25.0,0', // 10: twice
    'werk,20x3,rik,1m_na,100,400,25.0,ja', // 11: cohort and onderdrukt
  ];
  const m = meldingen(() => leesIndicatorenCsv(regels.join('\n') + '\n', 'indicatoren.csv'));
  assert.deepEqual(m, [
    `indicatoren.csv:3: 4 velden in plaats van 8 (verwacht: ${INDICATOREN_HEADER})`,
    "indicatoren.csv:4: kolom 'groep': onbekende groep 'iedereen' (verwacht: rik, kv, totaal)",
    "indicatoren.csv:5: kolom 'moment': onbekend meetmoment 'morgen' (verwacht: 6m_voor, 1m_voor, instroom, uitstroom, 1m_na, 6m_na, 12m_na, 24m_na, instroom-uitstroom, 1m_voor-1m_na)",
    "indicatoren.csv:6: kolom 'percentage': '30.0' hoort niet bij 100/400 (verwacht: 25.0)",
    "indicatoren.csv:7: kolom 'teller': 500 is groter dan de noemer 400 (verwacht: teller ≤ noemer)",
    "indicatoren.csv:8: kolom 'teller': een onderdrukte rij heeft toch een waarde '5' (verwacht: leeg)",
    "indicatoren.csv:9: kolom 'teller': leeg in een gepubliceerde rij (verwacht: een geheel getal ≥ 0)",
    'indicatoren.csv:10: rij werk, cohort 2013, rik, 1m_na staat er al op regel 2 (verwacht: elke rij één keer)',
    "indicatoren.csv:11: kolom 'cohort': '20x3' is geen cohort (verwacht: een jaartal of 'totaal')",
    "indicatoren.csv:11: kolom 'onderdrukt': 'ja' (verwacht: 0 of 1)",
  ]);
});

test('a file with only its header, or none at all, is an error', () => {
  assert.match(meldingen(() => leesIndicatorenCsv(`${INDICATOREN_HEADER}\n`, 'x.csv'))[0]!, /^x\.csv: bevat geen rijen/);
  assert.match(meldingen(() => leesIndicatorenCsv('', 'x.csv'))[0]!, /^x\.csv:1: kopregel/);
});

test('a file wrong on every line is reported in a bounded number of messages', () => {
  const tekst = [INDICATOREN_HEADER, ...Array.from({ length: 100 }, () => 'x')].join('\n');
  const m = meldingen(() => leesIndicatorenCsv(tekst, 'x.csv'));
  assert.equal(m.length, 21);
  assert.equal(m[20], 'x.csv: gestopt na 20 meldingen');
});

test('each problem is a diagnostic with the file, the line and a rule id', () => {
  try {
    leesIndicatorenCsv(`${INDICATOREN_HEADER}\nwerk,2013,iedereen,1m_na,100,400,25.0,0\n`, 'indicatoren.csv');
    assert.fail('geen InputError');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    assert.deepEqual(
      e.diagnostics.map((d) => [d.file, d.line, d.rule]),
      [['indicatoren.csv', 2, 'resultaten/waarde']],
    );
  }
});
