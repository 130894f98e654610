/**
 * Messages about an edition file, in Dutch: `<file>:<line>: veld '<path>': <what> (verwacht: ...)`,
 * as diagnostics whose rule id names the kind of problem (`editie/onbekend-veld`, `editie/type`).
 *
 * zod's own messages are English ("Unrecognized key", "Invalid input: expected number"). Every
 * kind of issue zod can raise is translated here, generically: nothing below knows the fields of
 * the edition schema, so the schema can grow without touching this file. What the schema says
 * itself (a `.regex(..., 'een datum als JJJJ-MM-DD')`, a `.refine(...)` message) is already Dutch
 * and is used as the expectation. An unknown field gets the nearest known field as a suggestion.
 */
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { pathKey } from '../util/json.ts';
import { nearest } from '../util/nearest.ts';

/** The edition's messages besides the schema's, each with its rule id. */
export const msg = {
  onleesbaar: (file: string): Diagnostic => diagnostic('editie/onleesbaar', 'editiebestand niet gevonden of niet leesbaar', { file }),
  onbekend: (arg: string): Diagnostic =>
    diagnostic('editie/onbekend', `--edition ${arg}: geen editie met deze naam en geen bestand of map op dit pad`),
  mapNummer: (file: string, map: string, nummer: number, verwacht: string): Diagnostic =>
    diagnostic(
      'editie/map-nummer',
      `deze map heet ${map}, maar het editiebestand zegt "nummer": ${nummer} (verwacht: de map ${verwacht}, of het nummer ${Number.parseInt(map, 10)})`,
      { file },
    ),
  geenEdities: (dir: string, bestand: string): Diagnostic =>
    diagnostic('editie/geen-edities', `geen edities gevonden (verwacht: per meting een map met ${bestand})`, { file: dir }),
  sjabloonVervangtNiets: (file: string, rel: string, basis: string): Diagnostic =>
    diagnostic('editie/sjabloon-vervangt-niets', `dit sjabloon vervangt niets, want er is geen gedeeld sjabloon ${rel} in ${basis}`, { file }),
};

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** What a message shows of a value: strings quoted, long values cut. */
function waarde(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (value === undefined) text = 'niets';
  else if (typeof value === 'bigint') text = `${value}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const TYPES: Record<string, string> = {
  string: 'tekst tussen "..."',
  number: 'een getal',
  int: 'een geheel getal',
  bigint: 'een geheel getal',
  boolean: 'true of false',
  object: 'een object { ... }',
  array: 'een lijst [ ... ]',
  null: 'null',
  date: 'een datum',
  record: 'een object { ... }',
  tuple: 'een lijst [ ... ]',
  literal: 'een vaste waarde',
  enum: 'een van de toegestane waarden',
};

/** The JSON kind of a value, in Dutch ("een getal", "tekst"). */
function soort(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'een lijst';
  switch (typeof value) {
    case 'string':
      return 'tekst';
    case 'number':
      return Number.isInteger(value) ? 'een geheel getal' : 'een getal';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'een object';
    default:
      return typeof value;
  }
}

const lijst = (values: readonly unknown[]): string => {
  const shown = values.map(waarde);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} of ${shown.at(-1)}`;
};

const bedoelt = (suggestion: string | undefined): string => (suggestion === undefined ? '' : `; bedoelt u '${suggestion}'?`);

