/**
 * Dutch names of the monitor's categories, as the reader sees them in text, tables and charts.
 */
import type { Groep, Moment } from '../indicators/definitions.ts';

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

export const GROEP_KORT: Record<Groep, string> = {
  rik: 're-integratiekandidaten',
  kv: 'kortverblijvenden',
  totaal: 'totaal',
};
