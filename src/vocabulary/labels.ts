/**
 * Names of the monitor's categories, as the reader sees them in text, tables and charts: Dutch,
 * and beside each Dutch list that the English Summary needs, its English counterpart (`*_EN`).
 * One home for every label of the domain's lists (./lists.ts); where two products name a thing
 * differently, both names are here, side by side, with the reason.
 */
import type { Groep, Huisvesting, Moment, Probleem } from './lists.ts';

/** The languages of the report's text: Dutch throughout, English in the Summary. */
export type Taal = 'nl' | 'en';

/** Meetmomenten in running text ("1 maand na uitstroom"). */
export const MOMENT_TEKST: Record<Moment, string> = {
  '6m_voor': '6 maanden voor detentie',
  '1m_voor': '1 maand voor detentie',
  instroom: 'bij instroom',
  uitstroom: 'bij uitstroom',
  '1m_na': '1 maand na detentie',
  '6m_na': '6 maanden na detentie',
  '12m_na': '12 maanden na detentie',
  '24m_na': '24 maanden na detentie',
  'instroom-uitstroom': 'tussen instroom en uitstroom',
  '1m_voor-1m_na': 'van 1 maand voor tot 1 maand na detentie',
};

/**
 * Meetmomenten in words, for prose that may start a sentence with them ("Een maand na
 * detentie ..."): Dutch style writes small numbers and periods out in running text.
 */
export const MOMENT_ZIN: Record<Moment, string> = {
  '6m_voor': 'een half jaar voor detentie',
  '1m_voor': 'een maand voor detentie',
  instroom: 'bij instroom',
  uitstroom: 'bij uitstroom',
  '1m_na': 'een maand na detentie',
  '6m_na': 'een half jaar na detentie',
  '12m_na': 'een jaar na detentie',
  '24m_na': 'twee jaar na detentie',
  'instroom-uitstroom': 'tussen instroom en uitstroom',
  '1m_voor-1m_na': 'van een maand voor tot een maand na detentie',
};

/** MOMENT_ZIN in English, for the Summary ("one month after detention"). */
export const MOMENT_ZIN_EN: Record<Moment, string> = {
  '6m_voor': 'six months before detention',
  '1m_voor': 'one month before detention',
  instroom: 'on entry',
  uitstroom: 'on release',
  '1m_na': 'one month after detention',
  '6m_na': 'six months after detention',
  '12m_na': 'one year after detention',
  '24m_na': 'two years after detention',
  'instroom-uitstroom': 'between entry and release',
  '1m_voor-1m_na': 'from one month before to one month after detention',
};

/** Meetmomenten on a chart axis or in a table head. */
export const MOMENT_KORT: Record<Moment, string> = {
  '6m_voor': '6 mnd voor',
  '1m_voor': '1 mnd voor',
  instroom: 'instroom',
  uitstroom: 'uitstroom',
  '1m_na': '1 mnd na',
  '6m_na': '6 mnd na',
  '12m_na': '12 mnd na',
  '24m_na': '24 mnd na',
  'instroom-uitstroom': 'instroom–uitstroom',
  '1m_voor-1m_na': '1 mnd voor–1 mnd na',
};

export const GROEP_TEKST: Record<Groep, string> = {
  rik: 're-integratiekandidaten',
  kv: 'kortverblijvenden',
  totaal: 'alle ex-gedetineerden',
};

/** GROEP_TEKST in English, for the Summary. */
export const GROEP_TEKST_EN: Record<Groep, string> = {
  rik: 're-integration candidates',
  kv: 'short-stay detainees',
  totaal: 'all former detainees',
};

export const GROEP_KORT: Record<Groep, string> = {
  rik: 're-integratiekandidaten',
  kv: 'kortverblijvenden',
  totaal: 'beide groepen',
};

