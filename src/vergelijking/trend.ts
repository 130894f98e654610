/**
 * Does a newer edition continue the trend of the one before? The rule, and the Dutch words for
 * its outcome.
 *
 * The rule (one per series: indicator × meetmoment × groep):
 *
 * 1. Each edition's cohorts form a segment. A segment's direction is the change from its first
 *    to its last cohort with a published value, decided exactly as everywhere else in the report
 *    (`verandering` in src/text/wording.ts): "stijgt" or "daalt" only when the 95% interval of
 *    the difference excludes zero and the rounded percentages differ, else "gelijk". The step
 *    from the predecessor's last cohort to the newer edition's first is not part of either
 *    segment, so a jump at the boundary (a new source or definition) never counts as a trend.
 * 2. A segment with fewer than two published cohorts has no direction ("onbekend").
 * 3. The newer segment against the earlier one:
 *    - same direction (also both level): the trend continues ("doorgezet");
 *    - rise or fall, then level: it levels off ("afgevlakt");
 *    - level, then rise or fall: a new trend begins ("nieuw");
 *    - rise then fall, or fall then rise: it reverses ("omgekeerd");
 *    - either direction unknown: "onbekend".
 *
 * "afgevlakt" and "nieuw" are the two kinds of break.
 */
import type { Groep } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import { procent } from '../text/format.ts';
import { lijst, procentpunten, verandering, veranderingWoord, type Aandeel, type Richting } from '../text/wording.ts';
import { list } from '../text/wording-en.ts';
import { InternalError } from '../util/errors.ts';

/** One cohort's value in a segment. */
interface Punt extends Aandeel {
  cohort: number;
}

/** The direction of one edition's cohorts. */
export type Segment =
  | { richting: Richting; van: Punt; naar: Punt }
  | {
      richting: 'onbekend';
      /** Whether a suppressed value is among the reasons. */
      onderdrukt: boolean;
    };

/** A segment with a direction. */
type Bekend = Extract<Segment, { van: Punt }>;

export type Oordeel = 'doorgezet' | 'afgevlakt' | 'nieuw' | 'omgekeerd' | 'onbekend';

const OORDELEN: readonly Oordeel[] = ['doorgezet', 'afgevlakt', 'omgekeerd', 'nieuw', 'onbekend'];

/**
 * The segment of one edition from its cells in cohort order (`rij` undefined when the edition has
 * no row for that cohort, e.g. a noemer of 0).
 */
export function segment(cellen: readonly { cohort: number; rij: Publicatie | undefined }[]): Segment {
  const punten: Punt[] = [];
  let onderdrukt = false;
  for (const c of cellen) {
    if (!c.rij) continue;
    if (c.rij.onderdrukt || c.rij.teller === null || c.rij.noemer === null) onderdrukt = true;
    else punten.push({ cohort: c.cohort, teller: c.rij.teller, noemer: c.rij.noemer });
  }
  if (punten.length < 2) return { richting: 'onbekend', onderdrukt };
  const van = punten[0]!;
  const naar = punten[punten.length - 1]!;
  return { richting: verandering(van, naar).richting, van, naar };
}

/** The newer segment's direction against the earlier one's (rule 3 above). */
export function oordeel(eerder: Segment['richting'], nieuw: Segment['richting']): Oordeel {
  if (eerder === 'onbekend' || nieuw === 'onbekend') return 'onbekend';
  if (eerder === nieuw) return 'doorgezet';
  if (nieuw === 'gelijk') return 'afgevlakt';
  if (eerder === 'gelijk') return 'nieuw';
  return 'omgekeerd';
}

const ZN: Record<'stijgt' | 'daalt', string> = { stijgt: 'stijging', daalt: 'daling' };

/** The outcome in a few words, for a table column: "daling zet door", "stijging wordt daling". */
export function oordeelKort(eerder: Segment['richting'], nieuw: Segment['richting']): string {
  const o = oordeel(eerder, nieuw);
  switch (o) {
    case 'onbekend':
      return 'niet te bepalen';
    case 'doorgezet':
      return eerder === 'gelijk' ? 'blijft gelijk' : `${ZN[eerder as 'stijgt' | 'daalt']} zet door`;
    case 'afgevlakt':
      return `${ZN[eerder as 'stijgt' | 'daalt']} vlakt af`;
    case 'nieuw':
      return `nieuwe ${ZN[nieuw as 'stijgt' | 'daalt']}`;
    case 'omgekeerd':
      return `${ZN[eerder as 'stijgt' | 'daalt']} wordt ${ZN[nieuw as 'stijgt' | 'daalt']}`;
  }
}

/** How a sentence about a group begins. */
const GROEP_AANHEF: Record<Groep, string> = {
  rik: 'Bij de re-integratiekandidaten',
  kv: 'Bij de kortverblijvenden',
  totaal: 'Over beide groepen samen',
};

