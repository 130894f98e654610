/**
 * A small, hand-made fixture edition for the chapter and chart tests: published indicator rows
 * for two cohorts without the zorg extract (so care is "not measured"), one suppressed cell,
 * three estimated models and one suppressed model, and Kaplan–Meier points. The numbers follow
 * a fixed formula, so the goldens change only when code or templates change.
 *
 * `wijzig` lets a test change single rows (e.g. reverse a trend) before the table is built.
 */
import { readFileSync } from 'node:fs';
import { parseerEditie } from '../../src/edition/edition.ts';
import { indicatorenVoor } from '../../src/indicators/definitions.ts';
import type { Publicatie } from '../../src/indicators/disclosure.ts';
import { percentage } from '../../src/indicators/disclosure.ts';
import type { KmPunt } from '../../src/models/km-curves.ts';
import type { ModelResults } from '../../src/models/run.ts';
import type { GeschatModel, OnderdruktModel } from '../../src/models/uitkomst.ts';
import { wald } from '../../src/models/wald.ts';
import { pchisqUpper } from '../../src/models/chisq.ts';
import { IndicatorTabel, type Resultaten } from '../../src/results/results.ts';

/**
 * The fixture edition: the committed 6th meting with two cohorts and another number, so the
 * fixture follows the edition schema as it evolves.
 */
export function fixtureEditie(zorg = false) {
  return parseerEditie(
    {
      ...(JSON.parse(readFileSync(new URL('../../editions/6e-meting/editie.json', import.meta.url), 'utf8')) as Record<string, unknown>),
      nummer: 9,
      ondertitel: 'Testeditie: uitstroomcohorten 2013–2014',
      cohorten: [2013, 2014],
      recidive_afdoeningen: ['veroordeling', 'strafbeschikking'],
      // Without zorg unless asked: the edition then names it as not measured.
      ...(zorg ? {} : { basisvoorwaarden: ['id', 'werk_inkomen', 'huisvesting', 'schulden'], niet_gemeten: { zorg: 'er geen gegevens over zorg waren' } }),
    },
    'fixture',
  );
}

const FIXTURE_EDITIE = fixtureEditie();

/** A stable number in 0..n-1 from a string. */
function hash(s: string, n: number): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 100003;
  return h % n;
}

function rij(indicator: string, cohort: string, groep: 'rik' | 'kv' | 'totaal', moment: string, teller: number, noemer: number): Publicatie {
  return { indicator, cohort, groep, moment: moment as Publicatie['moment'], teller, noemer, percentage: percentage(teller, noemer), onderdrukt: false };
}

export type Wijziging = (r: Publicatie) => Publicatie;

/** Indicator rows: rik and kv per cohort from a formula, totals as sums (as the real table). */
export function fixtureRijen(wijzig: Wijziging = (r) => r, zorg = false): Publicatie[] {
  const definities = indicatorenVoor(fixtureEditie(zorg).basisvoorwaarden, zorg);
  const rijen: Publicatie[] = [];
  for (const d of definities) {
    for (const moment of d.momenten) {
      const delen: Publicatie[] = [];
      for (const cohort of FIXTURE_EDITIE.cohorten.map(String)) {
        for (const groep of ['rik', 'kv'] as const) {
          let noemer = 400 + hash(`${d.naam}${cohort}${groep}${moment}n`, 200);
          const p = 0.1 + hash(`${d.naam}${groep}${moment}`, 50) / 100 + (cohort === '2014' ? 0.03 : 0);
          let teller = Math.round(noemer * p);
          // Everyone who left counts in the populatie, more than in any indicator's noemer.
          if (d.naam === 'populatie') noemer = teller = 1000 + hash(`${cohort}${groep}`, 200);
          if (d.naam === 'problemen_5' && groep === 'kv') teller = 4;
          delen.push(wijzig(rij(d.naam, cohort, groep, moment, teller, noemer)));
        }
      }
      const som = (xs: Publicatie[]) => ({ t: xs.reduce((a, x) => a + (x.teller ?? 0), 0), n: xs.reduce((a, x) => a + (x.noemer ?? 0), 0) });
      const perCohort = FIXTURE_EDITIE.cohorten.map(String).flatMap((cohort) => {
        const s = som(delen.filter((x) => x.cohort === cohort));
        return [rij(d.naam, cohort, 'totaal', moment, s.t, s.n)];
      });
      const totaal = (['rik', 'kv'] as const).map((g) => {
        const s = som(delen.filter((x) => x.groep === g));
        return rij(d.naam, 'totaal', g, moment, s.t, s.n);
      });
      const alles = som(delen);
      rijen.push(...delen, ...perCohort, ...totaal, rij(d.naam, 'totaal', 'totaal', moment, alles.t, alles.n));
    }
  }
  // Suppress the small cell (primary) and, as the real control would, its row's partner.
  return rijen.map((r) =>
    r.indicator === 'problemen_5' && r.groep !== 'rik' ? { ...r, teller: null, noemer: null, percentage: null, onderdrukt: true } : r,
  );
}

