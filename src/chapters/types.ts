/**
 * What the chapters hand to the stages above them (html, letter, pipeline) about each chapter:
 * its kind, which decides how it is numbered, and the templates it was filled from, so a later
 * message can name the template line the user can fix.
 */

/** What a chapter is, which decides how its headings are numbered and whether it is in the TOC. */
export type ChapterKind =
  /** numbered chapter: "3 Methoden", sections 3.1, 3.1.1 */
  | 'hoofdstuk'
  /** in the table of contents but not numbered (Samenvatting, Literatuur) */
  | 'ongenummerd'
  /** appendix: "Bijlage 2", sections B2.1 */
  | 'bijlage'
  /** front matter right after the cover (colofon): no number, not in the TOC, no running header */
  | 'voorwerk'
  /** the body of a Kamerbrief: sections "1.", subsections "a." */
  | 'brief';

/** A template a chapter was made from: its name in messages and its text. */
export interface TemplateSource {
  readonly name: string;
  readonly text: string;
}
