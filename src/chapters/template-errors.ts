/**
 * Handlebars' errors as Dutch diagnostics that point at the cause in the template.
 *
 * Handlebars reports a block that is opened and never closed as "Parse error on line 12: ...
 * Expecting 'OPEN_INVERSE_CHAIN'", on the line where the file ends, not where the block began.
 * So on a parse error the template is scanned here for its `{{#…}}`, `{{else}}` and `{{/…}}`
 * tags, and the message names the line of the block that was not closed, of the close that
 * closes the wrong block, or of the `{{` that is never closed. Strict mode's "x not defined"
 * becomes "waarde 'x' bestaat niet" or, for a call with arguments, "onbekende helper", with the
 * nearest known name. The texts and rule ids are in ./messages.ts.
 *
 * Every place that fills a template (the chapters, the Kamerbrief) reports through the two
 * functions exported here: `helperError` for a helper called wrongly, `fillError` for whatever
 * filling a template threw.
 */
import { diagnostic, formatDiagnostic, type Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { nearest } from '../util/nearest.ts';
import { HELPER_REGEL, sjabloonMeldingen as meld, token, type Melding } from './messages.ts';
import type { TemplateSource } from './types.ts';

interface Tag {
  kind: 'open' | 'close' | 'else' | 'unclosed';
  /** The block's name (`if`, `each`, a helper); empty for else and unclosed. */
  name: string;
  /** The tag as written, cut to a reasonable length. */
  text: string;
  line: number;
  column: number;
}

/** Line and column (both from 1) of offset `at` in `s`. */
function position(s: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = s.indexOf('\n'); k !== -1 && k < at; k = s.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: at - start + 1 };
}

const cut = (s: string): string => (s.length > 50 ? `${s.slice(0, 47)}…}}` : s);