/** Model covariates in a table or chart (docs/models.md, "Covariates"). */
export const COVARIAAT_TEKST: Record<string, string> = {
  id: 'ID-bewijs bij uitstroom',
  activiteit: 'Activiteit',
  huisvesting: 'Huisvesting',
  wanbetaler: 'Wanbetaler',
  startkwalificatie: 'Startkwalificatie',
  geslacht: 'Geslacht',
  leeftijd: 'Leeftijd bij uitstroom',
  eerdere_zaken: 'Eerdere strafzaken',
  detentieduur: 'Detentieduur (dagen)',
  cohort: 'Cohort',
  werk_1m_voor: 'Werk 1 mnd voor detentie',
  zelfde_baan: 'Zelfde baan 1 en 6 mnd na',
  stabiel_wonen: 'Zelfde woonadres 1 en 6 mnd na',
};

/**
 * The housing situations, as levels of a covariate and in charts. (An indicator's label says
 * "in een instelling", to read as a situation after "Huisvesting:"; src/indicators/definitions.)
 */
export const HUISVESTING_TEKST: Record<Huisvesting, string> = {
  alleenstaand: 'alleenstaand',
  met_partner: 'met partner',
  bij_ouders: 'bij ouders',
  met_anderen: 'met anderen',
  instelling: 'instelling',
  briefadres: 'briefadres',
  geen_inschrijving: 'geen inschrijving',
};

/** Levels of the model covariates, where the code is not already readable. */
export const NIVEAU_TEKST: Record<string, string> = {
  geldig: 'geldig',
  ongeldig: 'ongeldig',
  onbekend: 'onbekend',
  geen: 'geen werk, opleiding of uitkering',
  werk: 'werk',
  opleiding: 'opleiding',
  uitkering: 'uitkering',
  ...HUISVESTING_TEKST,
  ja: 'ja',
  nee: 'nee',
  m: 'man',
  v: 'vrouw',
};

/** Interaction terms of cox_interactie. */
export const INTERACTIE_TEKST: Record<string, string> = {
  'geslacht:v*geen_adres': 'Vrouw × geen adres',
  'inkomen*wanbetaler:ja': 'Inkomen × wanbetaler',
  'inkomen*veel_eerdere_zaken': 'Inkomen × 6 of meer eerdere zaken',
};

/** A model term (`huisvesting:briefadres`, an interaction, `(Intercept)`) for a reader. */
export function termTekst(term: string): { covariaat: string; niveau: string } {
  const interactie = INTERACTIE_TEKST[term];
  if (interactie) return { covariaat: 'Interactie', niveau: interactie };
  if (term === '(Intercept)') return { covariaat: 'Constante', niveau: '' };
  const i = term.indexOf(':');
  if (i < 0) return { covariaat: term, niveau: '' };
  const cov = term.slice(0, i);
  return { covariaat: COVARIAAT_TEKST[cov] ?? cov, niveau: niveauTekst(term.slice(i + 1)) };
}

/** A level of a model covariate for a reader; ranges of numbers take an en dash: 25–34, 1–2. */
export function niveauTekst(niveau: string): string {
  return NIVEAU_TEKST[niveau] ?? niveau.replace(/(\d)-(\d)/g, '$1–$2');
}

/** The problems of the samenhang analysis, in charts and running text ("geen geldig ID en geen inkomen"). */
export const PROBLEEM_TEKST: Record<Probleem, string> = {
  id: 'geen geldig ID',
  inkomen: 'geen inkomen',
  adres: 'geen adres',
  schulden: 'schulden',
  startkwalificatie: 'geen startkwalificatie',
};

/**
 * The problems in the labels of the indicators that count pairs ("Zowel geen ID-bewijs als geen
 * inkomen"): the ID problem in the words of the ID indicators' own labels ("Geen geldig
 * ID-bewijs"), the others as PROBLEEM_TEKST.
 */
export const PROBLEEM_LABEL: Record<Probleem, string> = { ...PROBLEEM_TEKST, id: 'geen ID-bewijs' };

/** Each problem in a word or two, for the indicators that count how many a person has. */
export const PROBLEEM_KORT: Record<Probleem, string> = {
  id: 'ID-bewijs',
  inkomen: 'inkomen',
  adres: 'adres',
  schulden: 'schulden',
  startkwalificatie: 'startkwalificatie',
};

