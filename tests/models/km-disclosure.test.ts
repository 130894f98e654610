/**
 * Disclosure control of the Kaplan–Meier curves (src/models/disclosure.ts): steps delayed until
 * k events, curves with fewer than k events suppressed whole, at_risk rounded down, secondary
 * delay across totals and parts, the coupling to counts published elsewhere, and — on many
 * random tables — that no delayed count can be recovered from what is published.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getoondeMaand, rondAf, type KmCurveTellingen, type KmFamilie, type KmVertraging } from '../../src/models/disclosure.ts';
import { vertraagKm } from '../../src/models/km-vertraging.ts';
import { recoverable } from '../../src/disclosure/recoverable.ts';
import { Rng } from '../../src/synth/random.ts';
import { intervalLekken } from '../helpers/km-lezer.ts';

const K = 10;

/** A curve from cumulative events per month (month 1 first); nobody is censored. */
const curve = (id: string, n: number, events: number[], gekoppeld?: number[]): KmCurveTellingen => ({
  id,
  n,
  punten: events.map((e) => ({ atRisk: n - e, events: e })),
  gekoppeld,
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

/** The events shown at each month of a published curve (null: suppressed whole). */
function getoond(v: KmVertraging, c: KmCurveTellingen): (number | null)[] {
  const s = v.stappen.get(c.id);
  return c.punten.map((_, i) => {
    if (!s) return null;
    const g = getoondeMaand(s, i + 1);
    return g === 0 ? 0 : c.punten[g - 1]!.events;
  });
}

/**
 * An independent check of what an attacker can derive: the true E of a curve is known at its
 * visible steps and unknown elsewhere; the family equations link the curves month by month.
 * Returns the determined unknowns whose delayed count (true E minus shown E) is 1..k-1.
 */
function afleidbaar(curves: KmCurveTellingen[], families: KmFamilie[], v: KmVertraging): string[] {
  const M = curves[0]!.punten.length;
  const byId = new Map(curves.map((c) => [c.id, c]));
  const shown = new Map(curves.map((c) => [c.id, getoond(v, c)]));
  const eqs: { termen: { v: string; c: number }[] }[] = [];
  for (const f of families)
    for (let m = 1; m <= M; m++) eqs.push({ termen: [...f.delen.map((d) => ({ v: `${d}|${m}`, c: 1 })), { v: `${f.totaal}|${m}`, c: -1 }] });
  const onbekend = (x: string) => {
    const [id, m] = x.split('|');
    return !(v.stappen.get(id!) ?? []).includes(Number(m));
  };
  const beschermd = (x: string) => {
    const [id, m] = x.split('|');
    const uitstel = byId.get(id!)!.punten[Number(m) - 1]!.events - (shown.get(id!)![Number(m) - 1] ?? 0);
    return uitstel >= 1 && uitstel < K;
  };
  return recoverable(eqs, onbekend).flat().filter(beschermd);
}

/** The interval reader of tests/helpers/km-lezer.ts on these curves. */
function begrensd(curves: KmCurveTellingen[], families: KmFamilie[], v: KmVertraging): string[] {
  const M = curves[0]!.punten.length;
  return intervalLekken(
    curves.map((c) => ({
      id: c.id,
      events: c.punten.map((p) => p.events),
      stappen: v.stappen.get(c.id) ?? null,
      regel: Array.from({ length: M }, (_, i) => v.regels.get(`${c.id}#${i + 1}`)),
    })),
    families,
    K,
  );
}

/** Every visible step holds at least k events; a curve with fewer than k in all is suppressed. */
function assertStappen(curves: KmCurveTellingen[], v: KmVertraging, bericht = ''): void {
  for (const c of curves) {
    const s = v.stappen.get(c.id);
    const totaal = c.punten.at(-1)!.events;
    if (totaal < K) assert.ok(v.onderdrukt.has(c.id) && !s, `${bericht} ${c.id}: fewer than k events, not suppressed`);
    if (!s) continue;
    let vorige = 0;
    for (const m of s) {
      const e = c.punten[m - 1]!.events;
      assert.ok(e - vorige >= K, `${bericht} ${c.id}: step at month ${m} holds ${e - vorige} events`);
      vorige = e;
    }
  }
}

test('rounding of at_risk: down to a multiple of k', () => {
  assert.deepEqual([0, 1, 9, 10, 19, 20, 123].map((x) => rondAf(x, K)), [0, 0, 0, 10, 10, 20, 120]);
});

test('a curve steps only once k events have gathered since its last step; the months in between are delayed', () => {
  const x = curve('x', 100, [5, 12, 15, 30, 31, 31]);
  const v = vertraagKm([x], [], K);
  assert.deepEqual(v.stappen.get('x'), [2, 4]);
  assert.deepEqual(getoond(v, x), [0, 12, 12, 30, 30, 30]);
  // The audit lists every month without a step, also month 6 that has no events: listing only
  // months with events would tell that the delayed count is 1..k-1.
  assert.deepEqual([...v.regels.entries()], [
    ['x#1', 'vertraagd'],
    ['x#3', 'vertraagd'],
    ['x#5', 'vertraagd'],
    ['x#6', 'vertraagd'],
  ]);
  assertStappen([x], v);
});

test('a curve with fewer than k events in all is suppressed whole, every month in the audit', () => {
  const x = curve('x', 100, [1, 3, 9, 9]);
  const v = vertraagKm([x], [], K);
  assert.equal(v.stappen.has('x'), false);
  assert.ok(v.onderdrukt.has('x'));
  assert.deepEqual([...v.regels.values()], Array(4).fill('gebeurtenissen_onder_drempel'));
});

test('a part whose step is delayed next to a visible total and siblings takes the cheapest other step with it', () => {
  // At month 2 the total and p2, p3 step; p1 (3 new events) does not: its true E would follow.
  const p1 = curve('p1', 50, [10, 13, 25]);
  const p2 = curve('p2', 200, [20, 42, 60]);
  const p3 = curve('p3', 100, [12, 24, 36]);
  const t = som('t', [p1, p2, p3]);
  const families = [{ totaal: 't', delen: ['p1', 'p2', 'p3'] }];
  const curves = [p1, p2, p3, t];
  const v = vertraagKm(curves, families, K);
  assert.deepEqual(v.stappen.get('p1'), [1, 3]);
  // Delaying a step for one month shifts p2 by 22/200, p3 by 12/100, the total by 37/350: the least.
  assert.deepEqual(v.stappen.get('t'), [1, 3]);
  assert.deepEqual(v.stappen.get('p2'), [1, 2, 3]);
  assert.deepEqual(v.stappen.get('p3'), [1, 2, 3]);
  assert.equal(v.regels.get('t#2'), 'vertraagd_secundair');
  assert.deepEqual(afleidbaar(curves, families, v), []);
  assertStappen(curves, v);
  // Without the secondary delay the check finds p1's month 2.
  const zonder: KmVertraging = { ...v, stappen: new Map([...v.stappen, ['t', [1, 2, 3]]]) };
  assert.deepEqual(afleidbaar(curves, families, zonder), ['p1|2']);
});

test('a total that steps while both its parts hold their events back would bound them: its step is delayed too', () => {
  // Month 1: the total steps by 15, p1 holds 8 and p2 holds 7 back. p1 + p2 = 15 with each at
  // most 9 puts each in 6..9, though neither is pinned.
  const p1 = curve('p1', 100, [8, 20]);
  const p2 = curve('p2', 100, [7, 20]);
  const t = som('t', [p1, p2]);
  const families = [{ totaal: 't', delen: ['p1', 'p2'] }];
  const curves = [p1, p2, t];
  const v = vertraagKm(curves, families, K);
  assert.deepEqual([v.stappen.get('p1'), v.stappen.get('p2'), v.stappen.get('t')], [[2], [2], [2]]);
  assert.equal(v.regels.get('t#1'), 'vertraagd_secundair');
  assert.deepEqual(begrensd(curves, families, v), []);
  assert.deepEqual(afleidbaar(curves, families, v), []);
  // The reader finds both when the total's step stays.
  const zonder: KmVertraging = { ...v, stappen: new Map([...v.stappen, ['t', [1, 2]]]), regels: new Map([...v.regels].filter(([key]) => key !== 't#1')) };
  assert.deepEqual(begrensd(curves, families, zonder), ['p1 maand 1', 'p2 maand 1']);
});

test('a visible step within k of a count published elsewhere is delayed', () => {
  // recidive_2j counts 33: a last step at 30 would show that 3 events remain hidden.
  const x = curve('x', 100, [10, 20, 30, 31, 32], [33]);
  const v = vertraagKm([x], [], K);
  assert.deepEqual(v.stappen.get('x'), [1, 2]);
  assert.equal(v.regels.get('x#3'), 'vertraagd_koppeling');
  // Equal is fine: nothing is hidden.
  assert.deepEqual(vertraagKm([curve('y', 100, [10, 20, 30], [30])], [], K).stappen.get('y'), [1, 2, 3]);
  // A curve left without a visible step is suppressed whole.
  const z = vertraagKm([curve('z', 100, [10, 12], [15])], [], K);
  assert.ok(z.onderdrukt.has('z'));
  assert.deepEqual([...z.regels.values()], ['secundair', 'secundair']);
});

test('on random tables of small curves every visible step holds k events and no delayed count is recoverable or bounded inside 1..k-1', () => {
  const rng = new Rng(20240607);
  const rnd = () => rng.uniform();
  const randomCurve = (id: string, n: number, M: number): KmCurveTellingen => {
    const punten = [];
    let atRisk = n;
    let events = 0;
    for (let m = 0; m < M; m++) {
      const d = Math.floor(rnd() * Math.min(atRisk, 1 + n / 6));
      const c = Math.floor(rnd() * Math.min(atRisk - d, 1 + n / 10));
      events += d;
      atRisk -= d + c;
      punten.push({ atRisk, events });
    }
    return { id, n, punten };
  };
  let vertraagd = 0;
  let secundair = 0;
  for (let run = 0; run < 40; run++) {
    const M = 8;
    const cohorten = ['c1', 'c2', 'c3'];
    const delen: KmCurveTellingen[] = [];
    for (const c of cohorten) for (const g of ['rik', 'kv']) delen.push(randomCurve(`${c}_${g}`, 5 + Math.floor(rnd() * 80), M));
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
    const v = vertraagKm(curves, families, K);
    assert.deepEqual(afleidbaar(curves, families, v), [], `run ${run}`);
    assert.deepEqual(begrensd(curves, families, v), [], `run ${run}`);
    assertStappen(curves, v, `run ${run}`);
    vertraagd += [...v.regels.values()].filter((r) => r === 'vertraagd').length;
    secundair += [...v.regels.values()].filter((r) => r === 'vertraagd_secundair').length;
  }
  // The tables exercise both rules.
  assert.ok(vertraagd > 50 && secundair > 5, `vertraagd ${vertraagd}, secundair ${secundair}`);
});

test('input that is not a Kaplan–Meier count is a programmer error', () => {
  assert.throws(
    () => vertraagKm([{ id: 'x', n: 50, punten: [{ atRisk: 40, events: 10 }, { atRisk: 45, events: 12 }] }], [], K),
    /not a Kaplan–Meier count/,
  );
});
