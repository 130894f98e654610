/**
 * Handlebars' errors as Dutch messages that point at the cause in the template.
 *
 * Handlebars reports a block that is opened and never closed as "Parse error on line 12: ...
 * Expecting 'OPEN_INVERSE_CHAIN'", on the line where the file ends, not where the block began.
 * So on a parse error the template is scanned here for its `{{#…}}`, `{{else}}` and `{{/…}}`
 * tags, and the message names the line of the block that was not closed, of the close that
 * closes the wrong block, or of the `{{` that is never closed. Strict mode's "x not defined"
 * becomes "waarde 'x' bestaat niet" or, for a call with arguments, "onbekende helper", with the
 * nearest known name.
 */
import { nearest } from '../util/nearest.ts';

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
      const end = source.indexOf('--', source.indexOf('!--', open) + 3);
      const close = end === -1 ? -1 : source.indexOf('}}', end);
      if (close === -1) return [...tags, { kind: 'unclosed', name: '', text: '{{!--', ...where }];
      i = close + 2;
      continue;
    }
    const close = source.indexOf('}}', open + 2);
    if (close === -1) return [...tags, { kind: 'unclosed', name: '', text: cut(source.slice(open, source.indexOf('\n', open) === -1 ? undefined : source.indexOf('\n', open))), ...where }];
    let end = close + 2;
    while (source[end] === '}') end++; // }}} of a triple stash
    const text = source.slice(open, end);
    i = end;
    const body = text.replace(/^\{+~?\s*/, '').replace(/\s*~?\}+$/, '');
    if (body.startsWith('!')) continue;
    const first = body.slice(1).trim().split(/[\s(]/)[0] ?? '';
    if (body.startsWith('#')) tags.push({ kind: 'open', name: first.replace(/^[>*]/, ''), text: cut(text), ...where });
    else if (body.startsWith('^') && first !== '') tags.push({ kind: 'open', name: first, text: cut(text), ...where });
    else if (body.startsWith('/')) tags.push({ kind: 'close', name: first, text: cut(text), ...where });
    else if (body === '^' || body === 'else' || body.startsWith('else ')) tags.push({ kind: 'else', name: '', text: cut(text), ...where });
  }
}

/**
 * What is wrong with the blocks of a template that did not parse, as `line: text` messages
 * (without the file), or [] when the blocks are in order.
 */
function blockProblems(source: string): { line: number; column: number; what: string }[] {
  const stack: Tag[] = [];
  for (const tag of scanTags(source)) {
    if (tag.kind === 'unclosed')
      return [{ line: tag.line, column: tag.column, what: `'${tag.text}' wordt niet gesloten (verwacht: '}}' aan het einde van de opdracht)` }];
    if (tag.kind === 'open') stack.push(tag);
    else if (tag.kind === 'else') {
      if (stack.length === 0)
        return [{ line: tag.line, column: tag.column, what: `'${tag.text}' staat buiten een blok (verwacht: binnen {{#if …}} … {{/if}} of {{#each …}} … {{/each}})` }];
    } else {
      const top = stack.pop();
      if (!top)
        return [{ line: tag.line, column: tag.column, what: `'${tag.text}' sluit een blok dat niet geopend is (verwacht: eerst {{#${tag.name} …}})` }];
      if (top.name !== tag.name) return [mismatch(top, tag)];
    }
  }
  return stack
    .reverse()
    .map((t) => ({ line: t.line, column: t.column, what: `'${t.text}' wordt niet afgesloten (verwacht: {{/${t.name}}} verderop)` }));
}

function mismatch(open: Tag, close: Tag): { line: number; column: number; what: string } {
  return {
    line: close.line,
    column: close.column,
    what: `'${close.text}' sluit '${open.text}' van regel ${open.line} (verwacht: eerst {{/${open.name}}})`,
  };
}

const TOKENS: Record<string, string> = {
  EOF: 'het einde van het sjabloon',
  CLOSE: "'}}'",
  CLOSE_UNESCAPED: "'}}}'",
  OPEN: "'{{'",
  OPEN_BLOCK: "'{{#'",
  OPEN_ENDBLOCK: "'{{/'",
  OPEN_INVERSE: "'{{^'",
  INVERSE: "'{{else}}'",
  OPEN_INVERSE_CHAIN: "'{{else …}}'",
  OPEN_SEXPR: "'('",
  CLOSE_SEXPR: "')'",
  ID: 'een naam',
  STRING: 'tekst tussen "..."',
  NUMBER: 'een getal',
  BOOLEAN: 'true of false',
  EQUALS: "'='",
  DATA: "'@…'",
  SEP: "'.'",
  CONTENT: 'tekst',
  OPEN_PARTIAL: "'{{>'",
  COMMENT: 'commentaar',
};
/** Tokens too obscure to list as what was expected. */
const OBSCURE = new Set(['UNDEFINED', 'NULL', 'CLOSE_RAW_BLOCK', 'OPEN_BLOCK_PARAMS', 'CLOSE_BLOCK_PARAMS', 'OPEN_RAW_BLOCK', 'END_RAW_BLOCK']);
const token = (t: string): string => TOKENS[t] ?? `'${t.toLowerCase()}'`;

