/**
 * Which suppressed values can still be recovered from published ones.
 *
 * Disclosure control of the indicator table and of the survival curves both reduce to this:
 * published numbers are linear equations in the suppressed ones (parts add up to totals), and a
 * suppressed value is protected only while those equations leave it free. The check is exact
 * linear algebra, shared by src/indicators/disclosure.ts and src/models/km-vertraging.ts.
 */

/** One term of an equation: variable `v` times coefficient `c`. */
type Term = { v: string; c: number };
/** An equation: the sum of its terms is a published number. */
export interface Vergelijking {
  termen: Term[];
}

/**
 * The unknown variables that the equations determine uniquely, grouped by connected part of
 * the system.
 * Known variables move to the right-hand side and do not matter for *whether* an unknown is
 * determined: it is determined exactly when the unit vector of that unknown lies in the row space
 * of the equations restricted to the unknowns, which reduced row echelon form shows as a row
 * with a single non-zero entry.
 */
export function recoverable(vergelijkingen: readonly Vergelijking[], onbekend: (v: string) => boolean): string[][] {
  // Connected parts: unknowns that share an equation.
  const ouder = new Map<string, string>();
  const vind = (x: string): string => {
    let r = x;
    while (ouder.get(r) !== r) r = ouder.get(r)!;
    let y = x;
    while (ouder.get(y) !== r) {
      const n = ouder.get(y)!;
      ouder.set(y, r);
      y = n;
    }
    return r;
  };
  const rijen: string[][] = [];
  const coefs: number[][] = [];
  for (const e of vergelijkingen) {
    const u = e.termen.filter((t) => onbekend(t.v));
    if (u.length === 0) continue;
    rijen.push(u.map((t) => t.v));
    coefs.push(u.map((t) => t.c));
    for (const t of u) if (!ouder.has(t.v)) ouder.set(t.v, t.v);
    for (const t of u.slice(1)) ouder.set(vind(t.v), vind(u[0]!.v));
  }
  const delen = new Map<string, number[]>();
  rijen.forEach((r, i) => {
    const root = vind(r[0]!);
    const deel = delen.get(root);
    if (deel) deel.push(i);
    else delen.set(root, [i]);
  });
  const uit: string[][] = [];
  for (const idx of delen.values()) {
    const vars = [...new Set(idx.flatMap((i) => rijen[i]!))].sort();
    const col = new Map(vars.map((v, j) => [v, j]));
    // Typed rows: the same double arithmetic as plain arrays, without boxing in the elimination.
    const m = idx.map((i) => {
      const row = new Float64Array(vars.length);
      rijen[i]!.forEach((v, j) => (row[col.get(v)!]! += coefs[i]![j]!));
      return row;
    });
    const bepaald = determinedColumns(m, vars.length).map((j) => vars[j]!);
    if (bepaald.length > 0) uit.push(bepaald);
  }
  return uit;
}

/** Columns j for which the row space of m contains the unit vector e_j (Gauss–Jordan). */
function determinedColumns(m: Float64Array[], n: number): number[] {
  const eps = 1e-9;
  let r = 0;
  const pivots: number[] = [];
  for (let c = 0; c < n && r < m.length; c++) {
    let p = -1;
    let best = eps;
    for (let i = r; i < m.length; i++)
      if (Math.abs(m[i]![c]!) > best) {
        best = Math.abs(m[i]![c]!);
        p = i;
      }
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const rij = m[r]!;
    const piv = rij[c]!;
    // The pivot row's columns that are not 0: the only ones a row operation changes (elsewhere
    // it subtracts f * 0, which leaves the value), so skipping the others changes no value.
    const nietNul: number[] = [];
    for (let j = 0; j < n; j++)
      if (rij[j] !== 0) {
        rij[j]! /= piv;
        nietNul.push(j);
      }
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const ander = m[i]!;
      const f = ander[c]!;
      if (Math.abs(f) <= eps) continue;
      for (const j of nietNul) ander[j]! -= f * rij[j]!;
    }
    pivots.push(c);
    r++;
  }
  const out: number[] = [];
  for (let i = 0; i < pivots.length; i++) {
    const row = m[i]!;
    let nonzero = 0;
    for (let j = 0; j < n; j++) if (Math.abs(row[j]!) > eps) nonzero++;
    if (nonzero === 1) out.push(pivots[i]!);
  }
  return out;
}
