/**
 * The published data files (`data/*.csv`) described for their users: what each file holds, what
 * one row is, every column, and the codes that stand in the columns (indicators, groups,
 * meetmomenten, models, rules). One description, two renderings: the README beside the files
 * (`data/README.md`, written by the build's presentation stage from the checked results) and the
 * monitor's appendix on the data files (templates/monitor/97-bijlage-bestanden.md.hbs). The
 * other chapters name no code, file or path; this is where they are documented.
 *
 * The columns are checked against the header of each file as it is written (`dataReadme`), so
 * the description cannot drift from the files.
 */
import { REGEL_TEKST } from '../indicators/disclosure.ts';
import { GROEPEN, MOMENTEN } from '../vocabulary/lists.ts';
import { KM_REGEL_TEKST } from '../models/disclosure.ts';
import { kmUitsplitsingen, modelDefinities, MODELLEN, type ModelNaam } from '../models/frames.ts';
import { TELLING_TEKST } from '../models/run.ts';
import { csvRecords } from '../util/csv.ts';
import { InternalError } from '../util/errors.ts';
import { COVARIAAT_TEKST, GROEP_TEKST, MOMENT_TEKST, UITSPLITSING_TEKST } from '../vocabulary/labels.ts';
import { NOOT_SOORTEN } from './lezen-noten.ts';
import { RESULTAAT_BESTANDEN, type ResultaatBestand } from './lezen.ts';
import type { Resultaten } from './results.ts';
import { synthetischBlok } from './synthetisch.ts';

export interface Kolom {
  naam: string;
  tekst: string;
}

export interface Code {
  code: string;
  tekst: string;
}

/** The codes of one column (or of a part of it, such as the covariates in a model term). */
interface CodeLijst {
  /** A short name for ids and headings: "indicator", "groep". */
  sleutel: string;
  /** What the list is, as a table caption: "Indicatoren in de kolom indicator". */
  titel: string;
  codes: Code[];
}

export interface BestandBeschrijving {
  naam: ResultaatBestand;
  /** The file's name without extension, for ids: "modellen_ph" -> "modellen-ph". */
  sleutel: string;
  /** What the file holds, as a heading: "Indicatoren". */
  titel: string;
  /** One row is ... (completes a sentence). */
  rij: string;
  kolommen: Kolom[];
  codelijsten: CodeLijst[];
}

/** The Dutch name of each model, as the chapters and the model appendix name them. */
const MODEL_TEKST: Record<ModelNaam, string> = {
  cox_basis: 'Cox-model van recidive (basismodel)',
  cox_interactie: 'Cox-model van recidive met interacties',
  cox_landmark_6m: 'landmarkmodel: recidive vanaf zes maanden na uitstroom, van wie een maand na uitstroom werkte',
  logit_werk_6m: 'logistisch model van werk zes maanden na uitstroom',
};

/** Kinds of model notes (modellen_noten.csv, kolom soort). */
const NOOT_SOORT_TEKST: Record<(typeof NOOT_SOORTEN)[number], string> = {
  referentie: 'de referentiecategorie van een kenmerk is gewisseld',
  samengevoegd: 'een categorie is samengevoegd met de referentiecategorie',
  weggelaten: 'een interactie is weggelaten',
  onderdrukt: 'het model is niet gepubliceerd',
  fout: 'het model kon niet worden geschat',
  tijdsplitsing: "de hazard ratio's per periode van een kenmerk zijn niet gepubliceerd",
};

/** The rules of a whole model or a model term in the audit (onderdrukking.csv, kolom regel). */
const MODEL_REGEL_TEKST: Record<string, string> = {
  records_onder_drempel: 'model of categorie: minder records dan de drempel',
  gebeurtenissen_onder_drempel: 'model, categorie of curve: minder gebeurtenissen dan de drempel',
  niet_gebeurtenissen_onder_drempel: 'categorie: minder records zonder de uitkomst dan de drempel',
  rest_onder_drempel: 'cel of model: noemer min teller (records zonder gebeurtenis) tussen 1 en de drempel',
};