const TERMEN_BASIS = [
  'id:ongeldig', 'id:onbekend', 'activiteit:werk', 'activiteit:opleiding', 'activiteit:uitkering',
  'huisvesting:met_partner', 'huisvesting:bij_ouders', 'huisvesting:met_anderen', 'huisvesting:instelling',
  'huisvesting:briefadres', 'huisvesting:geen_inschrijving', 'wanbetaler:ja', 'startkwalificatie:nee',
  'startkwalificatie:onbekend', 'geslacht:v', 'leeftijd:18-24', 'leeftijd:35-44', 'leeftijd:45+',
  'eerdere_zaken:1-2', 'eerdere_zaken:3-5', 'eerdere_zaken:6-10', 'eerdere_zaken:11+', 'cohort:2014',
];

/**
 * The PH test of a fixture Cox model: one row per covariate (and interaction), chisq from the
 * formula, plus GLOBAL; `falend` covariates get a large chisq (p < 0.01) and a time split.
 */
function phVan(naam: string, termen: string[], falend: readonly string[]): Pick<GeschatModel, 'ph' | 'tijdsplitsingen'> {
  const groepen = new Map<string, string[]>();
  for (const t of termen) {
    const cov = t.includes('*') ? t : t.slice(0, t.indexOf(':'));
    groepen.set(cov, [...(groepen.get(cov) ?? []), t]);
  }
  const ph = [...groepen].map(([term, ts]) => {
    const chisq = falend.includes(term) ? 20 + hash(`${naam}${term}`, 10) : 0.5 + hash(`${naam}${term}`, 40) / 10;
    return { term, chisq, df: ts.length, p: pchisqUpper(chisq, ts.length) };
  });
  const totaal = ph.reduce((a, r) => a + r.chisq, 0);
  const df = ph.reduce((a, r) => a + r.df, 0);
  const tijdsplitsingen = falend.map((cov) => ({
    covariaat: cov,
    status: 'geschat' as const,
    termen: groepen.get(cov)!.flatMap((t) =>
      (['0-6m', '6-24m'] as const).map((periode, i) => ({
        ...wald(`${t}@${periode}`, (hash(`${t}${periode}`, 120) - 60) / 100 - (i === 0 ? 0.3 : 0), 0.06 + hash(`${t}${periode}se`, 10) / 100),
        basisterm: t,
        periode,
      })),
    ),
  }));
  return { ph: [...ph, { term: 'GLOBAL', chisq: totaal, df, p: pchisqUpper(totaal, df) }], tijdsplitsingen };
}

function model(naam: GeschatModel['model'], kind: 'cox' | 'logit', termen: string[], falend: readonly string[] = []): GeschatModel {
  return {
    model: naam,
    kind,
    moment: '1m_na',
    status: 'geschat',
    n: 1234,
    events: 567,
    loglik: -1000,
    termen: termen.map((t) => wald(t, (hash(t, 120) - 60) / 100, 0.05 + hash(`${t}se`, 10) / 100)),
    referenties: [],
    samengevoegd: [],
    weggelaten: [],
    ...(kind === 'cox' ? phVan(naam, termen, falend) : { ph: [], tijdsplitsingen: [] }),
  };
}

function fixtureModellen(): ModelResults {
  const onderdrukt: OnderdruktModel = { model: 'cox_landmark_6m', kind: 'cox', moment: '6m_na', status: 'onderdrukt', regel: 'gebeurtenissen_onder_drempel' };
  const km: KmPunt[] = [];
  const punt = (uitsplitsing: KmPunt['uitsplitsing'], categorie: string, cohort: string, groep: 'rik' | 'kv', basis: number) => {
    for (let maand = 1; maand <= 24; maand++) {
      const c = basis * (1 - Math.exp(-maand / 8));
      km.push({ uitsplitsing, categorie, cohort, groep, maand, atRisk: 500 - maand * 10, cumulatief: c, ciLaag: c - 0.03, ciHoog: c + 0.03, onderdrukt: false });
    }
  };
  for (const cohort of [...FIXTURE_EDITIE.cohorten.map(String), 'totaal']) for (const g of ['rik', 'kv'] as const) punt('totaal', 'totaal', cohort, g, g === 'rik' ? 0.55 : 0.6);
  const cats: Record<string, string[]> = {
    id: ['geldig', 'ongeldig', 'onbekend'],
    activiteit: ['geen', 'werk', 'opleiding', 'uitkering'],
    huisvesting: ['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen', 'instelling', 'briefadres', 'geen_inschrijving'],
    wanbetaler: ['nee', 'ja'],
  };
  for (const [u, cs] of Object.entries(cats)) cs.forEach((c, i) => punt(u as KmPunt['uitsplitsing'], c, 'totaal', 'rik', 0.4 + i * 0.04));
  return {
    drempel: 10,
    cohorten: FIXTURE_EDITIE.cohorten.map(String),
    modellen: [
      model('cox_basis', 'cox', TERMEN_BASIS, ['activiteit']),
      model('cox_interactie', 'cox', [...TERMEN_BASIS, 'geslacht:v*geen_adres', 'inkomen*wanbetaler:ja', 'inkomen*veel_eerdere_zaken']),
      onderdrukt,
      model('logit_werk_6m', 'logit', ['(Intercept)', ...TERMEN_BASIS.filter((t) => !t.startsWith('activiteit')), 'werk_1m_voor:ja']),
    ],
    km,
    // Three delayed months of a small curve (the appendix counts them).
    kmOnderdrukkingen: [22, 23, 24].map((maand) => ({ uitsplitsing: 'huisvesting', categorie: 'instelling', cohort: 'totaal', groep: 'rik', maand, regel: 'vertraagd' as const })),
    noten: [
      {
        model: 'cox_landmark_6m',
        soort: 'onderdrukt',
        reden: 'gebeurtenissen_onder_drempel',
        tekst: 'Het landmarkmodel is niet gepubliceerd: te weinig gebeurtenissen.',
      },
    ],
  };
}

