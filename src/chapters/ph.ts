/**
 * The test of proportional hazards in the text: the table per Cox model (appendix), the
 * hazard ratios per period of a covariate that fails the test, and the sentence that says an
 * association changes over time (docs/models.md, "Proportional hazards"). Everything is worded
 * from the results: which covariates fail, their p-values and their ratios per period.
 */
import type { GeschatModel } from '../models/uitkomst.ts';
import { PH_ALFA, PH_GLOBAL, type PhToets } from '../models/zph.ts';
import { PERIODEN, type Periode, type Tijdsplitsing } from '../models/tijdsplitsing.ts';
import { COVARIAAT_TEKST, INTERACTIE_TEKST, termTekst } from '../vocabulary/labels.ts';
import { decimaal } from '../text/format.ts';
import { gfmTabel, pWaarde, type Tabel } from './tables.ts';
import { intervalGetal, lijst } from '../text/wording.ts';

/** How a sentence names a covariate or interaction ("de samenhang met ..."). */
const ONDERWERP: Record<string, string> = {
  id: 'het identiteitsbewijs bij uitstroom',
  activiteit: 'werk, opleiding of uitkering',
  huisvesting: 'de woonsituatie',
  wanbetaler: 'een registratie als wanbetaler',
  startkwalificatie: 'de startkwalificatie',
  geslacht: 'geslacht',
  leeftijd: 'leeftijd',
  eerdere_zaken: 'het aantal eerdere strafzaken',
  detentieduur: 'de detentieduur',
  cohort: 'het cohort',
  zelfde_baan: 'dezelfde baan houden',
  stabiel_wonen: 'op hetzelfde woonadres blijven',
};

/** The name of a PH row for a sentence. */
function phOnderwerp(term: string): string {
  const interactie = INTERACTIE_TEKST[term];
  if (interactie) return `de interactie ${interactie.toLocaleLowerCase('nl')}`;
  return ONDERWERP[term] ?? term;
}

/** The name of a PH row in a table. */
function phLabel(term: string): string {
  if (term === PH_GLOBAL) return 'Alle kenmerken samen (globaal)';
  const interactie = INTERACTIE_TEKST[term];
  if (interactie) return `Interactie ${interactie.toLocaleLowerCase('nl')}`;
  return COVARIAAT_TEKST[term] ?? term;
}

/** The threshold as text: "0,01". */
export const PH_ALFA_TEKST = decimaal(PH_ALFA, 2);

/** "p < 0,001" or "p = 0,004". */
function pZin(p: number): string {
  const t = pWaarde(p);
  return t.startsWith('<') ? `p ${t}` : `p = ${t}`;
}

/** The rows of a model's test whose covariate fails it (not GLOBAL), in table order. */
export function phFalend(m: GeschatModel, termen?: readonly string[]): PhToets[] {
  return m.ph.filter((r) => r.term !== PH_GLOBAL && r.p < PH_ALFA && (!termen || termen.includes(r.term)));
}

/** The appendix table of a model's test: covariate, chi-squared, degrees of freedom, p. */
export function phTabel(m: GeschatModel): Tabel {
  const rijen = m.ph.map((r) => [phLabel(r.term), decimaal(r.chisq, 2), String(r.df), pWaarde(r.p)]);
  return { markdown: gfmTabel(['Kenmerk', 'Chi²', 'Vrijheidsgraden', 'p'], ['l', 'r', 'r', 'r'], rijen), onderdrukt: false };
}

/** Where a model's follow-up starts, for "de follow-up, die ... begint". */
const BEGIN: Record<GeschatModel['moment'], string> = {
  '1m_na': 'een maand na uitstroom',
  '6m_na': 'zes maanden na uitstroom',
};

const PERIODE_KOP: Record<Periode, string> = { '0-6m': 'eerste zes maanden', '6-24m': 'daarna' };

/** The estimated splits of a model. */
function geschatteSplitsingen(m: GeschatModel): Extract<Tijdsplitsing, { status: 'geschat' }>[] {
  return m.tijdsplitsingen.filter((t): t is Extract<Tijdsplitsing, { status: 'geschat' }> => t.status === 'geschat');
}

/** The appendix table of the ratios per period: one row per level of a split covariate. */
export function periodeTabel(m: GeschatModel): Tabel {
  const rijen: string[][] = [];
  for (const s of geschatteSplitsingen(m)) {
    const basistermen = [...new Set(s.termen.map((t) => t.basisterm))];
    for (const b of basistermen) {
      const { covariaat, niveau } = termTekst(b);
      const cellen = PERIODEN.flatMap((per) => {
        const t = s.termen.find((x) => x.basisterm === b && x.periode === per)!;
        return [decimaal(t.ratio, 2), intervalGetal(t.ciLaag, t.ciHoog)];
      });
      rijen.push([covariaat, niveau, ...cellen]);
    }
  }
  const kop = ['Kenmerk', 'Categorie', `HR ${PERIODE_KOP['0-6m']}`, '95%-BI', `HR ${PERIODE_KOP['6-24m']}`, '95%-BI'];
  return { markdown: gfmTabel(kop, ['l', 'l', 'r', 'r', 'r', 'r'], rijen), onderdrukt: false };
}

