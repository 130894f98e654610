/**
 * Disclosure control of indicatoren.csv: the primary rules, secondary suppression wherever a
 * total stands beside its parts, and an independent check (matrix rank with ml-matrix) that no
 * suppressed teller can be recovered from the published rows by any sum or difference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { applyDisclosure, percentage, primaireRegel, type Publicatie, type Telling } from '../../src/indicators/disclosure.ts';
import { computeIndicators } from '../../src/indicators/compute.ts';
import { VASTE_INDICATOREN, noemerSleutel, type IndicatorDefinitie } from '../../src/indicators/definitions.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { tabellen } from '../helpers/tables.ts';
import { randomExtracts } from '../helpers/random.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);

test('percentages have one decimal, rounded half up exactly', () => {
  assert.equal(percentage(1, 8), '12.5');
  assert.equal(percentage(1, 3), '33.3');
  assert.equal(percentage(2, 3), '66.7');
  assert.equal(percentage(1, 2000), '0.1'); // 0.05 rounds up
  assert.equal(percentage(0, 7), '0.0');
  assert.equal(percentage(7, 7), '100.0');
});

test('primary rules: noemer below k, teller 1..k-1, noemer minus teller 1..k-1; zero and the threshold itself pass', () => {
  assert.equal(primaireRegel(0, 9, 10), 'noemer_onder_drempel');
  assert.equal(primaireRegel(5, 100, 10), 'teller_onder_drempel');
  assert.equal(primaireRegel(95, 100, 10), 'rest_onder_drempel');
  assert.equal(primaireRegel(0, 100, 10), null);
  assert.equal(primaireRegel(100, 100, 10), null);
  assert.equal(primaireRegel(10, 20, 10), null);
  assert.equal(primaireRegel(9, 20, 10), 'teller_onder_drempel');
  assert.equal(primaireRegel(11, 20, 10), 'rest_onder_drempel');
});

const def = (naam: string) => VASTE_INDICATOREN.find((d) => d.naam === naam)!;

/** Tellingen of one status indicator at one moment over two cohorts, from cell counts. */
function tabel(indicator: string, cellen: Record<string, [number, number]>): Telling[] {
  return Object.entries(cellen).map(([k, [teller, noemer]]) => {
    const [cohort, groep] = k.split('/') as [string, 'rik' | 'kv' | 'totaal'];
    return { indicator, cohort, groep, moment: '1m_na', teller, noemer };
  });
}
function addUp(parts: Record<string, [number, number]>): Record<string, [number, number]> {
  const out = { ...parts };
  const add = (k: string, v: [number, number]) => {
    const o = out[k] ?? [0, 0];
    out[k] = [o[0] + v[0], o[1] + v[1]];
  };
  for (const [k, v] of Object.entries(parts)) {
    const [c, g] = k.split('/');
    add(`${c}/totaal`, v);
    add(`totaal/${g}`, v);
    add('totaal/totaal', v);
  }
  return out;
}
const werkDef: IndicatorDefinitie = { ...def('werk'), momenten: ['1m_na'] };

test('one small cohort cell takes another cohort cell with it, so subtraction from the total reveals nothing', () => {
  const cells = addUp({
    '2013/rik': [3, 100], '2014/rik': [40, 120], '2013/kv': [30, 90], '2014/kv': [35, 95],
  });
  const { rijen, onderdrukkingen } = applyDisclosure(tabel('werk', cells), [werkDef], [2013, 2014], 10);
  const sup = (c: string, g: string) => rijen.find((r) => r.cohort === c && r.groep === g)!.onderdrukt;
  assert.equal(sup('2013', 'rik'), true);
  // 2013/rik = totaal/rik - 2014/rik and = 2013/totaal - 2013/kv: both need a second unknown
  assert.equal(sup('2014', 'rik') || sup('totaal', 'rik'), true);
  assert.equal(sup('2013', 'kv') || sup('2013', 'totaal'), true);
  assert.ok(onderdrukkingen.some((o) => o.regel === 'teller_onder_drempel'));
  assert.ok(onderdrukkingen.some((o) => o.regel === 'secundair'));
  assertNothingRecoverable(rijen, tabel('werk', cells), [werkDef], [2013, 2014]);
});

test('a suppressed row shows no teller, noemer or percentage', () => {
  const cells = addUp({ '2013/rik': [3, 100], '2014/rik': [40, 120], '2013/kv': [30, 90], '2014/kv': [35, 95] });
  const { rijen } = applyDisclosure(tabel('werk', cells), [werkDef], [2013, 2014], 10);
  for (const r of rijen.filter((x) => x.onderdrukt)) assert.deepEqual([r.teller, r.noemer, r.percentage], [null, null, null]);
  const open = rijen.find((r) => !r.onderdrukt)!;
  assert.equal(open.percentage, percentage(open.teller!, open.noemer!));
});

