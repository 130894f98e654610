/**
 * The comparison of an edition with its predecessor (docs/editions.md): for every indicator × meetmoment that both publish per cohort, the series over the
 * cohorts of both editions for rik, kv and totaal, with the outcome of the trend rule
 * (./trend.ts). What the predecessor contributes is only what it published (./lezen.ts);
 * a suppressed cell stays suppressed.
 *
 * Left out: the samenhang indicators (number of problems, pairs of problems). They count
 * problems over the basisvoorwaarden an edition measures, so their meaning follows the edition;
 * a series across two editions would mix two definitions.
 *
 * Where a definition or source changed between the editions, the newer edition says so in its
 * edition file, per indicator (`wijzigingen`, see `wijzigingenSchema`); the chapter prints those
 * notes beside the indicator's table.
 */
import { alleIndicatoren, type Thema } from '../indicators/definitions.ts';
import { GROEPEN, MOMENTEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { Resultaten } from '../results/results.ts';
import { InputError, InternalError } from '../util/errors.ts';
import type { VorigeMeting } from './lezen.ts';
import { cohortenOverlappen, onbekendeWijziging, vorigeZonderCohorten } from './messages.ts';
import { oordeel, segment, type Oordeel, type Segment } from './trend.ts';
import { ordinal } from '../text/wording-en.ts';

/** A note that an indicator's definition or source changed between the editions. */
export interface Wijziging {
  indicator: string;
  /** One or two Dutch sentences for the reader. */
  tekst: string;
}

type Meting = 'vorige' | 'huidige';

/** One cohort of a series: the published row, or undefined when that edition has none. */
interface Cel {
  cohort: number;
  meting: Meting;
  rij: Publicatie | undefined;
}

/** One indicator at one meetmoment for one group, across the cohorts of both editions. */
export interface Reeks {
  indicator: string;
  /** The indicator's label in the current edition's definitions. */
  label: string;
  thema: Thema;
  moment: Moment;
  groep: Groep;
  /** One cell per cohort of both editions, in cohort order. */
  cellen: Cel[];
  /** The predecessor's cohorts and the current edition's, each as a segment (trend.ts). */
  eerder: Segment;
  nieuw: Segment;
  oordeel: Oordeel;
}

interface EditieKort {
  nummer: number;
  cohorten: number[];
  /** "6e meting" */
  naam: string;
}

export interface Vergelijking {
  vorige: EditieKort & { slug: string };
  huidige: EditieKort;
  /** Every cohort of both editions, ascending. */
  cohorten: number[];
  /** Indicator (definition order) × meetmoment × groep (rik, kv, totaal). */
  reeksen: Reeks[];
  /** The notes on changed definitions or sources, with the indicator's label. */
  wijzigingen: (Wijziging & { label: string })[];
}

/** The English name of a meting, for the Summary: "6th measurement". */
export function measurementName(nummer: number): string {
  return `${ordinal(nummer)} measurement`;
}

function metingNaam(nummer: number): string {
  return `${nummer}e meting`;
}

/**
 * Compare the current results with the predecessor's published rows. Fails (InputError) when
 * the predecessor's cohorts are not all earlier than the current ones, or when a note names an
 * indicator neither edition has.
 */
export function vergelijk(huidig: Resultaten, vorige: VorigeMeting, opties: { wijzigingen?: readonly Wijziging[] } = {}): Vergelijking {
  const nu = [...huidig.editie.cohorten];
  const toen = [...vorige.cohorten].sort((a, b) => a - b);
  if (toen.length === 0) throw new InputError([vorigeZonderCohorten(vorige.slug)]);
  if (toen[toen.length - 1]! >= nu[0]!) throw new InputError([cohortenOverlappen(vorige.slug, toen, nu)]);

  const vorigIndex = new Map<string, Publicatie>();
  const vorigPaar = new Set<string>();
  for (const r of vorige.rijen) {
    vorigIndex.set(`${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`, r);
    if (r.cohort !== 'totaal') vorigPaar.add(`${r.indicator}|${r.moment}`);
  }
  const huidigPaar = new Set(huidig.indicatoren.rijen.filter((r) => r.cohort !== 'totaal').map((r) => `${r.indicator}|${r.moment}`));

  const reeksen: Reeks[] = [];
  for (const d of huidig.definities) {
    if (d.thema === 'samenhang') continue;
    for (const moment of MOMENTEN.filter((m) => d.momenten.includes(m))) {
      const paar = `${d.naam}|${moment}`;
      if (!vorigPaar.has(paar) || !huidigPaar.has(paar)) continue;
      for (const groep of GROEPEN) {
        const oud: Cel[] = toen.map((cohort) => ({ cohort, meting: 'vorige', rij: vorigIndex.get(`${d.naam}|${cohort}|${groep}|${moment}`) }));
        const nieuw: Cel[] = nu.map((cohort) => ({ cohort, meting: 'huidige', rij: huidig.indicatoren.find(d.naam, cohort, groep, moment) }));
        const eerder = segment(oud);
        const later = segment(nieuw);
        reeksen.push({
          indicator: d.naam,
          label: d.label,
          thema: d.thema,
          moment,
          groep,
          cellen: [...oud, ...nieuw],
          eerder,
          nieuw: later,
          oordeel: oordeel(eerder.richting, later.richting),
        });
      }
    }
  }

  const bekend = new Set([...huidig.definities.map((d) => d.naam), ...vorige.rijen.map((r) => r.indicator)]);
  const fouten = (opties.wijzigingen ?? [])
    .filter((w) => !bekend.has(w.indicator))
    .map((w) => onbekendeWijziging(w.indicator));
  if (fouten.length > 0) throw new InputError(fouten);
  const wijzigingen = (opties.wijzigingen ?? []).map((w) => ({
    ...w,
    // the label of the definition, also for an indicator only the predecessor measured
    label: alleIndicatoren().find((d) => d.naam === w.indicator)?.label ?? w.indicator,
  }));

  return {
    vorige: { slug: vorige.slug, nummer: vorige.nummer, cohorten: toen, naam: metingNaam(vorige.nummer) },
    huidige: { nummer: huidig.editie.nummer, cohorten: nu, naam: metingNaam(huidig.editie.nummer) },
    cohorten: [...toen, ...nu],
    reeksen,
    wijzigingen,
  };
}

/** The series of one indicator, meetmoment and group, if both editions publish it. */
export function vindReeks(v: Vergelijking, indicator: string, moment: Moment, groep: Groep): Reeks | undefined {
  return v.reeksen.find((r) => r.indicator === indicator && r.moment === moment && r.groep === groep);
}

/**
 * The meetmoment at which the chapter's table shows an indicator: a month after detention when
 * both editions publish it then, otherwise the last moment both publish.
 */
export function kernmoment(v: Vergelijking, indicator: string): Moment | undefined {
  const momenten = MOMENTEN.filter((m) => v.reeksen.some((r) => r.indicator === indicator && r.moment === m));
  return momenten.includes('1m_na') ? '1m_na' : momenten[momenten.length - 1];
}

/**
 * The headline series the chapter shows as figures and describes in words, when both editions
 * publish them (the same indicators as the report's trend figure, plus ID, care and recidive).
 * `naam` names the series in Dutch running text, `name` in the English Summary.
 */
const KERNREEKSEN: readonly { indicator: string; moment: Moment; naam: string; name: string }[] = [
  { indicator: 'id_geen_geldig', moment: 'uitstroom', naam: 'geen geldig identiteitsbewijs bij uitstroom', name: 'the share without a valid identity document on release' },
  { indicator: 'werk', moment: '1m_na', naam: 'werk een maand na detentie', name: 'the share in work one month after detention' },
  { indicator: 'geen_inkomen', moment: '1m_na', naam: 'geen geregistreerd inkomen een maand na detentie', name: 'the share without registered income one month after detention' },
  { indicator: 'niet_ingeschreven', moment: '1m_na', naam: 'niet op een adres ingeschreven een maand na detentie', name: 'the share not registered at any address one month after detention' },
  { indicator: 'wanbetaler_jaar_na', moment: '12m_na', naam: 'registratie als wanbetaler in het jaar na uitstroom', name: 'the share registered as a health insurance defaulter in the year after release' },
  { indicator: 'zorg_ggz', moment: '1m_na', naam: 'ggz-zorg een maand na detentie', name: 'the share in mental health care one month after detention' },
  { indicator: 'recidive_2j', moment: '24m_na', naam: 'recidive binnen twee jaar', name: 'reoffending within two years' },
];

/** The headline series both editions publish, in the order above, with their themes. */
export function kernreeksen(v: Vergelijking): { indicator: string; moment: Moment; naam: string; name: string; thema: Thema }[] {
  return KERNREEKSEN.flatMap((k) => {
    const r = vindReeks(v, k.indicator, k.moment, 'rik');
    return r ? [{ ...k, thema: r.thema }] : [];
  });
}

/** The figure id of a headline series: `vergelijking-geen-inkomen-1m-na`. */
export function vergelijkingFiguurId(indicator: string, moment: Moment): string {
  return `vergelijking-${indicator}-${moment}`.replace(/_/g, '-');
}

/** "2013–2016", or "2017" for one cohort. */
export function periode(cohorten: readonly number[]): string {
  const eerste = cohorten[0];
  const laatste = cohorten[cohorten.length - 1];
  if (eerste === undefined || laatste === undefined) throw new InternalError('periode: no cohorts');
  return eerste === laatste ? String(eerste) : `${eerste}–${laatste}`;
}
