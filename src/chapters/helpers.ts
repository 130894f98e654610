/**
 * The Handlebars helpers of the chapter templates (and of the Kamerbrief): numbers, words
 * chosen from numbers, tables and model figures, all from the published results.
 *
 * Every helper that prints a value checks that it exists and fails with the template's file and
 * line otherwise; a suppressed value prints as "–" with a footnote marker, and the chapter
 * renderer adds the footnote once.
 *
 *     {{pct (ind "geen_inkomen" "totaal" "rik" "1m_na")}}           36%
 *     {{breuk (ind "geen_startkwalificatie" "totaal" "rik" "uitstroom")}}   twee derde
 *     {{verandering (ind ... "2013" ...) (ind ... "2016" ...)}}      stijgt met 4 procentpunten
 *     {{#if (eq (richting a b) "gelijk")}} ... {{/if}}
 *     {{bi rij}}                                                   34–38%
 *     {{lijst cohorten}}                                           2013, 2014, 2015 en 2016
 *     {{momententabel id="..." titel="..." groep="rik" indicatoren="werk uitkering"}}
 *     {{hr "cox_basis" "id:ongeldig"}} / {{hrbi ...}} / {{hrrichting ...}}
 */
import { BASISVOORWAARDEN } from '../vocabulary/lists.ts';
import type { HelperDelegate } from 'handlebars';
import type Handlebars from 'handlebars';
import type { Groep, Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import { modelDefinities, type ModelNaam } from '../models/frames.ts';
import { geschatModel } from '../charts/figuur.ts';
import { beschrijfBestanden, codeTabel } from '../results/bestanden.ts';
import type { Resultaten } from '../results/results.ts';
import { InternalError, type InputError } from '../util/errors.ts';
import { helperMeldingen as meld, type Melding } from './messages.ts';
import { helperError } from './template-errors.ts';
import { procent } from '../text/format.ts';
import {
  bijlageTabel,
  cohortTabel,
  kmTabel,
  metBijschrift,
  modelTabel,
  momentenTabel,
  operationalisatieTabel,
  populatieTabel,
  reeksTabel,
  type Tabel,
} from './tables.ts';
import { heeftPeriodeTabel, periodeTabel, phBijlageTekst, phTabel, phZin } from './ph.ts';
import { intervalProcent, ratioRichting, verandering } from '../text/wording.ts';
import { NEDERLANDS, type Notatie } from './taal.ts';

interface Loc {
  start: { line: number; column: number };
}
export interface HelperOptions {
  loc?: Loc;
  hash?: Record<string, unknown>;
  data?: { root?: unknown };
}

/** What the helpers of one chapter noted while filling it, for its footnotes. */
export interface HoofdstukStaat {
  onderdrukt: boolean;
  samengevoegd: boolean;
}

export const VOETNOOT_ONDERDRUKT = '[^onderdrukt]';
const VOETNOOT_SAMENGEVOEGD = '[^samengevoegd]';

export function isRij(v: unknown): v is Publicatie {
  return typeof v === 'object' && v !== null && 'onderdrukt' in v && 'indicator' in v;
}

type Hb = typeof Handlebars;

/** A helper as registered; Handlebars passes the template's arguments, then its options. */
type Helper = (...args: never[]) => unknown;
/** A family of helpers by the name the templates call them. */
export type Helpers = Record<string, Helper>;

/** What every family of helpers works with: the results, the chapter's state and language, and the shared checks. */
interface Kit {
  readonly hb: Hb;
  readonly r: Resultaten;
  readonly staat: HoofdstukStaat;
  readonly taal: Notatie;
  /** The error of a helper called wrongly, at the template line of the call. */
  fout(o: HelperOptions | undefined, melding: Melding): InputError;
  /** A suppressed value: "–" with the footnote marker, noted for the chapter's footnote. */
  streep(): Handlebars.SafeString;
  /** The argument as an indicator row, or an error naming the helper. */
  rij(v: unknown, o: HelperOptions, helper: string): Publicatie;
  /** A required named argument (`titel="..."`). */
  hash(o: HelperOptions, sleutel: string): string;
  /** A table with its caption from the `titel` and `id` arguments. */
  tabel(t: Tabel, o: HelperOptions): Handlebars.SafeString;
}

function kit(hb: Hb, r: Resultaten, staat: HoofdstukStaat, bestand: string, taal: Notatie): Kit {
  const fout = (o: HelperOptions | undefined, melding: Melding) => helperError(bestand, o, melding);
  const hash = (o: HelperOptions, sleutel: string): string => benoemdArgument(bestand, o, sleutel);
  return {
    hb,
    r,
    staat,
    taal,
    fout,
    hash,
    streep: () => {
      staat.onderdrukt = true;
      return new hb.SafeString(`–${VOETNOOT_ONDERDRUKT}`);
    },
    rij: (v, o, helper) => {
      if (!isRij(v)) throw fout(o, meld.geenIndicatorrij(helper));
      return v;
    },
    tabel: (t, o) => {
      if (t.onderdrukt) staat.onderdrukt = true;
      return new hb.SafeString(metBijschrift(t, hash(o, 'titel'), hash(o, 'id')));
    },
  };
}

/** A required named argument of a helper (`titel="..."`): a string that is not empty. */
export function benoemdArgument(bestand: string, o: HelperOptions, sleutel: string): string {
  const v = o.hash?.[sleutel];
  if (typeof v !== 'string' || v === '') throw helperError(bestand, o, meld.ontbrekendArgument(sleutel));
  return v;
}

const gepubliceerd = (p: Publicatie): p is Publicatie & { teller: number; noemer: number } => !p.onderdrukt && p.teller !== null && p.noemer !== null;

/**
 * Register every helper on a Handlebars instance; `bestand` names the template in errors, `taal`
 * is the chapter's language (./taal.ts: Dutch, or English for the Summary). Tables and the
 * proportional-hazards text are Dutch only: no English chapter uses them.
 */
export function registerHelpers(hb: Hb, r: Resultaten, staat: HoofdstukStaat, bestand: string, taal: Notatie = NEDERLANDS): void {
  const k = kit(hb, r, staat, bestand, taal);
  for (const familie of [getalHelpers, woordHelpers, tabelHelpers, phHelpers, modelHelpers]) registerAll(hb, familie(k));
}

/** Register a family of helpers, in its order. */
export function registerAll(hb: Hb, helpers: Helpers): void {
  for (const [naam, f] of Object.entries(helpers)) hb.registerHelper(naam, f as unknown as HelperDelegate);
}

/** Numbers of one indicator row or two. */
function getalHelpers({ r, taal, fout, streep, rij }: Kit): Helpers {
  return {
    /** (ind "geen_inkomen" "totaal" "rik" "1m_na"): a published indicator row. */
    ind: (naam: unknown, cohort: unknown, groep: unknown, moment: unknown, o: HelperOptions) => {
      const p = r.indicatoren.find(String(naam), String(cohort), groep as Groep, moment as Moment);
      if (!p) throw fout(o, meld.onbekendeIndicatorrij(String(naam), String(cohort), String(groep), String(moment)));
      return p;
    },
    pct: (v: unknown, o: HelperOptions) => {
      const p = rij(v, o, 'pct');
      return gepubliceerd(p) ? procent(p.teller, p.noemer) : streep();
    },
    aantal: (v: unknown, o: HelperOptions) => {
      if (isRij(v)) return v.onderdrukt || v.noemer === null ? streep() : taal.getal(v.noemer);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw fout(o, meld.geenGetal('aantal', String(v)));
      return taal.getal(v);
    },
    /** The teller of a row ("1.234 personen"). */
    teller: (v: unknown, o: HelperOptions) => {
      const p = rij(v, o, 'teller');
      return gepubliceerd(p) ? taal.getal(p.teller) : streep();
    },
    breuk: (v: unknown, o: HelperOptions) => {
      const p = rij(v, o, 'breuk');
      return gepubliceerd(p) ? taal.breuk(p.teller, p.noemer) : streep();
    },
    /**
     * {{noemeraandeel a b}}: a's noemer as a share of b's noemer, in whole percents from the two
     * counts (how many of the group an analysis rests on: the complete cases of problemen_0 among
     * the populatie).
     */
    noemeraandeel: (a: unknown, b: unknown, o: HelperOptions) => {
      const pa = rij(a, o, 'noemeraandeel');
      const pb = rij(b, o, 'noemeraandeel');
      return gepubliceerd(pa) && gepubliceerd(pb) ? procent(pa.noemer, pb.noemer) : streep();
    },
    bi: (v: unknown, o: HelperOptions) => {
      const p = rij(v, o, 'bi');
      return gepubliceerd(p) ? intervalProcent(p.teller, p.noemer) : streep();
    },
  };
}

/** Words chosen from numbers or values, and lists. */
function woordHelpers({ hb, staat, taal, fout, rij }: Kit): Helpers {
  return {
    /** (richting a b): "stijgt", "daalt", "gelijk", or "onbekend" when either is suppressed. */
    richting: (a: unknown, b: unknown, o: HelperOptions) => {
      const pa = rij(a, o, 'richting');
      const pb = rij(b, o, 'richting');
      if (!gepubliceerd(pa) || !gepubliceerd(pb)) return 'onbekend';
      return verandering(pa, pb).richting;
    },
    /** {{verandering a b}} "stijgt met 4 procentpunten"; vorm="vt" gives "steeg ...". */
    verandering: (a: unknown, b: unknown, o: HelperOptions) => {
      const pa = rij(a, o, 'verandering');
      const pb = rij(b, o, 'verandering');
      const vorm = o.hash?.vorm === 'vt' ? 'vt' : 'tt';
      if (!gepubliceerd(pa) || !gepubliceerd(pb)) {
        staat.onderdrukt = true;
        return new hb.SafeString(`${taal.nietTeVergelijken(vorm)}${VOETNOOT_ONDERDRUKT}`);
      }
      return taal.verandering(pa, pb, vorm);
    },
    eq: (a: unknown, b: unknown) => a === b,
    /**
     * {{beide (hrrichting m "a") (hrrichting m "b") kleiner="minder" groter="meer" gelijk="..."}}:
     * one word when both values agree ("minder"), else "respectievelijk minder en meer", so two
     * findings share one sentence without "minder en minder".
     */
    beide: (a: unknown, b: unknown, o: HelperOptions) => {
      const tekst = (w: unknown) => {
        const t = o.hash?.[String(w)] ?? o.hash?.anders;
        if (typeof t !== 'string') throw fout(o, meld.geenTekstVoor('beide', String(w)));
        return t;
      };
      const ta = tekst(a);
      const tb = tekst(b);
      return ta === tb ? ta : taal.respectievelijk(ta, tb);
    },
    /** (concat "bijlage-" naam): join strings, for ids built from names. */
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    /** {{kies (richting a b) stijgt="..." daalt="..." gelijk="..." onbekend="..."}}: text by value. */
    kies: (waarde: unknown, o: HelperOptions) => {
      const t = o.hash?.[String(waarde)] ?? o.hash?.anders;
      if (typeof t !== 'string') throw fout(o, meld.geenTekstVoor('kies', String(waarde)));
      return t;
    },
    lijst: (items: unknown, o: HelperOptions) => {
      if (!Array.isArray(items)) throw fout(o, meld.verwacht('lijst', 'een lijst'));
      return taal.lijst(items.map(String), o.hash?.voegwoord === 'of' || o.hash?.voegwoord === 'or');
    },
    telwoord: (n: unknown, o: HelperOptions) => {
      if (typeof n !== 'number') throw fout(o, meld.verwacht('telwoord', 'een getal'));
      return taal.telwoord(n);
    },
    hoofdletter: (s: unknown) => {
      const t = String(s);
      return s instanceof hb.SafeString ? new hb.SafeString(taal.hoofdletter(t)) : taal.hoofdletter(t);
    },
  };
}

/** The tables of the chapters and appendices (./tables.ts). */
function tabelHelpers({ r, fout, hash, tabel }: Kit): Helpers {
  const lijstArgument = (o: HelperOptions, sleutel: string) => hash(o, sleutel).split(/\s+/).filter(Boolean);
  return {
    momententabel: (o: HelperOptions) => tabel(momentenTabel(r, { indicatoren: lijstArgument(o, 'indicatoren'), groep: hash(o, 'groep') as Groep }), o),
    cohorttabel: (o: HelperOptions) => tabel(cohortTabel(r, { indicator: hash(o, 'indicator'), moment: hash(o, 'moment') as Moment }), o),
    /** reeksen="baan_behouden@1m_voor-1m_na id_verkregen@instroom-uitstroom" */
    reekstabel: (o: HelperOptions) => {
      const reeksen = lijstArgument(o, 'reeksen').map((s) => {
        const [naam, moment] = s.split('@');
        if (!naam || !moment) throw fout(o, meld.reeksVorm(s));
        return { naam, moment: moment as Moment };
      });
      return tabel(reeksTabel(r, { reeksen }), o);
    },
    cohortaantallen: (o: HelperOptions) => tabel(populatieTabel(r), o),
    bijlagetabel: (o: HelperOptions) => tabel(bijlageTabel(r, hash(o, 'indicator')), o),
    operationalisatietabel: (o: HelperOptions) => tabel(operationalisatieTabel(r.definities), o),
    /**
     * {{bestandtabel bestand="indicatoren.csv" id=… titel=…}}: the columns of a published data file;
     * with lijst="indicator", the codes of that list instead (src/results/bestanden.ts).
     */
    bestandtabel: (o: HelperOptions) => {
      const naam = hash(o, 'bestand');
      const bestanden = beschrijfBestanden(r);
      const b = bestanden.find((x) => x.naam === naam);
      if (!b) throw fout(o, meld.onbekendBestand(naam, bestanden.map((x) => x.naam)));
      const lijst = o.hash?.['lijst'];
      if (lijst === undefined) return tabel({ markdown: codeTabel(['Kolom', 'Betekenis'], b.kolommen), onderdrukt: false }, o);
      const codes = b.codelijsten.find((c) => c.sleutel === lijst);
      if (!codes) throw fout(o, meld.geenCodelijst(naam, String(lijst), b.codelijsten.map((c) => c.sleutel)));
      return tabel({ markdown: codeTabel(['Code', 'Betekenis'], codes.codes), onderdrukt: false }, o);
    },
    kmtabel: (o: HelperOptions) => {
      const maanden = lijstArgument(o, 'maanden').map(Number);
      if (maanden.some((m) => !Number.isInteger(m))) throw fout(o, meld.verwacht('kmtabel', 'maanden="6 12 24"'));
      return tabel(kmTabel(r, maanden), o);
    },
    modeltabel: (o: HelperOptions) => {
      const naam = hash(o, 'model') as ModelNaam;
      const m = geschatModel(r, naam);
      if (!m) throw fout(o, meld.tabelModelNietGeschat(naam));
      return tabel(modelTabel(m, String(r.editie.cohorten[0])), o);
    },
  };
}

/** The test of proportional hazards (./ph.ts). */
function phHelpers({ hb, r, fout, hash, tabel }: Kit): Helpers {
  const coxModel = (o: HelperOptions, helper: string) => {
    const naam = hash(o, 'model') as ModelNaam;
    const m = geschatModel(r, naam);
    if (!m || m.kind !== 'cox') throw fout(o, meld.geenCoxModel(helper, naam, true));
    return m;
  };
  return {
    /** {{phtabel id="..." titel="..." model="cox_basis"}}: the test per covariate and globally. */
    phtabel: (o: HelperOptions) => tabel(phTabel(coxModel(o, 'phtabel')), o),
    /**
     * {{phperioden id="..." titel="..." model="cox_basis"}}: the text on the covariates that fail
     * the test and, when their ratios per period are published, the table of them (id, titel).
     */
    phperioden: (o: HelperOptions) => {
      const m = coxModel(o, 'phperioden');
      const tekst = phBijlageTekst(m, hash(o, 'id'));
      return heeftPeriodeTabel(m) ? new hb.SafeString(`${tekst}\n\n${tabel(periodeTabel(m), o).toString()}`) : tekst;
    },
    /**
     * {{phzin "cox_basis" "activiteit id" tabel="perioden-cox-basis"}}: after a paragraph that
     * reports these covariates' ratios, the sentence that their association changes over time
     * (only for those that fail the test; empty when none does).
     */
    phzin: (model: unknown, termen: unknown, o: HelperOptions) => {
      const m = geschatModel(r, model as ModelNaam);
      if (!m || m.kind !== 'cox') throw fout(o, meld.geenCoxModel('phzin', String(model), false));
      // Covariates and interactions of the model's definition (one merged away has no PH row); a
      // covariate of a basisvoorwaarde the edition does not measure is not in this edition's model
      // and is skipped, a name no edition's model has is an error.
      const kenmerken = (e: Resultaten['editie']) => {
        const d = modelDefinities(e).find((x) => x.model === m.model);
        if (!d) throw new InternalError(`phzin: geschat model '${m.model}' heeft geen definitie`);
        return new Set<string>([...d.covariaten, ...(d.design.interactions ?? []).map((f) => f.join('*'))]);
      };
      const bekend = kenmerken(r.editie);
      const mogelijk = kenmerken({ ...r.editie, basisvoorwaarden: [...BASISVOORWAARDEN] });
      const gevraagd = String(termen).split(/\s+/).filter(Boolean);
      const onbekend = gevraagd.filter((t) => !mogelijk.has(t));
      if (onbekend.length > 0) throw fout(o, meld.geenKenmerk(onbekend, m.model));
      return new hb.SafeString(phZin(m, gevraagd.filter((t) => bekend.has(t)), hash(o, 'tabel')));
    },
  };
}

/** Figures of the models: ratios, their intervals and directions, Kaplan–Meier points. */
function modelHelpers({ hb, r, staat, taal, fout, streep }: Kit): Helpers {
  const term = (model: unknown, t: unknown, o: HelperOptions) => {
    const m = geschatModel(r, model as ModelNaam);
    if (!m) throw fout(o, meld.modelNietGeschat(String(model)));
    return m.termen.find((x) => x.term === t);
  };
  const samengevoegd = () => {
    staat.samengevoegd = true;
    return new hb.SafeString(`–${VOETNOOT_SAMENGEVOEGD}`);
  };
  return {
    hr: (model: unknown, t: unknown, o: HelperOptions) => {
      const w = term(model, t, o);
      return w ? taal.decimaal(w.ratio, 2) : samengevoegd();
    },
    hrbi: (model: unknown, t: unknown, o: HelperOptions) => {
      const w = term(model, t, o);
      return w ? taal.intervalGetal(w.ciLaag, w.ciHoog) : samengevoegd();
    },
    /** "groter", "kleiner", "gelijk" (interval includes 1) or "onbekend" (merged level). */
    hrrichting: (model: unknown, t: unknown, o: HelperOptions) => {
      const w = term(model, t, o);
      return w ? ratioRichting(w.ciLaag, w.ciHoog) : 'onbekend';
    },
    /** {{kmpct "totaal" "totaal" "2016" "rik" 24}}: cumulative recidive at a month (five arguments and the options). */
    kmpct: (...args: [unknown, unknown, unknown, unknown, unknown, HelperOptions]) => {
      const [uitsplitsing, categorie, cohort, groep, maand, o] = args;
      const p = r.modellen.km.find(
        (x) => x.uitsplitsing === uitsplitsing && x.categorie === categorie && x.cohort === String(cohort) && x.groep === groep && x.maand === maand,
      );
      if (!p) throw fout(o, meld.geenKmPunt([uitsplitsing, categorie, cohort, groep, maand].map(String)));
      return p.onderdrukt || p.cumulatief === null ? streep() : `${taal.decimaal(100 * p.cumulatief, 0)}%`;
    },
  };
}