/**
 * What a test makes of one model term: a ratio whose 95% interval lies above 1 (`groter`),
 * below 1 (`kleiner`), or contains 1 with the point estimate above or below 1 (`gelijk-boven`,
 * `gelijk-onder`); or the term merged into its reference category (`samengevoegd`; an
 * interaction, which has no level to merge, is then absent from the model).
 */
export type TermGeval = 'groter' | 'kleiner' | 'gelijk-boven' | 'gelijk-onder' | 'samengevoegd';

/** coef and se of each case: groter 1,50 (1,23–1,83), kleiner 0,67 (0,55–0,82), gelijk 1,05 (0,93–1,19) / 0,95 (0,84–1,08). */
const TERM_GEVALLEN: Record<Exclude<TermGeval, 'samengevoegd'>, { coef: number; se: number }> = {
  groter: { coef: Math.log(1.5), se: 0.1 },
  kleiner: { coef: Math.log(2 / 3), se: 0.1 },
  'gelijk-boven': { coef: Math.log(1.05), se: 0.065 },
  'gelijk-onder': { coef: Math.log(0.95), se: 0.065 },
};

/** The landmark model estimated (the default fixture has it suppressed), for wording tests. */
function landmarkModel(): GeschatModel {
  return {
    ...model('cox_landmark_6m', 'cox', ['zelfde_baan:ja', 'stabiel_wonen:ja', 'geslacht:v', 'leeftijd:18-24', 'eerdere_zaken:1-2', 'cohort:2014']),
    moment: '6m_na',
    n: 750,
    events: 210,
  };
}

/**
 * Set model terms as a test asks: `termen` maps "model|term" to a case. A model named there that
 * the fixture has suppressed (the landmark model) is estimated.
 */
function metTermen(modellen: ModelResults, termen: Readonly<Record<string, TermGeval>>): ModelResults {
  const sleutels = Object.keys(termen);
  const nodig = new Set(sleutels.map((k) => k.slice(0, k.indexOf('|'))));
  const lijst = modellen.modellen.map((m) => (m.status !== 'geschat' && m.model === 'cox_landmark_6m' && nodig.has(m.model) ? landmarkModel() : m));
  return {
    ...modellen,
    noten: modellen.noten.filter((n) => !(nodig.has(n.model) && n.soort === 'onderdrukt')),
    modellen: lijst.map((m) => {
      if (m.status !== 'geschat') return m;
      let uit: GeschatModel = m;
      for (const k of sleutels) {
        const [naam, term] = k.split('|') as [string, string];
        if (naam !== m.model) continue;
        if (!uit.termen.some((t) => t.term === term)) throw new Error(`fixture: model ${naam} heeft geen term ${term}`);
        const geval = termen[k]!;
        if (geval === 'samengevoegd') {
          const i = term.lastIndexOf(':');
          const merged = term.includes('*') ? [] : [{ covariate: term.slice(0, i), level: term.slice(i + 1), reference: 'referentie', reason: 'records' as const }];
          uit = { ...uit, termen: uit.termen.filter((t) => t.term !== term), samengevoegd: [...uit.samengevoegd, ...merged] };
        } else {
          const { coef, se } = TERM_GEVALLEN[geval];
          uit = { ...uit, termen: uit.termen.map((t) => (t.term === term ? wald(term, coef, se) : t)) };
        }
      }
      return uit;
    }),
  };
}

/**
 * The fixture results; `wijzig` changes single indicator rows before the table is built; with
 * `zorg` the optional zorg extract counts as present; `termen` sets model terms (metTermen).
 */
export function fixtureResultaten(wijzig?: Wijziging, opties: { zorg?: boolean; termen?: Readonly<Record<string, TermGeval>> } = {}): Resultaten {
  const modellen = fixtureModellen();
  return {
    editie: fixtureEditie(opties.zorg ?? false),
    extractie: { peildatum: '2019-06-30', bron: 'synthetisch', omschrijving: 'Synthetische extracten (schaal 0.1, seed 7). Geen echte personen.' },
    definities: indicatorenVoor(fixtureEditie(opties.zorg ?? false).basisvoorwaarden, opties.zorg ?? false),
    indicatoren: new IndicatorTabel(fixtureRijen(wijzig, opties.zorg ?? false)),
    modellen: opties.termen ? metTermen(modellen, opties.termen) : modellen,
  };
}