/** "van 40% in cohort 2013 naar 35% in cohort 2016" */
function vanNaar(s: { van: Punt; naar: Punt }): string {
  return `van ${procent(s.van.teller, s.van.noemer)} in cohort ${s.van.cohort} naar ${procent(s.naar.teller, s.naar.noemer)} in cohort ${s.naar.cohort}`;
}

/** "40% in cohort 2013, 41% in cohort 2016" (for a share that stays level) */
function beide(s: { van: Punt; naar: Punt }): string {
  return `${procent(s.van.teller, s.van.noemer)} in cohort ${s.van.cohort}, ${procent(s.naar.teller, s.naar.noemer)} in cohort ${s.naar.cohort}`;
}

/**
 * A segment on its own, after the subject-verb inversion: with the predecessor's name "steeg het
 * aandeel in de 6e meting met ...", without it (this edition) "stijgt het aandeel met ...".
 */
function segmentTekst(s: Bekend, meting?: string): string {
  // the predecessor (named) in the past tense, this edition in the present, as the rest of the report
  const vorm = meting ? 'vt' : 'tt';
  const waar = meting ? ` in de ${meting}` : '';
  if (s.richting === 'gelijk') return `${vorm === 'vt' ? 'bleef' : 'blijft'} het aandeel${waar} ongeveer gelijk (${beide(s)})`;
  return `${veranderingWoord(s.richting, vorm)} het aandeel${waar} met ${procentpunten(s.van, s.naar)} (${vanNaar(s)})`;
}

export interface VerloopOpties {
  groep: Groep;
  eerder: Segment;
  nieuw: Segment;
  /** "6e meting", "7e meting" */
  vorige: string;
  huidige: string;
  /** Placed after a statement that rests on a suppressed value (the footnote marker). */
  markering?: string;
}

/**
 * One sentence on a series across both editions, e.g. "Bij de re-integratiekandidaten daalde
 * het aandeel in de 6e meting met 5 procentpunten (van 40% in cohort 2013 naar 35% in cohort
 * 2016); in de 7e meting zet die daling door, met 4 procentpunten (van 34% in cohort 2017 naar
 * 30% in cohort 2019)." `onderdrukt` says whether the sentence carries the marker.
 */
export function verloopZin(o: VerloopOpties): { tekst: string; onderdrukt: boolean } {
  const aanhef = GROEP_AANHEF[o.groep];
  const { eerder: e, nieuw: n } = o;
  const reden = (...s: Segment[]) => {
    const onderdrukt = s.some((x) => x.richting === 'onbekend' && x.onderdrukt);
    return { tekst: `, omdat er minder dan twee cohorten met een gepubliceerd cijfer zijn${onderdrukt ? (o.markering ?? '') : ''}`, onderdrukt };
  };
  if (e.richting === 'onbekend' && n.richting === 'onbekend') {
    const r = reden(e, n);
    return { tekst: `${aanhef} is de ontwikkeling in geen van beide metingen te bepalen${r.tekst}.`, onderdrukt: r.onderdrukt };
  }
  if (e.richting === 'onbekend') {
    const r = reden(e);
    return { tekst: `${aanhef} is de ontwikkeling in de ${o.vorige} niet te bepalen${r.tekst}; in de ${o.huidige} ${segmentTekst(n as Bekend)}.`, onderdrukt: r.onderdrukt };
  }
  const begin = `${aanhef} ${segmentTekst(e, o.vorige)}`;
  if (n.richting === 'onbekend') {
    const r = reden(n);
    return { tekst: `${begin}; of die ontwikkeling in de ${o.huidige} doorzet, is niet te bepalen${r.tekst}.`, onderdrukt: r.onderdrukt };
  }
  const h = o.huidige;
  let vervolg: string;
  switch (oordeel(e.richting, n.richting)) {
    case 'doorgezet':
      vervolg =
        n.richting === 'gelijk'
          ? `ook in de ${h} blijft het ongeveer gelijk (${beide(n)})`
          : `in de ${h} zet die ${ZN[n.richting]} door, met ${procentpunten(n.van, n.naar)} (${vanNaar(n)})`;
      break;
    case 'afgevlakt':
      vervolg = `in de ${h} komt die ${ZN[e.richting as 'stijgt' | 'daalt']} tot stilstand (${beide(n)})`;
      break;
    case 'nieuw':
      vervolg = `in de ${h} zet een ${ZN[n.richting as 'stijgt' | 'daalt']} van ${procentpunten(n.van, n.naar)} in (${vanNaar(n)})`;
      break;
    default: // omgekeerd
      vervolg = `in de ${h} slaat die ${ZN[e.richting as 'stijgt' | 'daalt']} om in een ${ZN[n.richting as 'stijgt' | 'daalt']} van ${procentpunten(n.van, n.naar)} (${vanNaar(n)})`;
  }
  return { tekst: `${begin}; ${vervolg}.`, onderdrukt: false };
}

