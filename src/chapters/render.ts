/**
 * Fill the chapter templates (templates/monitor/NN-<slug>.md.hbs) with the results.
 *
 * Handlebars runs in strict mode: a reference to a value that does not exist stops the build
 * with the template's file and line, never an empty string. Numbers reach the text only through
 * the helpers below, which write them the Dutch way and print a suppressed value as "–" with a
 * footnote that explains it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Sjablonen } from '../edition/templates.ts';
import { isAbsolute, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { type Thema } from '../indicators/definitions.ts';
import { problemenVoor, STATUSMOMENTEN, type Groep, type Moment, type Probleem } from '../vocabulary/lists.ts';
import { type Edition } from '../edition/edition.ts';
import { BASISVOORWAARDEN, type Basisvoorwaarde } from '../vocabulary/lists.ts';
import { MODELLEN, type ModelNaam } from '../models/frames.ts';
import type { Figuur } from '../charts/render.ts';
import type { ChapterKind, TemplateSource } from './types.ts';
import { gemeten as gemetenThema } from '../charts/figures.ts';
import type { Resultaten } from '../results/results.ts';
import { isSynthetisch } from '../results/synthetisch.ts';
import { beschrijfBestanden } from '../results/bestanden.ts';
import { AFDOENING_TEKST, BASISVOORWAARDE_BRIEF, BASISVOORWAARDE_ONDERWERP, BASISVOORWAARDE_ONDERWERP_EN, BASISVOORWAARDE_TEKST, BASISVOORWAARDE_TEKST_EN, BASISVOORWAARDE_ZAAK, COVARIAAT_TEKST, GROEP_TEKST, MOMENT_ZIN, PROBLEEM_TEKST, THEMA_TEKST, modelNootTekst } from '../results/labels.ts';
import { InputError } from '../util/errors.ts';
import { datumTekst, decimaal } from '../text/format.ts';
import { breuk, hoofdletter, lijst, telwoord, Z_95 } from '../text/wording.ts';
import { capitalise, list, numberWord } from '../text/wording-en.ts';
import { hoofdstukTaal, NEDERLANDS, NOTATIES, type Notatie, type Taal } from './taal.ts';
import { registerHelpers, type HelperOptions, type HoofdstukStaat } from './helpers.ts';
import { registerVergelijkingHelpers, vergelijkingContext } from './vergelijking.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import { PH_ALFA_TEKST } from './ph.ts';
import { fillError, helperError } from './template-errors.ts';
import { mdTekst } from '../util/markdown.ts';
import { citeer, combineer, geenLiteratuur, leesLiteratuur, ongebruikteWaarschuwingen, type Literatuur } from './literatuur.ts';
import { controleerAfkortingen, leesWoordenlijst } from './afkortingen.ts';

const THEMAS: readonly Thema[] = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg', 'samenhang', 'recidive'];

export interface Hoofdstuk {
  /** Output file name, e.g. 04-basisvoorwaarden.md */
  bestand: string;
  markdown: string;
  /** How the print edition numbers it (from the file name, see hoofdstukSoort). */
  soort: ChapterKind;
  /** The template it was filled from, so later messages (cross-references) can name it. */
  bronnen?: readonly TemplateSource[];
  /** Its language: 'nl', or 'en' for the Summary (./taal.ts, hoofdstukTaal). */
  taal: Taal;
}

/**
 * The kind of a chapter from its file name: `NN-samenvatting`, `-summary`, `-afkortingen` and
 * `-literatuur` are unnumbered, `NN-bijlage-*` an appendix, `NN-colofon` and `NN-voorwoord`
 * front matter (before the table of contents, as in a WODC Cahier), everything else a numbered
 * chapter.
 */
export function hoofdstukSoort(bestand: string): ChapterKind {
  const slug = hoofdstukSlug(bestand);
  if (slug === 'samenvatting' || slug === 'summary' || slug === 'afkortingen' || slug === 'literatuur') return 'ongenummerd';
  if (slug.startsWith('bijlage')) return 'bijlage';
  if (slug === 'colofon' || slug === 'voorwoord') return 'voorwerk';
  return 'hoofdstuk';
}

/** `05-afkortingen.md` or `05-afkortingen.md.hbs` -> `afkortingen`. */
function hoofdstukSlug(bestand: string): string {
  return bestand.replace(/^\d\d-/, '').replace(/\.md(\.hbs)?$/, '');
}

