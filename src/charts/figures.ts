/**
 * The monitor's figures, built from the published results. Each builder returns a Figuur whose
 * data are published (disclosure-controlled) rows only; a suppressed value is left out of the
 * chart and said in the source line's note. Builders are generic (one indicator by moment, a
 * trend across cohorts, ...); `figuren` at the bottom lists the figures the chapters use, and
 * follows the edition: a basisvoorwaarde it does not measure gets no figure.
 */
import { problemenVoor, STATUSMOMENTEN, HUISVESTING, type Groep, type Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { GeschatModel, KmPunt } from '../models/run.ts';
import type { ModelNaam } from '../models/frames.ts';
import { bronregisters, GROEP_KORT, MOMENT_KORT, NIVEAU_TEKST, PROBLEEM_TEKST, termTekst, UITSPLITSING_TEKST } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischLabel } from '../results/synthetisch.ts';
import type { Figuur } from './render.ts';
import { GROEP_KLEUREN, KLEUREN } from './style.ts';
import { procent } from '../text/format.ts';
import { lijst, telwoord } from '../text/wording.ts';

/** The figures, each carrying the synthetic-data label in the chart itself when the extracts are synthetic. */
export function metSynthetischLabel(r: Resultaten, figuren: Figuur[]): Figuur[] {
  const label = synthetischLabel(r.extractie.bron);
  return label ? figuren.map((f) => ({ ...f, label: label.kop })) : figuren;
}

/** A chart's source line; with synthetic extracts it says so (src/results/synthetisch.ts). */
export function bronregel(r: Resultaten): string {
  const synthetisch = synthetischLabel(r.extractie.bron)?.bronToevoeging ?? '';
  return `Bron: ${r.editie.titel}, ${r.editie.nummer}e meting${synthetisch}; bewerking van ${lijst(bronregisters(r.editie.basisvoorwaarden))}`;
}

export const ONDERDRUKT_NOOT = 'Een ontbrekend punt of staafje is niet gepubliceerd omdat het op te weinig personen berust';

function bron(r: Resultaten, onderdrukt: boolean): string {
  return onderdrukt ? `${bronregel(r)}. ${ONDERDRUKT_NOOT}` : bronregel(r);
}

/**
 * Whole percent for text alternatives, rounded once from the counts as the text and tables do
 * (not from the published one-decimal percentage: 9.46% is "9%", where 9.5 rounded again is 10).
 */
function pctTekst(rij: Publicatie & { teller: number; noemer: number }): string {
  return procent(rij.teller, rij.noemer);
}

const GROEPEN_RK: Groep[] = ['rik', 'kv'];
const DASH: number[][] = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [12, 4], [4, 2, 1, 2], [1, 3]];
const VORMEN = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'stroke'];

/** Colour, dash and shape scales for a few series, so each stays apart in greyscale. */
export function reeksEncoding(veld: string, domein: string[], kleuren: readonly string[], legendaTitel: string | null = null) {
  return {
    color: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: kleuren.slice(0, domein.length) } },
    strokeDash: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: DASH.slice(0, domein.length) } },
    shape: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: VORMEN.slice(0, domein.length) } },
  };
}

interface Punt {
  reeks: string;
  x: string;
  volgorde: number;
  aandeel: number;
}

/** Lines of shares: x ordinal, one line per series. */
function lijnen(values: Punt[], opties: { xTitel: string; xVolgorde: string[]; reeksen: string[]; kleuren: readonly string[]; yMax?: number }) {
  return {
    data: { values },
    width: 420,
    height: 220,
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'x', type: 'ordinal' as const, sort: opties.xVolgorde, title: opties.xTitel },
      y: {
        field: 'aandeel',
        type: 'quantitative' as const,
        title: 'Aandeel',
        axis: { format: '.0%' },
        scale: { domain: [0, opties.yMax ?? 1] },
      },
      ...reeksEncoding('reeks', opties.reeksen, opties.kleuren),
      tooltip: [{ field: 'reeks', title: 'Reeks' }, { field: 'x', title: opties.xTitel }, { field: 'aandeel', title: 'Aandeel', format: '.1%' }],
    },
  };
}

/** Upper end of the y axis: the next 10% above the largest share (at least 10%). */
export function yMax(values: { aandeel: number }[]): number {
  const max = Math.max(0, ...values.map((v) => v.aandeel));
  return Math.min(1, Math.max(0.1, Math.ceil((max + 0.02) * 10) / 10));
}

function gepubliceerd(rij: Publicatie | undefined): rij is Publicatie & { percentage: string; teller: number; noemer: number } {
  return rij !== undefined && !rij.onderdrukt && rij.percentage !== null && rij.teller !== null && rij.noemer !== null;
}

/**
 * The indicator rows of one figure: `rij` gives a row only when it is published, and remembers
 * meeting a suppressed one, so that `bron()` adds the suppression note to the source line.
 */
function opzoeker(r: Resultaten) {
  let onderdrukt = false;
  return {
    rij(indicator: string, cohort: string, groep: Groep, moment: Moment) {
      const rij = r.indicatoren.find(indicator, cohort, groep, moment);
      if (rij?.onderdrukt) onderdrukt = true;
      return gepubliceerd(rij) ? rij : undefined;
    },
    bron: () => bron(r, onderdrukt),
  };
}

