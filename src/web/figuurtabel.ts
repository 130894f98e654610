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

/**
 * The columns and rows of a chart's data. The data are the spec's own, or, in a layered chart
 * whose layers carry their own data, the largest layer's (the others are annotations such as a
 * reference line).
 */
export function figuurCijfers(spec: Layer): FiguurCijfers {
  const lagen = [spec, ...alleLagen(spec.layer ?? [])];
  const metData = lagen.filter((l) => l !== spec && l.data?.values);
  const bron = spec.data?.values ? spec : metData.sort((a, b) => b.data!.values!.length - a.data!.values!.length)[0];
  if (!bron?.data?.values) throw new Error('figuurCijfers: the spec has no inline data');
  // The encodings that draw these data: the spec's own and those of layers without data of their own.
  const encodings = lagen.filter((l) => l === spec || l === bron || !l.data).map((l) => l.encoding ?? {});

  interface Veld { veld: string; kanaal: string; titel?: string; kanaalTitel?: string; soort: Kolom['soort']; grens?: 'onder' | 'boven' }
  const velden = new Map<string, Veld>();
  const kanaalTitel = new Map<string, string>();
  const kanaalFormat = new Map<string, string>();
  for (const enc of encodings) {
    for (const kanaal of PLAATS) {
      const e = enc[kanaal];
      if (!e || Array.isArray(e)) continue;
      if (typeof e.title === 'string') kanaalTitel.set(kanaal, e.title);
      const format = e.axis?.format ?? e.legend?.format;
      if (format) kanaalFormat.set(kanaal, format);
    }
  }
  for (const enc of encodings) {
    for (const kanaal of PLAATS) {
      const e = enc[kanaal];
      if (!e || Array.isArray(e) || !e.field) continue;
      const hoofd = kanaal === 'x2' ? 'x' : kanaal === 'y2' ? 'y' : kanaal;
      // A field drawn from x to x2 (an interval) is the lower bound; the x2 field the upper one.
      const grens = kanaal === 'x2' || kanaal === 'y2' ? 'boven' : enc[`${kanaal}2`] ? 'onder' : undefined;
      const bestaand = velden.get(e.field);
      if (bestaand) {
        if (typeof e.title === 'string' && bestaand.titel === undefined && !grens) bestaand.titel = e.title;
        continue;
      }
      const format = e.axis?.format ?? e.legend?.format ?? kanaalFormat.get(hoofd) ?? '';
      const kwantitatief = e.type === 'quantitative' || (e.type === undefined && (kanaal === 'x2' || kanaal === 'y2'));
      velden.set(e.field, {
        veld: e.field,
        kanaal: hoofd,
        ...(typeof e.title === 'string' && !grens ? { titel: e.title } : {}),
        ...(kanaalTitel.has(hoofd) ? { kanaalTitel: kanaalTitel.get(hoofd)! } : {}),
        soort: !kwantitatief ? 'tekst' : format.includes('%') ? 'procent' : format === 'd' ? 'geheel' : 'getal',
        ...(grens ? { grens } : {}),
      });
    }
  }
  // Tooltips name fields the axes leave untitled ("Reeks").
  const tooltipTitels = new Map<string, string>();
  for (const enc of encodings) {
    const tip = enc.tooltip;
    for (const t of Array.isArray(tip) ? tip : tip ? [tip] : []) if (t.field && typeof t.title === 'string') tooltipTitels.set(t.field, t.title);
  }

  const kolommen = [...velden.values()]
    // What a point is first, then its value and its interval.
    .sort((a, b) => rang(a) - rang(b))
    .map((v): Kolom => ({
      veld: v.veld,
      kop:
        v.grens === 'onder' ? ONDERGRENS
        : v.grens === 'boven' ? BOVENGRENS
        : (v.titel ?? tooltipTitels.get(v.veld) ?? KOPPEN[v.veld] ?? zonderSchaal(v.kanaalTitel) ?? hoofdletter(v.veld)),
      soort: v.soort,
    }));
  return { kolommen, rijen: bron.data.values };
}

function rang(v: { soort: Kolom['soort']; grens?: string }): number {
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

function hoofdletter(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
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
