/**
 * What changed between two builds, computed from their files (pure: reading is ./compare.ts,
 * the Markdown ./compare-markdown.ts): indicator cells, model terms, Kaplan–Meier points, and
 * sentences of the chapter text whose numbers or wording changed.
 */

// ───────────────────────────── indicators ─────────────────────────────

export interface CelVerschil {
  indicator: string;
  cohort: string;
  groep: string;
  moment: string;
  soort: 'gewijzigd' | 'onderdrukt_erbij' | 'onderdrukking_vervallen' | 'nieuw' | 'vervallen';
  oud?: Record<string, string>;
  nieuw?: Record<string, string>;
  /** Percentage points, new minus old (for 'gewijzigd'). */
  verschil?: number;
}

const celSleutel = (r: Record<string, string>) => `${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`;

export function vergelijkIndicatoren(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): CelVerschil[] {
  const o = new Map(oud.map((r) => [celSleutel(r), r]));
  const n = new Map(nieuw.map((r) => [celSleutel(r), r]));
  const uit: CelVerschil[] = [];
  const cel = (r: Record<string, string>) => ({ indicator: r.indicator!, cohort: r.cohort!, groep: r.groep!, moment: r.moment! });
  for (const [k, a] of o) {
    const b = n.get(k);
    if (!b) {
      uit.push({ ...cel(a), soort: 'vervallen', oud: a });
      continue;
    }
    const ao = a.onderdrukt === '1';
    const bo = b.onderdrukt === '1';
    if (!ao && bo) uit.push({ ...cel(a), soort: 'onderdrukt_erbij', oud: a, nieuw: b });
    else if (ao && !bo) uit.push({ ...cel(a), soort: 'onderdrukking_vervallen', oud: a, nieuw: b });
    else if (!ao && (a.percentage !== b.percentage || a.teller !== b.teller || a.noemer !== b.noemer))
      uit.push({ ...cel(a), soort: 'gewijzigd', oud: a, nieuw: b, verschil: Number(b.percentage) - Number(a.percentage) });
  }
  for (const [k, b] of n) if (!o.has(k)) uit.push({ ...cel(b), soort: 'nieuw', nieuw: b });
  return uit;
}

// ───────────────────────────── models ─────────────────────────────

export interface TermVerschil {
  model: string;
  term: string;
  oud?: Record<string, string>;
  nieuw?: Record<string, string>;
}

export function vergelijkModellen(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): TermVerschil[] {
  const sleutel = (r: Record<string, string>) => `${r.model}|${r.term}`;
  const o = new Map(oud.map((r) => [sleutel(r), r]));
  const n = new Map(nieuw.map((r) => [sleutel(r), r]));
  const uit: TermVerschil[] = [];
  for (const k of new Set([...o.keys(), ...n.keys()])) {
    const a = o.get(k);
    const b = n.get(k);
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) continue;
    const r = (a ?? b)!;
    uit.push({ model: r.model!, term: r.term!, oud: a, nieuw: b });
  }
  return uit;
}

export interface KmVerschil {
  punten: number;
  gewijzigd: number;
  /** Largest absolute change of cumulatief, in percentage points. */
  grootste: number;
  onderdruktErbij: number;
  onderdrukkingVervallen: number;
}

export function vergelijkKm(oud: readonly Record<string, string>[], nieuw: readonly Record<string, string>[]): KmVerschil {
  const sleutel = (r: Record<string, string>) => `${r.uitsplitsing}|${r.categorie}|${r.cohort}|${r.groep}|${r.maand}`;
  const o = new Map(oud.map((r) => [sleutel(r), r]));
  const v: KmVerschil = { punten: nieuw.length, gewijzigd: 0, grootste: 0, onderdruktErbij: 0, onderdrukkingVervallen: 0 };
  for (const b of nieuw) {
    const a = o.get(sleutel(b));
    if (!a) continue;
    if (a.onderdrukt !== '1' && b.onderdrukt === '1') v.onderdruktErbij++;
    else if (a.onderdrukt === '1' && b.onderdrukt !== '1') v.onderdrukkingVervallen++;
    else if (JSON.stringify(a) !== JSON.stringify(b)) {
      v.gewijzigd++;
      if (a.cumulatief && b.cumulatief) v.grootste = Math.max(v.grootste, 100 * Math.abs(Number(b.cumulatief) - Number(a.cumulatief)));
    }
  }
  return v;
}

