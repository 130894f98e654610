/**
 * The context a chapter template sees (templates/monitor/NN-<slug>.md.hbs, and the Kamerbrief's):
 * the values the text speaks of, from the results and the edition, each under the name the
 * templates use. Numbers themselves reach the text through the helpers (./helpers.ts).
 */
import Handlebars from 'handlebars';
import { gemeten as gemetenThema } from '../charts/figuur.ts';
import type { Figuur } from '../charts/render.ts';
import type { Editie } from '../edition/edition.ts';
import { MODELLEN, type ModelNaam } from '../models/frames.ts';
import { beschrijfBestanden } from '../results/bestanden.ts';
import { modelNootTekst } from '../results/labels.ts';
import { AFDOENING_TEKST, BASISVOORWAARDE_BRIEF, BASISVOORWAARDE_ONDERWERP, BASISVOORWAARDE_ONDERWERP_EN, BASISVOORWAARDE_TEKST, BASISVOORWAARDE_TEKST_EN, BASISVOORWAARDE_ZAAK, COVARIAAT_TEKST, MOMENT_ZIN, PROBLEEM_TEKST, THEMA_TEKST } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { isSynthetisch } from '../results/synthetisch.ts';
import { decimaal } from '../text/format.ts';
import { breuk, hoofdletter, lijst, telwoord, Z_95 } from '../text/wording.ts';
import { capitalise, list, numberWord } from '../text/wording-en.ts';
import { mdTekst } from '../util/markdown.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import { BASISVOORWAARDEN, problemenVoor, STATUSMOMENTEN, type Basisvoorwaarde, type Groep, type Probleem } from '../vocabulary/lists.ts';
import { PH_ALFA_TEKST } from './ph.ts';
import { THEMAS } from './themas.ts';
import { vergelijkingContext } from './vergelijking.ts';

type Gemeten = Record<Basisvoorwaarde, boolean>;

/**
 * The context a chapter template sees. `vergelijking` is the comparison with the predecessor
 * (src/vergelijking/), or false when the edition names none. The parts are built apart but keep
 * one order, which is the order in which a misspelt name's nearest value is looked for.
 */
export function sjabloonContext(r: Resultaten, figuren: readonly Figuur[], vergelijking?: Vergelijking) {
  const gemeten = Object.fromEntries(BASISVOORWAARDEN.map((b) => [b, gemetenThema(r, b)])) as Gemeten;
  return {
    ...editieContext(r),
    ...gemetenContext(r.editie, gemeten),
    problemen: problemenContext(r.editie),
    /** The appendix: the indicators of each theme, in the order of the definitions. */
    bijlage: THEMAS.map((t) => ({
      thema: t,
      titel: THEMA_TEKST[t],
      indicatoren: r.definities.filter((d) => d.thema === t).map((d) => ({ naam: d.naam, label: d.label })),
    })).filter((t) => t.indicatoren.length > 0),
    modellen: modellenContext(r),
    /** The p below which a covariate fails the test of proportional hazards ("0,01"). */
    phDrempel: PH_ALFA_TEKST,
    ...onderdrukkingContext(r),
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

/** The edition, its extraction and its cohorts. */
function editieContext(r: Resultaten) {
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
  };
}

/** Which basisvoorwaarden the edition measures, in the words of the text and of the letter. */
function gemetenContext(e: Editie, gemeten: Gemeten) {
  return {
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
    nietGemetenZin: nietGemetenZin(e),
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
  };
}

/** The problems of the samenhang analysis this edition measures. */
function problemenContext(e: Editie) {
  const problemen = problemenVoor(e.basisvoorwaarden);
  return {
    aantal: problemen.length,
    beschrijving: problemen.map((p) => PROBLEEM_BESCHRIJVING[p]),
    metId: problemen.includes('id'),
    /** The table's series: problemen_0 .. problemen_<aantal>. */
    reeksen: Array.from({ length: problemen.length + 1 }, (_, k) => `problemen_${k}@1m_na`).join(' '),
    /** Three problems or more, one entry each: the last is "alle <n>". */
    veel: Array.from({ length: Math.max(0, problemen.length - 2) }, (_, i) => i + 3).map((k, _, a) => ({
      indicator: `problemen_${k}`,
      label: k === a[a.length - 1] ? `alle ${telwoord(k)}` : telwoord(k),
    })),
  };
}

interface ModelContext {
  geschat: boolean;
  n: number;
  events: number;
  noten: string[];
  notenLijst: Handlebars.SafeString;
}

/** Each model: whether it was estimated, on how many persons and events, and its notes. */
function modellenContext(r: Resultaten): Record<ModelNaam, ModelContext> {
  return Object.fromEntries(
    MODELLEN.map((naam) => {
      const m = r.modellen.modellen.find((x) => x.model === naam);
      const noten = r.modellen.noten.filter((x) => x.model === naam);
      const context: ModelContext = {
        geschat: m?.status === 'geschat',
        n: m?.status === 'geschat' ? m.n : 0,
        events: m?.status === 'geschat' ? m.events : 0,
        noten: noten.map(modelNootTekst),
        /** The notes as a Markdown list (empty when there are none): markup, each note's text escaped. */
        notenLijst: new Handlebars.SafeString(noten.map((x) => `- ${mdTekst(modelNootTekst(x))}`).join('\n')),
      };
      return [naam, context];
    }),
  ) as Record<ModelNaam, ModelContext>;
}

/** What disclosure control held back, counted for the methods and the appendix on it. */
function onderdrukkingContext(r: Resultaten) {
  const km = r.modellen.kmOnderdrukkingen;
  return {
    kmOnderdrukt: km.length,
    /** Kaplan–Meier months whose step is delayed, and curves suppressed whole (src/models/disclosure.ts). */
    kmVertraagd: km.filter((o) => o.regel.startsWith('vertraagd')).length,
    kmCurvenOnderdrukt: new Set(km.filter((o) => !o.regel.startsWith('vertraagd')).map((o) => `${o.uitsplitsing}|${o.categorie}|${o.cohort}|${o.groep}`)).size,
    onderdrukteCellen: r.indicatoren.rijen.filter((x) => x.onderdrukt).length,
  };
}

/**
 * The begeleidingscommissie as the appendix prints it: each member as one line, "naam, functie,
 * organisatie" (without the name when the edition gives none); false without a committee.
 */
function commissieContext(e: Editie): { voorzitter: string; leden: string[] } | false {
  const c = e.begeleidingscommissie;
  if (!c) return false;
  const regel = (l: NonNullable<Editie['begeleidingscommissie']>['voorzitter']) => [l.naam, l.functie, l.organisatie].filter(Boolean).join(', ');
  return { voorzitter: regel(c.voorzitter), leden: c.leden.map(regel) };
}

/**
 * nietGemetenZin in English, without its reasons: "Identity documents and care are not measured
 * in this edition". The edition gives its reasons in Dutch only (`niet_gemeten`), so the Summary
 * points to the methods chapter for them instead of translating them. '' when everything is
 * measured.
 */
export function notMeasuredSentence(e: Editie): string {
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
export function nietGemetenZin(e: Editie): string {
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