/**
 * Chapters made from the others, so filled last whatever their place: the Literatuur lists the
 * works the other chapters cite, the Afkortingen the abbreviations all of them use (the
 * Literatuur's included).
 */
const LITERATUUR = 'literatuur';
const AFKORTINGEN = 'afkortingen';
/** The English Summary: its abbreviations are listed, but the Dutch text must spell them out. */
const ENGELS = new Set(['summary']);

/**
 * The context a chapter template sees. `vergelijking` is the comparison with the predecessor
 * (src/vergelijking/), or false when the edition names none.
 */
export function templateContext(r: Resultaten, figuren: readonly Figuur[], vergelijking?: Vergelijking) {
  const gemeten = Object.fromEntries(BASISVOORWAARDEN.map((b) => [b, gemetenThema(r, b)])) as Record<Basisvoorwaarde, boolean>;
  return {
    editie: r.editie,
    peildatum: r.extractie.peildatum,
    synthetisch: isSynthetisch(r.extractie.bron),
    /**
     * The scale of synthetic extracts relative to the real registrations, in words ("een
     * tiende"), read from the extractie's description ("schaal 0.1"); '' when it names none.
     */
    syntheseSchaal: syntheseSchaal(r.extractie.omschrijving),
    /** The 97.5% normal quantile as the text prints it ("1,96"), for the methods. */
    z95: decimaal(Z_95, 2),
    cohorten: r.editie.cohorten,
    aantalCohorten: r.editie.cohorten.length,
    eersteCohort: r.editie.cohorten[0],
    laatsteCohort: r.editie.cohorten[r.editie.cohorten.length - 1],
    drempel: r.editie.drempel,
    /** The confidence level of every interval in the text, tables and charts. */
    betrouwbaarheid: '95%',
    afdoeningen: r.editie.recidive_afdoeningen.map((a) => AFDOENING_TEKST[a] ?? a),
    gemeten,
    gemetenTekst: BASISVOORWAARDEN.filter((b) => gemeten[b]).map((b) => BASISVOORWAARDE_TEKST[b]),
    /** What has to be in place, for each basisvoorwaarde the edition measures. */
    gemetenZaken: BASISVOORWAARDEN.filter((b) => gemeten[b]).map((b) => BASISVOORWAARDE_ZAAK[b]),
    /** The same in the letter's words and order. */
    gemetenBrief: Object.keys(BASISVOORWAARDE_BRIEF).filter((b) => gemeten[b as Basisvoorwaarde]).map((b) => BASISVOORWAARDE_BRIEF[b]),
    aantalGemeten: BASISVOORWAARDEN.filter((b) => gemeten[b]).length,
    allesGemeten: BASISVOORWAARDEN.every((b) => gemeten[b]),
    /**
     * The one sentence that names the basisvoorwaarden the edition leaves out, with its reasons
     * (the methods chapter and the letter say it; nothing else mentions them). Empty when all
     * are measured.
     */
    nietGemetenZin: nietGemetenZin(r.editie),
    /** What chapter 'veranderingen' follows through time, for the research question. */
    veranderingen: [
      ...(gemeten.werk_inkomen ? ['werk'] : []),
      ...(gemeten.huisvesting ? ['huisvesting'] : []),
      ...(gemeten.id ? ['het bezit van een identiteitsbewijs'] : []),
    ],
    /** The transitions of that chapter's table, as `indicator@moment` series. */
    transitieReeksen: [
      ...(gemeten.werk_inkomen ? ['baan_behouden@1m_voor-1m_na', 'baan_gevonden@1m_voor-1m_na'] : []),
      ...(gemeten.huisvesting ? ['adres_verloren@1m_voor-1m_na', 'adres_gevonden@1m_voor-1m_na'] : []),
      ...(gemeten.id ? ['id_verkregen@instroom-uitstroom'] : []),
    ].join(' '),
    /** The problems of the samenhang analysis this edition measures. */
    problemen: {
      aantal: problemenVoor(r.editie.basisvoorwaarden).length,
      beschrijving: problemenVoor(r.editie.basisvoorwaarden).map((p) => PROBLEEM_BESCHRIJVING[p]),
      metId: problemenVoor(r.editie.basisvoorwaarden).includes('id'),
      /** The table's series: problemen_0 .. problemen_<aantal>. */
      reeksen: Array.from({ length: problemenVoor(r.editie.basisvoorwaarden).length + 1 }, (_, k) => `problemen_${k}@1m_na`).join(' '),
      /** Three problems or more, one entry each: the last is "alle <n>". */
      veel: Array.from({ length: Math.max(0, problemenVoor(r.editie.basisvoorwaarden).length - 2) }, (_, i) => i + 3).map((k, _, a) => ({
        indicator: `problemen_${k}`,
        label: k === a[a.length - 1] ? `alle ${telwoord(k)}` : telwoord(k),
      })),
    },
    /** The appendix: the indicators of each theme, in the order of the definitions. */
    bijlage: THEMAS.map((t) => ({
      thema: t,
      titel: THEMA_TEKST[t],
      indicatoren: r.definities.filter((d) => d.thema === t).map((d) => ({ naam: d.naam, label: d.label })),
    })).filter((t) => t.indicatoren.length > 0),
    modellen: Object.fromEntries(
      MODELLEN.map((naam) => {
        const m = r.modellen.modellen.find((x) => x.model === naam);
        return [
          naam,
          {
            geschat: m?.status === 'geschat',
            n: m?.status === 'geschat' ? m.n : 0,
            events: m?.status === 'geschat' ? m.events : 0,
            noten: r.modellen.noten.filter((x) => x.model === naam).map(modelNootTekst),
            /** The notes as a Markdown list (empty when there are none): markup, each note's text escaped. */
            notenLijst: new Handlebars.SafeString(
              r.modellen.noten
                .filter((x) => x.model === naam)
                .map((x) => `- ${mdTekst(modelNootTekst(x))}`)
                .join('\n'),
            ),
          },
        ];
      }),
    ) as Record<ModelNaam, { geschat: boolean; n: number; events: number; noten: string[]; notenLijst: Handlebars.SafeString }>,
    /** The p below which a covariate fails the test of proportional hazards ("0,01"). */
    phDrempel: PH_ALFA_TEKST,
    kmOnderdrukt: r.modellen.kmOnderdrukkingen.length,
    /** Kaplan–Meier months whose step is delayed, and curves suppressed whole (disclosure.ts). */
    kmVertraagd: r.modellen.kmOnderdrukkingen.filter((o) => o.regel.startsWith('vertraagd')).length,
    kmCurvenOnderdrukt: new Set(
      r.modellen.kmOnderdrukkingen
        .filter((o) => !o.regel.startsWith('vertraagd'))
        .map((o) => `${o.uitsplitsing}|${o.categorie}|${o.cohort}|${o.groep}`),
    ).size,
    onderdrukteCellen: r.indicatoren.rijen.filter((x) => x.onderdrukt).length,
    statusmomenten: STATUSMOMENTEN.map((m) => MOMENT_ZIN[m]),
    aantalCellen: r.indicatoren.rijen.length,
    grootstePaar: grootstePaar(r, 'rik'),
    coxSterkst: sterksteKenmerken(r, 'cox_basis', 2),
    figuren: Object.fromEntries(figuren.map((f) => [f.id, f])),
    /** The published data files, their columns and codes: the appendix on the data files (src/results/bestanden.ts). */
    bestanden: beschrijfBestanden(r),
    vergelijking: vergelijking ? vergelijkingContext(vergelijking) : (false as const),
    /** The begeleidingscommissie from the edition file, or false: the appendix is then left out. */
    commissie: commissieContext(r.editie),
    /** What the English Summary needs beside the values above (which it shares). */
    en: {
      /** The basisvoorwaarden the edition measures, in English. */
      measured: BASISVOORWAARDEN.filter((b) => gemeten[b]).map((b) => BASISVOORWAARDE_TEKST_EN[b]),
      /** "three" of the five basisvoorwaarden. */
      measuredCount: numberWord(BASISVOORWAARDEN.filter((b) => gemeten[b]).length),
      allCount: numberWord(BASISVOORWAARDEN.length),
      /** The sentence that names the basisvoorwaarden left out (nietGemetenZin in English); '' when none. */
      notMeasured: notMeasuredSentence(r.editie),
    },
  };
}