/** Kaplan–Meier breakdowns. */
export const UITSPLITSING_TEKST: Record<string, string> = {
  totaal: 'cohort',
  landmark_1m: 'alle re-integratiekandidaten vanaf 1 maand na detentie',
  id: 'ID-bewijs bij uitstroom',
  activiteit: 'activiteit 1 maand na detentie',
  huisvesting: 'huisvesting 1 maand na detentie',
  wanbetaler: 'wanbetaler 1 maand na detentie',
};

/** The basisvoorwaarden in running text. */
export const BASISVOORWAARDE_TEKST: Record<string, string> = {
  id: 'een geldig identiteitsbewijs',
  werk_inkomen: 'werk en inkomen',
  huisvesting: 'huisvesting',
  schulden: 'schulden',
  zorg: 'zorg',
};

/** BASISVOORWAARDE_TEKST in English, for the Summary. */
export const BASISVOORWAARDE_TEKST_EN: Record<string, string> = {
  id: 'a valid identity document',
  werk_inkomen: 'work and income',
  huisvesting: 'housing',
  schulden: 'debts',
  zorg: 'care',
};

/** Each basisvoorwaarde as what has to be in place, for running text ("… wanneer {lijst} op orde zijn"). */
export const BASISVOORWAARDE_ZAAK: Record<string, string> = {
  id: 'een geldig identiteitsbewijs',
  werk_inkomen: 'werk of een andere vorm van inkomen',
  huisvesting: 'een woonplek',
  schulden: 'grip op schulden',
  zorg: 'zo nodig zorg',
};

/** Each basisvoorwaarde as the letter names it, in the letter's order. */
export const BASISVOORWAARDE_BRIEF: Record<string, string> = {
  werk_inkomen: 'werk en inkomen',
  huisvesting: 'onderdak',
  schulden: 'een aanpak van schulden',
  id: 'een geldig identiteitsbewijs',
  zorg: 'toegang tot zorg',
};

/** Each basisvoorwaarde as the subject of a sentence that says it was not measured. */
export const BASISVOORWAARDE_ONDERWERP: Record<string, string> = {
  id: 'het identiteitsbewijs',
  werk_inkomen: 'werk en inkomen',
  huisvesting: 'de huisvesting',
  schulden: 'de schulden',
  zorg: 'de zorg',
};

/** BASISVOORWAARDE_ONDERWERP in English: the subject of the Summary's sentence that says it was not measured. */
export const BASISVOORWAARDE_ONDERWERP_EN: Record<string, string> = {
  id: 'identity documents',
  werk_inkomen: 'work and income',
  huisvesting: 'housing',
  schulden: 'debts',
  zorg: 'care (mental health and addiction care)',
};

/** Themes of the indicators as appendix section titles. */
export const THEMA_TEKST: Record<string, string> = {
  id: 'Identiteitsbewijs',
  werk_inkomen: 'Werk, inkomen en opleiding',
  huisvesting: 'Huisvesting',
  schulden: 'Schulden',
  zorg: 'Zorg',
  populatie: 'Onderzoeksgroep',
  samenhang: 'Samenhang van problemen',
  recidive: 'Recidive',
};

/** Afdoeningen of criminal cases in running text. */
export const AFDOENING_TEKST: Record<string, string> = {
  veroordeling: 'een veroordeling door de rechter',
  strafbeschikking: 'een strafbeschikking',
  transactie: 'een transactie',
  sepot_beleid: 'een beleidssepot',
  sepot_technisch: 'een technisch sepot',
  vrijspraak: 'een vrijspraak',
  overig: 'een andere afdoening',
};

/** The registers the monitor draws on, named in source lines and in the colophon. */
const BRONREGISTERS = ['TULP-GW', 'DPAN', 'SSB', 'OBJD'] as const;

/** The registers an edition's indicators rest on: DPAN (the ID status) only when it measures ID. */
export function bronregisters(basisvoorwaarden: readonly string[]): string[] {
  return BRONREGISTERS.filter((b) => b !== 'DPAN' || basisvoorwaarden.includes('id'));
}