const codes = (r: Record<string, string>, volgorde?: readonly string[]): Code[] =>
  (volgorde ?? Object.keys(r)).map((code) => ({ code, tekst: r[code]! }));

const GROEP_CODES = (): CodeLijst => ({ sleutel: 'groep', titel: 'Groepen in de kolom groep', codes: codes(GROEP_TEKST, GROEPEN) });
const MOMENT_CODES = (): CodeLijst => ({ sleutel: 'moment', titel: 'Meetmomenten in de kolom moment', codes: codes(MOMENT_TEKST, MOMENTEN) });
const MODEL_CODES = (): CodeLijst => ({ sleutel: 'model', titel: 'Modellen in de kolom model', codes: codes(MODEL_TEKST, MODELLEN) });
/** The covariates of the edition's models: one of a basisvoorwaarde it does not measure is not there. */
const KENMERK_CODES = (r: Resultaten): CodeLijst => {
  const inModel = new Set<string>(modelDefinities(r.editie).flatMap((m) => m.covariaten));
  return { sleutel: 'kenmerk', titel: 'Kenmerken in de kolom term (het deel voor de dubbele punt)', codes: codes(COVARIAAT_TEKST, Object.keys(COVARIAAT_TEKST).filter((c) => inModel.has(c))) };
};
/** The Kaplan–Meier breakdowns of the edition: by cohort, the landmark population, and what it measures. */
const UITSPLITSING_CODES = (r: Resultaten): CodeLijst => ({
  sleutel: 'uitsplitsing',
  titel: 'Uitsplitsingen in de kolom uitsplitsing',
  codes: codes(UITSPLITSING_TEKST, Object.keys(UITSPLITSING_TEKST).filter((u) => !(u in COVARIAAT_TEKST) || (kmUitsplitsingen(r.editie.basisvoorwaarden) as readonly string[]).includes(u))),
});

const COHORT = (r: Resultaten): Kolom => ({
  naam: 'cohort',
  tekst: `het jaar van uitstroom (${r.editie.cohorten[0]}–${r.editie.cohorten[r.editie.cohorten.length - 1]}), of \`totaal\` voor alle cohorten samen`,
});
const GROEP: Kolom = { naam: 'groep', tekst: 're-integratiekandidaten, kortverblijvenden of beide samen (zie de codes)' };
const RATIO_KOLOMMEN: Kolom[] = [
  { naam: 'coef', tekst: 'de geschatte coëfficiënt (op de logschaal)' },
  { naam: 'se', tekst: 'de standaardfout van de coëfficiënt' },
  { naam: 'ratio', tekst: 'de hazard ratio (Cox-modellen) of odds ratio (logistisch model): de exponent van de coëfficiënt' },
  { naam: 'ci_laag', tekst: 'ondergrens van het 95%-betrouwbaarheidsinterval van de ratio' },
  { naam: 'ci_hoog', tekst: 'bovengrens van dat interval' },
  { naam: 'p', tekst: 'de tweezijdige p-waarde van de Wald-toets' },
];

/** A description before its key (made from the name). */
type Beschrijving = Omit<BestandBeschrijving, 'sleutel'>;