/**
 * The ratios per period of a split covariate in a sentence: "Voor X is de hazard ratio 0,85
 * (0,73–0,98) in de eerste zes maanden en 0,43 (0,35–0,54) daarna." or, for several levels,
 * "Voor X zijn de hazard ratio's per categorie: werk 0,85 (...) in de eerste zes maanden en
 * 0,43 (...) daarna; opleiding ...".
 */
function periodeZin(s: Extract<Tijdsplitsing, { status: 'geschat' }>): string {
  const basistermen = [...new Set(s.termen.map((t) => t.basisterm))];
  const deel = (b: string) => {
    const [vroeg, laat] = PERIODEN.map((per) => s.termen.find((x) => x.basisterm === b && x.periode === per)!);
    return `${decimaal(vroeg!.ratio, 2)} (${intervalGetal(vroeg!.ciLaag, vroeg!.ciHoog)}) in de eerste zes maanden en ${decimaal(laat!.ratio, 2)} (${intervalGetal(laat!.ciLaag, laat!.ciHoog)}) daarna`;
  };
  if (basistermen.length === 1) return `Voor ${phOnderwerp(s.covariaat)} is de hazard ratio ${deel(basistermen[0]!)}.`;
  return `Voor ${phOnderwerp(s.covariaat)} zijn de hazard ratio's per categorie: ${basistermen.map((b) => `${termTekst(b).niveau} ${deel(b)}`).join('; ')}.`;
}

/** The number of ratios (model columns) of the given PH rows. */
function aantalRatios(rows: readonly PhToets[]): number {
  return rows.reduce((n, r) => n + r.df, 0);
}

/**
 * The sentence for the chapter text after the ratios of `termen` (covariates or interactions)
 * of model m: for those that fail the test, that the association changes over time and that
 * the ratios are an average over the follow-up, referring to the table of ratios per period
 * (`tabel`) or saying that those could not be published. Starts with a space, to follow the
 * paragraph's last sentence; empty when none fails.
 */
export function phZin(m: GeschatModel, termen: readonly string[], tabel: string): string {
  const falend = phFalend(m, termen);
  if (falend.length === 0) return '';
  const wie = lijst(falend.map((r) => phOnderwerp(r.term)));
  const ps = lijst(falend.map((r) => pZin(r.p)));
  const meervoud = aantalRatios(falend) > 1;
  const gesplitst = falend.filter((r) => m.tijdsplitsingen.some((t) => t.covariaat === r.term && t.status === 'geschat'));
  const verwijzing =
    gesplitst.length === falend.length
      ? `[@tab:${tabel}] in de bijlage geeft de hazard ratio's apart voor de eerste zes maanden van de follow-up en voor de tijd daarna`
      : gesplitst.length === 0
        ? "hazard ratio's per periode zijn niet te publiceren (zie de bijlage)"
        : `[@tab:${tabel}] in de bijlage geeft de hazard ratio's per periode voor ${lijst(gesplitst.map((r) => phOnderwerp(r.term)))}`;
  return (
    ` De samenhang met ${wie} verandert in de loop van de follow-up (toets op proportionele hazards: ${ps}). ` +
    `${meervoud ? "De hazard ratio's hierboven zijn daarom gemiddelden" : 'De hazard ratio hierboven is daarom een gemiddelde'} over de hele follow-up; ${verwijzing}.`
  );
}

/**
 * The appendix text under a model's test: which covariates fail it (p below the threshold),
 * that their association changes over time, and their ratios per period; or that none fails.
 */
export function phBijlageTekst(m: GeschatModel, tabel: string): string {
  const falend = phFalend(m);
  if (falend.length === 0) {
    return `Bij geen van de kenmerken wijst de toets op een samenhang die in de loop van de follow-up verandert (alle p-waarden ten minste ${PH_ALFA_TEKST}).`;
  }
  const zinnen: string[] = [];
  const wie = lijst(falend.map((r) => phOnderwerp(r.term)));
  const ps = lijst(falend.map((r) => pZin(r.p)));
  const meervoud = aantalRatios(falend) > 1;
  zinnen.push(
    `Bij ${wie} wijst de toets op een samenhang die in de loop van de follow-up verandert (${ps}; de grens is p < ${PH_ALFA_TEKST}). ` +
      `De follow-up begint ${BEGIN[m.moment]}; ${meervoud ? "de hazard ratio's in de modeltabel zijn daar gemiddelden" : 'de hazard ratio in de modeltabel is daar een gemiddelde'} over de hele follow-up.`,
  );
  const geschat = geschatteSplitsingen(m);
  if (geschat.length > 0) {
    zinnen.push(
      `[@Tab:${tabel}] geeft de hazard ratio's apart voor de eerste zes maanden van de follow-up en voor de tijd daarna, ` +
        'uit hetzelfde model waarin alleen dat kenmerk per periode een eigen ratio heeft.',
    );
    for (const s of geschat) zinnen.push(periodeZin(s));
  }
  for (const s of m.tijdsplitsingen) {
    if (s.status !== 'geschat') zinnen.push(`Voor ${phOnderwerp(s.covariaat)} zijn de hazard ratio's per periode niet gepubliceerd (zie de noot).`);
  }
  return zinnen.join(' ');
}

/** Whether a model has an estimated split to show in a table. */
export function heeftPeriodeTabel(m: GeschatModel): boolean {
  return geschatteSplitsingen(m).length > 0;
}