/** The kind and name of a complete `{{…}}` tag, or undefined when it is no block tag. */
function blockTag(text: string): Pick<Tag, 'kind' | 'name'> | undefined {
  const body = text.replace(/^\{+~?\s*/, '').replace(/\s*~?\}+$/, '');
  if (body.startsWith('!')) return undefined;
  const first = body.slice(1).trim().split(/[\s(]/)[0] ?? '';
  if (body.startsWith('#')) return { kind: 'open', name: first.replace(/^[>*]/, '') };
  if (body.startsWith('^') && first !== '') return { kind: 'open', name: first };
  if (body.startsWith('/')) return { kind: 'close', name: first };
  if (body === '^' || body === 'else' || body.startsWith('else ')) return { kind: 'else', name: '' };
  return undefined;
}

/** The end of the comment `{{!-- … --}}` that starts at `open`, or -1 when it is not closed. */
function commentEnd(source: string, open: number): number {
  const end = source.indexOf('--', source.indexOf('!--', open) + 3);
  const close = end === -1 ? -1 : source.indexOf('}}', end);
  return close === -1 ? -1 : close + 2;
}

/** The block tags of a template, in order; comments and raw blocks are skipped. */
function scanTags(source: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  for (;;) {
    const open = source.indexOf('{{', i);
    if (open === -1) return tags;
    if (open > 0 && source[open - 1] === '\\') {
      i = open + 2; // \{{ is literal text
      continue;
    }
    const where = position(source, open);
    if (source.startsWith('{{!--', open) || source.startsWith('{{~!--', open)) {
      i = commentEnd(source, open);
      if (i === -1) return [...tags, { kind: 'unclosed', name: '', text: '{{!--', ...where }];
      continue;
    }
    const close = source.indexOf('}}', open + 2);
    if (close === -1) return [...tags, { kind: 'unclosed', name: '', text: cut(source.slice(open, source.indexOf('\n', open) === -1 ? undefined : source.indexOf('\n', open))), ...where }];
    let end = close + 2;
    while (source[end] === '}') end++; // }}} of a triple stash
    const text = source.slice(open, end);
    i = end;
    const tag = blockTag(text);
    if (tag) tags.push({ ...tag, text: cut(text), ...where });
  }
}

/** A problem at a place in the template, before the template's name is added. */
type Plaats = Melding & { line: number; column?: number };

/** What is wrong with the blocks of a template that did not parse, or [] when the blocks are in order. */
function blockProblems(source: string): Plaats[] {
  const stack: Tag[] = [];
  for (const tag of scanTags(source)) {
    const at = { line: tag.line, column: tag.column };
    if (tag.kind === 'unclosed') return [{ ...meld.opdrachtNietGesloten(tag.text), ...at }];
    if (tag.kind === 'open') stack.push(tag);
    else if (tag.kind === 'else') {
      if (stack.length === 0) return [{ ...meld.elseBuitenBlok(tag.text), ...at }];
    } else {
      const top = stack.pop();
      if (!top) return [{ ...meld.blokNietGeopend(tag.text, tag.name), ...at }];
      if (top.name !== tag.name) return [{ ...meld.verkeerdGesloten(tag.text, top.text, top.line, top.name), ...at }];
    }
  }
  return stack.reverse().map((t) => ({ ...meld.blokNietAfgesloten(t.text, t.name), line: t.line, column: t.column }));
}

/** Tokens too obscure to list as what was expected. */
const OBSCURE = new Set(['UNDEFINED', 'NULL', 'CLOSE_RAW_BLOCK', 'OPEN_BLOCK_PARAMS', 'CLOSE_BLOCK_PARAMS', 'OPEN_RAW_BLOCK', 'END_RAW_BLOCK']);

/** The expression at `line`:`column` (Handlebars' 0-based column of a name) and whether it has arguments. */
function expressionAt(source: string, line: number, column: number): { path: string; call: boolean } | undefined {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return undefined;
  const m = /^[\w.@/-]+/.exec(text.slice(column));
  if (!m) return undefined;
  const rest = text.slice(column + m[0].length);
  const before = text.slice(0, column);
  return { path: m[0], call: /^\s+[^\s}~]/.test(rest) || /\(\s*$/.test(before) };
}

interface TemplateErrorContext {
  /** The template's text. */
  source: string;
  /** The template as named in messages (`templates/monitor/04-x.md.hbs`). */
  name: string;
  /** The helpers known to the template. */
  helpers: readonly string[];
  /** The values the template sees at the top. */
  values: readonly string[];
}

/** Handlebars' "x doesn't match y": the scan of the blocks says which, else Handlebars' line. */
function wrongClose(m: RegExpExecArray, ctx: TemplateErrorContext): Plaats[] {
  const problems = blockProblems(ctx.source);
  return problems.length > 0 ? problems : [{ ...meld.verkeerdGeslotenBlok(m[1]!, m[2]!), line: Number(m[3]) }];
}

/** A parse error: the scan of the blocks, else what Handlebars expected, in words. */
function parseError(m: RegExpExecArray, ctx: TemplateErrorContext): Plaats[] {
  const problems = blockProblems(ctx.source);
  if (problems.length > 0) return problems;
  const expecting = (m[2] ?? '')
    .split(', ')
    .map((t) => t.replace(/'/g, ''))
    .filter((t) => t !== '' && !OBSCURE.has(t));
  const verwacht = [...new Set(expecting.map(token))].slice(0, 6).join(', ');
  return [{ ...meld.nietTeLezen(m[3] === undefined ? undefined : token(m[3]), verwacht), line: Number(m[1]) }];
}

/** Strict mode's "x not defined": an unknown helper when it is called, else an unknown value. */
function notDefined(m: RegExpExecArray, ctx: TemplateErrorContext): Plaats[] {
  const line = Number(m[2]);
  const column = Number(m[3]);
  const expression = expressionAt(ctx.source, line, column);
  const path = expression?.path ?? m[1]!;
  const at = { line, column: column + 1 };
  if (expression?.call && !path.includes('.')) return [{ ...meld.onbekendeHelper(path, nearest(path, ctx.helpers), ctx.helpers), ...at }];
  const head = path.split('.')[0]!;
  const suggestion = path.includes('.') || ctx.values.includes(head) ? undefined : nearest(head, ctx.values);
  return [{ ...meld.onbekendeWaarde(path, suggestion), ...at }];
}

/** The errors whose place Handlebars gives in the template as line and column. */
const LOCATED: readonly [RegExp, (m: RegExpExecArray, ctx: TemplateErrorContext) => Plaats[]][] = [
  [/^(\S+) doesn't match (\S+) - (\d+):(\d+)$/, wrongClose],
  [/^Parse error on line (\d+):[\s\S]*?(?:Expecting (.*), got '([^']+)')?$/, parseError],
  [/^Lexical error on line (\d+)/, (m) => [{ ...meld.onverwachteTekens(), line: Number(m[1]) }]],
  [/^"([^"]+)" not defined in .* - (\d+):(\d+)$/, notDefined],
];

/** Errors at run time, placed by the " - line:column" Handlebars appends when it knows it. */
function runtimeError(e: Error): Melding | undefined {
  const message = e.message;
  const helper = /^#?(\w+) requires exactly one argument/.exec(message);
  if (helper) return meld.eenWaarde(helper[1]!);
  if (/^Must pass iterator to #each/.test(message)) return meld.eachLijst();
  const missing = /^Missing helper: "?([^"]+)"?/.exec(message);
  if (missing) return meld.onbekendeHelper(missing[1]!, undefined, undefined);
  if (e.name === 'Error' && 'lineNumber' in e) return meld.nietTeVerwerken(message.replace(/ - \d+:\d+$/, ''));
  return undefined;
}

/**
 * A Handlebars error (thrown by compile or by running the template) as Dutch diagnostics, or
 * undefined when it is no Handlebars error.
 */
function templateError(e: unknown, ctx: TemplateErrorContext): Diagnostic[] | undefined {
  if (!(e instanceof Error)) return undefined;
  for (const [pattern, problems] of LOCATED) {
    const m = pattern.exec(e.message);
    if (m) return problems(m, ctx).map((p) => diagnostic(p.rule, p.text, { file: ctx.name, line: p.line, column: p.column }));
  }
  const melding = runtimeError(e);
  if (!melding) return undefined;
  const located = / - (\d+):(\d+)$/.exec(e.message);
  return [diagnostic(melding.rule, melding.text, located ? { file: ctx.name, line: Number(located[1]), column: Number(located[2]) + 1 } : { file: ctx.name })];
}

/** Where a helper was called, as Handlebars passes it in the helper's options. */
interface HelperCall {
  loc?: { start: { line: number } };
}

/**
 * A helper called wrongly in `template`: the error names the template and, when Handlebars gives
 * it, the line of the call. `melding` is from a catalogue (./messages.ts), or a text of its own.
 */
export function helperError(template: string, call: HelperCall | undefined, melding: Melding | string): InputError {
  const { rule, text } = typeof melding === 'string' ? { rule: HELPER_REGEL, text: melding } : melding;
  return new InputError([diagnostic(rule, text, call?.loc ? { file: template, line: call.loc.start.line } : { file: template })]);
}

/**
 * A diagnostic from deeper down (a table builder) that does not know its template still names
 * it, and the line where the value it names ('x') is written in an argument, if any.
 */
function inTemplate(d: Diagnostic, template: TemplateSource): Diagnostic {
  const shown = formatDiagnostic(d);
  if (shown.startsWith(template.name)) return d;
  const genoemd = /'([^']+)'/.exec(shown)?.[1];
  const woord = genoemd === undefined ? undefined : new RegExp(`"(?:[^"]*\\s)?${genoemd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s[^"]*)?"`);
  const regel = woord === undefined ? 0 : template.text.split('\n').findIndex((l) => woord.test(l)) + 1;
  return diagnostic(d.rule, shown, regel > 0 ? { file: template.name, line: regel, hint: d.hint } : { file: template.name, hint: d.hint });
}

/**
 * What to throw when filling `template` threw `e`: an InputError whose every diagnostic names
 * the template (with the line where that can be found), a Handlebars error as Dutch diagnostics,
 * anything else as it is.
 */
export function fillError(e: unknown, template: TemplateSource, known: Pick<TemplateErrorContext, 'helpers' | 'values'>): unknown {
  if (e instanceof InputError) {
    if (e.messages.every((m) => m.startsWith(template.name))) return e;
    return new InputError(e.diagnostics.map((d) => inTemplate(d, template)), e.hint);
  }
  const diagnostics = templateError(e, { source: template.text, name: template.name, ...known });
  return diagnostics ? new InputError(diagnostics) : e;
}