/**
 * The begeleidingscommissie as the appendix prints it: each member as one line, "naam, functie,
 * organisatie" (without the name when the edition gives none); false without a committee.
 */
function commissieContext(e: Edition): { voorzitter: string; leden: string[] } | false {
  const c = e.begeleidingscommissie;
  if (!c) return false;
  const regel = (l: NonNullable<Edition['begeleidingscommissie']>['voorzitter']) => [l.naam, l.functie, l.organisatie].filter(Boolean).join(', ');
  return { voorzitter: regel(c.voorzitter), leden: c.leden.map(regel) };
}

/**
 * nietGemetenZin in English, without its reasons: "Identity documents and care are not measured
 * in this edition". The edition gives its reasons in Dutch only (`niet_gemeten`), so the Summary
 * points to the methods chapter for them instead of translating them. '' when everything is
 * measured.
 */
export function notMeasuredSentence(e: Edition): string {
  const weg = BASISVOORWAARDEN.filter((b) => !e.basisvoorwaarden.includes(b));
  if (weg.length === 0) return '';
  return `${capitalise(list(weg.map((b) => BASISVOORWAARDE_ONDERWERP_EN[b]!)))} ${weg.length === 1 ? 'is' : 'are'} not measured in this edition`;
}

/** "een tiende" for "… (schaal 0.1, …)"; '' without a scale below 1. */
export function syntheseSchaal(omschrijving: string | undefined): string {
  const m = /\bschaal\s+([0-9]+(?:\.[0-9]+)?)/.exec(omschrijving ?? '');
  const schaal = m ? Number(m[1]) : NaN;
  if (!(schaal > 0 && schaal < 1)) return '';
  return breuk(Math.round(schaal * 1e6), 1e6);
}