/** indicatoren.csv: the indicators after disclosure control. */
function indicatorenBestand(r: Resultaten): Beschrijving {
  const k = r.editie.drempel;
  return {
    naam: 'indicatoren.csv',
    titel: 'Indicatoren',
    rij: 'één indicator voor één cohort (of alle cohorten samen), één groep en één meetmoment',
    kolommen: [
      { naam: 'indicator', tekst: 'de indicator (zie de codes)' },
      COHORT(r),
      GROEP,
      { naam: 'moment', tekst: 'het meetmoment, of de twee momenten waartussen een verandering is gemeten (zie de codes)' },
      { naam: 'teller', tekst: 'het aantal personen met de uitkomst; leeg als de cel is onderdrukt' },
      { naam: 'noemer', tekst: 'het aantal personen waarop het percentage berust; leeg als de cel is onderdrukt' },
      { naam: 'percentage', tekst: 'teller gedeeld door noemer, maal 100, met één decimaal (punt als decimaalteken); leeg als de cel is onderdrukt' },
      { naam: 'onderdrukt', tekst: `1 als de cel niet is gepubliceerd (minder dan ${k} personen, of anders af te leiden), anders 0` },
    ],
    codelijsten: [
      { sleutel: 'indicator', titel: 'Indicatoren in de kolom indicator', codes: r.definities.map((d) => ({ code: d.naam, tekst: d.label })) },
      GROEP_CODES(),
      MOMENT_CODES(),
    ],
  };
}

/** modellen.csv: the coefficients of the models. */
function modellenBestand(r: Resultaten): Beschrijving {
  const k = r.editie.drempel;
  return {
    naam: 'modellen.csv',
    titel: 'Modellen',
    rij: 'één geschatte coëfficiënt van een model, of de regel met de term `(model)` die elk model opent: met de log-likelihood in de kolom coef en de aantallen in n en events',
    kolommen: [
      { naam: 'model', tekst: 'het model (zie de codes)' },
      { naam: 'term', tekst: '`(model)`, `(Intercept)` (de constante van het logistische model), een kenmerk met zijn categorie als `kenmerk:categorie`, of een interactie van twee termen met `*`' },
      ...RATIO_KOLOMMEN,
      { naam: 'n', tekst: `alleen op de regel \`(model)\`: het aantal personen in het model, naar beneden afgerond op een veelvoud van ${k}` },
      { naam: 'events', tekst: `alleen op de regel \`(model)\`: het aantal gebeurtenissen (recidive, of werk bij het logistische model), afgerond als n` },
    ],
    codelijsten: [MODEL_CODES(), KENMERK_CODES(r)],
  };
}

/** modellen_ph.csv: the tests of proportional hazards. */
function phBestand(): Beschrijving {
  return {
    naam: 'modellen_ph.csv',
    titel: 'Toetsen op proportionele hazards',
    rij: 'de toets op proportionele hazards van één kenmerk (of interactie) van een Cox-model, of met de term `GLOBAL` van alle kenmerken samen',
    kolommen: [
      { naam: 'model', tekst: 'het Cox-model (zie de codes bij de modellen)' },
      { naam: 'term', tekst: 'het kenmerk of de interactie, of `GLOBAL`' },
      { naam: 'chisq', tekst: 'de toetsgrootheid (chi-kwadraat)' },
      { naam: 'df', tekst: 'het aantal vrijheidsgraden' },
      { naam: 'p', tekst: 'de p-waarde' },
    ],
    codelijsten: [],
  };
}

/** modellen_perioden.csv: hazard ratios per period of follow-up. */
function periodenBestand(): Beschrijving {
  return {
    naam: 'modellen_perioden.csv',
    titel: "Hazard ratio's per periode",
    rij: 'de hazard ratio van één categorie van een kenmerk in één periode van de follow-up, voor een kenmerk dat de toets op proportionele hazards niet doorstaat',
    kolommen: [
      { naam: 'model', tekst: 'het Cox-model (zie de codes bij de modellen)' },
      { naam: 'term', tekst: 'de term als `kenmerk:categorie@periode`, met de periode `0-6m` (de eerste zes maanden) of `6-24m` (de maanden daarna)' },
      ...RATIO_KOLOMMEN,
    ],
    codelijsten: [],
  };
}

