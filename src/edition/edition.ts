/**
 * The edition: everything that makes one meting of the monitor different from another
 * (number, cohorts, basisvoorwaarden, disclosure threshold, recidive rule, letter metadata).
 *
 * Editions are data (editions/*.json). The file is read and validated once, here, into one
 * typed object that is passed down; nothing about a particular meting lives in the engine.
 */
import { z } from 'zod';
import { AFDOENING } from '../extracts/contract.ts';
import { InputError } from '../util/errors.ts';
import { readRegularFile } from '../util/files.ts';
import { describeJsonError, parseJson } from '../util/json.ts';
import { checkAgainst } from './messages.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'een datum als JJJJ-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'een bestaande kalenderdatum',
  });

export const BASISVOORWAARDEN = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg'] as const;
export type Basisvoorwaarde = (typeof BASISVOORWAARDEN)[number];

const briefSchema = z.strictObject({
  datum: isoDate,
  plaats: z.string().min(1),
  dossier: z.strictObject({ nummer: z.string().min(1), titel: z.string().min(1) }),
  nr: z.number().int().positive(),
  geadresseerde: z.string().min(1),
  ondertekenaar: z.strictObject({ functie: z.string().min(1), naam: z.string().min(1) }),
  briefhoofd: z.string().min(1),
  /**
   * The parliamentary references the letter cites, by a key the letter's templates use
   * (`{{noot "bestuurlijk_akkoord"}}` for a footnote, `{{ref "..."}}` in the text):
   * "Kamerstuk 29 270, nr. 139".
   */
  referenties: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'een sleutel van kleine letters, cijfers en _'), z.string().min(1)).default({}),
});

export const editionSchema = z
  .strictObject({
    nummer: z.number().int().positive(),
    titel: z.string().min(1),
    ondertitel: z.string().min(1),
    cohorten: z.array(z.number().int().min(1990).max(2100)).min(1),
    basisvoorwaarden: z.array(z.enum(BASISVOORWAARDEN)).min(1),
    drempel: z.number().int().min(1).default(10),
    recidive_afdoeningen: z.array(z.enum(AFDOENING)).min(1),
    auteurs: z.array(z.string().min(1)).min(1),
    uitgever: z.string().min(1),
    /** Publication date of the monitor (its cover and PDF date); the letter has its own. */
    datum: isoDate,
    brief: briefSchema,
  })
  .refine((e) => e.cohorten.every((c, i) => i === 0 || c > e.cohorten[i - 1]!), {
    message: 'cohorten moeten oplopend en zonder dubbele jaren zijn',
    path: ['cohorten'],
  });

export type Edition = z.infer<typeof editionSchema>;

/** Validate an already parsed edition object; `bron` names it in messages, `lines` locates fields (parseJson). */
export function parseEdition(value: unknown, bron: string, lines?: ReadonlyMap<string, number>): Edition {
  return checkAgainst(editionSchema, value, bron, lines);
}

/** Read and validate an edition file. */
export async function loadEdition(path: string): Promise<Edition> {
  let text: string;
  try {
    text = await readRegularFile(path);
  } catch {
    throw new InputError([`${path}: editiebestand niet gevonden of niet leesbaar`]);
  }
  const json = parseJson(text);
  if (!json.ok) throw new InputError([describeJsonError(path, json.error)]);
  return parseEdition(json.value, path, json.lines);
}
