/**
 * The edition: everything that makes one meting of the monitor different from another
 * (number, cohorts, basisvoorwaarden, disclosure threshold, recidive rule, letter metadata).
 *
 * Editions are data (editions/*.json). The file is read and validated once, here, into one
 * typed object that is passed down; nothing about a particular meting lives in the engine.
 */
import { z } from 'zod';
import { AFDOENING } from '../extracts/contract.ts';
import { ISO_DATE, isIsoDate } from '../util/dates.ts';
import { InputError } from '../util/errors.ts';
import { BASISVOORWAARDEN } from '../vocabulary/lists.ts';
import { readRegularFile } from '../util/files.ts';
import { describeJsonError, parseJson } from '../util/json.ts';
import { checkAgainst, msg } from './messages.ts';

/** What editieSlug makes: `7e-meting`. */
export const EDITIE_SLUG = /^\d+e-meting$/;

/** A date in the edition file: first its form (JJJJ-MM-DD), then whether the day exists; a value failing both is shown once (messages.ts). */
const isoDate = z
  .string()
  .regex(ISO_DATE, 'een datum als JJJJ-MM-DD')
  .refine(isIsoDate, { message: 'een bestaande kalenderdatum' });

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

/**
 * The optional edition field `wijzigingen` (the comparison chapter, src/vergelijking/):
 * `"wijzigingen": [{ "indicator": "geen_inkomen", "tekst": "Vanaf cohort 2017 ..." }]`.
 */
const wijzigingenSchema = z
  .array(
    z.strictObject({
      indicator: z.string().regex(/^[a-z][a-z0-9_]*$/, 'een indicatornaam uit indicatoren.csv'),
      tekst: z.string().min(1),
    }),
  )
  .default([]);

/**
 * One member of the begeleidingscommissie: the role on the committee is implied by where it
 * stands (voorzitter or leden); `functie` is the member's position ("hoogleraar criminologie"),
 * `organisatie` where that is held. A name is optional: an edition may list members by position
 * and organisation only.
 */
const commissielidSchema = z.strictObject({
  naam: z.string().min(1).optional(),
  functie: z.string().min(1),
  organisatie: z.string().min(1),
});

/** The optional edition field `begeleidingscommissie`: printed as the monitor's first appendix. */
const commissieSchema = z.strictObject({
  voorzitter: commissielidSchema,
  leden: z.array(commissielidSchema).min(1),
});

export const editieSchema = z
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
    /**
     * Why each basisvoorwaarde the edition leaves out is not measured, in one Dutch phrase
     * ("er waren geen of onvoldoende gegevens"): the methods chapter and the letter name each
     * one once, with this reason. Exactly the basisvoorwaarden not in `basisvoorwaarden`.
     */
    niet_gemeten: z.partialRecord(z.enum(BASISVOORWAARDEN), z.string().min(1)).default({}),
    /** The previous meting (its slug, e.g. "6e-meting"), whose published results this edition compares with. */
    vorige: z.string().regex(EDITIE_SLUG, 'de naam van een editie, zoals 6e-meting').optional(),
    /** Notes on definitions or sources that changed since the previous meting, per indicator (the comparison chapter prints them). */
    wijzigingen: wijzigingenSchema,
    /** The committee that supervised the study; absent: the monitor has no committee appendix. */
    begeleidingscommissie: commissieSchema.optional(),
  })
  .refine((e) => e.cohorten.every((c, i) => i === 0 || c > e.cohorten[i - 1]!), {
    message: 'cohorten moeten oplopend en zonder dubbele jaren zijn',
    path: ['cohorten'],
  })
  .refine((e) => new Set(e.basisvoorwaarden).size === e.basisvoorwaarden.length, {
    message: 'een basisvoorwaarde staat er twee keer in',
    path: ['basisvoorwaarden'],
  })
  .superRefine((e, ctx) => {
    for (const b of BASISVOORWAARDEN) {
      const gemeten = e.basisvoorwaarden.includes(b);
      const reden = e.niet_gemeten[b];
      if (!gemeten && reden === undefined)
        ctx.addIssue({ code: 'custom', path: ['niet_gemeten', b], message: `'${b}' wordt niet gemeten; geef de reden, bijvoorbeeld "er waren geen of onvoldoende gegevens"` });
      if (gemeten && reden !== undefined)
        ctx.addIssue({ code: 'custom', path: ['niet_gemeten', b], message: `'${b}' wordt wel gemeten (staat in basisvoorwaarden); haal het hier weg` });
    }
    if (e.vorige !== undefined && Number.parseInt(e.vorige, 10) >= e.nummer)
      ctx.addIssue({ code: 'custom', path: ['vorige'], message: `de vorige meting moet een lager nummer hebben dan ${e.nummer}` });
  })
  .transform((e) => ({ ...e, slug: editieSlug(e.nummer) }));

export type Editie = z.infer<typeof editieSchema>;

/** The name of an edition's folders: editions/<slug>/, data/<slug>/, out/<slug>/. */
export function editieSlug(nummer: number): string {
  return `${nummer}e-meting`;
}

/** Validate an already parsed edition object; `bron` names it in messages, `lines` locates fields (parseJson). */
export function parseerEditie(value: unknown, bron: string, lines?: ReadonlyMap<string, number>): Editie {
  return checkAgainst(editieSchema, value, bron, lines);
}

/** Read and validate an edition file. */
export async function leesEditie(path: string): Promise<Editie> {
  let text: string;
  try {
    text = await readRegularFile(path);
  } catch {
    throw new InputError([msg.onleesbaar(path)]);
  }
  const json = parseJson(text);
  if (!json.ok) throw new InputError([describeJsonError(path, json.error)]);
  return parseerEditie(json.value, path, json.lines);
}