/** Where a message points: `file:line` or `file:line:column`. */
const at = (naam: string, line: number, column?: number): string => (column === undefined ? `${naam}:${line}` : `${naam}:${line}:${column}`);

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

export interface TemplateErrorContext {
  /** The template's text. */
  source: string;
  /** The template as named in messages (`templates/monitor/04-x.md.hbs`). */
  naam: string;
  /** The helpers known to the template. */
  helpers: readonly string[];
  /** The values the template sees at the top. */
  values: readonly string[];
}

/**
 * A Handlebars error (thrown by compile or by running the template) as Dutch messages, or
 * undefined when it is no Handlebars error.
 */
export function templateError(e: unknown, ctx: TemplateErrorContext): string[] | undefined {
  if (!(e instanceof Error)) return undefined;
  const message = e.message;
  const { naam, source } = ctx;

  const wrong = /^(\S+) doesn't match (\S+) - (\d+):(\d+)$/.exec(message);
  if (wrong) {
    const problems = blockProblems(source);
    if (problems.length > 0) return problems.map((p) => `${at(naam, p.line, p.column)}: ${p.what}`);
    return [`${at(naam, Number(wrong[3]))}: {{#${wrong[1]}}} wordt gesloten met {{/${wrong[2]}}} (verwacht: {{/${wrong[1]}}})`];
  }

  const parse = /^Parse error on line (\d+):[\s\S]*?(?:Expecting (.*), got '([^']+)')?$/.exec(message);
  if (parse) {
    const problems = blockProblems(source);
    if (problems.length > 0) return problems.map((p) => `${at(naam, p.line, p.column)}: ${p.what}`);
    const expecting = (parse[2] ?? '')
      .split(', ')
      .map((t) => t.replace(/'/g, ''))
      .filter((t) => t !== '' && !OBSCURE.has(t));
    const verwacht = [...new Set(expecting.map(token))].slice(0, 6).join(', ');
    const got = parse[3] === undefined ? '' : `: onverwacht ${token(parse[3])}`;
    return [`${at(naam, Number(parse[1]))}: sjabloon niet te lezen${got}${verwacht ? ` (verwacht: ${verwacht})` : ''}`];
  }

  const lexical = /^Lexical error on line (\d+)/.exec(message);
  if (lexical) return [`${at(naam, Number(lexical[1]))}: sjabloon niet te lezen: onverwachte tekens in een {{…}}-opdracht`];

  const notDefined = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
  if (notDefined) {
    const line = Number(notDefined[2]);
    const column = Number(notDefined[3]);
    const expression = expressionAt(source, line, column);
    const path = expression?.path ?? notDefined[1]!;
    if (expression?.call && !path.includes('.')) {
      const suggestion = nearest(path, ctx.helpers);
      return [
        `${at(naam, line, column + 1)}: onbekende helper '${path}'` +
          (suggestion ? `; bedoelt u '${suggestion}'?` : `; bekende helpers: ${[...ctx.helpers].sort().join(', ')}`),
      ];
    }
    const head = path.split('.')[0]!;
    const suggestion = path.includes('.') || ctx.values.includes(head) ? undefined : nearest(head, ctx.values);
    return [
      `${at(naam, line, column + 1)}: waarde '${path}' bestaat niet in de resultaten` + (suggestion ? `; bedoelt u '${suggestion}'?` : ''),
    ];
  }

  const located = / - (\d+):(\d+)$/.exec(message);
  const where = located ? at(naam, Number(located[1]), Number(located[2]) + 1) : naam;
  const helper = /^#?(\w+) requires exactly one argument/.exec(message);
  if (helper) return [`${where}: {{#${helper[1]}}} verwacht precies één waarde`];
  if (/^Must pass iterator to #each/.test(message)) return [`${where}: {{#each}} verwacht een lijst om te doorlopen`];
  const missing = /^Missing helper: "?([^"]+)"?/.exec(message);
  if (missing) return [`${where}: onbekende helper '${missing[1]}'`];
  if (e.name === 'Error' && 'lineNumber' in e) return [`${where}: sjabloon niet te verwerken (${message.replace(/ - \d+:\d+$/, '')})`];
  return undefined;
}