test('a noemer below k suppresses every indicator that shares it in that cell, and the noemer stays protected', () => {
  const parts = { '2013/rik': [0, 8], '2014/rik': [40, 120], '2013/kv': [30, 90], '2014/kv': [35, 95] } as Record<string, [number, number]>;
  const defs = [{ ...def('werk'), momenten: ['1m_na'] }, { ...def('uitkering'), momenten: ['1m_na'] }] as IndicatorDefinitie[];
  const werk = tabel('werk', addUp(parts));
  const uitk = tabel('uitkering', addUp({ ...parts, '2013/rik': [4, 8] }));
  const { rijen } = applyDisclosure([...werk, ...uitk], defs, [2013, 2014], 10);
  for (const ind of ['werk', 'uitkering'])
    assert.equal(rijen.find((r) => r.indicator === ind && r.cohort === '2013' && r.groep === 'rik')!.onderdrukt, true);
  assertNothingRecoverable(rijen, [...werk, ...uitk], defs, [2013, 2014]);
});

test('housing categories: one small category is protected together with another, since the categories add up to the noemer', () => {
  const cats = ['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen', 'instelling', 'briefadres', 'geen_inschrijving'];
  const aantallen = [40, 30, 25, 20, 4, 30, 51]; // instelling is small
  const defs = [...cats.map((c) => ({ ...def(`huisvesting_${c}`), momenten: ['1m_na'] })), { ...def('niet_ingeschreven'), momenten: ['1m_na'] }] as IndicatorDefinitie[];
  const noemer = aantallen.reduce((a, b) => a + b, 0);
  // one cohort and group only, with totals equal to it
  const rows: Telling[] = [];
  for (const [i, c] of cats.entries())
    for (const cohort of ['2013', 'totaal'])
      for (const groep of ['rik', 'totaal'] as const)
        rows.push({ indicator: `huisvesting_${c}`, cohort, groep, moment: '1m_na', teller: aantallen[i]!, noemer });
  for (const cohort of ['2013', 'totaal'])
    for (const groep of ['rik', 'totaal'] as const)
      rows.push({ indicator: 'niet_ingeschreven', cohort, groep, moment: '1m_na', teller: 81, noemer });
  const { rijen } = applyDisclosure(rows, defs, [2013], 10);
  const cel = rijen.filter((r) => r.cohort === '2013' && r.groep === 'rik');
  assert.ok(cel.filter((r) => r.onderdrukt).length >= 2, 'at least two categories suppressed');
  assertNothingRecoverable(rijen, rows, defs, [2013]);
});

test('on realistic random extracts no suppressed teller can be recovered from published rows (k = 10 and k = 5)', async () => {
  const { conn, close } = await tabellen(randomExtracts(1500, 7));
  const { definities, tellingen } = await computeIndicators(conn, edition, '2019-06-30', false);
  close();
  for (const k of [10, 5]) {
    const { rijen, onderdrukkingen } = applyDisclosure(tellingen, definities, edition.cohorten, k);
    assert.ok(onderdrukkingen.length > 0, 'the random set has small cells');
    assert.ok(rijen.some((r) => !r.onderdrukt), 'and publishes others');
    for (const r of rijen.filter((x) => !x.onderdrukt)) assert.equal(primaireRegel(r.teller!, r.noemer!, k), null);
    assertNothingRecoverable(rijen, tellingen, definities, edition.cohorten, k);
  }
});

test('each round of secondary suppression looks only at the parts that leaked or changed, and suppresses exactly what looking at every part does', async () => {
  let secundair = 0;
  for (const [n, seed] of [[40, 1], [120, 2], [400, 3], [120, 4]] as const) {
    const { conn, close } = await tabellen(randomExtracts(n, seed));
    const { definities, tellingen } = await computeIndicators(conn, edition, '2019-06-30', false);
    close();
    for (const k of [3, 5, 10]) {
      const verwacht = applyDisclosure(tellingen, definities, edition.cohorten, k, { elkeRondeAlleDelen: true });
      assert.deepEqual(applyDisclosure(tellingen, definities, edition.cohorten, k), verwacht, `${n} records, seed ${seed}, k ${k}`);
      secundair += verwacht.onderdrukkingen.filter((o) => o.regel === 'secundair').length;
    }
  }
  assert.ok(secundair > 100, `the sets need many rounds (${secundair} secondary suppressions)`);
});

