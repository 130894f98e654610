/**
 * Disclosure control of the Kaplan–Meier curves (src/models/disclosure.ts): the primary rule,
 * secondary suppression across totals and parts, the shape of suppressed runs, and — on many
 * random tables — that no protected count can be recovered from what is published.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressKm, type KmCurveTellingen, type KmFamilie, type KmRegel } from '../../src/models/disclosure.ts';
import { recoverable } from '../../src/indicators/disclosure.ts';
import { Rng } from '../../src/synth/random.ts';

const K = 10;

/** A curve from [atRisk, events] pairs, month 1 first. */
const curve = (id: string, n: number, punten: [number, number][]): KmCurveTellingen => ({
  id,
  n,
  punten: punten.map(([atRisk, events]) => ({ atRisk, events })),
});

/** The total of parts, month by month. */
function som(id: string, delen: KmCurveTellingen[]): KmCurveTellingen {
  return {
    id,
    n: delen.reduce((s, d) => s + d.n, 0),
    punten: delen[0]!.punten.map((_, i) => ({
      atRisk: delen.reduce((s, d) => s + d.punten[i]!.atRisk, 0),
      events: delen.reduce((s, d) => s + d.punten[i]!.events, 0),
    })),
  };
}

/** The rule of each month of a curve ('-' when published). */
function maanden(regels: Map<string, KmRegel>, c: KmCurveTellingen): (KmRegel | '-')[] {
  return c.punten.map((_, i) => regels.get(`${c.id}#${i + 1}`) ?? '-');
}

/**
 * An independent check of what an attacker can derive: the protected counts (A < k, E < k)
 * that the published counts determine, through the totals-and-parts equations and through
 * runs between equal published neighbours (month 0: A = n, E = 0).
 */
function afleidbaar(curves: KmCurveTellingen[], families: KmFamilie[], regels: Map<string, KmRegel>): string[] {
  const M = curves[0]!.punten.length;
  const byId = new Map(curves.map((c) => [c.id, c]));
  const hidden = (id: string, m: number) => m >= 1 && regels.has(`${id}#${m}`);
  const val = (s: 'A' | 'E', id: string, m: number) => {
    const c = byId.get(id)!;
    if (m === 0) return s === 'A' ? c.n : 0;
    return s === 'A' ? c.punten[m - 1]!.atRisk : c.punten[m - 1]!.events;
  };
  const eqs: { termen: { v: string; c: number }[] }[] = [];
  for (const f of families)
    for (let m = 1; m <= M; m++)
      for (const s of ['A', 'E'] as const)
        eqs.push({ termen: [...f.delen.map((d) => ({ v: `${s}|${d}|${m}`, c: 1 })), { v: `${s}|${f.totaal}|${m}`, c: -1 }] });
  for (const c of curves)
    for (const s of ['A', 'E'] as const)
      for (let m = 1; m <= M; m++) {
        if (!hidden(c.id, m)) continue;
        let p = m - 1;
        while (hidden(c.id, p)) p--;
        let q = m + 1;
        while (q <= M && hidden(c.id, q)) q++;
        if (q <= M && val(s, c.id, p) === val(s, c.id, q)) eqs.push({ termen: [{ v: `${s}|${c.id}|${m}`, c: 1 }, { v: `${s}|${c.id}|${p}`, c: -1 }] });
      }
  const onbekend = (v: string) => {
    const [, id, m] = v.split('|');
    return hidden(id!, Number(m));
  };
  const beschermd = (v: string) => {
    const [s, id, m] = v.split('|');
    return Number(m) >= 1 && val(s as 'A' | 'E', id!, Number(m)) < K;
  };
  return recoverable(eqs, onbekend).flat().filter(beschermd);
}

test('a point is suppressed when fewer than k are at risk or fewer than k events lie behind it; nothing else is', () => {
  const x = curve('x', 100, [
    [95, 5],
    [90, 10],
    [40, 50],
    [9, 80],
  ]);
  const r = suppressKm([x], [], K);
  assert.deepEqual(maanden(r, x), ['gebeurtenissen_onder_drempel', '-', '-', 'at_risk_onder_drempel']);
});

