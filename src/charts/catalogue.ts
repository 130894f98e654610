/**
 * The catalogue of the monitor's figures, in the order the chapters use them: for each figure
 * its id (file name and cross-reference label `fig:<id>`), the chart family that draws it
 * (./families/), what it draws from the results, and its caption and text alternative.
 *
 * The catalogue follows the edition: a figure (or a series of one) marked `alleenMet` is drawn
 * only when the edition measures that basisvoorwaarde, and a forest plot only when its model
 * was estimated. A text that depends on what the edition measures is a function of the results.
 */
import { problemenVoor, type Basisvoorwaarde } from '../vocabulary/lists.ts';
import { GROEP_KORT } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { lijst, telwoord } from '../text/wording.ts';
import { bijschriftNaarInhoud } from './bijschrift.ts';
import { forest } from './families/forest.ts';
import { huisvestingGestapeld } from './families/huisvesting.ts';
import { kmPerCohort, kmPerStatus } from './families/km.ts';
import { problemenVerdeling, samenhangMatrix } from './families/samenhang.ts';
import { indicatorenPerMoment, indicatorPerMoment } from './families/status.ts';
import { indicatorPerCohort, indicatorStaven } from './families/staven.ts';
import { trendPerCohort } from './families/trend.ts';
import { gemeten, metSynthetischLabel, type Bijschrift } from './figuur.ts';
import type { Figuur } from './render.ts';

const FAMILIES = {
  indicatorPerMoment,
  indicatorenPerMoment,
  trendPerCohort,
  indicatorStaven,
  indicatorPerCohort,
  huisvestingGestapeld,
  problemenVerdeling,
  samenhangMatrix,
  kmPerCohort,
  kmPerStatus,
  forest,
};
type Familie = keyof typeof FAMILIES;

/** A caption text, or one that depends on what the edition measures. */
type Tekst = string | ((r: Resultaten) => string);

/** What a family draws a figure from, besides its caption. */
type Invoer<F extends Familie> = Omit<Parameters<(typeof FAMILIES)[F]>[1], keyof Bijschrift>;

/** One figure of the catalogue. */
type CatalogusFiguur = {
  [F in Familie]: { id: string; familie: F; alleenMet?: Basisvoorwaarde; titel: string; alt: Tekst } & Invoer<F>;
}[Familie];

// The groups as the charts' legends name them: a caption that names a group the chart does not
// draw (every value suppressed) loses the name (bijschrift.ts), so it must be the legend's.
const RIK = GROEP_KORT.rik;
const KV = GROEP_KORT.kv;
const RIK_EN_KV = lijst([RIK, KV]);

/** "vier", the number of problems the edition measures. */
const aantalProblemen = (r: Resultaten) => telwoord(problemenVoor(r.editie.basisvoorwaarden).length);