/**
 * Independent check: write every additive relation of indicators.md as equations in the
 * unknown (suppressed) tellers and noemers; an unknown is recoverable when dropping its column
 * lowers the rank of the system.
 */
function assertNothingRecoverable(
  rijen: readonly Publicatie[],
  tellingen: readonly Telling[],
  defs: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
  k = 10,
): void {
  const sup = new Set(rijen.filter((r) => r.onderdrukt).map((r) => `${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`));
  const key = (ind: string, c: string, g: string, m: string) => `${ind}|${c}|${g}|${m}`;
  const byNaam = new Map(defs.map((d) => [d.naam, d]));
  // a noemer is unknown when every row carrying it is suppressed
  const dragers = new Map<string, string[]>();
  const noemerWaarde = new Map<string, number>();
  for (const t of tellingen) {
    const n = `N:${noemerSleutel(byNaam.get(t.indicator)!)}|${t.cohort}|${t.groep}|${t.moment}`;
    noemerWaarde.set(n, t.noemer);
    dragers.set(n, [...(dragers.get(n) ?? []), key(t.indicator, t.cohort, t.groep, t.moment)]);
  }
  const unknown = (v: string) => (v.startsWith('N:') ? (dragers.get(v) ?? []).length > 0 && dragers.get(v)!.every((r) => sup.has(r)) : sup.has(v));
  const eqs: Array<Array<[string, number]>> = [];
  const cs = [...cohorten.map(String)];
  const groepen = ['rik', 'kv', 'totaal'];
  const cells = (f: (c: string, g: string) => string) => {
    for (const g of groepen) eqs.push([...cs.map((c): [string, number] => [f(c, g), 1]), [f('totaal', g), -1]]);
    for (const c of [...cs, 'totaal']) eqs.push([[f(c, 'rik'), 1], [f(c, 'kv'), 1], [f(c, 'totaal'), -1]]);
  };
  for (const d of defs) for (const m of d.momenten) {
    cells((c, g) => key(d.naam, c, g, m));
    cells((c, g) => `N:${noemerSleutel(d)}|${c}|${g}|${m}`);
  }
  for (const fam of ['huisvesting', 'problemen']) {
    const leden = defs.filter((d) => d.familie === fam);
    if (leden.length === 0) continue;
    for (const m of leden[0]!.momenten) for (const c of [...cs, 'totaal']) for (const g of groepen)
      eqs.push([...leden.map((l): [string, number] => [key(l.naam, c, g, m), 1]), [`N:${noemerSleutel(leden[0]!)}|${c}|${g}|${m}`, -1]]);
  }
  if (byNaam.has('niet_ingeschreven') && byNaam.has('huisvesting_briefadres'))
    for (const m of byNaam.get('niet_ingeschreven')!.momenten) for (const c of [...cs, 'totaal']) for (const g of groepen)
      eqs.push([[key('niet_ingeschreven', c, g, m), 1], [key('huisvesting_briefadres', c, g, m), -1], [key('huisvesting_geen_inschrijving', c, g, m), -1]]);
  // Split into connected parts (unknowns sharing an equation) and compare ranks per part.
  const live = eqs.map((e) => e.filter(([v]) => unknown(v))).filter((e) => e.length > 0);
  const parent = new Map<string, string>();
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const e of live) for (const [v] of e) if (!parent.has(v)) parent.set(v, v);
  for (const e of live) for (const [v] of e.slice(1)) parent.set(find(v), find(e[0]![0]));
  const parts = new Map<string, Array<Array<[string, number]>>>();
  for (const e of live) parts.set(find(e[0]![0]), [...(parts.get(find(e[0]![0])) ?? []), e]);
  const rank = (m: number[][]) => (m[0]!.length === 0 ? 0 : new SingularValueDecomposition(new Matrix(m), { autoTranspose: true }).rank);
  for (const part of parts.values()) {
    const unknowns = [...new Set(part.flat().map(([v]) => v))].sort();
    const col = new Map(unknowns.map((v, i) => [v, i]));
    const rows = part.map((e) => {
      const row = new Array<number>(unknowns.length).fill(0);
      for (const [v, c] of e) row[col.get(v)!]! += c;
      return row;
    });
    const full = rank(rows);
    for (const v of unknowns) {
      // a noemer is sensitive only below the threshold (shared noemers are published elsewhere)
      if (v.startsWith('N:') && (noemerWaarde.get(v) ?? 0) >= k) continue;
      const j = col.get(v)!;
      assert.notEqual(rank(rows.map((r) => r.filter((_, i) => i !== j))), full - 1, `suppressed value ${v} can be recovered from published rows`);
    }
  }
}

