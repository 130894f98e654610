/**
 * The numbers behind a chart, as a table a reader can open under the figure (WCAG 1.1.1: a
 * chart's data must be available as text). The table is made from the chart's own Vega-Lite
 * spec, the one written to `figuren/<id>.vl.json`, so it can never show other numbers than the
 * chart.
 *
 * One row per data point, one column per field the chart encodes, in the order a reader needs
 * them: what the point is (categories, moments, series), then its values. Percentages are shown
 * as the axis shows them (with one decimal more); other numbers with two decimals. Fields that
 * only steer the drawing (sort order, a label that repeats a value) are left out.
 */
import type { Element, ElementContent } from 'hast';
import { decimaal } from '../text/format.ts';
import { hoofdletter } from '../text/wording.ts';
import { InternalError } from '../util/errors.ts';
import { h, text } from '../html/hast.ts';

/** The part of a Vega-Lite spec the table reads; everything else is ignored. */
interface Encoding {
  field?: string;
  type?: string;
  title?: string | null;
  axis?: { format?: string } | null;
  legend?: { format?: string } | null;
  format?: string;
}
interface Layer {
  data?: { values?: Record<string, unknown>[] };
  encoding?: Record<string, Encoding | Encoding[] | undefined>;
  layer?: Layer[];
}

/** A column of the table: the data field, its header and how its values are written. */
export interface Kolom {
  readonly veld: string;
  readonly kop: string;
  readonly soort: 'tekst' | 'procent' | 'getal' | 'geheel';
}

export interface FiguurCijfers {
  readonly kolommen: readonly Kolom[];
  readonly rijen: readonly Record<string, unknown>[];
}

/**
 * Channels that place a data point, in the order their fields become columns: the series (a
 * line, a colour) first, as the data are grouped by it, then where the point stands.
 */
const PLAATS = ['color', 'strokeDash', 'shape', 'row', 'column', 'y', 'x', 'yOffset', 'xOffset', 'size', 'theta', 'x2', 'y2'] as const;
/** Headers for fields whose chart gives them no title (or one that fits the axis, not the field). */
const KOPPEN: Record<string, string> = {
  reeks: 'Reeks',
  categorie: 'Categorie',
  groep: 'Groep',
  term: 'Kenmerk',
  rij: 'Probleem',
  kolom: 'Samen met',
};
const ONDERGRENS = 'Ondergrens betrouwbaarheidsinterval';
const BOVENGRENS = 'Bovengrens betrouwbaarheidsinterval';

/** A channel that places a data point. */
type Kanaal = (typeof PLAATS)[number];
/** The channel an interval's far end belongs to: a field on x2 is drawn on x. */
const HOOFDKANAAL: Partial<Record<Kanaal, Kanaal>> = { x2: 'x', y2: 'y' };
const GRENS_KOP = { onder: ONDERGRENS, boven: BOVENGRENS } as const;

/** A data field the chart draws, as the table needs it. */
interface Veld {
  readonly veld: string;
  /** The channel it is drawn on (x for x2). */
  readonly kanaal: Kanaal;
  /** The title its own encoding gives it (never an interval bound's). */
  titel: string | undefined;
  readonly soort: Kolom['soort'];
  /** A field drawn from x to x2 (an interval) is the lower bound; the x2 field the upper one. */
  readonly grens: keyof typeof GRENS_KOP | undefined;
}

/**
 * The columns and rows of a chart's data. The data are the spec's own, or, in a layered chart
 * whose layers carry their own data, the largest layer's (the others are annotations such as a
 * reference line).
 */
export function figuurCijfers(spec: Layer): FiguurCijfers {
  const { rijen, encodings } = getekendeData(spec);
  const { titels, formats } = kanaalOpmaak(encodings);
  const tooltips = tooltipTitels(encodings);
  const kolommen = [...velden(encodings, formats).values()]
    // What a point is first, then its value and its interval.
    .sort((a, b) => rang(a) - rang(b))
    .map((v): Kolom => ({ veld: v.veld, kop: kop(v, titels, tooltips), soort: v.soort }));
  return { kolommen, rijen };
}

/** The data the chart draws and the encodings that draw them: the spec's own and those of layers without data of their own. */
function getekendeData(spec: Layer): { rijen: Record<string, unknown>[]; encodings: NonNullable<Layer['encoding']>[] } {
  const lagen = [spec, ...alleLagen(spec.layer ?? [])];
  const metData = lagen.filter((l) => l !== spec && l.data?.values);
  const bron = spec.data?.values ? spec : metData.sort((a, b) => b.data!.values!.length - a.data!.values!.length)[0];
  if (!bron?.data?.values) throw new InternalError('figuurCijfers: the spec has no inline data');
  const encodings = lagen.filter((l) => l === spec || l === bron || !l.data).map((l) => l.encoding ?? {});
  return { rijen: bron.data.values, encodings };
}

/** Every encoding that places a point (not a list of them), with its channel. */
function* plaatsingen(encodings: readonly NonNullable<Layer['encoding']>[]) {
  for (const enc of encodings) {
    for (const kanaal of PLAATS) {
      const e = enc[kanaal];
      if (e && !Array.isArray(e)) yield { enc, kanaal, e };
    }
  }
}

