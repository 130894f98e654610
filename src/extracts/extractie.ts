/**
 * extractie.json: the metadata of an extract set (peildatum, bron, omschrijving), read and
 * checked before any extract, because every date in the extracts is checked against the
 * peildatum.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Extractie } from './contract.ts';
import { isIsoDate } from '../util/dates.ts';
import type { Diagnostic } from '../util/diagnostic.ts';
import { describeJsonError, parseJson } from '../util/json.ts';
import { diagnose, msg, toon, veld, type Text } from './messages.ts';

const KNOWN = new Set(['peildatum', 'bron', 'omschrijving']);

/** extractie.json holds three short fields; anything this large is not it. */
const MAX_JSON_BYTES = 1 << 20;

export interface GelezenExtractie {
  /** The metadata, or undefined when extractie.json is missing or unusable. */
  extractie: Extractie | undefined;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** Read and check `file` (the path as shown in messages is `file` too). */
export async function leesExtractie(file: string): Promise<GelezenExtractie> {
  const read = await readText(file);
  if (typeof read !== 'string') return { extractie: undefined, errors: [read], warnings: [] };
  const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
  const parsed = parseJson(text);
  if (!parsed.ok) return { extractie: undefined, errors: [describeJsonError(file, parsed.error)], warnings: [] };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { extractie: undefined, errors: [diagnose(file, undefined, undefined, msg.jsonNotObject())], warnings: [] };
  }
  return checkFields(file, text, value as Record<string, unknown>);
}

/** The text of `file`, or why it cannot be read. */
async function readText(file: string): Promise<string | Diagnostic> {
  const fail = (t: Text): Diagnostic => diagnose(file, undefined, undefined, t);
  try {
    // A FIFO would block, a link to /dev/zero never end: only a regular file of sensible size.
    const info = await stat(file);
    if (!info.isFile()) {
      return fail(msg.notRegular(info.isDirectory() ? 'directory' : info.isFIFO() ? 'jsonFifo' : 'jsonSpecial'));
    }
    if (info.size > MAX_JSON_BYTES) return fail(msg.jsonTooLarge(MAX_JSON_BYTES));
    return await readFile(file, 'utf8');
  } catch {
    return fail(msg.jsonMissing());
  }
}

/** Check the fields of the JSON object read from `file` (`text` locates them by line). */
function checkFields(file: string, text: string, object: Record<string, unknown>): GelezenExtractie {
  const errors: Diagnostic[] = [];
  const report = (key: string, t: Text): void => {
    errors.push(diagnose(file, keyLine(text, key), veld(key), t));
  };
  const shown = (v: unknown): string => (typeof v === 'string' ? toon(v) : JSON.stringify(v) ?? String(v));

  const { peildatum, bron, omschrijving } = object;
  if (peildatum === undefined) report('peildatum', msg.jsonFieldMissing());
  else if (typeof peildatum !== 'string' || !isIsoDate(peildatum)) report('peildatum', msg.jsonPeildatum(shown(peildatum)));

  if (bron === undefined) report('bron', msg.jsonFieldMissing());
  else if (typeof bron !== 'string' || bron.trim() === '') report('bron', msg.jsonString(shown(bron)));

  if (omschrijving !== undefined && typeof omschrijving !== 'string') {
    report('omschrijving', msg.jsonString(shown(omschrijving)));
  }
  const warnings = Object.keys(object)
    .filter((key) => !KNOWN.has(key))
    .map((key) => diagnose(file, keyLine(text, key), veld(key), msg.jsonUnknownField()));
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
