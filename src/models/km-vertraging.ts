/**
 * The delay of the Kaplan–Meier curves (vertraagKm): the rules of disclosure.ts applied in
 * turn, and rule 4, the secondary delay, which finds the delayed counts a reader could
 * recover from the family equations (exactly, or bounded inside 1..k-1) and delays one more
 * step until none is left.
 */
import { recoverable, type Vergelijking } from '../disclosure/recoverable.ts';
import { InternalError } from '../util/errors.ts';
import {
  auditRegels,
  beschermd,
  gebeurtenissen,
  getoondE,
  getoondeMaand,
  ontleed,
  puntSleutel,
  validateCurves,
  varNaam,
  zichtbaar,
  zichtbareStappen,
  type KmCurveTellingen,
  type KmFamilie,
  type KmVertraging,
  type Stand,
} from './disclosure.ts';

/**
 * Applies rules 1, 2, 4 and 5 of disclosure.ts with threshold k. Curves absent from `curves` (no records)
 * are known zeros and may appear in families.
 */
export function vertraagKm(curves: readonly KmCurveTellingen[], families: readonly KmFamilie[], k: number): KmVertraging {
  const maanden = curves[0]?.punten.length ?? 0;
  validateCurves(curves, maanden);
  const stand: Stand = {
    curves,
    byId: new Map(curves.map((c) => [c.id, c])),
    maanden,
    k,
    stappen: new Map(),
    onderdrukt: new Set(),
    uitgesteld: new Map(),
  };
  for (const c of curves) zichtbareStappen(stand, c);
  vertraagSecundair(stand, families);
  // A curve without any visible step left shows nothing true: suppress it whole.
  for (const [id, s] of stand.stappen) {
    if (s.length > 0) continue;
    stand.stappen.delete(id);
    stand.onderdrukt.add(id);
  }
  return { stappen: stand.stappen, onderdrukt: stand.onderdrukt, regels: auditRegels(stand) };
}

/** Rule 4: delays one step at a time until no delayed count leaks through the family equations. */
function vertraagSecundair(stand: Stand, families: readonly KmFamilie[]): void {
  const vergelijkingen = vergelijkingenVan(stand, families);
  const perVar = new Map<string, typeof vergelijkingen>();
  for (const e of vergelijkingen) for (const t of e.termen) perVar.set(t.v, [...(perVar.get(t.v) ?? []), e]);
  const maandFamilies = families
    .map((f) => [...f.delen.filter((d) => stand.byId.has(d)).map((id) => ({ id, c: 1 })), ...(stand.byId.has(f.totaal) ? [{ id: f.totaal, c: -1 }] : [])])
    .filter((t) => t.length > 0);

  for (let ronde = 0; ; ronde++) {
    if (ronde > stand.curves.length * stand.maanden + 1) throw new InternalError('vertraagKm: secondary delay did not converge');
    const lek = vindLek(stand, vergelijkingen, maandFamilies);
    if (!lek) return;
    // One step per round: the leak is computed afresh after each delay.
    const kandidaten = kandidatenVoor(stand, perVar, lek);
    if (kandidaten.size === 0) throw new InternalError(`vertraagKm: cannot protect ${lek[0]!.id} month ${lek[0]!.maand}`);
    const keuze = goedkoopste(stand, kandidaten);
    stand.stappen.set(
      keuze.id,
      stand.stappen.get(keuze.id)!.filter((m) => m !== keuze.maand),
    );
    stand.uitgesteld.set(puntSleutel(keuze.id, keuze.maand), 'vertraagd_secundair');
  }
}

/** The family equations month by month, in the unknowns E|<curve>|<month>: the parts sum to the total. */
function vergelijkingenVan(stand: Stand, families: readonly KmFamilie[]): Vergelijking[] {
  const vergelijkingen: Vergelijking[] = [];
  for (const f of families) {
    const delen = f.delen.filter((d) => stand.byId.has(d));
    if (!stand.byId.has(f.totaal) && delen.length === 0) continue;
    for (let m = 1; m <= stand.maanden; m++) {
      const termen = delen.map((d) => ({ v: varNaam(d, m), c: 1 }));
      if (stand.byId.has(f.totaal)) termen.push({ v: varNaam(f.totaal, m), c: -1 });
      vergelijkingen.push({ termen });
    }
  }
  return vergelijkingen;
}

/** What leaks: a delayed count the equations pin exactly, or else one their bounds pin inside 1..k-1. */
function vindLek(stand: Stand, vergelijkingen: readonly Vergelijking[], maandFamilies: readonly MaandTerm[][]): { id: string; maand: number }[] | null {
  const onbekend = (v: string) => {
    const { id, maand } = ontleed(v);
    return stand.byId.has(id) && !zichtbaar(stand, id, maand);
  };
  const exact = recoverable(vergelijkingen, onbekend).find((deel) =>
    deel.some((v) => {
      const { id, maand } = ontleed(v);
      return beschermd(stand, id, maand);
    }),
  );
  if (exact) return exact.map(ontleed);
  for (let m = 1; m <= stand.maanden; m++) {
    const id = intervalLek(stand, maandFamilies, m);
    if (id) return [{ id, maand: m }];
  }
  return null;
}

/** A curve in a family equation of one month, with its sign (+1 a part, -1 the total). */
interface MaandTerm {
  readonly id: string;
  readonly c: number;
}