const CATALOGUS: readonly CatalogusFiguur[] = [
  {
    id: 'id-per-cohort',
    familie: 'trendPerCohort',
    alleenMet: 'id',
    groep: 'rik',
    reeksen: [
      { naam: 'id_geen_geldig', moment: 'uitstroom', label: 'geen geldig ID (van wie bekend)' },
      { naam: 'id_onbekend', moment: 'uitstroom', label: 'ID-status onbekend' },
    ],
    titel: `ID-bewijs bij uitstroom per cohort, ${RIK}`,
    alt: 'Lijndiagram per uitstroomcohort van het aandeel zonder geldig identiteitsbewijs (onder wie de status bekend is) en van het aandeel van wie de status onbekend is.',
  },
  {
    id: 'id-instroom-uitstroom',
    familie: 'indicatorStaven',
    alleenMet: 'id',
    reeksen: [
      { naam: 'id_geen_geldig', moment: 'instroom', label: 'geen geldig ID bij instroom' },
      { naam: 'id_geen_geldig', moment: 'uitstroom', label: 'geen geldig ID bij uitstroom' },
      { naam: 'id_verkregen', moment: 'instroom-uitstroom', label: 'ID verkregen tijdens detentie' },
    ],
    titel: 'Geldig identiteitsbewijs bij instroom en uitstroom',
    alt: `Staafdiagram van het aandeel zonder geldig identiteitsbewijs bij instroom en bij uitstroom en van het aandeel dat tijdens detentie een geldig identiteitsbewijs kreeg, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'werk-uitkering-opleiding-rik',
    familie: 'indicatorenPerMoment',
    alleenMet: 'werk_inkomen',
    groep: 'rik',
    indicatoren: [
      { naam: 'werk', label: 'werk' },
      { naam: 'uitkering', label: 'uitkering' },
      { naam: 'opleiding', label: 'opleiding' },
    ],
    titel: `Werk, uitkering en opleiding per meetmoment, ${RIK}`,
    alt: 'Lijndiagram van de aandelen re-integratiekandidaten met werk, met een uitkering en in een opleiding, van 6 maanden voor tot 24 maanden na detentie.',
  },
  {
    id: 'werk-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'werk_inkomen',
    indicator: 'werk',
    titel: `Aandeel met werk per meetmoment, ${RIK_EN_KV}`,
    alt: `Lijndiagram van het aandeel met werk van 6 maanden voor tot 24 maanden na detentie, met een lijn voor ${RIK} en een voor ${KV}.`,
  },
  {
    id: 'geen-inkomen-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'werk_inkomen',
    indicator: 'geen_inkomen',
    titel: `Aandeel zonder geregistreerd inkomen per meetmoment, ${RIK_EN_KV}`,
    alt: `Lijndiagram van het aandeel zonder geregistreerd inkomen van 6 maanden voor tot 24 maanden na detentie, met een lijn voor ${RIK} en een voor ${KV}.`,
  },
  {
    id: 'geen-dagbesteding-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'werk_inkomen',
    indicator: 'geen_dagbesteding',
    titel: 'Aandeel zonder dagbesteding (geen werk en geen opleiding) per meetmoment',
    alt: `Lijndiagram van het aandeel zonder werk en zonder opleiding van 6 maanden voor tot 24 maanden na detentie, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'startkwalificatie-per-cohort',
    familie: 'indicatorPerCohort',
    alleenMet: 'werk_inkomen',
    indicator: 'geen_startkwalificatie',
    moment: 'uitstroom',
    titel: 'Aandeel zonder startkwalificatie per cohort',
    alt: `Staafdiagram van het aandeel zonder startkwalificatie per uitstroomcohort, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'huisvesting-rik',
    familie: 'huisvestingGestapeld',
    alleenMet: 'huisvesting',
    groep: 'rik',
    titel: `Woonsituatie per meetmoment, ${RIK}`,
    alt: 'Gestapeld staafdiagram van de woonsituatie van re-integratiekandidaten per meetmoment: alleenstaand, met partner, bij ouders, met anderen, in een instelling, op een briefadres of nergens ingeschreven.',
  },
  {
    id: 'niet-ingeschreven-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'huisvesting',
    indicator: 'niet_ingeschreven',
    titel: 'Aandeel niet op een adres ingeschreven per meetmoment',
    alt: `Lijndiagram van het aandeel dat niet op een woon- of instellingsadres staat ingeschreven, van 6 maanden voor tot 24 maanden na detentie, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'wanbetaler-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'schulden',
    indicator: 'wanbetaler',
    titel: 'Aandeel geregistreerd als wanbetaler van de zorgverzekering per meetmoment',
    alt: `Lijndiagram van het aandeel dat als wanbetaler van de zorgverzekering staat geregistreerd, van 6 maanden voor tot 24 maanden na detentie, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'ggz-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'zorg',
    indicator: 'zorg_ggz',
    titel: 'Aandeel in de geestelijke gezondheidszorg per meetmoment',
    alt: `Lijndiagram van het aandeel in behandeling in de geestelijke gezondheidszorg van 6 maanden voor tot 24 maanden na detentie, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'verslavingszorg-per-meetmoment',
    familie: 'indicatorPerMoment',
    alleenMet: 'zorg',
    indicator: 'zorg_verslavingszorg',
    titel: 'Aandeel in de verslavingszorg per meetmoment',
    alt: `Lijndiagram van het aandeel in behandeling in de verslavingszorg van 6 maanden voor tot 24 maanden na detentie, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'trends-per-cohort',
    familie: 'trendPerCohort',
    groep: 'rik',
    reeksen: [
      { naam: 'geen_inkomen', moment: '1m_na', label: 'geen geregistreerd inkomen', alleenMet: 'werk_inkomen' },
      { naam: 'werk', moment: '1m_na', label: 'werk', alleenMet: 'werk_inkomen' },
      { naam: 'niet_ingeschreven', moment: '1m_na', label: 'niet ingeschreven', alleenMet: 'huisvesting' },
      { naam: 'wanbetaler_jaar_na', moment: '12m_na', label: 'wanbetaler in het jaar na', alleenMet: 'schulden' },
    ],
    titel: `Kerncijfers na detentie per cohort, ${RIK}`,
    alt: 'Lijndiagram per uitstroomcohort van de aandelen re-integratiekandidaten zonder geregistreerd inkomen, met werk en niet op een adres ingeschreven een maand na detentie, en geregistreerd als wanbetaler in het jaar na detentie.',
  },
  {
    id: 'transities',
    familie: 'indicatorStaven',
    reeksen: [
      { naam: 'baan_behouden', moment: '1m_voor-1m_na', label: 'baan behouden', alleenMet: 'werk_inkomen' },
      { naam: 'baan_gevonden', moment: '1m_voor-1m_na', label: 'baan gevonden', alleenMet: 'werk_inkomen' },
      { naam: 'adres_verloren', moment: '1m_voor-1m_na', label: 'adres verloren', alleenMet: 'huisvesting' },
      { naam: 'adres_gevonden', moment: '1m_voor-1m_na', label: 'adres gevonden', alleenMet: 'huisvesting' },
      { naam: 'id_verkregen', moment: 'instroom-uitstroom', label: 'ID verkregen', alleenMet: 'id' },
    ],
    titel: 'Veranderingen tijdens en na detentie',
    alt: (r) =>
      `Staafdiagram van de veranderingen tussen een maand voor en een maand na detentie (baan behouden of gevonden, adres verloren of gevonden)${gemeten(r, 'id') ? ' en tussen instroom en uitstroom (ID verkregen)' : ''}, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'transities-per-cohort',
    familie: 'trendPerCohort',
    groep: 'rik',
    reeksen: [
      { naam: 'baan_behouden', moment: '1m_voor-1m_na', label: 'baan behouden', alleenMet: 'werk_inkomen' },
      { naam: 'adres_verloren', moment: '1m_voor-1m_na', label: 'adres verloren', alleenMet: 'huisvesting' },
      { naam: 'id_verkregen', moment: 'instroom-uitstroom', label: 'ID verkregen', alleenMet: 'id' },
    ],
    titel: `Veranderingen per cohort, ${RIK}`,
    alt: (r) =>
      `Lijndiagram per uitstroomcohort van het aandeel dat zijn baan behield${gemeten(r, 'id') ? ', het aandeel dat zijn adres verloor en het aandeel dat tijdens detentie een geldig identiteitsbewijs kreeg' : ' en het aandeel dat zijn adres verloor'}.`,
  },
  {
    id: 'aantal-problemen',
    familie: 'problemenVerdeling',
    titel: 'Aantal problemen op de basisvoorwaarden een maand na detentie',
    alt: (r) =>
      `Staafdiagram van de verdeling van het aantal problemen (nul tot ${aantalProblemen(r)}) op de basisvoorwaarden, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'samenhang-problemen',
    familie: 'samenhangMatrix',
    groep: 'rik',
    titel: `Samen voorkomen van problemen, ${RIK}`,
    alt: (r) =>
      `Matrix met voor elk paar van de ${aantalProblemen(r)} problemen het aandeel re-integratiekandidaten dat beide problemen heeft; donkerder is een groter aandeel.`,
  },
  {
    id: 'recidive-per-cohort',
    familie: 'indicatorPerCohort',
    indicator: 'recidive_2j',
    moment: '24m_na',
    titel: 'Recidive binnen twee jaar per cohort',
    alt: `Staafdiagram van het aandeel dat binnen twee jaar na uitstroom opnieuw een delict pleegde, per uitstroomcohort, voor ${RIK_EN_KV}.`,
  },
  {
    id: 'km-per-cohort',
    familie: 'kmPerCohort',
    groep: 'rik',
    titel: `Cumulatieve recidive per maand na uitstroom, per cohort, ${RIK}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive per maand tot twee jaar na uitstroom, met een lijn en een 95%-betrouwbaarheidsband per uitstroomcohort.',
  },
  {
    id: 'km-kortverblijvenden',
    familie: 'kmPerCohort',
    groep: 'kv',
    titel: `Cumulatieve recidive per maand na uitstroom, per cohort, ${KV}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive van kortverblijvenden per maand tot twee jaar na uitstroom, per uitstroomcohort.',
  },
  {
    id: 'km-id',
    familie: 'kmPerStatus',
    alleenMet: 'id',
    uitsplitsing: 'id',
    titel: `Cumulatieve recidive naar ID-bewijs bij uitstroom, ${RIK}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive tot twee jaar na uitstroom voor re-integratiekandidaten met een geldig, een ongeldig en een onbekend identiteitsbewijs.',
  },
  {
    id: 'km-activiteit',
    familie: 'kmPerStatus',
    uitsplitsing: 'activiteit',
    titel: `Cumulatieve recidive naar activiteit een maand na detentie, ${RIK}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten met werk, in een opleiding, met een uitkering, of zonder een van deze.',
  },
  {
    id: 'km-huisvesting',
    familie: 'kmPerStatus',
    uitsplitsing: 'huisvesting',
    titel: `Cumulatieve recidive naar woonsituatie een maand na detentie, ${RIK}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten naar woonsituatie een maand na detentie.',
  },
  {
    id: 'km-wanbetaler',
    familie: 'kmPerStatus',
    uitsplitsing: 'wanbetaler',
    titel: `Cumulatieve recidive naar registratie als wanbetaler, ${RIK}`,
    alt: 'Kaplan–Meiercurven van de cumulatieve recidive voor re-integratiekandidaten die wel en die niet als wanbetaler van hun zorgverzekering stonden geregistreerd.',
  },
  {
    id: 'forest-cox-basis',
    familie: 'forest',
    model: 'cox_basis',
    ratio: 'hazard',
    titel: `Samenhang van kenmerken een maand na detentie met recidive (Cox-model), ${RIK}`,
    alt: 'Forest plot van de hazard ratio’s van het basismodel met hun 95%-betrouwbaarheidsintervallen; een waarde boven 1 betekent een grotere recidivekans dan in de referentiecategorie.',
  },
  {
    id: 'forest-cox-interactie',
    familie: 'forest',
    model: 'cox_interactie',
    ratio: 'hazard',
    titel: `Cox-model met interacties, ${RIK}`,
    alt: 'Forest plot van de hazard ratio’s van het model met interacties, met hun 95%-betrouwbaarheidsintervallen.',
  },
  {
    id: 'forest-landmark',
    familie: 'forest',
    model: 'cox_landmark_6m',
    ratio: 'hazard',
    titel: 'Stabiel werk en wonen en recidive na zes maanden (landmarkmodel)',
    alt: 'Forest plot van de hazard ratio’s van het landmarkmodel: dezelfde baan en hetzelfde woonadres een en zes maanden na detentie, met de controlevariabelen.',
  },
  {
    id: 'forest-werk',
    familie: 'forest',
    model: 'logit_werk_6m',
    ratio: 'odds',
    titel: `Kans op werk zes maanden na detentie (logistische regressie), ${RIK}`,
    alt: 'Forest plot van de odds ratio’s van het werkmodel met hun 95%-betrouwbaarheidsintervallen; een waarde boven 1 betekent een grotere kans op werk.',
  },
];

/** One figure of the catalogue, drawn by its family; undefined when there is nothing to draw (a model not estimated). */
function teken(r: Resultaten, c: CatalogusFiguur): Figuur | undefined {
  // TypeScript cannot pair a union member with its family's options (a correlated union); the
  // catalogue's type does, entry by entry.
  const familie = FAMILIES[c.familie] as (r: Resultaten, opties: CatalogusFiguur & Bijschrift) => Figuur | undefined;
  return familie(r, { ...c, alt: typeof c.alt === 'string' ? c.alt : c.alt(r) });
}

/** Every figure of the monitor the edition has, in the order the chapters use them. */
export function figuren(r: Resultaten): Figuur[] {
  const getekend = CATALOGUS.filter((c) => c.alleenMet === undefined || gemeten(r, c.alleenMet)).flatMap((c) => teken(r, c) ?? []);
  return metSynthetischLabel(r, getekend.map(bijschriftNaarInhoud));
}
