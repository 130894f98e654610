/**
 * The monitor's vocabulary: the lists of domain things (basisvoorwaarden, meetmomenten, groepen,
 * problems, housing situations), declared once, in their fixed order, for every layer to import.
 * Labels for readers live in ./labels.ts; nothing here knows about files, SQL or presentation.
 */

/** The five basisvoorwaarden for re-integration, in the monitor's order. */
export const BASISVOORWAARDEN = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg'] as const;
export type Basisvoorwaarde = (typeof BASISVOORWAARDEN)[number];

/** The household situations an address can have (the `huishouden` column of the housing extract). */
export const HUISHOUDEN = ['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen'] as const;

/** Meetmomenten in their fixed order; the transitions are named after the two moments they join. */
export const MOMENTEN = [
  '6m_voor',
  '1m_voor',
  'instroom',
  'uitstroom',
  '1m_na',
  '6m_na',
  '12m_na',
  '24m_na',
  'instroom-uitstroom',
  '1m_voor-1m_na',
] as const;
export type Moment = (typeof MOMENTEN)[number];

/** The moments at which status indicators are measured unless another moment is given. */
export const STATUSMOMENTEN = ['6m_voor', '1m_voor', '1m_na', '6m_na', '12m_na', '24m_na'] as const satisfies readonly Moment[];

export const GROEPEN = ['rik', 'kv', 'totaal'] as const;
export type Groep = (typeof GROEPEN)[number];

/** The two groups themselves, without their 'totaal'. */
export const RIK_KV = ['rik', 'kv'] as const satisfies readonly Groep[];

/** The five problems of the samenhang analysis, in their fixed order. */
export const PROBLEMEN = ['id', 'inkomen', 'adres', 'schulden', 'startkwalificatie'] as const;
export type Probleem = (typeof PROBLEMEN)[number];

/** The basisvoorwaarde each problem belongs to: an edition that does not measure it has no such problem. */
const PROBLEEM_BASISVOORWAARDE: Record<Probleem, Basisvoorwaarde> = {
  id: 'id',
  inkomen: 'werk_inkomen',
  adres: 'huisvesting',
  schulden: 'schulden',
  startkwalificatie: 'werk_inkomen',
};

/** The problems an edition measures, in their fixed order. */
export function problemenVoor(basisvoorwaarden: readonly Basisvoorwaarde[]): Probleem[] {
  return PROBLEMEN.filter((p) => basisvoorwaarden.includes(PROBLEEM_BASISVOORWAARDE[p]));
}

export const HUISVESTING = [...HUISHOUDEN, 'instelling', 'briefadres', 'geen_inschrijving'] as const;
export type Huisvesting = (typeof HUISVESTING)[number];

