/**
 * A reader of published Kaplan–Meier curves who bounds the delayed counts (true events minus the
 * events behind the shown value) by what the rule and the audit say, and tightens the bounds
 * with the equations of curves that add up. Used by the disclosure tests as an attacker written
 * apart from src/models/disclosure.ts.
 */

export interface GelezenCurve {
  readonly id: string;
  /** True cumulative events at the end of months 1..M (the test's ground truth). */
  readonly events: readonly number[];
  /** Months (1-based) where the published curve steps; null when the curve is suppressed whole. */
  readonly stappen: readonly number[] | null;
  /** The audit rule of each month (index m - 1), if any. */
  readonly regel: readonly (string | undefined)[];
}

const OPEN = 1e12;

/**
 * The delayed counts in 1..k-1 whose bounds fall inside 1..k-1, as `<id> maand <m>`. Bounds:
 * 0 at a step; 0..k-1 for a month the rule held back; unbounded from a step delayed by another
 * rule (secondary or coupling), which may hold k or more; a curve suppressed for fewer than k
 * events in all: 0..k-1.
 */
export function intervalLekken(curves: readonly GelezenCurve[], families: readonly { totaal: string; delen: readonly string[] }[], k: number): string[] {
  const byId = new Map(curves.map((c) => [c.id, c]));
  const M = curves[0]?.events.length ?? 0;
  const getoond = (c: GelezenCurve, m: number): number => {
    if (!c.stappen) return 0;
    const voor = c.stappen.filter((s) => s <= m);
    return voor.length === 0 ? 0 : c.events[voor[voor.length - 1]! - 1]!;
  };
  const uit: string[] = [];
  for (let m = 1; m <= M; m++) {
    const grens = new Map<string, [number, number]>();
    for (const c of curves) {
      if (!c.stappen) {
        grens.set(c.id, [0, c.regel[m - 1] === 'gebeurtenissen_onder_drempel' ? k - 1 : OPEN]);
        continue;
      }
      if (c.stappen.includes(m)) {
        grens.set(c.id, [0, 0]);
        continue;
      }
      const vorige = Math.max(0, ...c.stappen.filter((s) => s < m));
      const anders = c.regel.slice(vorige, m).some((r) => r === 'vertraagd_secundair' || r === 'vertraagd_koppeling');
      grens.set(c.id, [0, anders ? OPEN : k - 1]);
    }
    const vergelijkingen = families
      .map((f) => [...f.delen.filter((d) => byId.has(d)).map((id) => ({ id, teken: 1 })), ...(byId.has(f.totaal) ? [{ id: f.totaal, teken: -1 }] : [])])
      .filter((v) => v.length > 1);
    let veranderd = true;
    for (let ronde = 0; veranderd && ronde < 200; ronde++) {
      veranderd = false;
      for (const v of vergelijkingen) {
        // sum teken * (getoond + uitstel) = 0
        const rechts = -v.reduce((a, t) => a + t.teken * getoond(byId.get(t.id)!, m), 0);
        for (const t of v) {
          // teken_t * x_t = rechts - sum_{o != t} teken_o * x_o
          let laag = rechts;
          let hoog = rechts;
          for (const o of v) {
            if (o === t) continue;
            const [a, b] = grens.get(o.id)!;
            if (o.teken > 0) {
              laag -= b;
              hoog -= a;
            } else {
              laag += a;
              hoog += b;
            }
          }
          const [a, b] = t.teken > 0 ? [laag, hoog] : [-hoog, -laag];
          const [oa, ob] = grens.get(t.id)!;
          if (a > oa || b < ob) {
            grens.set(t.id, [Math.max(a, oa), Math.min(b, ob)]);
            veranderd = true;
          }
        }
      }
    }
    for (const c of curves) {
      const uitstel = c.events[m - 1]! - getoond(c, m);
      const [a, b] = grens.get(c.id)!;
      if (uitstel >= 1 && uitstel < k && a >= 1 && b <= k - 1) uit.push(`${c.id} maand ${m}`);
    }
  }
  return uit;
}
