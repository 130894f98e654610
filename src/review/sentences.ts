/**
 * One sentence per line: where a Dutch paragraph may be broken between two sentences.
 *
 * A break goes after `.`, `!` or `?` (and any closing quote, parenthesis or emphasis marker) and
 * the spaces that follow, when the next word starts with a capital (possibly after an opening
 * `*`, `_`, `(`, `[` or quote). It does not go
 * - after an abbreviation: "o.a.", "bijv.", "d.w.z.", "nr.", "ca.", initials ("J. de Vries");
 * - inside a number: "1.860", "0,5" (there is no space after the point);
 * - inside a protected range the caller names (a link, inline code, raw HTML).
 */

/** Abbreviations that end in a point but do not end a sentence (lower case). */
const ABBREVIATIONS = new Set([
  'bijv.', 'bv.', 'b.v.', 'o.a.', 'e.a.', 'e.d.', 'enz.', 'etc.', 'd.w.z.', 'm.b.t.', 't.a.v.', 't.o.v.', 'i.p.v.', 'i.v.m.',
  'm.n.', 'n.a.v.', 'o.b.v.', 'a.d.h.v.', 'z.g.a.n.', 'zgn.', 'vgl.', 'resp.', 'ca.', 'incl.', 'excl.', 'nr.', 'nrs.', 'art.',
  'blz.', 'p.', 'pp.', 'jl.', 'vs.', 'mr.', 'dr.', 'drs.', 'prof.', 'ir.', 'ing.', 'mevr.', 'dhr.', 'st.', 'min.', 'max.',
  'gem.', 'afb.', 'fig.', 'tab.', 'hfst.', 'par.', 'bijl.', 'red.', 'jr.', 'sr.', 'kamerstukken', 'kst.',
]);

const END = /[.!?]["'’”)\]*_]*( +)/gu;
const START = /^[*_(["'‘“]*\p{Lu}/u;

/**
 * The spans of spaces in `text` that separate two sentences, as [start, end) offsets. `isProtected`
 * says whether an offset lies inside something that must not be broken.
 */
export function sentenceBreaks(text: string, isProtected: (offset: number) => boolean = () => false): [number, number][] {
  const breaks: [number, number][] = [];
  for (const match of text.matchAll(END)) {
    const spaces = match[1]!;
    const start = match.index + match[0].length - spaces.length;
    const end = start + spaces.length;
    if (!START.test(text.slice(end))) continue;
    if (isProtected(match.index) || isProtected(start)) continue;
    if (match[0][0] === '.' && isAbbreviation(text, match.index)) continue;
    breaks.push([start, end]);
  }
  return breaks;
}

/** Whether the point at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && !/\s/u.test(text[from - 1]!)) from--;
  const word = text.slice(from, dot + 1).replace(/^[*_(["'‘“]+/u, '').toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // "d.w.z." style (letters each followed by a point) and initials ("J.").
  return /^(\p{L}\.)+$/u.test(word) && !/^\p{L}{2,}\.$/u.test(word);
}

/** Split plain text into sentences (for tests and simple callers). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const [start, end] of sentenceBreaks(text)) {
    out.push(text.slice(last, start));
    last = end;
  }
  out.push(text.slice(last));
  return out;
}
