/**
 * extractie.json: the metadata of an extract set (peildatum, bron, omschrijving), read and
 * checked before any extract, because every date in the extracts is checked against the
 * peildatum.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Extractie } from './contract.ts';
import { isIsoDate } from '../util/dates.ts';
import { describeJsonError, parseJson } from '../util/json.ts';
import { format, msg, toon, veld, type Text } from './messages.ts';

const KNOWN = new Set(['peildatum', 'bron', 'omschrijving']);

/** extractie.json holds three short fields; anything this large is not it. */
const MAX_JSON_BYTES = 1 << 20;

export interface ExtractieResult {
  /** The metadata, or undefined when extractie.json is missing or unusable. */
  extractie: Extractie | undefined;
  errors: string[];
  warnings: string[];
}

/** Read and check `file` (the path as shown in messages is `file` too). */
export async function readExtractie(file: string): Promise<ExtractieResult> {
  const errors: string[] = [];
  const warnings: string[] = [];
  let text: string;
  try {
    // A FIFO would block, a link to /dev/zero never end: only a regular file of sensible size.
    const info = await stat(file);
    const fail = (t: Text): ExtractieResult => ({ extractie: undefined, errors: [format(file, undefined, undefined, t)], warnings });
    if (!info.isFile()) {
      return fail(msg.notRegular(info.isDirectory() ? 'een map' : info.isFIFO() ? 'een named pipe (FIFO)' : 'een apparaat of ander speciaal bestand'));
    }
    if (info.size > MAX_JSON_BYTES) return fail(msg.jsonTooLarge(MAX_JSON_BYTES));
    text = await readFile(file, 'utf8');
  } catch {
    return { extractie: undefined, errors: [format(file, undefined, undefined, msg.jsonMissing())], warnings };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseJson(text);
  if (!parsed.ok) return { extractie: undefined, errors: [describeJsonError(file, parsed.error)], warnings };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { extractie: undefined, errors: [format(file, undefined, undefined, msg.jsonNotObject())], warnings };
  }
  const object = value as Record<string, unknown>;
  const report = (key: string, t: Text): void => {
    errors.push(format(file, keyLine(text, key), veld(key), t));
  };
  const shown = (v: unknown): string => (typeof v === 'string' ? toon(v) : JSON.stringify(v) ?? String(v));

  const peildatum = object.peildatum;
  if (peildatum === undefined) report('peildatum', msg.jsonFieldMissing());
  else if (typeof peildatum !== 'string' || !isIsoDate(peildatum)) report('peildatum', msg.jsonPeildatum(shown(peildatum)));

  const bron = object.bron;
  if (bron === undefined) report('bron', msg.jsonFieldMissing());
  else if (typeof bron !== 'string' || bron.trim() === '') report('bron', msg.jsonString(shown(bron)));

  const omschrijving = object.omschrijving;
  if (omschrijving !== undefined && typeof omschrijving !== 'string') {
    report('omschrijving', msg.jsonString(shown(omschrijving)));
  }
  for (const key of Object.keys(object)) {
    if (!KNOWN.has(key)) warnings.push(format(file, keyLine(text, key), veld(key), msg.jsonUnknownField()));
  }
  if (errors.length > 0) return { extractie: undefined, errors, warnings };
  const extractie: Extractie = { peildatum: peildatum as string, bron: bron as string };
  if (typeof omschrijving === 'string') extractie.omschrijving = omschrijving;
  return { extractie, errors, warnings };
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** The line of `"key":` in the JSON text, when it can be found. */
function keyLine(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`"${escaped}"\\s*:`).exec(text);
  return match ? lineAt(text, match.index) : undefined;
}
