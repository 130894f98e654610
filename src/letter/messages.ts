/**
 * Messages about the letter's Word version the user can act on, in Dutch: the rule id
 * (`brief/<rule>`) and the text of each. The errors in the letter's templates are made where
 * the templates are filled (render.ts), as the chapters' are.
 */
import type { Diagnostic } from '../util/diagnostic.ts';

export const messages = {
  /** Markdown the Word version has no counterpart for (a table, a code block, an image). */
  notSupported: (type: string): Diagnostic => ({ rule: 'brief/word-niet-ondersteund', text: `kamerbrief: ${type} wordt in de Word-versie van de brief niet ondersteund` }),
  noteWithoutText: (label: string): Diagnostic => ({ rule: 'brief/noot-zonder-tekst', text: `kamerbrief: noot [^${label}] zonder tekst` }),
};