test('a suppressed part next to its published total and siblings gets a partner: the smallest other part, never the total', () => {
  const p1 = curve('p1', 50, [
    [48, 2],
    [45, 5],
    [40, 10],
  ]);
  const p2 = curve('p2', 200, [
    [190, 10],
    [180, 20],
    [170, 30],
  ]);
  const p3 = curve('p3', 100, [
    [95, 12],
    [90, 14],
    [85, 16],
  ]);
  const t = som('t', [p1, p2, p3]);
  const families = [{ totaal: 't', delen: ['p1', 'p2', 'p3'] }];
  const r = suppressKm([p1, p2, p3, t], families, K);
  assert.deepEqual(maanden(r, p1), ['gebeurtenissen_onder_drempel', 'gebeurtenissen_onder_drempel', '-']);
  assert.deepEqual(maanden(r, p3), ['secundair', 'secundair', '-']);
  assert.deepEqual(maanden(r, p2), ['-', '-', '-']);
  assert.deepEqual(maanden(r, t), ['-', '-', '-']);
  assert.deepEqual(afleidbaar([p1, p2, p3, t], families, r), []);
});

test('a partner for a point with few at risk is suppressed from that month to the end of its curve', () => {
  const p1 = curve('p1', 30, [
    [25, 12],
    [9, 15],
    [5, 16],
    [4, 16],
  ]);
  const p2 = curve('p2', 100, [
    [95, 10],
    [90, 15],
    [85, 20],
    [80, 25],
  ]);
  const p3 = curve('p3', 60, [
    [55, 10],
    [50, 12],
    [45, 14],
    [44, 15],
  ]);
  const t = som('t', [p1, p2, p3]);
  const families = [{ totaal: 't', delen: ['p1', 'p2', 'p3'] }];
  const r = suppressKm([p1, p2, p3, t], families, K);
  assert.deepEqual(maanden(r, p1), ['-', 'at_risk_onder_drempel', 'at_risk_onder_drempel', 'at_risk_onder_drempel']);
  assert.deepEqual(maanden(r, p3), ['-', 'secundair', 'secundair', 'secundair']);
  assert.deepEqual(afleidbaar([p1, p2, p3, t], families, r), []);
});

test('suppression in a two-way table (cohorts x groep with totals) leaves no protected count recoverable', () => {
  const mk = (id: string, n: number, e1: number) =>
    curve(id, n, [
      [n - e1 - 1, e1],
      [n - e1 - 20, e1 + 15],
    ]);
  const cells = { a_rik: mk('a_rik', 80, 4), a_kv: mk('a_kv', 300, 30), b_rik: mk('b_rik', 500, 40), b_kv: mk('b_kv', 400, 35) };
  const a = som('a_tot', [cells.a_rik, cells.a_kv]);
  const b = som('b_tot', [cells.b_rik, cells.b_kv]);
  const rik = som('tot_rik', [cells.a_rik, cells.b_rik]);
  const kv = som('tot_kv', [cells.a_kv, cells.b_kv]);
  const tot = som('tot_tot', [a, b]);
  const curves = [...Object.values(cells), a, b, rik, kv, tot];
  const families: KmFamilie[] = [
    { totaal: 'a_tot', delen: ['a_rik', 'a_kv'] },
    { totaal: 'b_tot', delen: ['b_rik', 'b_kv'] },
    { totaal: 'tot_rik', delen: ['a_rik', 'b_rik'] },
    { totaal: 'tot_kv', delen: ['a_kv', 'b_kv'] },
    { totaal: 'tot_tot', delen: ['a_tot', 'b_tot'] },
    { totaal: 'tot_tot', delen: ['tot_rik', 'tot_kv'] },
  ];
  const r = suppressKm(curves, families, K);
  assert.equal(r.get('a_rik#1'), 'gebeurtenissen_onder_drempel');
  // Month 1 needs a rectangle of suppressions; month 2 none.
  const maand1 = curves.filter((c) => r.has(`${c.id}#1`)).map((c) => c.id);
  assert.ok(maand1.length >= 4, `month 1 suppressed: ${maand1.join(', ')}`);
  assert.equal(curves.filter((c) => r.has(`${c.id}#2`)).length, 0);
  assert.deepEqual(afleidbaar(curves, families, r), []);
});