/**
 * "Het identiteitsbewijs en de zorg zijn in deze meting niet gemeten, omdat er geen of
 * onvoldoende gegevens waren." One clause per reason; '' when everything is measured.
 */
export function nietGemetenZin(e: Edition): string {
  const weg = BASISVOORWAARDEN.filter((b) => !e.basisvoorwaarden.includes(b));
  if (weg.length === 0) return '';
  const perReden = new Map<string, Basisvoorwaarde[]>();
  for (const b of weg) {
    const reden = e.niet_gemeten[b]!;
    perReden.set(reden, [...(perReden.get(reden) ?? []), b]);
  }
  const delen = [...perReden].map(([reden, bs]) => `${lijst(bs.map((b) => BASISVOORWAARDE_ONDERWERP[b]!))} ${bs.length === 1 ? 'is' : 'zijn'} in deze meting niet gemeten, omdat ${reden}`);
  return `${hoofdletter(delen.join('; '))}.`;
}

/** Each problem of the samenhang analysis as the text lists them. */
const PROBLEEM_BESCHRIJVING: Record<Probleem, string> = {
  id: 'geen geldig identiteitsbewijs bij uitstroom',
  inkomen: 'geen geregistreerd inkomen een maand na uitstroom',
  adres: 'niet op een adres ingeschreven een maand na uitstroom',
  schulden: 'een registratie als wanbetaler in het jaar na uitstroom',
  startkwalificatie: 'geen startkwalificatie',
};

/** The pair of problems most often found together (largest published share), for the text. */
function grootstePaar(r: Resultaten, groep: Groep): { indicator: string; tekst: string } {
  let beste: { indicator: string; tekst: string; p: number } | undefined;
  const problemen = problemenVoor(r.editie.basisvoorwaarden);
  problemen.forEach((a, i) =>
    problemen.slice(i + 1).forEach((b) => {
      const rij = r.indicatoren.find(`samen_${a}_${b}`, 'totaal', groep, '1m_na');
      if (!rij || rij.onderdrukt || rij.teller === null || rij.noemer === null) return;
      const p = rij.teller / rij.noemer;
      if (!beste || p > beste.p) beste = { indicator: rij.indicator, tekst: `${PROBLEEM_TEKST[a]} en ${PROBLEEM_TEKST[b]}`, p };
    }),
  );
  return beste ? { indicator: beste.indicator, tekst: beste.tekst } : { indicator: '', tekst: 'geen publiceerbaar paar' };
}

/** The covariates of a model with the largest absolute coefficient of any of their levels. */
function sterksteKenmerken(r: Resultaten, model: ModelNaam, aantal: number): string[] {
  const m = r.modellen.modellen.find((x) => x.model === model);
  if (m?.status !== 'geschat') return [];
  const perKenmerk = new Map<string, number>();
  for (const t of m.termen) {
    const i = t.term.indexOf(':');
    if (i < 0 || t.term.includes('*')) continue;
    const cov = t.term.slice(0, i);
    perKenmerk.set(cov, Math.max(perKenmerk.get(cov) ?? 0, Math.abs(t.coef)));
  }
  return [...perKenmerk.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, aantal)
    .map(([cov]) => kleineBeginletter(COVARIAAT_TEKST[cov] ?? cov));
}