// ───────────────────────────── numbers in the text ─────────────────────────────

/** A number as the text writes it: 37, 1.234, 12,5, with a following % or ‰. */
const GETAL = /\d+(?:[.,]\d+)*(?:\s?[%‰])?/g;

/** The text cut into sentences and lines (table rows, headings, list items). */
export function zinnen(markdown: string): string[] {
  const uit: string[] = [];
  for (const regel of markdown.split('\n')) {
    const t = regel.trim();
    if (!t) continue;
    if (t.startsWith('|') || t.startsWith('#') || t.startsWith('![')) uit.push(t);
    else uit.push(...t.split(/(?<=[.!?])\s+(?=[A-Z0-9(„"'[*])/).filter(Boolean));
  }
  return uit;
}

const masker = (zin: string) => zin.replace(GETAL, '#');
const getallen = (zin: string) => zin.match(GETAL) ?? [];

export interface ZinVerschil {
  soort: 'getallen' | 'anders' | 'nieuw' | 'vervallen';
  oud?: string;
  nieuw?: string;
}

/**
 * Sentence-level differences of two texts: sentences whose words are the same but whose numbers
 * differ ('getallen'), and sentences reworded, added or removed (an LCS over the sentences with
 * their numbers masked, so a changed number does not hide the sentence's place).
 */
export function vergelijkTekst(oud: string, nieuw: string): ZinVerschil[] {
  const a = zinnen(oud);
  const b = zinnen(nieuw);
  const am = a.map(masker);
  const bm = b.map(masker);
  // LCS table over masked sentences.
  const L: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) L[i]![j] = am[i] === bm[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const uit: ZinVerschil[] = [];
  let weg: string[] = [];
  let erbij: string[] = [];
  const spoel = () => {
    // Removed and added sentences at the same place read best as one reworded sentence.
    const paren = Math.min(weg.length, erbij.length);
    for (let k = 0; k < paren; k++) uit.push({ soort: 'anders', oud: weg[k], nieuw: erbij[k] });
    for (const z of weg.slice(paren)) uit.push({ soort: 'vervallen', oud: z });
    for (const z of erbij.slice(paren)) uit.push({ soort: 'nieuw', nieuw: z });
    weg = [];
    erbij = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && am[i] === bm[j]) {
      spoel();
      if (a[i] !== b[j]) uit.push({ soort: 'getallen', oud: a[i], nieuw: b[j] });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || L[i]![j + 1]! >= L[i + 1]![j]!)) erbij.push(b[j++]!);
    else weg.push(a[i++]!);
  }
  spoel();
  return uit;
}

/** The new sentence with each changed number in bold and its old value after it. */
export function markeerGetallen(oud: string, nieuw: string): string {
  const was = getallen(oud);
  let k = 0;
  return nieuw.replace(GETAL, (g) => {
    const o = was[k++];
    return o !== undefined && o !== g ? `**${g}** (was ${o})` : g;
  });
}

// ───────────────────────────── both builds ─────────────────────────────

export interface Vergelijking {
  oud: string;
  nieuw: string;
  invoer: string[];
  indicatoren: CelVerschil[];
  modellen: TermVerschil[];
  km: KmVerschil | undefined;
  tekst: { bestand: string; verschillen: ZinVerschil[] }[];
  bestanden: { gewijzigd: string[]; nieuw: string[]; vervallen: string[] };
}
