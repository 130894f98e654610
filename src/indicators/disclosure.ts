/**
 * Statistical disclosure control of the indicator table (docs/indicators.md, "Disclosure
 * control").
 *
 * 1. Primary suppression, row by row, with threshold k: noemer < k, teller in 1..k-1, or
 *    noemer - teller in 1..k-1.
 * 2. Secondary suppression. indicatoren.csv is a table of totals and their parts: cohorts add up
 *    to 'totaal', rik and kv add up to 'totaal' (tellers and noemers alike), the housing
 *    categories and the numbers of problems add up to their common noemer, and
 *    niet_ingeschreven is briefadres plus geen_inschrijving. Published rows give a system of
 *    linear equations in the suppressed values; a suppressed value is recoverable when that
 *    system pins it down. We solve the system exactly (per connected part, in reduced row
 *    echelon form) and, while some protected value is recoverable, suppress one more published
 *    value that shares an equation with it (the smallest, preferring parts over totals).
 *    This protects against any combination of additions and subtractions, not just one.
 *
 * Protected values: the teller of every suppressed row, and the noemer of every cell whose noemer
 * is below k (a noemer is shared by all indicators with the same noemer definition, so those are
 * suppressed together).
 */
import { recoverable, type Vergelijking } from '../disclosure/recoverable.ts';
import { InternalError } from '../util/errors.ts';
import { GROEPEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import { noemerSleutel, type IndicatorDefinitie } from './definitions.ts';

export type Regel = 'noemer_onder_drempel' | 'teller_onder_drempel' | 'rest_onder_drempel' | 'secundair' | 'uitval_vervroegd';

export const REGEL_TEKST: Record<Regel, string> = {
  noemer_onder_drempel: 'noemer kleiner dan de drempel',
  teller_onder_drempel: 'teller tussen 1 en de drempel',
  rest_onder_drempel: 'noemer min teller tussen 1 en de drempel',
  secundair: 'secundaire onderdrukking: anders af te leiden uit gepubliceerde cijfers',
  uitval_vervroegd: 'de noemer zet geen stap naar het volgende meetmoment: eventuele uitval daartussen telt hier al niet mee',
};

/**
 * The `indicator` of the audit lines of the rule uitval_vervroegd (sql/04-uitval.sql): the line is
 * about the noemer of every indicator of the cell at that moment, not about one indicator.
 */
export const UITVAL_INDICATOR = '(noemer)';

/** The counts of one indicator in one cell, before disclosure control (as compute.ts counts them). */
export interface Telling {
  indicator: string;
  /** A cohort year as a string, or 'totaal'. */
  cohort: string;
  groep: Groep;
  moment: Moment;
  teller: number;
  noemer: number;
}

/** One row of indicatoren.csv after disclosure control. */
export interface Publicatie {
  indicator: string;
  cohort: string;
  groep: Groep;
  moment: Moment;
  /** null when suppressed */
  teller: number | null;
  noemer: number | null;
  /** 100 * teller / noemer, one decimal with a dot; null when suppressed */
  percentage: string | null;
  onderdrukt: boolean;
}

export interface Onderdrukking {
  indicator: string;
  cohort: string;
  groep: Groep;
  moment: Moment;
  regel: Regel;
}

/** Percentage with one decimal, rounded half up in exact integer arithmetic. */
export function percentage(teller: number, noemer: number): string {
  const tienden = Math.floor((2000 * teller + noemer) / (2 * noemer));
  return `${Math.floor(tienden / 10)}.${tienden % 10}`;
}

/** The primary rule a count breaks, if any. */
export function primaireRegel(teller: number, noemer: number, k: number): Regel | null {
  if (noemer < k) return 'noemer_onder_drempel';
  if (teller >= 1 && teller < k) return 'teller_onder_drempel';
  if (noemer - teller >= 1 && noemer - teller < k) return 'rest_onder_drempel';
  return null;
}

/** Variables: T|indicator|cohort|groep|moment (a teller) and N|key|cohort|groep|moment (a noemer). */
const tVar = (r: { indicator: string; cohort: string; groep: string; moment: string }) =>
  `T|${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`;
const nVar = (key: string, r: { cohort: string; groep: string; moment: string }) =>
  `N|${key}|${r.cohort}|${r.groep}|${r.moment}`;

export interface DisclosureResult {
  rijen: Publicatie[];
  onderdrukkingen: Onderdrukking[];
}

/** A safeguard: secondary suppression adds a value per leaking part per round, so it ends long before this. */
const MAX_RONDEN = 10000;

/**
 * Apply disclosure control to the counted indicators. `tellingen` must be complete for the
 * definitions (every cell with noemer > 0), as countIndicators returns them.
 */
export function applyDisclosure(
  tellingen: readonly Telling[],
  definities: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
  k: number,
  /** Look at every part in every round of secondary suppression: the reference the tests compare the build's way with. */
  opties: { elkeRondeAlleDelen?: boolean } = {},
): DisclosureResult {
  const cohortNamen = [...cohorten.map(String), 'totaal'];
  const primair = primaireOnderdrukking(tellingen, new Map(definities.map((d) => [d.naam, d])), k);
  const stelsel = new Stelsel(primair, vergelijkingenVan(definities, cohortNamen), k);
  secundaireOnderdrukking(stelsel, opties.elkeRondeAlleDelen ?? false);
  const { regel } = primair;
  const rijen: Publicatie[] = tellingen.map((t) => {
    const onderdrukt = regel.has(tVar(t));
    return {
      indicator: t.indicator,
      cohort: t.cohort,
      groep: t.groep,
      moment: t.moment,
      teller: onderdrukt ? null : t.teller,
      noemer: onderdrukt ? null : t.noemer,
      percentage: onderdrukt ? null : percentage(t.teller, t.noemer),
      onderdrukt,
    };
  });
  const onderdrukkingen: Onderdrukking[] = tellingen
    .filter((t) => regel.has(tVar(t)))
    .map((t) => ({ indicator: t.indicator, cohort: t.cohort, groep: t.groep, moment: t.moment, regel: regel.get(tVar(t))! }));
  return { rijen, onderdrukkingen };
}

/** The counts as variables, and the rows the primary rules suppress. */
interface Primair {
  /** Known values of every variable; absent rows (noemer 0) are known zeros. */
  waarde: Map<string, number>;
  /** The row of each teller variable. */
  rijVan: Map<string, Telling>;
  /** The rule that suppresses a row, by its teller variable; secondary suppression adds to it. */
  regel: Map<string, Regel>;
  /** The rows that carry each noemer cell, so a noemer is known while one of them is published. */
  rijenMetNoemer: Map<string, string[]>;
}

function primaireOnderdrukking(tellingen: readonly Telling[], defs: ReadonlyMap<string, IndicatorDefinitie>, k: number): Primair {
  const p: Primair = { waarde: new Map(), rijVan: new Map(), regel: new Map(), rijenMetNoemer: new Map() };
  for (const t of tellingen) {
    const d = defs.get(t.indicator);
    if (!d) throw new InternalError(`no definition for ${t.indicator}`);
    const teller = tVar(t);
    const n = nVar(noemerSleutel(d), t);
    const bestaand = p.waarde.get(n);
    if (bestaand !== undefined && bestaand !== t.noemer) throw new InternalError(`indicators sharing noemer ${n} disagree: ${bestaand} vs ${t.noemer}`);
    p.waarde.set(teller, t.teller);
    p.waarde.set(n, t.noemer);
    p.rijVan.set(teller, t);
    const r = primaireRegel(t.teller, t.noemer, k);
    if (r) p.regel.set(teller, r);
    const rijen = p.rijenMetNoemer.get(n) ?? [];
    rijen.push(teller);
    p.rijenMetNoemer.set(n, rijen);
  }
  return p;
}

/**
 * The equations of the table, in a fixed order (the order of the parts that recoverable finds,
 * and so the order in which a round of secondary suppression treats them, follows it): every
 * moment of every indicator and noemer adds up over cohorts and groups; then the families; then
 * niet_ingeschreven.
 */
function vergelijkingenVan(definities: readonly IndicatorDefinitie[], cohortNamen: readonly string[]): Vergelijking[] {
  const uit: Vergelijking[] = [];
  const momentenPerSleutel = new Map<string, Set<Moment>>();
  for (const d of definities) {
    const key = noemerSleutel(d);
    const ms = momentenPerSleutel.get(key) ?? new Set<Moment>();
    for (const moment of d.momenten) {
      ms.add(moment);
      additief(uit, (c, g) => tVar({ indicator: d.naam, cohort: c, groep: g, moment }), cohortNamen);
    }
    momentenPerSleutel.set(key, ms);
  }
  for (const [key, ms] of momentenPerSleutel)
    for (const moment of ms) additief(uit, (c, g) => nVar(key, { cohort: c, groep: g, moment }), cohortNamen);
  // Families: the members' tellers add up to the shared noemer.
  const families = new Map<string, IndicatorDefinitie[]>();
  for (const d of definities) if (d.familie) families.set(d.familie, [...(families.get(d.familie) ?? []), d]);
  for (const leden of families.values()) {
    const key = noemerSleutel(leden[0]!);
    perCel(leden[0]!.momenten, cohortNamen, (cel) =>
      uit.push({ termen: [...leden.map((l) => ({ v: tVar({ indicator: l.naam, ...cel }), c: 1 })), { v: nVar(key, cel), c: -1 }] }),
    );
  }
  // niet_ingeschreven = briefadres + geen_inschrijving.
  const ni = definities.find((d) => d.naam === 'niet_ingeschreven');
  const delen = ['huisvesting_briefadres', 'huisvesting_geen_inschrijving'];
  if (ni && delen.every((naam) => definities.some((d) => d.naam === naam)))
    perCel(ni.momenten, cohortNamen, (cel) =>
      uit.push({ termen: [{ v: tVar({ indicator: ni.naam, ...cel }), c: 1 }, ...delen.map((naam) => ({ v: tVar({ indicator: naam, ...cel }), c: -1 }))] }),
    );
  return uit;
}

/** Every cell of the moments: moment, then cohort, then groep. */
function perCel(momenten: readonly Moment[], cohortNamen: readonly string[], f: (cel: { cohort: string; groep: Groep; moment: Moment }) => void): void {
  for (const moment of momenten) for (const cohort of cohortNamen) for (const groep of GROEPEN) f({ cohort, groep, moment });
}

/** Cohorts add up to totaal (per groep); rik and kv add up to totaal (per cohort). */
function additief(out: Vergelijking[], v: (cohort: string, groep: Groep) => string, cohorten: readonly string[]): void {
  const delen = cohorten.filter((c) => c !== 'totaal');
  for (const g of GROEPEN) out.push({ termen: [...delen.map((c) => ({ v: v(c, g), c: 1 })), { v: v('totaal', g), c: -1 }] });
  for (const c of cohorten) out.push({ termen: [{ v: v(c, 'rik'), c: 1 }, { v: v(c, 'kv'), c: 1 }, { v: v(c, 'totaal'), c: -1 }] });
}

/** The system of equations with what is known, protected and suppressed so far. */
class Stelsel {
  readonly vergelijkingen: readonly Vergelijking[];
  readonly #p: Primair;
  /** The noemer cells below k: protected values, as is the teller of every suppressed row. */
  readonly #beschermdeNoemers: Set<string>;
  /** The equations of each variable, by index. */
  readonly #perVar = new Map<string, number[]>();
  /** The noemer variable of each row (by its teller variable). */
  readonly #noemerVan = new Map<string, string>();

  constructor(p: Primair, vergelijkingen: readonly Vergelijking[], k: number) {
    this.#p = p;
    this.vergelijkingen = vergelijkingen;
    this.#beschermdeNoemers = new Set([...p.rijenMetNoemer.keys()].filter((n) => this.waarde(n) > 0 && this.waarde(n) < k));
    vergelijkingen.forEach((e, i) => {
      for (const t of e.termen) {
        const bij = this.#perVar.get(t.v);
        if (bij) bij.push(i);
        else this.#perVar.set(t.v, [i]);
      }
    });
    for (const [n, rijen] of p.rijenMetNoemer) for (const r of rijen) this.#noemerVan.set(r, n);
  }

  waarde(v: string): number {
    return this.#p.waarde.get(v) ?? 0;
  }

  /** Only rows that exist can be suppressed; variables of absent rows are known zeros. */
  bestaat(v: string): boolean {
    return v.startsWith('T|') ? this.#p.rijVan.has(v) : this.#p.rijenMetNoemer.has(v);
  }

  /** A teller is unknown when its row is suppressed, a noemer when every row that carries it is. */
  onbekend(v: string): boolean {
    if (!this.bestaat(v)) return false;
    if (v.startsWith('T|')) return this.#p.regel.has(v);
    return this.#p.rijenMetNoemer.get(v)!.every((r) => this.#p.regel.has(r));
  }

  beschermd(v: string): boolean {
    return v.startsWith('T|') ? this.#p.regel.has(v) : this.#beschermdeNoemers.has(v);
  }

  /** Suppress `v` (a teller: its row; a noemer: every row that carries it); gives the variables that became unknown. */
  onderdruk(v: string): string[] {
    const regel = this.#p.regel;
    const nieuw = (v.startsWith('T|') ? [v] : this.#p.rijenMetNoemer.get(v)!).filter((r) => !regel.has(r));
    for (const r of nieuw) regel.set(r, 'secundair');
    // A row's teller is unknown once it is suppressed, its noemer once every row that carries it is.
    const noemers = new Set(nieuw.map((r) => this.#noemerVan.get(r)!).filter((n) => this.onbekend(n)));
    return [...nieuw, ...noemers];
  }

  /**
   * The equations of the connected parts (as recoverable finds them: equations linked by unknown
   * variables) that hold any of `variabelen`, in their order. Only these parts change when those
   * variables become unknown; every other part is as it was.
   */
  delenMet(variabelen: readonly string[]): Vergelijking[] {
    const gezien = new Set(variabelen);
    const open = [...variabelen];
    const vergelijkingen = new Set<number>();
    for (let v = open.pop(); v !== undefined; v = open.pop())
      for (const i of this.#perVar.get(v) ?? []) {
        if (vergelijkingen.has(i)) continue;
        vergelijkingen.add(i);
        for (const t of this.vergelijkingen[i]!.termen)
          if (!gezien.has(t.v) && this.onbekend(t.v)) {
            gezien.add(t.v);
            open.push(t.v);
          }
      }
    return [...vergelijkingen].sort((a, b) => a - b).map((i) => this.vergelijkingen[i]!);
  }

  /**
   * The published values that share an equation with a recoverable value of `deel`; when it is
   * pinned down only through equations whose members are all unknown, those of every equation
   * of this part.
   */
  kandidaten(deel: readonly string[]): Set<string> {
    const uit = new Set<string>();
    const voegToe = (e: Vergelijking) => {
      for (const t of e.termen) if (this.bestaat(t.v) && !this.onbekend(t.v)) uit.add(t.v);
    };
    for (const q of deel) for (const i of this.#perVar.get(q) ?? []) voegToe(this.vergelijkingen[i]!);
    if (uit.size > 0) return uit;
    const inDeel = new Set(deel);
    for (const e of this.vergelijkingen) if (e.termen.some((t) => inDeel.has(t.v) || this.onbekend(t.v))) voegToe(e);
    return uit;
  }

  /** The cheapest candidate: a part before a total, a teller before a whole noemer cell, then the smallest count. */
  goedkoopste(kandidaten: ReadonlySet<string>): string {
    const kosten = (v: string) => [Number(v.split('|').slice(2, 4).includes('totaal')), Number(v.startsWith('N|')), this.waarde(v)] as const;
    let beste: { v: string; k: readonly [number, number, number] } | undefined;
    for (const v of kandidaten) {
      const k = kosten(v);
      if (!beste || volgtVoor(k, v, beste.k, beste.v)) beste = { v, k };
    }
    if (!beste) throw new InternalError('goedkoopste: no candidates');
    return beste.v;
  }
}

/** Whether candidate `v` with costs `k` goes before `w` with costs `l`: by the costs in order, then by name. */
function volgtVoor(k: readonly number[], v: string, l: readonly number[], w: string): boolean {
  for (let i = 0; i < k.length; i++) if (k[i] !== l[i]) return k[i]! < l[i]!;
  return v < w;
}

/**
 * Suppress until no protected value is recoverable. Connected parts of the system are
 * independent, so each round adds one suppression to every part that still leaks.
 */
function secundaireOnderdrukking(s: Stelsel, elkeRondeAlleDelen: boolean): void {
  // The first round looks at every part; each later one only at the parts that leaked in the
  // round before and those it changed (delenMet: the parts of the variables that became
  // unknown). Any other part has the same equations and unknowns as when it was last looked at,
  // and leaked nothing then, so it leaks nothing now. (A leaking part's suppression can lie in
  // another part: see kandidaten.) The parts come in the order of their first equation either
  // way, so the rounds suppress exactly what they did when every round looked at every part.
  let teBekijken: readonly Vergelijking[] = s.vergelijkingen;
  for (let ronde = 0; ronde <= MAX_RONDEN; ronde++) {
    const lekkend = recoverable(teBekijken, (v) => s.onbekend(v))
      .map((deel) => deel.filter((v) => s.beschermd(v)))
      .filter((deel) => deel.length > 0);
    if (lekkend.length === 0) return;
    const onbekendGeworden: string[] = [];
    for (const deel of lekkend) {
      const kandidaten = s.kandidaten(deel);
      if (kandidaten.size === 0) throw new InternalError(`cannot protect ${deel[0]}`);
      onbekendGeworden.push(...s.onderdruk(s.goedkoopste(kandidaten)));
    }
    teBekijken = elkeRondeAlleDelen ? s.vergelijkingen : s.delenMet([...onbekendGeworden, ...lekkend.flat()]);
  }
  throw new InternalError('secondary suppression did not converge');
}
