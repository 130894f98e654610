/**
 * GFM tables of the monitor, built from published rows only. A suppressed cell prints as "–";
 * the table reports that it has one, so the caption can carry the footnote that explains it.
 * A cell that does not exist (an indicator not measured at that moment) stays empty.
 *
 * Each builder returns the table without its caption; `metBijschrift` adds the caption paragraph
 * the HTML stage numbers (`Tabel: ... {#tab:id}`).
 */
import { type IndicatorDefinitie } from '../indicators/definitions.ts';
import { GROEPEN, MOMENTEN, RIK_KV, STATUSMOMENTEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { KmPunt } from '../models/km-curves.ts';
import type { GeschatModel } from '../models/uitkomst.ts';
import { NIVEAUS } from '../models/frames.ts';
import { GROEP_KORT, MOMENT_KORT, termTekst } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { decimaal, getal, procent } from '../text/format.ts';
import { intervalGetal } from '../text/wording.ts';
import { diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { nearest } from '../util/nearest.ts';

export const ONDERDRUKT = '–';

export interface Tabel {
  markdown: string;
  /** Whether a cell shows a suppressed value. */
  onderdrukt: boolean;
}

export type Uitlijning = 'l' | 'r';

/** A GFM table; pipes in cells are escaped. */
export function gfmTabel(kop: readonly string[], uitlijning: readonly Uitlijning[], rijen: readonly (readonly string[])[]): string {
  const cel = (s: string) => s.replace(/\|/g, '\\|');
  const regel = (cellen: readonly string[]) => `| ${cellen.map(cel).join(' | ')} |`;
  const scheiding = `|${uitlijning.map((u) => (u === 'r' ? '--:' : ':--')).join('|')}|`;
  return [regel(kop), scheiding, ...rijen.map(regel)].join('\n');
}

/** The table with its caption paragraph; a footnote marker is added when a cell is suppressed. */
export function metBijschrift(t: Tabel, titel: string, id: string, voetnoot = '[^onderdrukt]'): string {
  return `Tabel: ${titel}${t.onderdrukt ? voetnoot : ''} {#tab:${id}}\n\n${t.markdown}`;
}

/** Collects whether any cell was suppressed while cells are written. */
class Cellen {
  onderdrukt = false;
  /** Whole percent, "–" when suppressed, "" when the row does not exist. */
  pct(rij: Publicatie | undefined): string {
    if (!rij) return '';
    if (rij.onderdrukt || rij.teller === null || rij.noemer === null) {
      this.onderdrukt = true;
      return ONDERDRUKT;
    }
    return procent(rij.teller, rij.noemer);
  }
  /** The noemer as a count. */
  n(rij: Publicatie | undefined): string {
    if (!rij) return '';
    if (rij.onderdrukt || rij.noemer === null) {
      this.onderdrukt = true;
      return ONDERDRUKT;
    }
    return getal(rij.noemer);
  }
  /** One-decimal percentage with its noemer: "36,2 (1.234)". */
  volledig(rij: Publicatie | undefined): string {
    if (!rij) return '';
    if (rij.onderdrukt || rij.percentage === null || rij.noemer === null) {
      this.onderdrukt = true;
      return ONDERDRUKT;
    }
    return `${rij.percentage.replace('.', ',')} (${getal(rij.noemer)})`;
  }
}

function definitie(r: Resultaten, naam: string): IndicatorDefinitie {
  const d = r.definities.find((x) => x.naam === naam);
  if (!d) {
    const bijna = nearest(naam, r.definities.map((x) => x.naam));
    throw new InputError([diagnostic('tabel/onbekende-indicator', `onbekende indicator '${naam}'${bijna === undefined ? '' : `; bedoelt u '${bijna}'?`}`)]);
  }
  return d;
}

/** Indicators (rows) by meetmoment (columns) for one group and cohort, with the noemer below. */
export function momentenTabel(r: Resultaten, opties: { indicatoren: readonly string[]; groep: Groep; cohort?: string }): Tabel {
  const c = new Cellen();
  const cohort = opties.cohort ?? 'totaal';
  const defs = opties.indicatoren.map((n) => definitie(r, n));
  const momenten = STATUSMOMENTEN.filter((m) => defs.some((d) => d.momenten.includes(m)));
  const rijen = defs.map((d) => [d.label, ...momenten.map((m) => c.pct(r.indicatoren.find(d.naam, cohort, opties.groep, m)))]);
  const zelfdeNoemer = defs.every((d) => d.noemer === defs[0]!.noemer && d.bron === defs[0]!.bron);
  if (zelfdeNoemer) rijen.push(['Aantal (noemer)', ...momenten.map((m) => c.n(r.indicatoren.find(defs[0]!.naam, cohort, opties.groep, m)))]);
  const kop = ['', ...momenten.map((m) => MOMENT_KORT[m])];
  return { markdown: gfmTabel(kop, ['l', ...momenten.map(() => 'r' as const)], rijen), onderdrukt: c.onderdrukt };
}

/** One indicator at one moment: groups (rows) by cohort (columns, then totaal). */
export function cohortTabel(r: Resultaten, opties: { indicator: string; moment: Moment }): Tabel {
  const c = new Cellen();
  const cohorten = [...r.editie.cohorten.map(String), 'totaal'];
  const rijen = GROEPEN.map((g) => [GROEP_KORT[g], ...cohorten.map((k) => c.pct(r.indicatoren.find(opties.indicator, k, g, opties.moment)))]);
  const kop = ['', ...cohorten.map((k) => (k === 'totaal' ? 'Alle cohorten' : k))];
  return { markdown: gfmTabel(kop, ['l', ...cohorten.map(() => 'r' as const)], rijen), onderdrukt: c.onderdrukt };
}

/** Indicators of one moment each (rows) by group, share and noemer (the transitions). */
export function reeksTabel(r: Resultaten, opties: { reeksen: readonly { naam: string; moment: Moment }[]; cohort?: string }): Tabel {
  const c = new Cellen();
  const cohort = opties.cohort ?? 'totaal';
  const rijen = opties.reeksen.map((s) => [
    definitie(r, s.naam).label,
    ...GROEPEN.flatMap((g) => {
      const rij = r.indicatoren.find(s.naam, cohort, g, s.moment);
      return [c.pct(rij), c.n(rij)];
    }),
  ]);
  const kop = ['', ...GROEPEN.flatMap((g) => [`${GROEP_KORT[g]} %`, 'n'])];
  return { markdown: gfmTabel(kop, ['l', ...GROEPEN.flatMap(() => ['r', 'r'] as const)], rijen), onderdrukt: c.onderdrukt };
}

/** Appendix: one indicator in full, (meetmoment, groep) rows by cohort, "percentage (noemer)". */
export function bijlageTabel(r: Resultaten, indicator: string): Tabel {
  const c = new Cellen();
  const d = definitie(r, indicator);
  const cohorten = [...r.editie.cohorten.map(String), 'totaal'];
  const momenten = MOMENTEN.filter((m) => d.momenten.includes(m));
  const rijen = momenten.flatMap((m) =>
    GROEPEN.map((g) => [MOMENT_KORT[m], GROEP_KORT[g], ...cohorten.map((k) => c.volledig(r.indicatoren.find(indicator, k, g, m)))]),
  );
  const kop = ['Meetmoment', 'Groep', ...cohorten.map((k) => (k === 'totaal' ? 'Alle cohorten' : k))];
  return { markdown: gfmTabel(kop, ['l', 'l', ...cohorten.map(() => 'r' as const)], rijen), onderdrukt: c.onderdrukt };
}

function zelfdeMomenten(a: readonly Moment[], b: readonly Moment[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * The operationalisation of every indicator, from the definitions themselves. Indicators
 * measured at all status moments say "statusmomenten" (the methods text defines the word).
 * The indicators go by their names; their codes in the data files are in the appendix on the
 * data files (src/results/bestanden.ts).
 */
export function operationalisatieTabel(definities: readonly IndicatorDefinitie[]): Tabel {
  const rijen = definities.map((d) => [
    d.label,
    d.tellerTekst,
    d.noemerTekst,
    zelfdeMomenten(d.momenten, STATUSMOMENTEN) ? 'statusmomenten' : d.momenten.map((m) => MOMENT_KORT[m]).join(', '),
  ]);
  return { markdown: gfmTabel(['Indicator', 'Teller', 'Noemer', 'Meetmoment(en)'], ['l', 'l', 'l', 'l'], rijen), onderdrukt: false };
}

/** A p-value as Dutch text: "< 0,001" or three decimals. */
export function pWaarde(p: number): string {
  return p < 0.001 ? '< 0,001' : decimaal(p, 3);
}

/**
 * A model's terms: covariate, level, ratio, 95% interval, p. Each covariate starts with its
 * reference level (ratio 1), as the model used it: the first level in docs/models.md
 * ("Covariates"), or the level that replaced a reference too small to publish; `eersteCohort` is
 * the reference of `cohort`.
 */
export function modelTabel(m: GeschatModel, eersteCohort: string): Tabel {
  const referentie = (cov: string): string | undefined => {
    const wissel = m.referenties.find((x) => x.covariate === cov);
    if (wissel) return wissel.nieuw;
    if (cov === 'cohort') return eersteCohort;
    return (NIVEAUS as Record<string, readonly string[]>)[cov]?.[0];
  };
  const ratio = m.kind === 'cox' ? 'HR' : 'OR';
  const rijen: string[][] = [];
  let vorige = '';
  for (const t of m.termen) {
    const i = t.term.indexOf(':');
    const cov = i > 0 && !t.term.includes('*') ? t.term.slice(0, i) : '';
    if (cov && cov !== vorige) {
      const ref = referentie(cov);
      if (ref !== undefined) {
        // Levels too small to estimate were counted with the reference; say so in its row.
        const mee = m.samengevoegd.filter((x) => x.covariate === cov && x.reference === ref).map((x) => termTekst(`${cov}:${x.level}`).niveau);
        const naam = [termTekst(`${cov}:${ref}`).niveau, ...mee].join(' en ');
        rijen.push([termTekst(`${cov}:${ref}`).covariaat, `${naam} (referentie)`, '1', '', '']);
      }
    }
    vorige = cov;
    const { covariaat, niveau } = termTekst(t.term);
    rijen.push([covariaat, niveau, decimaal(t.ratio, 2), intervalGetal(t.ciLaag, t.ciHoog), pWaarde(t.p)]);
  }
  return { markdown: gfmTabel(['Kenmerk', 'Categorie', ratio, '95%-BI', 'p'], ['l', 'l', 'r', 'r', 'r'], rijen), onderdrukt: false };
}

/** Cumulative recidive at a few months by cohort (columns) for rik and kv (rows). */
export function kmTabel(r: Resultaten, maanden: readonly number[]): Tabel {
  const c = new Cellen();
  const cohorten = [...r.editie.cohorten.map(String), 'totaal'];
  const punt = (cohort: string, groep: Groep, maand: number): KmPunt | undefined =>
    r.modellen.km.find((p) => p.uitsplitsing === 'totaal' && p.cohort === cohort && p.groep === groep && p.maand === maand);
  const rijen = RIK_KV.flatMap((g) =>
    maanden.map((m) => [
      GROEP_KORT[g],
      `${m} mnd`,
      ...cohorten.map((k) => {
        const p = punt(k, g, m);
        if (!p) return '';
        if (p.onderdrukt || p.cumulatief === null) {
          c.onderdrukt = true;
          return ONDERDRUKT;
        }
        return `${decimaal(100 * p.cumulatief, 0)}%`;
      }),
    ]),
  );
  const kop = ['Groep', 'Na', ...cohorten.map((k) => (k === 'totaal' ? 'Alle cohorten' : k))];
  return { markdown: gfmTabel(kop, ['l', 'l', ...cohorten.map(() => 'r' as const)], rijen), onderdrukt: c.onderdrukt };
}

/** The number of uitstroom records per cohort and group: the indicator `populatie`. */
export function populatieTabel(r: Resultaten): Tabel {
  const c = new Cellen();
  const cohorten = [...r.editie.cohorten.map(String), 'totaal'];
  const rijen = GROEPEN.map((g) => [GROEP_KORT[g], ...cohorten.map((k) => c.n(r.indicatoren.find('populatie', k, g, 'uitstroom')))]);
  const kop = ['', ...cohorten.map((k) => (k === 'totaal' ? 'Alle cohorten' : k))];
  return { markdown: gfmTabel(kop, ['l', ...cohorten.map(() => 'r' as const)], rijen), onderdrukt: c.onderdrukt };
}