/** "Leeftijd bij uitstroom" -> "leeftijd bij uitstroom", but "ID-bewijs" stays as it is. */
function kleineBeginletter(s: string): string {
  return s.length > 1 && s[1] === s[1]!.toLocaleLowerCase('nl') ? s[0]!.toLocaleLowerCase('nl') + s.slice(1) : s;
}

function createHandlebars(r: Resultaten, figuren: readonly Figuur[], staat: HoofdstukStaat, bestand: string, vergelijking?: Vergelijking, taal: Notatie = NEDERLANDS) {
  const hb = Handlebars.create();
  const fout = (o: HelperOptions | undefined, wat: string) => helperError(bestand, o, wat);
  registerHelpers(hb, r, staat, bestand, taal);
  registerVergelijkingHelpers(hb, vergelijking, staat, bestand);

  hb.registerHelper('moment', (m: unknown, o: HelperOptions) => {
    const t = taal.moment[m as Moment];
    if (!t) throw fout(o, `onbekend meetmoment '${String(m)}'`);
    return t;
  });
  hb.registerHelper('groep', (g: unknown, o: HelperOptions) => {
    const t = taal.groep[g as Groep];
    if (!t) throw fout(o, `onbekende groep '${String(g)}'`);
    return t;
  });
  hb.registerHelper('datum', (d: unknown, o: HelperOptions) => {
    if (typeof d !== 'string') throw fout(o, "'datum' verwacht een datum als JJJJ-MM-DD");
    return datumTekst(d);
  });
  /** {{figuur "id"}}: the figure as a Markdown image with its caption, label and source line. */
  hb.registerHelper('figuur', (id: unknown, o: HelperOptions) => {
    const f = figuren.find((x) => x.id === id);
    if (!f) throw fout(o, `figuur '${String(id)}' bestaat niet`);
    const esc = (s: string) => s.replace(/[[\]"\\]/g, (c) => `\\${c}`);
    return new hb.SafeString(
      `![${esc(f.alt)}](../figuren/${f.id}.svg "${esc(f.titel)} {#fig:${f.id}}")\n\n*${mdTekst(f.bron)}.*`,
    );
  });
  return hb;
}

/** Chapter templates in their order: <templates>/<sub>/NN-<slug>.md.hbs, the edition's own versions where it has them. */
export function chapterTemplates(sjablonen: Sjablonen, sub = 'monitor'): { bestand: string; pad: string }[] {
  const verwacht = '(verwacht: een map met hoofdstuksjablonen NN-<naam>.md.hbs)';
  const gevonden = sjablonen
    .bestanden(sub)
    .filter((f) => /^\d\d-[a-z0-9-]+\.md\.hbs$/.test(f))
    .map((f) => ({ bestand: f.replace(/\.hbs$/, ''), pad: sjablonen.pad(`${sub}/${f}`) }));
  if (gevonden.length === 0) throw new InputError([`${join(sjablonen.basis, sub)}: geen hoofdstuksjablonen gevonden ${verwacht}`]);
  return gevonden;
}

/** The footnote behind every "–": why a figure is not published (without the final stop). */
export function onderdruktNoot(drempel: number): string {
  return NEDERLANDS.onderdruktNoot(drempel);
}

/** The footnote behind a model term that was merged into its reference level. */
export const SAMENGEVOEGD_NOOT = NEDERLANDS.samengevoegdNoot;

/**
 * Compile and run one template in strict mode, turning Handlebars' errors into InputErrors
 * with the template's file and line. Used for the monitor's chapters and for the letter.
 */
export function vulTemplate(hb: typeof Handlebars, bron: string, naam: string, context: object): string {
  try {
    return hb.compile(tekstAlsTekst(hb, hb.parse(bron)), { strict: true, noEscape: true })(context);
  } catch (e) {
    throw fillError(e, { name: naam, text: bron }, { helpers: Object.keys(hb.helpers).filter((h) => !h.endsWith('elperMissing') && h !== TEKST_HELPER), values: Object.keys(context) });
  }
}

/** The helper every `{{value}}` goes through (tekstAlsTekst); not for templates to call. */
const TEKST_HELPER = '__tekst';

/**
 * The one escaping rule for the Markdown templates (util/markdown.ts): every `{{...}}` (not the
 * triple `{{{...}}}`) prints its value as text. A string (from the edition file, the results or a
 * helper's words) is escaped with mdTekst; what a helper marks as markup (a Handlebars
 * SafeString: a table, a figure, a footnote mark) is printed as it is; a number as its digits.
 * Done on the template's syntax tree: `{{x}}` becomes `{{__tekst x}}` and `{{h a b}}` becomes
 * `{{__tekst (h a b)}}`, so strict mode and the helpers' errors work as before.
 */
function tekstAlsTekst(hb: typeof Handlebars, ast: hbs.AST.Program): hbs.AST.Program {
  if (!hb.helpers[TEKST_HELPER]) {
    hb.registerHelper(TEKST_HELPER, (v: unknown) => (v instanceof hb.SafeString ? v : typeof v === 'string' ? mdTekst(v) : String(v)));
  }
  const isHelper = (p: hbs.AST.Expression): boolean =>
    p.type === 'PathExpression' && !(p as hbs.AST.PathExpression).data && (p as hbs.AST.PathExpression).parts.length === 1 && (p as hbs.AST.PathExpression).original in hb.helpers;
  class Escaper extends Handlebars.Visitor {
    override MustacheStatement(m: hbs.AST.MustacheStatement): void {
      if (!m.escaped) return;
      const call = m.params.length > 0 || m.hash !== undefined || isHelper(m.path);
      const waarde: hbs.AST.Expression = call
        ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression)
        : Object.assign(m.path, { strict: true }); // as strict as the value printed directly (a helper's argument is not)
      m.path = { type: 'PathExpression', data: false, depth: 0, parts: [TEKST_HELPER], original: TEKST_HELPER, loc: m.loc } as hbs.AST.PathExpression;
      m.params = [waarde];
      m.hash = undefined as unknown as hbs.AST.Hash;
      m.escaped = false;
    }
  }
  new Escaper().accept(ast);
  return ast;
}

/** What a chapter may draw on beside the results and figures. */
export interface HoofdstukOpties {
  /** Template paths in messages are relative to it (default: the working folder). */
  root?: string;
  /** The comparison with the predecessor, when the edition names one. */
  vergelijking?: Vergelijking;
  /**
   * The edition's own references (editions/<slug>/literatuur.json, leesLiteratuur), beside the
   * shared ones in the templates (literatuur.json there).
   */
  literatuur?: Literatuur;
  /** Receives each warning (a reference nobody cites, an abbreviation not spelled out). */
  waarschuw?: (melding: string) => void;
}

/** A template as named in messages: relative to `root` when it lies inside it, else in full. */
export function sjabloonNaam(pad: string, root = process.cwd()): string {
  const rel = relative(root, pad);
  return rel.startsWith('..') || isAbsolute(rel) ? pad : rel;
}

/**
 * Render one template file with the results. `extra` adds to what the template sees (the
 * Literatuur and Afkortingen chapters get their lists this way).
 */
export function renderChapter(pad: string, r: Resultaten, figuren: readonly Figuur[], opties: HoofdstukOpties = {}, extra: object = {}): string {
  const naam = sjabloonNaam(pad, opties.root);
  const staat: HoofdstukStaat = { onderdrukt: false, samengevoegd: false };
  const taal = NOTATIES[hoofdstukTaal(pad)];
  const hb = createHandlebars(r, figuren, staat, naam, opties.vergelijking, taal);
  const bron = readFileSync(pad, 'utf8');
  let markdown = vulTemplate(hb, bron, naam, { ...templateContext(r, figuren, opties.vergelijking), ...extra });
  if (staat.onderdrukt)
    markdown =
      markdown.trimEnd() +
      `\n\n[^onderdrukt]: ${taal.onderdruktNoot(r.editie.drempel)}${taal.onderdruktVerwijzing}.\n`;
  if (staat.samengevoegd)
    markdown =
      markdown.trimEnd() +
      `\n\n[^samengevoegd]: ${taal.samengevoegdNoot}\n`;
  return markdown.trimEnd() + '\n';
}

/**
 * Render every chapter template of the monitor (the edition's own versions where it has them).
 *
 *   1. every chapter but the Literatuur and the Afkortingen, in the templates' order
 *   2. their citations resolved in one run (literatuur.ts): an unknown key is an error at the
 *      template's line; a reference nobody cites a warning
 *   3. the Literatuur, with the list of cited works (`literatuur`, Markdown paragraphs)
 *   4. the Afkortingen, with the abbreviations all other chapters use (`afkortingen`: afkorting,
 *      betekenis); one missing from the glossary is an error, one not spelled out at its first
 *      use in the Dutch text a warning (afkortingen.ts)
 *
 * A template that renders to nothing (its whole text inside a condition that does not hold, such
 * as `{{#if vergelijking}}`) is no chapter of this edition. The template's NN orders the
 * chapters; the output file is numbered by its position among the chapters that exist, so an
 * edition without the optional chapter keeps its numbering.
 */
export function renderChapters(sjablonen: Sjablonen, r: Resultaten, figuren: readonly Figuur[], opties: HoofdstukOpties = {}): Hoofdstuk[] {
  const waarschuw = opties.waarschuw ?? (() => {});
  const sjablonenLijst = chapterTemplates(sjablonen).map((s) => ({ ...s, slug: hoofdstukSlug(s.bestand), bron: { name: sjabloonNaam(s.pad, opties.root), text: readFileSync(s.pad, 'utf8') } }));
  const gevuld = new Map<string, string>();
  // 1.
  for (const s of sjablonenLijst) if (s.slug !== LITERATUUR && s.slug !== AFKORTINGEN) gevuld.set(s.pad, renderChapter(s.pad, r, figuren, opties));
  // 2.
  const gewoon = sjablonenLijst.filter((s) => gevuld.has(s.pad));
  const gedeeldPad = sjablonen.pad(LITERATUUR_BESTAND);
  const gedeeldNaam = sjabloonNaam(gedeeldPad, opties.root);
  const gedeeld = existsSync(gedeeldPad) ? leesLiteratuur(gedeeldPad, gedeeldNaam) : geenLiteratuur(gedeeldNaam);
  const literatuur = opties.literatuur ? combineer(gedeeld, opties.literatuur) : gedeeld;
  const geciteerd = citeer(gewoon.map((s) => ({ markdown: gevuld.get(s.pad)!, bronnen: [s.bron] })), literatuur);
  gewoon.forEach((s, i) => gevuld.set(s.pad, geciteerd.markdown[i]!));
  for (const w of ongebruikteWaarschuwingen(literatuur, geciteerd.ongebruikt)) waarschuw(w);
  // 3.
  for (const s of sjablonenLijst) if (s.slug === LITERATUUR) gevuld.set(s.pad, renderChapter(s.pad, r, figuren, opties, { literatuur: geciteerd.lijst }));
  // 4.
  const lijstPad = sjablonen.pad(WOORDENLIJST);
  const lijstNaam = sjabloonNaam(lijstPad, opties.root);
  const controle = controleerAfkortingen(
    sjablonenLijst
      .filter((s) => s.slug !== AFKORTINGEN)
      .map((s) => ({ naam: s.bron.name, markdown: gevuld.get(s.pad)!, uitschrijven: s.slug !== LITERATUUR && !ENGELS.has(s.slug) })),
    leesWoordenlijst(lijstPad, lijstNaam),
    lijstNaam,
  );
  if (controle.onbekend.length > 0) throw new InputError(controle.onbekend, `Elke afkorting in de tekst staat in ${lijstNaam}, met wat zij betekent; het hoofdstuk Afkortingen wordt daaruit gemaakt.`);
  for (const w of controle.nietUitgeschreven) waarschuw(w);
  for (const s of sjablonenLijst) if (s.slug === AFKORTINGEN) gevuld.set(s.pad, renderChapter(s.pad, r, figuren, opties, { afkortingen: controle.gebruikt }));

  return sjablonenLijst
    .map((s) => ({ ...s, markdown: gevuld.get(s.pad)! }))
    .filter((h) => h.markdown.trim() !== '')
    .map((h, i) => {
      const bestand = h.bestand.replace(/^\d\d/, String(i + 1).padStart(2, '0'));
      return { bestand, markdown: h.markdown, soort: hoofdstukSoort(bestand), taal: hoofdstukTaal(bestand), bronnen: [h.bron] };
    });
}

/** The glossary of abbreviations, under the templates root (an edition may have its own). */
const WOORDENLIJST = 'afkortingen.json';
/** The references the shared templates cite, under the templates root. */
const LITERATUUR_BESTAND = 'literatuur.json';