/** The keys an object schema knows (zod 4's internal definition, read defensively). */
function knownKeys(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

function te(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const klein = issue.code === 'too_small';
  const bound = Number(klein ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  const inclusive = issue.inclusive !== false;
  const exact = (issue as { exact?: boolean }).exact === true;
  const input = issue.input;
  const grens = exact ? 'precies' : klein ? (inclusive ? 'ten minste' : 'meer dan') : inclusive ? 'hoogstens' : 'minder dan';
  switch (issue.origin) {
    case 'string':
      if (klein && bound <= 1 && inclusive) return 'is leeg (verwacht: een niet-lege tekst)';
      return `${klein ? 'te korte' : 'te lange'} tekst ${waarde(input)} (verwacht: ${grens} ${bound} tekens)`;
    case 'array':
    case 'set':
      if (klein && bound <= 1 && inclusive) return 'de lijst is leeg (verwacht: ten minste één waarde)';
      return `${klein ? 'te weinig' : 'te veel'} waarden: ${Array.isArray(input) ? input.length : '?'} (verwacht: ${grens} ${bound})`;
    default:
      return `${klein ? 'te klein' : 'te groot'}: ${waarde(input)} (verwacht: ${grens} ${bound})`;
  }
}

type Code = RawIssue['code'];
type IssueOf<C extends Code> = Extract<RawIssue, { code: C }>;

function typeFout(issue: IssueOf<'invalid_type'>): string {
  const input = issue.input;
  const expected = String(issue.expected);
  const verwacht = TYPES[expected] ?? expected;
  if (input === undefined) return `ontbreekt (verwacht: ${verwacht})`;
  if ((expected === 'int' || expected === 'number') && typeof input === 'number')
    return `${waarde(input)} is geen geheel getal (verwacht: ${verwacht})`;
  return `${waarde(input)} is ${soort(input)} (verwacht: ${verwacht})`;
}

function waardeFout(issue: IssueOf<'invalid_value'>): string {
  const input = issue.input;
  const values = issue.values as readonly unknown[];
  const suggestion = typeof input === 'string' ? nearest(input, values.filter((v): v is string => typeof v === 'string')) : undefined;
  return `ongeldige waarde ${waarde(input)}${bedoelt(suggestion)} (verwacht: ${values.length === 1 ? waarde(values[0]) : `een van ${lijst(values)}`})`;
}

/** One issue for all unknown keys of an object; each gets its own line here, and its own message in formatIssues. */
function onbekendeVelden(issue: IssueOf<'unrecognized_keys'>): string {
  const known = knownKeys(issue.inst);
  return (issue.keys as readonly string[])
    .map((k) => {
      const missing = known.filter((x) => !(x in (issue.input as object)));
      const suggestion = nearest(k, missing) ?? nearest(k, known);
      const rest = known.length === 0 ? '' : `; bekende velden: ${known.join(', ')}`;
      return `onbekend veld '${k}'${suggestion === undefined ? rest : bedoelt(suggestion)}`;
    })
    .join('\n');
}

const VORMEN: Record<string, string> = {
  date: 'een datum als JJJJ-MM-DD',
  email: 'een e-mailadres',
  url: 'een webadres',
};

function vormFout(issue: IssueOf<'invalid_format'>): string {
  const format = String(issue.format);
  const expected =
    format === 'regex' ? `tekst volgens het patroon ${String((issue as { pattern?: unknown }).pattern ?? '')}` : (VORMEN[format] ?? `tekst in de vorm ${format}`);
  return `ongeldige waarde ${waarde(issue.input)} (verwacht: ${expected})`;
}

/** The Dutch text of each kind of issue; a kind not here is `ongeldige waarde ...`. */
const VERTALINGEN: { [C in Code]?: (issue: IssueOf<C>) => string } = {
  invalid_type: typeFout,
  too_small: te,
  too_big: te,
  invalid_value: waardeFout,
  unrecognized_keys: onbekendeVelden,
  invalid_format: vormFout,
  not_multiple_of: (issue) => `${waarde(issue.input)} is geen veelvoud van ${String(issue.divisor)}`,
  invalid_key: (issue) => {
    const inner = (issue.issues as readonly Issue[]).map((i) => i.message).join('; ');
    return `ongeldige sleutel ${waarde(issue.input)} (verwacht: ${inner || 'een geldige sleutel'})`;
  },
  invalid_element: (issue) => `ongeldig element ${waarde(issue.input)}`,
  invalid_union: (issue) => `ongeldige waarde ${waarde(issue.input)} (verwacht: een van de toegestane vormen)`,
};

/**
 * zod's per-parse error map: the Dutch text (what is wrong, and what was expected) of every
 * issue the schema has no message of its own for. Pass as `safeParse(value, { error: editieFout })`.
 */
function editieFout(issue: RawIssue): string {
  const vertaling = VERTALINGEN[issue.code] as ((issue: RawIssue) => string) | undefined;
  return vertaling ? vertaling(issue) : `ongeldige waarde ${waarde(issue.input)}`;
}

/** The field a path names: `brief.dossier.nummer`, `basisvoorwaarden[2]` (counted from 1). */
function veldNaam(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(hoofdniveau)';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p + 1}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The rule id of each kind of issue, after the area: `editie/onbekend-veld`. */
const REGELS: Record<Code, string> = {
  invalid_type: 'type',
  too_small: 'te-klein',
  too_big: 'te-groot',
  invalid_value: 'waarde',
  unrecognized_keys: 'onbekend-veld',
  invalid_format: 'vorm',
  not_multiple_of: 'veelvoud',
  invalid_key: 'sleutel',
  invalid_element: 'element',
  invalid_union: 'vorm',
  custom: 'regel',
};

/** Where the checked value came from, for the diagnostics. */
interface Source {
  /** The file as named in messages. */
  bron: string;
  /** The line of each field (parseJson), when known. */
  lines: ReadonlyMap<string, number> | undefined;
  /** The area of the rule ids: `editie` gives `editie/onbekend-veld`. */
  area: string;
}

/**
 * Validate `value` against `schema`, naming `bron` in messages. On failure an InputError with
 * one Dutch diagnostic per problem; `lines` (from parseJson) gives the line of each field, when
 * known; `area` begins the rule ids. Generic over the schema: any zod schema can be checked this way.
 */
export function checkAgainst<S extends z.ZodType>(
  schema: S,
  value: unknown,
  bron: string,
  lines?: ReadonlyMap<string, number>,
  area = 'editie',
): z.output<S> {
  const ours = new Set<string>();
  const result = schema.safeParse(value, {
    error: (issue) => {
      const text = editieFout(issue);
      ours.add(text);
      return text;
    },
  });
  if (result.success) return result.data;
  throw new InputError(formatIssues(result.error.issues, value, ours, { bron, lines, area }));
}

/**
 * The issues of a failed parse as diagnostics. `input` is the parsed JSON (to show values the
 * schema's own messages do not); `ours` the messages editieFout wrote (the rest are the
 * schema's own Dutch text, which says what was expected).
 */
function formatIssues(issues: readonly Issue[], input: unknown, ours: ReadonlySet<string>, source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shownValue = new Set<string>();
  const at = (issue: Issue, path: readonly PropertyKey[], text: string): Diagnostic => {
    const line = lineOf(source.lines, path);
    return {
      file: source.bron,
      ...(line === undefined ? {} : { line }),
      rule: `${source.area}/${REGELS[issue.code]}`,
      text: `veld '${veldNaam(path)}': ${text}`,
    };
  };
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const parts = issue.message.split('\n');
      issue.keys.forEach((key, k) => {
        const text = ours.has(issue.message) && parts.length === issue.keys.length ? parts[k]! : `onbekend veld '${key}'`;
        out.push(at(issue, [...path, key], text));
      });
      continue;
    }
    let text = issue.message;
    const field = pathKey(path);
    // A value that fails two of the schema's own checks (format, then calendar) is shown once.
    if (!ours.has(text) && shownValue.has(field)) continue;
    if (!ours.has(text)) {
      const value = valueAt(input, path);
      text =
        value !== undefined && (value === null || typeof value !== 'object')
          ? `ongeldige waarde ${waarde(value)} (verwacht: ${issue.message})`
          : issue.message;
    }
    if (text.startsWith('ongeldige waarde')) shownValue.add(field);
    out.push(at(issue, path, text));
  }
  return out;
}

/** The line of the field at `path`, or of the nearest enclosing field whose line is known. */
function lineOf(lines: ReadonlyMap<string, number> | undefined, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0 && lines; n--) {
    const line = lines.get(pathKey(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}