/** modellen_noten.csv: the notes under the models. */
function notenBestand(): Beschrijving {
  return {
    naam: 'modellen_noten.csv',
    titel: 'Noten bij de modellen',
    rij: 'één noot bij een model: wat er is aangepast of weggelaten en waarom; zonder aantallen',
    kolommen: [
      { naam: 'model', tekst: 'het model (zie de codes bij de modellen)' },
      { naam: 'soort', tekst: 'wat de noot meldt (zie de codes)' },
      { naam: 'term', tekst: 'de term waarover de noot gaat, of leeg' },
      { naam: 'referentie', tekst: 'bij een gewisselde of samengevoegde categorie: de categorie die nu de referentie is' },
      { naam: 'reden', tekst: 'de reden (zie de codes)' },
      { naam: 'tekst', tekst: 'de noot in een zin' },
    ],
    codelijsten: [
      { sleutel: 'soort', titel: 'Soorten noten in de kolom soort', codes: codes(NOOT_SOORT_TEKST, NOOT_SOORTEN) },
      {
        sleutel: 'reden',
        titel: 'Redenen in de kolom reden',
        codes: [...codes(TELLING_TEKST), ...codes(MODEL_REGEL_TEKST, ['records_onder_drempel', 'gebeurtenissen_onder_drempel', 'rest_onder_drempel'])],
      },
    ],
  };
}

/** recidive_km.csv: the Kaplan–Meier curves. */
function kmBestand(r: Resultaten): Beschrijving {
  const k = r.editie.drempel;
  return {
    naam: 'recidive_km.csv',
    titel: 'Recidivecurven',
    rij: 'één maand na uitstroom van één Kaplan–Meiercurve van de cumulatieve recidive',
    kolommen: [
      { naam: 'uitsplitsing', tekst: 'waarnaar de curven zijn uitgesplitst (zie de codes)' },
      { naam: 'categorie', tekst: 'de categorie van de uitsplitsing (bij `totaal`: `totaal`)' },
      COHORT(r),
      GROEP,
      { naam: 'maand', tekst: 'het aantal maanden na uitstroom (1 tot en met 24)' },
      { naam: 'at_risk', tekst: `het aantal personen dat nog wordt gevolgd, naar beneden afgerond op een veelvoud van ${k}; leeg als de curve is onderdrukt` },
      { naam: 'cumulatief', tekst: 'het geschatte aandeel met recidive tot en met die maand (tussen 0 en 1)' },
      { naam: 'ci_laag', tekst: 'ondergrens van het 95%-betrouwbaarheidsinterval (Greenwood)' },
      { naam: 'ci_hoog', tekst: 'bovengrens van dat interval' },
      { naam: 'onderdrukt', tekst: '1 als de curve niet is gepubliceerd, anders 0' },
    ],
    codelijsten: [UITSPLITSING_CODES(r), GROEP_CODES()],
  };
}

/** onderdrukking.csv: the audit of disclosure control. */
function onderdrukkingBestand(r: Resultaten): Beschrijving {
  return {
    naam: 'onderdrukking.csv',
    titel: 'Verantwoording van de geheimhouding',
    rij: 'één ingreep van de geheimhouding: welk bestand, welke cel, curvemaand of modelterm, en volgens welke regel; nooit het onderdrukte cijfer zelf',
    kolommen: [
      { naam: 'bestand', tekst: 'het bestand waarin de ingreep zit' },
      { naam: 'indicator', tekst: 'de indicator; bij een curve `uitsplitsing:categorie`, bij een model het model met zijn term' },
      COHORT(r),
      GROEP,
      { naam: 'moment', tekst: 'het meetmoment; bij een curve de maand als `<n>m_na`' },
      { naam: 'regel', tekst: 'de regel die heeft ingegrepen (zie de codes)' },
      { naam: 'toelichting', tekst: 'de regel in woorden' },
    ],
    codelijsten: [
      {
        sleutel: 'regel',
        titel: 'Regels in de kolom regel',
        codes: [
          ...codes(REGEL_TEKST),
          ...codes(KM_REGEL_TEKST).filter((c) => !(c.code in REGEL_TEKST)),
          ...codes(MODEL_REGEL_TEKST).filter((c) => !(c.code in REGEL_TEKST) && !(c.code in KM_REGEL_TEKST)),
        ],
      },
    ],
  };
}

