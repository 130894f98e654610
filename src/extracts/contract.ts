/**
 * The data contract of the source extracts (docs/extracts.md), as data.
 *
 * The loader, the validator, the synthetic generator and the test fixtures all read this one
 * description, so a change to the contract is made here and nowhere else.
 */
import { HUISHOUDEN } from '../vocabulary/lists.ts';
import { InternalError } from '../util/errors.ts';

/** The kind of value a column holds. */
type ColumnType =
  | { kind: 'id' } // 1–32 characters from [A-Za-z0-9_-]
  | { kind: 'date' } // ISO YYYY-MM-DD, calendar-valid, <= peildatum
  | { kind: 'enum'; values: readonly string[] };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** May the field be empty (a missing value)? */
  optional: boolean;
}

export interface ExtractSpec {
  name: ExtractName;
  /** What one row is, in Dutch, for messages and documentation. */
  rij: string;
  columns: readonly ColumnSpec[];
  /** A missing optional extract means "not measured", never zero. */
  optional: boolean;
  /** Columns whose value must be unique over the extract. */
  unique: readonly string[];
  /** The spell columns (begin inclusive, einde inclusive or empty = still running). */
  spell?: { begin: string; einde: string };
  /** The spells of one value of this column do not overlap (an open spell runs to peildatum). */
  noOverlapPer?: string;
  /** Columns whose every value must occur in `key` of another extract. */
  references: readonly Reference[];
  /** Rules over more than one column of a row (or over a row and another extract). */
  rules: readonly RowRule[];
}

/** `column` of this extract refers to `key` of `extract`: every value must exist there. */
export interface Reference {
  column: string;
  extract: ExtractName;
  key: string;
}

/** A rule over several columns; checked only when the columns involved are valid themselves. */
type RowRule =
  /** The date in `column` is not before the date in `reference` (same row). */
  | { kind: 'notBefore'; column: string; reference: string }
  /** `column` is required when `when` equals `value`, and empty for every other value of `when`. */
  | { kind: 'onlyWhen'; column: string; when: string; value: string }
  /**
   * Across extracts: the date in `column` lies strictly after the date `reference` of the row of
   * `extract` whose `key` equals this row's `key`.
   */
  | { kind: 'afterReference'; column: string; extract: ExtractName; key: string; reference: string };

export const EXTRACT_NAMES = [
  'personen',
  'detenties',
  'banen',
  'uitkeringen',
  'onderwijs',
  'adressen',
  'wanbetalers',
  'justitie',
  'zorg',
] as const;
export type ExtractName = (typeof EXTRACT_NAMES)[number];

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const OPLEIDING = ['basis', 'vmbo', 'mbo1', 'mbo2_4', 'havo_vwo', 'hbo_wo', 'onbekend'] as const;
const ID_STATUS = ['geldig', 'ongeldig', 'onbekend'] as const;
const BAAN_SOORT = ['werknemer', 'zelfstandige'] as const;
export const UITKERING_SOORT = ['bijstand', 'werkloosheid', 'arbeidsongeschiktheid', 'pensioen', 'overig'] as const;
const ADRES_SOORT = ['woonadres', 'instelling', 'briefadres'] as const;
export const AFDOENING = [
  'veroordeling',
  'strafbeschikking',
  'transactie',
  'sepot_beleid',
  'sepot_technisch',
  'vrijspraak',
  'overig',
] as const;
const ZORG_SOORT = ['ggz', 'verslavingszorg'] as const;

const id = (name: string, optional = false): ColumnSpec => ({ name, type: { kind: 'id' }, optional });
const date = (name: string, optional = false): ColumnSpec => ({ name, type: { kind: 'date' }, optional });
const oneOf = (name: string, values: readonly string[], optional = false): ColumnSpec => ({
  name,
  type: { kind: 'enum', values },
  optional,
});
const spellColumns = [date('begin'), date('einde', true)];
const spell = { begin: 'begin', einde: 'einde' };
/** Every persoon_id in any extract exists in personen. */
const persoon: readonly Reference[] = [{ column: 'persoon_id', extract: 'personen', key: 'persoon_id' }];

