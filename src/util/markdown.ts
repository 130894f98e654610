/**
 * The one escaping rule for values from an edition file or the results that reach Markdown (and
 * through it HTML and the PDF): such a value is text, never markup.
 *
 * The templates are compiled without HTML escaping (they write Markdown), so a value is put in
 * with `mdTekst`: every character that GFM or raw HTML would read as markup inside a line gets a
 * backslash (CommonMark lets any ASCII punctuation be escaped so), what would start a block at the
 * start of the value (a heading, a list item, a setext underline; `>` is escaped anyway) is escaped too, and line breaks
 * become spaces, so the value can neither open a block nor close the span it stands in (a table
 * cell, an emphasis, a footnote). Characters that are markup only after one of those (`(`, `!`,
 * `.`) stay as they are, so ordinary text keeps its bytes. A bare web address stays a link
 * (GFM links it after escapes are resolved; its text is shown as written).
 */
const INLINE = /[\\`*_[\]<>|&~]/g;
/** What opens a block at the start of a line: a heading, a list item, a setext underline. */
const BLOK = /^(?:#{1,6}|[+-]|=+|-+|(\d{1,9})([.)]))(?=[ \t]|$)/;

export function mdTekst(waarde: string): string {
  const een = waarde.replace(/\s*[\r\n]+\s*/g, ' ');
  return een
    .replace(INLINE, (c) => `\\${c}`)
    // A digit cannot be escaped: an ordered list's marker is escaped at its punctuation ("1\.").
    .replace(BLOK, (m, cijfers?: string, teken?: string) => (cijfers ? `${cijfers}\\${teken}` : `\\${m}`));
}

/**
 * Whether a Markdown text may hold code or raw HTML. Code needs a backtick, a ~~~ fence or an
 * indent of four columns (four spaces or a tab, also after a '>' or a list marker); raw HTML a
 * '<' before a letter, '/', '!' or '?'. When this is false the text holds neither, and a reader
 * that only wants to skip code need not parse it (a parse costs more than the rest of its work).
 */
export function mayHoldCode(markdown: string): boolean {
  return /[`\t]|<[a-z/!?]|~~~| {4}/i.test(markdown);
}