/** A part of an overview: an outcome, a new trend's direction where known, and its series. */
type Deel = { oordeel: Exclude<Oordeel, 'nieuw'>; namen: string[] } | { oordeel: 'nieuw'; richting: 'stijgt' | 'daalt' | 'onbekend'; namen: string[] };

/**
 * The parts of an overview in the fixed order of OORDELEN, each with the names of its series;
 * new trends are split into rises and falls when every one of them has its direction. Both
 * languages word the same parts (overzichtZin, overviewSentence).
 */
function overzichtDelen<R extends { oordeel: Oordeel; nieuw?: Segment['richting'] }>(reeksen: readonly R[], naam: (r: R) => string): Deel[] {
  const delen: Deel[] = [];
  for (const o of OORDELEN) {
    const namen = reeksen.filter((r) => r.oordeel === o).map(naam);
    if (namen.length === 0) continue;
    if (o !== 'nieuw') {
      delen.push({ oordeel: o, namen });
      continue;
    }
    // Say which: a rise or a fall (the newer cohorts' direction).
    const per = (r: 'stijgt' | 'daalt') => reeksen.filter((x) => x.oordeel === 'nieuw' && x.nieuw === r).map(naam);
    const stijgt = per('stijgt');
    const daalt = per('daalt');
    if (stijgt.length + daalt.length < namen.length) delen.push({ oordeel: 'nieuw', richting: 'onbekend', namen });
    else {
      if (stijgt.length > 0) delen.push({ oordeel: 'nieuw', richting: 'stijgt', namen: stijgt });
      if (daalt.length > 0) delen.push({ oordeel: 'nieuw', richting: 'daalt', namen: daalt });
    }
  }
  return delen;
}

/**
 * One sentence that sums up the outcomes of several series for a group, in a fixed order:
 * "Bij de re-integratiekandidaten zet de ontwikkeling uit de 6e meting door bij a en b, komt
 * die tot stilstand bij c en keert die om bij d." `namen` are the series in running text.
 */
export function overzichtZin(groep: Groep, reeksen: readonly { naam: string; oordeel: Oordeel; nieuw?: Segment['richting'] }[], vorige: string): string {
  if (reeksen.length === 0) throw new InternalError('overzichtZin: no series');
  let genoemd = false;
  const onderwerp = () => {
    const s = genoemd ? 'die' : `de ontwikkeling uit de ${vorige}`;
    genoemd = true;
    return s;
  };
  const delen = overzichtDelen(reeksen, (r) => r.naam).map((d) => {
    const bij = lijst(d.namen);
    switch (d.oordeel) {
      case 'doorgezet':
        return `zet ${onderwerp()} door bij ${bij}`;
      case 'afgevlakt':
        return `komt ${onderwerp()} tot stilstand bij ${bij}`;
      case 'omgekeerd':
        return `keert ${onderwerp()} om bij ${bij}`;
      case 'nieuw':
        return d.richting === 'onbekend' ? `zet na een stabiele periode een stijging of daling in bij ${bij}` : `begint na een stabiele periode een ${ZN[d.richting]} bij ${bij}`;
      case 'onbekend':
        return `is ${onderwerp()} niet te bepalen bij ${bij}`;
    }
  });
  return `${GROEP_AANHEF[groep]} ${lijst(delen)}.`;
}

/** How an English sentence about a group begins (the Summary). */
const GROUP_OPENING: Record<Groep, string> = {
  rik: 'Among re-integration candidates',
  kv: 'Among short-stay detainees',
  totaal: 'Across both groups',
};

/**
 * overzichtZin in English, for the Summary, with the same parts in the same order:
 * "Among re-integration candidates, the trend from the 6th measurement continues for a and b; it
 * levels off for c; and it reverses for d." `reeksen` name the series in English.
 */
export function overviewSentence(groep: Groep, reeksen: readonly { name: string; oordeel: Oordeel; nieuw?: Segment['richting'] }[], previous: string): string {
  if (reeksen.length === 0) throw new InternalError('overviewSentence: no series');
  let named = false;
  const subject = () => {
    const s = named ? 'it' : `the trend from the ${previous}`;
    named = true;
    return s;
  };
  const parts = overzichtDelen(reeksen, (r) => r.name).map((d) => {
    const of = list(d.namen);
    switch (d.oordeel) {
      case 'doorgezet':
        return `${subject()} continues for ${of}`;
      case 'afgevlakt':
        return `${subject()} levels off for ${of}`;
      case 'omgekeerd':
        return `${subject()} reverses for ${of}`;
      case 'nieuw':
        return `after a stable period a ${d.richting === 'stijgt' ? 'rise' : d.richting === 'daalt' ? 'fall' : 'rise or fall'} begins for ${of}`;
      case 'onbekend':
        return `${subject()} cannot be determined for ${of}`;
    }
  });
  // The parts hold lists of their own: semicolons keep them apart.
  const joined = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('; ')}; and ${parts.at(-1)!}`;
  return `${GROUP_OPENING[groep]}, ${joined}.`;
}