const GROOT = 1e12;

/**
 * The reader's bounds on the delayed counts of month m: 0 at a visible step; 0..k-1 where the
 * rule held the events back (the audit says which rule); unbounded after a step delayed by
 * rule 4 or 5, which may hold k or more. The family equations tighten them (interval
 * propagation to a fixed point). Returns a curve whose true delayed count (1..k-1) the bounds
 * pin inside 1..k-1, if any.
 */
function intervalLek(stand: Stand, maandFamilies: readonly MaandTerm[][], m: number): string | null {
  const { k } = stand;
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const c of stand.curves) {
    lo.set(c.id, 0);
    hi.set(c.id, bovengrens(stand, c.id, m));
  }
  for (let ronde = 0, veranderd = true; veranderd && ronde < 100; ronde++) {
    veranderd = false;
    for (const termen of maandFamilies) if (verscherp(stand, termen, m, lo, hi)) veranderd = true;
  }
  for (const c of stand.curves) {
    if (beschermd(stand, c.id, m) && lo.get(c.id)! >= 1 && hi.get(c.id)! <= k - 1) return c.id;
  }
  return null;
}

/** The reader's first upper bound on the delayed count of month m of a curve (see intervalLek). */
function bovengrens(stand: Stand, id: string, m: number): number {
  if (stand.onderdrukt.has(id)) return stand.k - 1;
  if (zichtbaar(stand, id, m)) return 0;
  for (let j = getoondeMaand(stand.stappen.get(id)!, m) + 1; j <= m; j++) if (stand.uitgesteld.has(puntSleutel(id, j))) return GROOT;
  return stand.k - 1;
}

/** Tightens the bounds along one equation of month m; true when a bound changed. */
function verscherp(stand: Stand, termen: readonly MaandTerm[], m: number, lo: Map<string, number>, hi: Map<string, number>): boolean {
  // sum c * (shown + delayed) = 0, so sum c * delayed = rhs.
  const rhs = -termen.reduce((a, t) => a + t.c * getoondE(stand, t.id, m), 0);
  let veranderd = false;
  for (const t of termen) {
    let minS = 0;
    let maxS = 0;
    for (const o of termen) {
      if (o === t) continue;
      minS += o.c > 0 ? lo.get(o.id)! : -hi.get(o.id)!;
      maxS += o.c > 0 ? hi.get(o.id)! : -lo.get(o.id)!;
    }
    const [nlo, nhi] = t.c > 0 ? [rhs - maxS, rhs - minS] : [minS - rhs, maxS - rhs];
    if (nlo > lo.get(t.id)!) {
      lo.set(t.id, nlo);
      veranderd = true;
    }
    if (nhi < hi.get(t.id)!) {
      hi.set(t.id, nhi);
      veranderd = true;
    }
  }
  return veranderd;
}

/**
 * The steps whose delay could stop the leak: per curve in an equation with the leak, its step
 * at that month or else its last step before, whose delay leaves the curve's count there open
 * (it may then hold k or more). When none of them has a step yet, the bounds came through
 * further equations of that month: widen the search one equation at a time.
 */
function kandidatenVoor(
  stand: Stand,
  perVar: ReadonlyMap<string, readonly Vergelijking[]>,
  lek: readonly { id: string; maand: number }[],
): Map<string, { id: string; maand: number }> {
  const kandidaten = new Map<string, { id: string; maand: number }>();
  const gezien = new Set<string>();
  let rand = lek.map((q) => varNaam(q.id, q.maand));
  while (kandidaten.size === 0 && rand.length > 0) {
    const volgende: string[] = [];
    for (const v of rand) gezien.add(v);
    const termen = rand.flatMap((v) => (perVar.get(v) ?? []).flatMap((e) => e.termen));
    for (const t of termen) {
      if (!gezien.has(t.v)) {
        volgende.push(t.v);
        gezien.add(t.v);
      }
      const p = ontleed(t.v);
      const s = stand.stappen.get(p.id);
      const stap = zichtbaar(stand, p.id, p.maand) ? p.maand : s ? getoondeMaand(s, p.maand) : 0;
      if (stap > 0) kandidaten.set(puntSleutel(p.id, stap), { id: p.id, maand: stap });
    }
    rand = volgende;
  }
  return kandidaten;
}

/**
 * The candidate whose delay distorts the published curve least: how far the shown curve falls
 * short (the step's events as a share of the curve) times for how many months (up to its next
 * visible step); then key order.
 */
function goedkoopste(stand: Stand, kandidaten: ReadonlyMap<string, { id: string; maand: number }>): { id: string; maand: number } {
  const kosten = (c: { id: string; maand: number }) => {
    const s = stand.stappen.get(c.id)!;
    const i = s.indexOf(c.maand);
    const volgende = s[i + 1] ?? stand.maanden + 1;
    return ((gebeurtenissen(stand, c.id, c.maand) - gebeurtenissen(stand, c.id, s[i - 1] ?? 0)) / stand.byId.get(c.id)!.n) * (volgende - c.maand);
  };
  return [...kandidaten.entries()]
    .map(([key, c]) => ({ key, c, kosten: kosten(c) }))
    .sort((a, b) => a.kosten - b.kosten || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0]!.c;
}
