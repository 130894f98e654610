/**
 * PDF strings: reading the string value of a dictionary key (literal or hex, in PDFDocEncoding
 * or UTF-16BE), and writing a text string or a date (./pdf-file.ts).
 */

/**
 * Decode a PDF string token (literal or hex) starting at `at`, which points at '(' or '<';
 * `end` is the index just after the token.
 */
export function readString(s: string, at: number): { value: string; end: number } {
  const { bytes, end } = s[at] === '<' ? hexBytes(s, at) : literalBytes(s, at);
  const value =
    bytes[0] === 0xfe && bytes[1] === 0xff
      ? Buffer.from(bytes.slice(2)).swap16().toString('utf16le')
      : Buffer.from(bytes).toString('latin1');
  return { value, end };
}

/** The bytes of a hex string `<…>` at `at`. */
function hexBytes(s: string, at: number): { bytes: number[]; end: number } {
  const end = s.indexOf('>', at) + 1;
  const hex = s.slice(at + 1, end - 1).replace(/\s+/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  return { bytes, end };
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** The bytes of a literal string `(…)` at `at`: balanced parentheses, backslash escapes. */
function literalBytes(s: string, at: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      i = escapeAt(s, i + 1, bytes);
      continue;
    }
    if (c === ')' && depth === 0) return { bytes, end: i + 1 };
    if (c === '(') depth++;
    if (c === ')') depth--;
    bytes.push(c.charCodeAt(0));
  }
  return { bytes, end: s.length };
}

/** Decode the escape whose character is at `i` (just after the backslash); returns its last index. */
function escapeAt(s: string, i: number, bytes: number[]): number {
  const next = s[i]!;
  if (next in SIMPLE_ESCAPES) {
    bytes.push(SIMPLE_ESCAPES[next]!);
    return i;
  }
  if (/[0-7]/.test(next)) {
    const oct = /^[0-7]{1,3}/.exec(s.slice(i))![0];
    bytes.push(parseInt(oct, 8) & 0xff);
    return i + oct.length - 1;
  }
  // A backslash at the end of a line continues the string on the next.
  if (next === '\r' || next === '\n') return next === '\r' && s[i + 1] === '\n' ? i + 1 : i;
  bytes.push(next.charCodeAt(0));
  return i;
}

/** Where the string value of `/key` is in `dict`, and what it says. */
export function findString(dict: string, key: string): { value: string; start: number; end: number } | undefined {
  const m = new RegExp(`/${key}\\s*([(<])`).exec(dict);
  if (!m) return undefined;
  const start = m.index + m[0].length - 1;
  return { start, ...readString(dict, start) };
}

export function stringValue(dict: string, key: string): string | undefined {
  return findString(dict, key)?.value;
}

/** A PDF text string: literal when plain ASCII, else UTF-16BE with a byte-order mark. */
export function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(value, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