test('a run between equal published neighbours counts as known, so it cannot hide a partner', () => {
  // x: nobody leaves before month 2 and its 10 events fall on month 2's last day, so its
  // hidden month 1 has A = n = 20, pinned between month 0 and month 2. Likewise y up to month 3.
  const x = curve('x', 20, [
    [20, 0],
    [20, 10],
    [15, 12],
    [12, 13],
  ]);
  const y = curve('y', 30, [
    [30, 0],
    [30, 5],
    [30, 10],
    [15, 20],
  ]);
  const p = curve('p', 8, [
    [7, 1],
    [6, 2],
    [5, 3],
    [4, 4],
  ]);
  const z = curve('z', 1000, [
    [990, 20],
    [980, 40],
    [970, 60],
    [960, 80],
  ]);
  const t = som('t', [x, y, p, z]);
  const curves = [x, y, p, z, t];
  const families = [{ totaal: 't', delen: ['x', 'y', 'p', 'z'] }];
  const r = suppressKm(curves, families, K);
  assert.deepEqual(afleidbaar(curves, families, r), []);
  assert.deepEqual(maanden(r, p), Array(4).fill('at_risk_onder_drempel'));
  // Opening x's run (from month 2 on) is cheaper than hiding z, the largest part.
  assert.deepEqual(maanden(r, x), ['gebeurtenissen_onder_drempel', 'secundair', 'secundair', 'secundair']);
  assert.deepEqual(maanden(r, z), ['-', '-', '-', '-']);
});

test('on random tables of small curves no protected count is recoverable and suppressed months sit at the ends of each curve', () => {
  const rng = new Rng(20240607);
  const rnd = () => rng.uniform();
  const randomCurve = (id: string, n: number, M: number): KmCurveTellingen => {
    const punten = [];
    let atRisk = n;
    let events = 0;
    for (let m = 0; m < M; m++) {
      const d = Math.floor(rnd() * Math.min(atRisk, 1 + n / 4));
      const c = Math.floor(rnd() * Math.min(atRisk - d, 1 + n / 10));
      events += d;
      atRisk -= d + c;
      punten.push({ atRisk, events });
    }
    return { id, n, punten };
  };
  for (let run = 0; run < 30; run++) {
    const M = 6;
    const cohorten = ['c1', 'c2', 'c3'];
    const delen: KmCurveTellingen[] = [];
    for (const c of cohorten)
      for (const g of ['rik', 'kv']) delen.push(randomCurve(`${c}_${g}`, 5 + Math.floor(rnd() * 60), M));
    const curves = [...delen];
    const families: KmFamilie[] = [];
    const byId = new Map(delen.map((d) => [d.id, d]));
    for (const c of cohorten) {
      const t = som(`${c}_tot`, [byId.get(`${c}_rik`)!, byId.get(`${c}_kv`)!]);
      curves.push(t);
      byId.set(t.id, t);
      families.push({ totaal: t.id, delen: [`${c}_rik`, `${c}_kv`] });
    }
    for (const g of ['rik', 'kv', 'tot']) {
      const t = som(`all_${g}`, cohorten.map((c) => byId.get(`${c}_${g}`)!));
      curves.push(t);
      byId.set(t.id, t);
      families.push({ totaal: t.id, delen: cohorten.map((c) => `${c}_${g}`) });
    }
    families.push({ totaal: 'all_tot', delen: ['all_rik', 'all_kv'] });
    const r = suppressKm(curves, families, K);
    assert.deepEqual(afleidbaar(curves, families, r), [], `run ${run}`);
    for (const c of curves) {
      const s = maanden(r, c).map((x) => (x === '-' ? '0' : '1')).join('');
      assert.match(s, /^1*0*1*$/, `run ${run}, curve ${c.id}: ${s}`);
    }
  }
});

test('input that is not a Kaplan–Meier count is a programmer error', () => {
  assert.throws(() => suppressKm([curve('x', 50, [[40, 10], [45, 12]])], [], K), /not a Kaplan–Meier count/);
});