/** Each channel's title and number format, wherever a layer gives them (the last one counts). */
function kanaalOpmaak(encodings: readonly NonNullable<Layer['encoding']>[]) {
  const titels = new Map<Kanaal, string>();
  const formats = new Map<Kanaal, string>();
  for (const { kanaal, e } of plaatsingen(encodings)) {
    if (typeof e.title === 'string') titels.set(kanaal, e.title);
    const format = e.axis?.format ?? e.legend?.format;
    if (format) formats.set(kanaal, format);
  }
  return { titels, formats };
}

/** The fields the chart draws, in the order their encodings name them. */
function velden(encodings: readonly NonNullable<Layer['encoding']>[], formats: ReadonlyMap<Kanaal, string>): Map<string, Veld> {
  const gevonden = new Map<string, Veld>();
  for (const { enc, kanaal, e } of plaatsingen(encodings)) {
    if (!e.field) continue;
    const hoofd = HOOFDKANAAL[kanaal] ?? kanaal;
    const grens = HOOFDKANAAL[kanaal] ? 'boven' : enc[`${kanaal}2`] ? 'onder' : undefined;
    const titel = typeof e.title === 'string' && !grens ? e.title : undefined;
    const bestaand = gevonden.get(e.field);
    if (bestaand) {
      bestaand.titel ??= titel;
      continue;
    }
    const format = e.axis?.format ?? e.legend?.format ?? formats.get(hoofd) ?? '';
    // An interval's far end has no type of its own: it is its near end's number.
    const kwantitatief = e.type === 'quantitative' || (e.type === undefined && grens === 'boven');
    gevonden.set(e.field, { veld: e.field, kanaal: hoofd, titel, soort: soort(kwantitatief, format), grens });
  }
  return gevonden;
}

function soort(kwantitatief: boolean, format: string): Kolom['soort'] {
  if (!kwantitatief) return 'tekst';
  if (format.includes('%')) return 'procent';
  return format === 'd' ? 'geheel' : 'getal';
}

/** Tooltips name fields the axes leave untitled ("Reeks"). */
function tooltipTitels(encodings: readonly NonNullable<Layer['encoding']>[]): Map<string, string> {
  const titels = new Map<string, string>();
  for (const enc of encodings) {
    for (const t of [enc.tooltip ?? []].flat()) if (t.field && typeof t.title === 'string') titels.set(t.field, t.title);
  }
  return titels;
}

/** A column's header: the field's own title, else its tooltip's, a fixed one, its axis's, or its name. */
function kop(v: Veld, kanaalTitels: ReadonlyMap<Kanaal, string>, tooltips: ReadonlyMap<string, string>): string {
  if (v.grens) return GRENS_KOP[v.grens];
  return v.titel ?? tooltips.get(v.veld) ?? KOPPEN[v.veld] ?? zonderSchaal(kanaalTitels.get(v.kanaal)) ?? hoofdletter(v.veld);
}

function rang(v: Veld): number {
  if (v.soort === 'tekst' || v.soort === 'geheel') return 0;
  return v.grens === 'onder' ? 2 : v.grens === 'boven' ? 3 : 1;
}

function alleLagen(lagen: readonly Layer[]): Layer[] {
  return lagen.flatMap((l) => [l, ...alleLagen(l.layer ?? [])]);
}

/** "Hazard ratio (logaritmische schaal)" -> "Hazard ratio": the scale is the axis's, not the number's. */
function zonderSchaal(titel: string | undefined): string | undefined {
  return titel?.replace(/\s*\([^)]*schaal\)\s*$/, '');
}

/** A value as the table writes it (Dutch notation); a missing value is a dash. */
export function celTekst(waarde: unknown, soort: Kolom['soort']): string {
  if (waarde === null || waarde === undefined || waarde === '') return '–';
  if (soort === 'tekst' || typeof waarde !== 'number') return String(waarde);
  if (soort === 'procent') return `${decimaal(waarde * 100, 1)}%`;
  if (soort === 'geheel' || Number.isInteger(waarde)) return String(waarde);
  return decimaal(waarde, 2);
}

/**
 * The openable table under a figure: `<details>` with a summary that names the figure, and a
 * table with a caption, column headers and, per row, the first column as the row's header.
 */
export function figuurTabel(cijfers: FiguurCijfers, nummer: string, bijschrift: string): Element {
  const { kolommen, rijen } = cijfers;
  // Numbers are right-aligned (web.css); the class only where it applies.
  const klasse = (k: Kolom) => (k.soort === 'tekst' ? {} : { className: ['getal'] });
  const kop = h('thead', {}, [h('tr', {}, kolommen.map((k) => h('th', { scope: 'col', dataVeld: k.veld, ...klasse(k) }, [text(k.kop)])))]);
  const body = h(
    'tbody',
    {},
    rijen.map((rij) =>
      h(
        'tr',
        {},
        kolommen.map((k, i): ElementContent => {
          const inhoud = [text(celTekst(rij[k.veld], k.soort))];
          return i === 0 ? h('th', { scope: 'row', ...klasse(k) }, inhoud) : h('td', klasse(k), inhoud);
        }),
      ),
    ),
  );
  const tabel = h('table', { className: ['figuurcijfers'] }, [h('caption', {}, [text(`Cijfers bij figuur ${nummer}: ${bijschrift}`)]), kop, body]);
  return h('details', { className: ['cijfers'] }, [
    h('summary', {}, [text(`Cijfers bij figuur ${nummer} (tabel)`)]),
    // webTabellen (bewerk.ts) puts it in a scroll box, as every other table.
    tabel,
  ]);
}