/** Every published file, in the order of RESULTAAT_BESTANDEN. */
export function beschrijfBestanden(r: Resultaten): BestandBeschrijving[] {
  const lijst = [indicatorenBestand(r), modellenBestand(r), phBestand(), periodenBestand(), notenBestand(), kmBestand(r), onderdrukkingBestand(r)];
  const bekend = Object.keys(RESULTAAT_BESTANDEN);
  if (lijst.map((b) => b.naam).join() !== bekend.join()) throw new InternalError(`bestanden.ts describes ${lijst.map((b) => b.naam).join()}, the results are ${bekend.join()}`);
  return lijst.map((b) => ({ ...b, sleutel: b.naam.replace(/\.csv$/, '').replace(/_/g, '-') }));
}

/** The file name of the README beside the data files. */
export const DATA_README = 'README.md';

const cel = (s: string) => s.replace(/\|/g, '\\|');
const codeCel = (s: string) => `\`${s}\``;

/** A GFM table of code and meaning. */
export function codeTabel(kop: [string, string], rijen: readonly Code[] | readonly Kolom[]): string {
  return [
    `| ${kop[0]} | ${kop[1]} |`,
    '|:--|:--|',
    ...rijen.map((x) => `| ${codeCel('code' in x ? x.code : x.naam)} | ${cel(x.tekst)} |`),
  ].join('\n');
}

/**
 * `data/README.md`: the description of the data files, with the synthetic-data label when it
 * applies. `bestanden` are the files as written (name -> CSV text): each file's header must have
 * exactly the columns the description names, in order.
 */
export function dataReadme(r: Resultaten, bestanden: Record<string, string>): string {
  const e = r.editie;
  const beschreven = beschrijfBestanden(r);
  for (const b of beschreven) {
    const tekst = bestanden[b.naam];
    if (tekst === undefined) throw new InternalError(`data README: no file ${b.naam}`);
    const kop = csvRecords(tekst)[0]?.fields ?? [];
    const verwacht = b.kolommen.map((k) => k.naam);
    if (kop.join() !== verwacht.join()) throw new InternalError(`data README: ${b.naam} has columns ${kop.join()}, the description ${verwacht.join()} (src/results/bestanden.ts)`);
  }
  const delen = [
    synthetischBlok(r.extractie.bron).trimEnd(),
    `# Gegevensbestanden: ${e.titel}, ${e.nummer}e meting`,
    [
      'Deze map bevat alle cijfers van de monitor in machineleesbare vorm, na de geheimhouding: wat in de tekst, de tabellen en de figuren staat, en meer.',
      `Ze zijn berekend op gegevens met peildatum ${r.extractie.peildatum}; bron: ${r.extractie.bron}.`,
      'Elk bestand is CSV in UTF-8, met komma’s tussen de velden, een punt als decimaalteken en op de eerste regel de namen van de kolommen.',
      `Een cijfer dat op minder dan ${e.drempel} personen berust, of waaruit zo’n aantal af te leiden is, staat er niet in; \`onderdrukking.csv\` verantwoordt elke ingreep.`,
    ].join('\n'),
    ...beschreven.map((b) =>
      [
        `## ${b.titel} (\`${b.naam}\`)`,
        `Eén rij is ${b.rij}.`,
        codeTabel(['Kolom', 'Betekenis'], b.kolommen),
        ...b.codelijsten.map((c) => `${c.titel}:\n\n${codeTabel(['Code', 'Betekenis'], c.codes)}`),
      ].join('\n\n'),
    ),
  ].filter((d) => d !== '');
  return `${delen.join('\n\n')}\n`;
}