export const EXTRACTS: readonly ExtractSpec[] = [
  {
    name: 'personen',
    rij: 'persoon',
    columns: [
      id('persoon_id'),
      oneOf('geslacht', ['m', 'v']),
      date('geboortedatum'),
      oneOf('hoogste_opleiding', OPLEIDING),
      date('datum_overlijden', true),
      date('datum_emigratie', true),
    ],
    optional: false,
    unique: ['persoon_id'],
    references: [],
    rules: [],
  },
  {
    name: 'detenties',
    rij: 'detentie (TULP-GW)',
    columns: [
      id('detentie_id'),
      id('persoon_id'),
      date('datum_instroom'),
      date('datum_uitstroom'),
      oneOf('id_bij_instroom', ID_STATUS),
      oneOf('id_bij_uitstroom', ID_STATUS),
    ],
    optional: false,
    unique: ['detentie_id'],
    references: persoon,
    rules: [
      { kind: 'notBefore', column: 'datum_uitstroom', reference: 'datum_instroom' },
      {
        kind: 'afterReference',
        column: 'datum_instroom',
        extract: 'personen',
        key: 'persoon_id',
        reference: 'geboortedatum',
      },
    ],
  },
  {
    name: 'banen',
    rij: 'baan (polisadministratie)',
    columns: [id('persoon_id'), id('baan_id'), oneOf('soort', BAAN_SOORT), ...spellColumns],
    optional: false,
    unique: [],
    spell,
    references: persoon,
    rules: [],
  },
  {
    name: 'uitkeringen',
    rij: 'uitkering',
    columns: [id('persoon_id'), oneOf('soort', UITKERING_SOORT), ...spellColumns],
    optional: false,
    unique: [],
    spell,
    references: persoon,
    rules: [],
  },
  {
    name: 'onderwijs',
    rij: 'inschrijving in het onderwijs',
    columns: [id('persoon_id'), ...spellColumns],
    optional: false,
    unique: [],
    spell,
    references: persoon,
    rules: [],
  },
  {
    name: 'adressen',
    rij: 'adresinschrijving (BRP)',
    columns: [
      id('persoon_id'),
      id('adres_id'),
      oneOf('soort', ADRES_SOORT),
      oneOf('huishouden', HUISHOUDEN, true),
      ...spellColumns,
    ],
    optional: false,
    unique: [],
    spell,
    noOverlapPer: 'persoon_id',
    references: persoon,
    rules: [{ kind: 'onlyWhen', column: 'huishouden', when: 'soort', value: 'woonadres' }],
  },
  {
    name: 'wanbetalers',
    rij: 'registratie als wanbetaler (CAK)',
    columns: [id('persoon_id'), ...spellColumns],
    optional: false,
    unique: [],
    spell,
    references: persoon,
    rules: [],
  },
  {
    name: 'justitie',
    rij: 'strafzaak (OBJD)',
    columns: [id('zaak_id'), id('persoon_id'), date('pleegdatum'), oneOf('afdoening', AFDOENING)],
    optional: false,
    unique: ['zaak_id'],
    references: persoon,
    rules: [],
  },
  {
    name: 'zorg',
    rij: 'zorgperiode',
    columns: [id('persoon_id'), oneOf('soort', ZORG_SOORT), ...spellColumns],
    optional: true,
    unique: [],
    spell,
    references: persoon,
    rules: [],
  },
];

export function extractSpec(name: ExtractName): ExtractSpec {
  const spec = EXTRACTS.find((e) => e.name === name);
  if (!spec) throw new InternalError(`unknown extract ${name}`);
  return spec;
}

/** The three file forms an extract may take; exactly one per extract. */
export const EXTRACT_FORMS = ['.csv', '.csv.gz', '.parquet'] as const;
export type ExtractForm = (typeof EXTRACT_FORMS)[number];

/** extractie.json: the metadata of an extract set. */
export interface Extractie {
  peildatum: string;
  bron: string;
  omschrijving?: string;
}

/** The columns that only an edition measuring ID needs. */
export const ID_KOLOMMEN = ['id_bij_instroom', 'id_bij_uitstroom'] as const;

/**
 * The contract for an edition that measures `basisvoorwaarden`: without ID, `detenties` has no
 * ID columns (a file that has them gets the usual warning for an extra column); without care,
 * `zorg` is not read at all; with care, `zorg` is required.
 */
export function contractVoor(basisvoorwaarden: readonly string[]): ExtractSpec[] {
  return EXTRACTS.filter((e) => e.name !== 'zorg' || basisvoorwaarden.includes('zorg')).map((e) => {
    if (e.name === 'zorg') return { ...e, optional: false };
    if (e.name === 'detenties' && !basisvoorwaarden.includes('id'))
      return { ...e, columns: e.columns.filter((c) => !(ID_KOLOMMEN as readonly string[]).includes(c.name)) };
    return e;
  });
}