/** One status indicator by meetmoment, rik against kv, pooled cohorts. */
function indicatorPerMoment(
  r: Resultaten,
  opties: { id: string; indicator: string; titel: string; alt: string; momenten?: readonly Moment[] },
): Figuur {
  const momenten = opties.momenten ?? STATUSMOMENTEN;
  const rijen = opzoeker(r);
  const values: Punt[] = GROEPEN_RK.flatMap((groep) =>
    momenten.flatMap((moment, volgorde) => {
      const rij = rijen.rij(opties.indicator, 'totaal', groep, moment);
      if (!rij) return [];
      return [{ reeks: GROEP_KORT[groep], x: MOMENT_KORT[moment], volgorde, aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  const eerste = rijen.rij(opties.indicator, 'totaal', 'rik', momenten[0]!);
  const laatste = rijen.rij(opties.indicator, 'totaal', 'rik', momenten[momenten.length - 1]!);
  const samenvatting =
    eerste && laatste
      ? ` Bij re-integratiekandidaten ${pctTekst(eerste)} op het eerste en ${pctTekst(laatste)} op het laatste meetmoment.`
      : '';
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt + samenvatting,
    bron: rijen.bron(),
    spec: lijnen(values, {
      xTitel: 'Meetmoment',
      xVolgorde: momenten.map((m) => MOMENT_KORT[m]),
      reeksen: GROEPEN_RK.map((g) => GROEP_KORT[g]),
      kleuren: GROEPEN_RK.map((g) => GROEP_KLEUREN[g]),
      yMax: yMax(values),
    }),
  };
}

/** Several indicators of one group by meetmoment (e.g. werk, uitkering, opleiding for rik). */
function indicatorenPerMoment(
  r: Resultaten,
  opties: { id: string; indicatoren: { naam: string; label: string }[]; groep: Groep; titel: string; alt: string },
): Figuur {
  const rijen = opzoeker(r);
  const values: Punt[] = opties.indicatoren.flatMap((ind) =>
    STATUSMOMENTEN.flatMap((moment, volgorde) => {
      const rij = rijen.rij(ind.naam, 'totaal', opties.groep, moment);
      if (!rij) return [];
      return [{ reeks: ind.label, x: MOMENT_KORT[moment], volgorde, aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: lijnen(values, {
      xTitel: 'Meetmoment',
      xVolgorde: STATUSMOMENTEN.map((m) => MOMENT_KORT[m]),
      reeksen: opties.indicatoren.map((i) => i.label),
      kleuren: KLEUREN,
      yMax: yMax(values),
    }),
  };
}

/** Indicators across cohorts for one group at one moment each: the trends. */
function trendPerCohort(
  r: Resultaten,
  opties: { id: string; reeksen: { naam: string; moment: Moment; label: string }[]; groep: Groep; titel: string; alt: string },
): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const rijen = opzoeker(r);
  const values: Punt[] = opties.reeksen.flatMap((s) =>
    cohorten.flatMap((cohort, volgorde) => {
      const rij = rijen.rij(s.naam, cohort, opties.groep, s.moment);
      if (!rij) return [];
      return [{ reeks: s.label, x: cohort, volgorde, aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: lijnen(values, {
      xTitel: 'Uitstroomcohort',
      xVolgorde: cohorten,
      reeksen: opties.reeksen.map((s) => s.label),
      kleuren: KLEUREN,
      yMax: yMax(values),
    }),
  };
}

interface Staaf {
  categorie: string;
  groep: string;
  aandeel: number;
  /** The printed value, rounded from the counts exactly as the text rounds it. */
  label: string;
}

/** Grouped horizontal bars: one bar per category and group (rik, kv), with the value printed. */
function groepStaven(values: Staaf[], categorieen: string[], categorieTitel: string) {
  const groepen = GROEPEN_RK.map((g) => GROEP_KORT[g]);
  return {
    data: { values },
    width: 380,
    encoding: {
      // category labels are whole phrases ('geen geldig ID bij uitstroom'): do not cut them off
      y: { field: 'categorie', type: 'nominal' as const, sort: categorieen, title: categorieTitel, axis: { labelLimit: 320 } },
      yOffset: { field: 'groep', type: 'nominal' as const, sort: groepen },
      x: { field: 'aandeel', type: 'quantitative' as const, title: 'Aandeel', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
    layer: [
      {
        mark: { type: 'bar' as const, stroke: '#222222', strokeWidth: 0.5 },
        encoding: {
          color: {
            field: 'groep',
            type: 'nominal' as const,
            title: null,
            scale: { domain: groepen, range: GROEPEN_RK.map((g) => GROEP_KLEUREN[g]) },
          },
          tooltip: [{ field: 'categorie' }, { field: 'groep' }, { field: 'aandeel', format: '.1%' }],
        },
      },
      {
        mark: { type: 'text' as const, align: 'left' as const, dx: 3 },
        // the label field, not a format of aandeel: d3 would round 14.5% down, the text rounds half up
        encoding: { text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}

/** Indicators of one moment each as grouped bars for rik and kv (the transitions, ID). */
function indicatorStaven(
  r: Resultaten,
  opties: { id: string; reeksen: { naam: string; moment: Moment; label: string }[]; cohort?: string; titel: string; alt: string; categorieTitel?: string },
): Figuur {
  const rijen = opzoeker(r);
  const values: Staaf[] = opties.reeksen.flatMap((s) =>
    GROEPEN_RK.flatMap((groep) => {
      const rij = rijen.rij(s.naam, opties.cohort ?? 'totaal', groep, s.moment);
      if (!rij) return [];
      return [{ categorie: s.label, groep: GROEP_KORT[groep], aandeel: Number(rij.percentage) / 100, label: procent(rij.teller, rij.noemer) }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: groepStaven(values, opties.reeksen.map((s) => s.label), opties.categorieTitel ?? ''),
  };
}

/** One indicator at one moment by cohort, rik and kv as grouped bars. */
function indicatorPerCohort(
  r: Resultaten,
  opties: { id: string; indicator: string; moment: Moment; titel: string; alt: string },
): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const rijen = opzoeker(r);
  const values: Staaf[] = cohorten.flatMap((cohort) =>
    GROEPEN_RK.flatMap((groep) => {
      const rij = rijen.rij(opties.indicator, cohort, groep, opties.moment);
      if (!rij) return [];
      return [{ categorie: cohort, groep: GROEP_KORT[groep], aandeel: Number(rij.percentage) / 100, label: procent(rij.teller, rij.noemer) }];
    }),
  );
  return { id: opties.id, titel: opties.titel, alt: opties.alt, bron: rijen.bron(), spec: groepStaven(values, cohorten, 'Uitstroomcohort') };
}

/** The housing categories by meetmoment for one group, as 100% stacked bars. */
function huisvestingGestapeld(r: Resultaten, opties: { id: string; groep: Groep; titel: string; alt: string }): Figuur {
  const labels = HUISVESTING.map((h) => NIVEAU_TEKST[h] ?? h);
  const rijen = opzoeker(r);
  const values = HUISVESTING.flatMap((h, i) =>
    STATUSMOMENTEN.flatMap((moment) => {
      const rij = rijen.rij(`huisvesting_${h}`, 'totaal', opties.groep, moment);
      if (!rij) return [];
      return [{ categorie: labels[i]!, volgorde: i, meetmoment: MOMENT_KORT[moment], aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  // Seven categories need seven colours; light and dark alternate so neighbours differ in grey.
  const kleuren = ['#0b4f8a', '#56b4e9', '#009e73', '#f0e442', '#cc79a7', '#e69f00', '#d55e00'];
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: {
      data: { values },
      width: 420,
      height: 220,
      mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'meetmoment', type: 'ordinal', sort: STATUSMOMENTEN.map((m) => MOMENT_KORT[m]), title: 'Meetmoment' },
        y: { field: 'aandeel', type: 'quantitative', stack: 'zero', title: 'Aandeel', axis: { format: '.0%' } },
        color: { field: 'categorie', type: 'nominal', title: null, sort: labels, scale: { domain: labels, range: kleuren }, legend: { columns: 4 } },
        order: { field: 'volgorde', type: 'quantitative' },
        tooltip: [{ field: 'categorie' }, { field: 'meetmoment' }, { field: 'aandeel', format: '.1%' }],
      },
    },
  };
}

/** The distribution of the number of problems (0 up to as many as the edition measures) for rik and kv. */
function problemenVerdeling(r: Resultaten, opties: { id: string; titel: string; alt: string }): Figuur {
  const rijen = opzoeker(r);
  const aantallen = Array.from({ length: problemenVoor(r.editie.basisvoorwaarden).length + 1 }, (_, k) => k);
  const groepen = GROEPEN_RK.map((g) => GROEP_KORT[g]);
  const values = aantallen.flatMap((k) =>
    GROEPEN_RK.flatMap((groep) => {
      const rij = rijen.rij(`problemen_${k}`, 'totaal', groep, '1m_na');
      if (!rij) return [];
      return [{ aantal: String(k), groep: GROEP_KORT[groep], aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: {
      data: { values },
      width: 420,
      height: 220,
      mark: { type: 'bar', stroke: '#222222', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'aantal', type: 'ordinal', sort: aantallen.map(String), title: 'Aantal problemen' },
        xOffset: { field: 'groep', type: 'nominal', sort: groepen },
        y: { field: 'aandeel', type: 'quantitative', title: 'Aandeel', axis: { format: '.0%' } },
        color: { field: 'groep', type: 'nominal', title: null, scale: { domain: groepen, range: GROEPEN_RK.map((g) => GROEP_KLEUREN[g]) } },
        tooltip: [{ field: 'aantal' }, { field: 'groep' }, { field: 'aandeel', format: '.1%' }],
      },
    },
  };
}

/** Co-occurrence of the edition's problems: the share with both problems of each pair, one group. */
function samenhangMatrix(r: Resultaten, opties: { id: string; groep: Groep; titel: string; alt: string }): Figuur {
  const problemen = problemenVoor(r.editie.basisvoorwaarden);
  const labels = problemen.map((p) => PROBLEEM_TEKST[p]!);
  const rijen = opzoeker(r);
  const values = problemen.flatMap((a, i) =>
    problemen.slice(i + 1).flatMap((b) => {
      const rij = rijen.rij(`samen_${a}_${b}`, 'totaal', opties.groep, '1m_na');
      if (!rij) return [];
      return [{ rij: PROBLEEM_TEKST[a]!, kolom: PROBLEEM_TEKST[b]!, aandeel: Number(rij.percentage) / 100, label: procent(rij.teller, rij.noemer) }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: rijen.bron(),
    spec: {
      data: { values },
      width: 320,
      height: 260,
      encoding: {
        y: { field: 'rij', type: 'nominal', sort: labels.slice(0, -1), title: null },
        x: { field: 'kolom', type: 'nominal', sort: labels.slice(1), title: null, axis: { labelAngle: -30, orient: 'top', labelLimit: 200 } },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: '#ffffff' },
          encoding: {
            color: {
              field: 'aandeel',
              type: 'quantitative',
              title: 'Aandeel met beide',
              scale: { scheme: 'greys', domain: [0, yMax(values)] },
              legend: { format: '.0%', orient: 'right' },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'label', type: 'nominal' },
            color: { condition: { test: `datum.aandeel > ${yMax(values) / 2}`, value: '#ffffff' }, value: '#000000' },
          },
        },
      ],
    },
  };
}

interface KmWaarde {
  reeks: string;
  maand: number;
  cumulatief: number;
  laag: number;
  hoog: number;
}

const KM_LEGENDA = { columns: 3, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300, symbolOpacity: 1, titleLimit: 400 };

/** Cumulative recidive by month with its 95% band, one line per series. */
function kmSpec(values: KmWaarde[], reeksen: string[], legendaTitel: string) {
  return {
    data: { values },
    width: 420,
    height: 240,
    encoding: {
      x: { field: 'maand', type: 'quantitative' as const, title: 'Maanden na uitstroom', scale: { domain: [0, 24] }, axis: { values: [0, 6, 12, 18, 24] } },
    },
    layer: [
      {
        mark: { type: 'area' as const, fillOpacity: 0.15 },
        encoding: {
          y: { field: 'laag', type: 'quantitative' as const, title: 'Cumulatieve recidive', axis: { format: '.0%' }, scale: { domain: [0, yMax(values.map((v) => ({ aandeel: v.hoog })))] } },
          y2: { field: 'hoog' },
          color: {
            field: 'reeks',
            type: 'nominal' as const,
            title: legendaTitel,
            scale: { domain: reeksen, range: KLEUREN.slice(0, reeksen.length) },
          },
        },
      },
      {
        mark: { type: 'line' as const, interpolate: 'step-after' as const, point: false },
        encoding: {
          y: { field: 'cumulatief', type: 'quantitative' as const },
          // One legend for colour and dash, drawn as line samples, so series stay apart in grey.
          color: { ...reeksEncoding('reeks', reeksen, KLEUREN, legendaTitel).color, legend: KM_LEGENDA },
          strokeDash: { ...reeksEncoding('reeks', reeksen, KLEUREN, legendaTitel).strokeDash, legend: KM_LEGENDA },
          tooltip: [{ field: 'reeks' }, { field: 'maand' }, { field: 'cumulatief', format: '.1%' }],
        },
      },
    ],
  };
}

function kmWaarden(punten: readonly KmPunt[], reeks: (p: KmPunt) => string | null): { values: KmWaarde[]; onderdrukt: boolean } {
  let onderdrukt = false;
  const values: KmWaarde[] = [];
  for (const p of punten) {
    const naam = reeks(p);
    if (naam === null) continue;
    if (p.onderdrukt || p.cumulatief === null || p.ciLaag === null || p.ciHoog === null) {
      onderdrukt = true;
      continue;
    }
    values.push({ reeks: naam, maand: p.maand, cumulatief: p.cumulatief, laag: p.ciLaag, hoog: p.ciHoog });
  }
  return { values, onderdrukt };
}

/** Kaplan–Meier: cumulative recidive by cohort for one group. */
function kmPerCohort(r: Resultaten, opties: { id: string; groep: Groep; titel: string; alt: string }): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const { values, onderdrukt } = kmWaarden(r.modellen.km, (p) =>
    p.uitsplitsing === 'totaal' && p.groep === opties.groep && cohorten.includes(p.cohort) ? p.cohort : null,
  );
  return { id: opties.id, titel: opties.titel, alt: opties.alt, bron: bron(r, onderdrukt), spec: kmSpec(values, cohorten, 'Cohort') };
}

/** Kaplan–Meier: cumulative recidive of rik by the categories of one breakdown. */
function kmPerStatus(
  r: Resultaten,
  opties: { id: string; uitsplitsing: 'id' | 'activiteit' | 'huisvesting' | 'wanbetaler'; categorieen: readonly string[]; titel: string; alt: string },
): Figuur {
  const labels = opties.categorieen.map((c) => NIVEAU_TEKST[c] ?? c);
  const { values, onderdrukt } = kmWaarden(r.modellen.km, (p) => {
    if (p.uitsplitsing !== opties.uitsplitsing || p.cohort !== 'totaal' || p.groep !== 'rik') return null;
    const i = opties.categorieen.indexOf(p.categorie);
    return i < 0 ? null : labels[i]!;
  });
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: bron(r, onderdrukt),
    spec: kmSpec(values, labels, UITSPLITSING_TEKST[opties.uitsplitsing] ?? 'Categorie'),
  };
}

/** The estimated model, or undefined when it was suppressed or failed. */
export function geschatModel(r: Resultaten, naam: ModelNaam): GeschatModel | undefined {
  const m = r.modellen.modellen.find((x) => x.model === naam);
  return m?.status === 'geschat' ? m : undefined;
}

/** Forest plot: each term's ratio with its 95% interval on a log scale, reference line at 1. */
function forest(r: Resultaten, opties: { id: string; model: ModelNaam; titel: string; alt: string; ratio: string }): Figuur | undefined {
  const m = geschatModel(r, opties.model);
  if (!m) return undefined;
  const termen = m.termen.filter((t) => t.term !== '(Intercept)');
  const values = termen.map((t, i) => {
    const { covariaat, niveau } = termTekst(t.term);
    return { term: niveau ? `${covariaat}: ${niveau}` : covariaat, volgorde: i, ratio: t.ratio, laag: t.ciLaag, hoog: t.ciHoog };
  });
  const lo = Math.min(...values.map((v) => v.laag), 1);
  const hi = Math.max(...values.map((v) => v.hoog), 1);
  const termY = { field: 'term', type: 'nominal' as const, sort: values.map((v) => v.term), title: null, axis: { labelLimit: 0 } };
  const domein = [Math.pow(2, Math.floor(Math.log2(lo) * 2) / 2), Math.pow(2, Math.ceil(Math.log2(hi) * 2) / 2)];
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: bronregel(r),
    spec: {
      data: { values },
      width: 300,
      height: { step: 16 },
      layer: [
        {
          mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] },
          data: { values: [{ een: 1 }] },
          encoding: { x: { field: 'een', type: 'quantitative' } },
        },
        {
          mark: { type: 'rule', color: KLEUREN[0] },
          encoding: {
            x: { field: 'laag', type: 'quantitative', scale: { type: 'log', domain: domein }, title: opties.ratio, axis: { format: '.2~f' } },
            x2: { field: 'hoog' },
            y: termY,
          },
        },
        {
          mark: { type: 'point', filled: true, shape: 'square', color: KLEUREN[0], size: 40 },
          encoding: {
            x: { field: 'ratio', type: 'quantitative' },
            y: termY,
            tooltip: [{ field: 'term' }, { field: 'ratio', format: '.2f' }, { field: 'laag', format: '.2f' }, { field: 'hoog', format: '.2f' }],
          },
        },
      ],
    },
  };
}

/** Whether the edition measured a basisvoorwaarde (it covers it and its indicators exist). */
export function gemeten(r: Resultaten, thema: string): boolean {
  return r.definities.some((d) => d.thema === thema);
}

/** Every figure of the monitor, in the order the chapters use them. */
export function figuren(r: Resultaten): Figuur[] {
  const f: (Figuur | undefined)[] = [];
  const rik = GROEP_KORT.rik;
  if (gemeten(r, 'id')) {
    f.push(
      trendPerCohort(r, {
        id: 'id-per-cohort',
        groep: 'rik',
        reeksen: [
          { naam: 'id_geen_geldig', moment: 'uitstroom', label: 'geen geldig ID (van wie bekend)' },
          { naam: 'id_onbekend', moment: 'uitstroom', label: 'ID-status onbekend' },
        ],
        titel: `ID-bewijs bij uitstroom per cohort, ${rik}`,
        alt: 'Lijndiagram per uitstroomcohort van het aandeel zonder geldig identiteitsbewijs (onder wie de status bekend is) en van het aandeel van wie de status onbekend is.',
      }),
      indicatorStaven(r, {
        id: 'id-instroom-uitstroom',
        reeksen: [
          { naam: 'id_geen_geldig', moment: 'instroom', label: 'geen geldig ID bij instroom' },
          { naam: 'id_geen_geldig', moment: 'uitstroom', label: 'geen geldig ID bij uitstroom' },
          { naam: 'id_verkregen', moment: 'instroom-uitstroom', label: 'ID verkregen tijdens detentie' },
        ],
        titel: 'Geldig identiteitsbewijs bij instroom en uitstroom',
        alt: 'Staafdiagram van het aandeel zonder geldig identiteitsbewijs bij instroom en bij uitstroom en van het aandeel dat tijdens detentie een geldig identiteitsbewijs kreeg, voor re-integratiekandidaten en kortverblijvenden.',
      }),
    );
  }
  if (gemeten(r, 'werk_inkomen')) {
    f.push(
      indicatorenPerMoment(r, {
        id: 'werk-uitkering-opleiding-rik',
        groep: 'rik',
        indicatoren: [
          { naam: 'werk', label: 'werk' },
          { naam: 'uitkering', label: 'uitkering' },
          { naam: 'opleiding', label: 'opleiding' },
        ],
        titel: `Werk, uitkering en opleiding per meetmoment, ${rik}`,
        alt: 'Lijndiagram van de aandelen re-integratiekandidaten met werk, met een uitkering en in een opleiding, van 6 maanden voor tot 24 maanden na detentie.',
      }),
      indicatorPerMoment(r, {
        id: 'werk-per-meetmoment',
        indicator: 'werk',
        titel: 'Aandeel met werk per meetmoment, re-integratiekandidaten en kortverblijvenden',
        alt: 'Lijndiagram van het aandeel met werk van 6 maanden voor tot 24 maanden na detentie, met een lijn voor re-integratiekandidaten en een voor kortverblijvenden.',
      }),
      indicatorPerMoment(r, {
        id: 'geen-inkomen-per-meetmoment',
        indicator: 'geen_inkomen',
        titel: 'Aandeel zonder geregistreerd inkomen per meetmoment, re-integratiekandidaten en kortverblijvenden',
        alt: 'Lijndiagram van het aandeel zonder geregistreerd inkomen van 6 maanden voor tot 24 maanden na detentie, met een lijn voor re-integratiekandidaten en een voor kortverblijvenden.',
      }),
      indicatorPerMoment(r, {
        id: 'geen-dagbesteding-per-meetmoment',
        indicator: 'geen_dagbesteding',
        titel: 'Aandeel zonder dagbesteding (geen werk en geen opleiding) per meetmoment',
        alt: 'Lijndiagram van het aandeel zonder werk en zonder opleiding van 6 maanden voor tot 24 maanden na detentie, voor re-integratiekandidaten en kortverblijvenden.',
      }),
      indicatorPerCohort(r, {
        id: 'startkwalificatie-per-cohort',
        indicator: 'geen_startkwalificatie',
        moment: 'uitstroom',
        titel: 'Aandeel zonder startkwalificatie per cohort',
        alt: 'Staafdiagram van het aandeel zonder startkwalificatie per uitstroomcohort, voor re-integratiekandidaten en kortverblijvenden.',
      }),
    );
  }
  if (gemeten(r, 'huisvesting')) {
    f.push(
      huisvestingGestapeld(r, {
        id: 'huisvesting-rik',
        groep: 'rik',
        titel: `Woonsituatie per meetmoment, ${rik}`,
        alt: 'Gestapeld staafdiagram van de woonsituatie van re-integratiekandidaten per meetmoment: alleenstaand, met partner, bij ouders, met anderen, in een instelling, op een briefadres of nergens ingeschreven.',
      }),
      indicatorPerMoment(r, {
        id: 'niet-ingeschreven-per-meetmoment',
        indicator: 'niet_ingeschreven',
        titel: 'Aandeel niet op een adres ingeschreven per meetmoment',
        alt: 'Lijndiagram van het aandeel dat niet op een woon- of instellingsadres staat ingeschreven, van 6 maanden voor tot 24 maanden na detentie, voor re-integratiekandidaten en kortverblijvenden.',
      }),
    );
  }
  if (gemeten(r, 'schulden')) {
    f.push(
      indicatorPerMoment(r, {
        id: 'wanbetaler-per-meetmoment',
        indicator: 'wanbetaler',
        titel: 'Aandeel geregistreerd als wanbetaler van de zorgverzekering per meetmoment',
        alt: 'Lijndiagram van het aandeel dat als wanbetaler van de zorgverzekering staat geregistreerd, van 6 maanden voor tot 24 maanden na detentie, voor re-integratiekandidaten en kortverblijvenden.',
      }),
    );
  }
  if (gemeten(r, 'zorg')) {
    f.push(
      indicatorPerMoment(r, {
        id: 'ggz-per-meetmoment',
        indicator: 'zorg_ggz',
        titel: 'Aandeel in de geestelijke gezondheidszorg per meetmoment',
        alt: 'Lijndiagram van het aandeel in behandeling in de geestelijke gezondheidszorg van 6 maanden voor tot 24 maanden na detentie, voor re-integratiekandidaten en kortverblijvenden.',
      }),
      indicatorPerMoment(r, {
        id: 'verslavingszorg-per-meetmoment',
        indicator: 'zorg_verslavingszorg',
        titel: 'Aandeel in de verslavingszorg per meetmoment',
        alt: 'Lijndiagram van het aandeel in behandeling in de verslavingszorg van 6 maanden voor tot 24 maanden na detentie, voor re-integratiekandidaten en kortverblijvenden.',
      }),
    );
  }
  f.push(
    trendPerCohort(r, {
      id: 'trends-per-cohort',
      groep: 'rik',
      reeksen: [
        ...(gemeten(r, 'werk_inkomen') ? [{ naam: 'geen_inkomen', moment: '1m_na' as const, label: 'geen geregistreerd inkomen' }, { naam: 'werk', moment: '1m_na' as const, label: 'werk' }] : []),
        ...(gemeten(r, 'huisvesting') ? [{ naam: 'niet_ingeschreven', moment: '1m_na' as const, label: 'niet ingeschreven' }] : []),
        ...(gemeten(r, 'schulden') ? [{ naam: 'wanbetaler_jaar_na', moment: '12m_na' as const, label: 'wanbetaler in het jaar na' }] : []),
      ],
      titel: `Kerncijfers na detentie per cohort, ${rik}`,
      alt: 'Lijndiagram per uitstroomcohort van de aandelen re-integratiekandidaten zonder geregistreerd inkomen, met werk en niet op een adres ingeschreven een maand na detentie, en geregistreerd als wanbetaler in het jaar na detentie.',
    }),
    indicatorStaven(r, {
      id: 'transities',
      reeksen: [
        ...(gemeten(r, 'werk_inkomen')
          ? [
              { naam: 'baan_behouden', moment: '1m_voor-1m_na' as const, label: 'baan behouden' },
              { naam: 'baan_gevonden', moment: '1m_voor-1m_na' as const, label: 'baan gevonden' },
            ]
          : []),
        ...(gemeten(r, 'huisvesting')
          ? [
              { naam: 'adres_verloren', moment: '1m_voor-1m_na' as const, label: 'adres verloren' },
              { naam: 'adres_gevonden', moment: '1m_voor-1m_na' as const, label: 'adres gevonden' },
            ]
          : []),
        ...(gemeten(r, 'id') ? [{ naam: 'id_verkregen', moment: 'instroom-uitstroom' as const, label: 'ID verkregen' }] : []),
      ],
      titel: 'Veranderingen tijdens en na detentie',
      alt: `Staafdiagram van de veranderingen tussen een maand voor en een maand na detentie (baan behouden of gevonden, adres verloren of gevonden)${gemeten(r, 'id') ? ' en tussen instroom en uitstroom (ID verkregen)' : ''}, voor re-integratiekandidaten en kortverblijvenden.`,
    }),
    trendPerCohort(r, {
      id: 'transities-per-cohort',
      groep: 'rik',
      reeksen: [
        ...(gemeten(r, 'werk_inkomen') ? [{ naam: 'baan_behouden', moment: '1m_voor-1m_na' as const, label: 'baan behouden' }] : []),
        ...(gemeten(r, 'huisvesting') ? [{ naam: 'adres_verloren', moment: '1m_voor-1m_na' as const, label: 'adres verloren' }] : []),
        ...(gemeten(r, 'id') ? [{ naam: 'id_verkregen', moment: 'instroom-uitstroom' as const, label: 'ID verkregen' }] : []),
      ],
      titel: `Veranderingen per cohort, ${rik}`,
      alt: `Lijndiagram per uitstroomcohort van het aandeel dat zijn baan behield${gemeten(r, 'id') ? ', het aandeel dat zijn adres verloor en het aandeel dat tijdens detentie een geldig identiteitsbewijs kreeg' : ' en het aandeel dat zijn adres verloor'}.`,
    }),
    problemenVerdeling(r, {
      id: 'aantal-problemen',
      titel: 'Aantal problemen op de basisvoorwaarden een maand na detentie',
      alt: `Staafdiagram van de verdeling van het aantal problemen (nul tot ${telwoord(problemenVoor(r.editie.basisvoorwaarden).length)}) op de basisvoorwaarden, voor re-integratiekandidaten en kortverblijvenden.`,
    }),
    samenhangMatrix(r, {
      id: 'samenhang-problemen',
      groep: 'rik',
      titel: `Samen voorkomen van problemen, ${rik}`,
      alt: `Matrix met voor elk paar van de ${telwoord(problemenVoor(r.editie.basisvoorwaarden).length)} problemen het aandeel re-integratiekandidaten dat beide problemen heeft; donkerder is een groter aandeel.`,
    }),
    indicatorPerCohort(r, {
      id: 'recidive-per-cohort',
      indicator: 'recidive_2j',
      moment: '24m_na',
      titel: 'Recidive binnen twee jaar per cohort',
      alt: 'Staafdiagram van het aandeel dat binnen twee jaar na uitstroom opnieuw een delict pleegde, per uitstroomcohort, voor re-integratiekandidaten en kortverblijvenden.',
    }),
    kmPerCohort(r, {
      id: 'km-per-cohort',
      groep: 'rik',
      titel: `Cumulatieve recidive per maand na uitstroom, per cohort, ${rik}`,
      alt: 'Kaplan–Meiercurven van de cumulatieve recidive per maand tot twee jaar na uitstroom, met een lijn en een 95%-betrouwbaarheidsband per uitstroomcohort.',
    }),
    kmPerCohort(r, {
      id: 'km-kortverblijvenden',
      groep: 'kv',
      titel: `Cumulatieve recidive per maand na uitstroom, per cohort, ${GROEP_KORT.kv}`,
      alt: 'Kaplan–Meiercurven van de cumulatieve recidive van kortverblijvenden per maand tot twee jaar na uitstroom, per uitstroomcohort.',
    }),
    ...(gemeten(r, 'id')
      ? [
        kmPerStatus(r, {
          id: 'km-id',
          uitsplitsing: 'id',
          categorieen: ['geldig', 'ongeldig', 'onbekend'],
          titel: `Cumulatieve recidive naar ID-bewijs bij uitstroom, ${rik}`,
          alt: 'Kaplan–Meiercurven van de cumulatieve recidive tot twee jaar na uitstroom voor re-integratiekandidaten met een geldig, een ongeldig en een onbekend identiteitsbewijs.',
        }),
        ]
      : []),
    kmPerStatus(r, {
      id: 'km-activiteit',
      uitsplitsing: 'activiteit',
      categorieen: ['geen', 'werk', 'opleiding', 'uitkering'],
      titel: `Cumulatieve recidive naar activiteit een maand na detentie, ${rik}`,
      alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten met werk, in een opleiding, met een uitkering, of zonder een van deze.',
    }),
    kmPerStatus(r, {
      id: 'km-huisvesting',
      uitsplitsing: 'huisvesting',
      categorieen: HUISVESTING,
      titel: `Cumulatieve recidive naar woonsituatie een maand na detentie, ${rik}`,
      alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten naar woonsituatie een maand na detentie.',
    }),
    kmPerStatus(r, {
      id: 'km-wanbetaler',
      uitsplitsing: 'wanbetaler',
      categorieen: ['nee', 'ja'],
      titel: `Cumulatieve recidive naar registratie als wanbetaler, ${rik}`,
      alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten die wel en die niet als wanbetaler van hun zorgverzekering stonden geregistreerd.',
    }),
    forest(r, {
      id: 'forest-cox-basis',
      model: 'cox_basis',
      ratio: 'Hazard ratio (logaritmische schaal)',
      titel: `Samenhang van kenmerken een maand na detentie met recidive (Cox-model), ${rik}`,
      alt: 'Forest plot van de hazard ratio’s van het basismodel met hun 95%-betrouwbaarheidsintervallen; een waarde boven 1 betekent een grotere recidivekans dan in de referentiecategorie.',
    }),
    forest(r, {
      id: 'forest-cox-interactie',
      model: 'cox_interactie',
      ratio: 'Hazard ratio (logaritmische schaal)',
      titel: `Cox-model met interacties, ${rik}`,
      alt: 'Forest plot van de hazard ratio’s van het model met interacties, met hun 95%-betrouwbaarheidsintervallen.',
    }),
    forest(r, {
      id: 'forest-landmark',
      model: 'cox_landmark_6m',
      ratio: 'Hazard ratio (logaritmische schaal)',
      titel: 'Stabiel werk en wonen en recidive na zes maanden (landmarkmodel)',
      alt: 'Forest plot van de hazard ratio’s van het landmarkmodel: dezelfde baan en hetzelfde woonadres een en zes maanden na detentie, met de controlevariabelen.',
    }),
    forest(r, {
      id: 'forest-werk',
      model: 'logit_werk_6m',
      ratio: 'Odds ratio (logaritmische schaal)',
      titel: `Kans op werk zes maanden na detentie (logistische regressie), ${rik}`,
      alt: 'Forest plot van de odds ratio’s van het werkmodel met hun 95%-betrouwbaarheidsintervallen; een waarde boven 1 betekent een grotere kans op werk.',
    }),
  );
  return metSynthetischLabel(r, f.filter((x): x is Figuur => x !== undefined).map(bijschriftNaarInhoud));
}

/**
 * The series a chart's legend names (the domain of its colour scale) and the field that holds
 * them, wherever in the (layered) spec the colour encoding sits.
 */
export function legendaReeksen(spec: unknown): { veld: string; domein: string[] } | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const o = spec as Record<string, unknown>;
  const kleur = (o.encoding as Record<string, unknown> | undefined)?.color as { field?: string; scale?: { domain?: unknown } } | undefined;
  if (kleur?.field && Array.isArray(kleur.scale?.domain) && kleur.scale.domain.every((d) => typeof d === 'string'))
    return { veld: kleur.field, domein: kleur.scale.domain as string[] };
  for (const sub of [...((o.layer as unknown[]) ?? []), ...((o.vconcat as unknown[]) ?? []), ...((o.hconcat as unknown[]) ?? [])]) {
    const g = legendaReeksen(sub);
    if (g) return g;
  }
  return undefined;
}

/** The data points a chart draws (its top-level inline data). */
function getekendePunten(spec: unknown): Record<string, unknown>[] {
  const data = (spec as { data?: { values?: unknown } }).data;
  return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : [];
}

/**
 * A caption never promises what the chart does not show: when every value of a series is
 * suppressed, the series is not drawn, so a title that names it (a group: "re-integratiekandidaten
 * en kortverblijvenden") drops its name and the text alternative says that it is missing and why.
 */
function bijschriftNaarInhoud(f: Figuur): Figuur {
  const legenda = legendaReeksen(f.spec);
  if (!legenda) return f;
  const punten = getekendePunten(f.spec);
  const ontbrekend = legenda.domein.filter((d) => !punten.some((p) => p[legenda.veld] === d));
  if (ontbrekend.length === 0) return f;
  const getoond = legenda.domein.filter((d) => !ontbrekend.includes(d));
  let { titel, alt } = f;
  for (const weg of ontbrekend) {
    for (const blijft of getoond) {
      for (const [a, b] of [[weg, blijft], [blijft, weg]] as const) {
        titel = titel.replace(`${a} en ${b}`, blijft);
        alt = alt.replace(`met een lijn voor ${a} en een voor ${b}`, `met een lijn voor ${blijft}`).replace(`${a} en ${b}`, blijft);
      }
    }
    titel = titel.replace(new RegExp(`,\\s*${weg}$`), '');
  }
  const noot =
    getoond.length === 0
      ? ' Alle cijfers van deze figuur zijn onderdrukt omdat zij op te weinig personen berusten; de figuur toont geen gegevens.'
      : ` Niet getoond: ${lijst(ontbrekend)}; ${ontbrekend.length === 1 ? 'alle cijfers van deze reeks zijn' : 'alle cijfers van deze reeksen zijn'} onderdrukt omdat zij op te weinig personen berusten.`;
  return { ...f, titel, alt: alt + noot };
}
