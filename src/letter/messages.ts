/**
 * Messages about the letter the user can act on, in Dutch: the rule id (`brief/<rule>`) and the
 * text of each. The errors a helper finds while a template is filled are made where the helpers
 * are registered (render.ts), the same way as the chapters' helpers make theirs.
 */
import type { Diagnostic } from '../util/diagnostic.ts';

export const messages = {
  /** `template`: the template's name as messages show it. */
  templateUnreadable: (template: string): Diagnostic => ({ file: template, rule: 'brief/template-onleesbaar', text: 'template van de Kamerbrief niet gevonden of niet leesbaar' }),
  /** Markdown the Word version has no counterpart for (a table, a code block, an image). */
  notSupported: (type: string): Diagnostic => ({ rule: 'brief/word-niet-ondersteund', text: `kamerbrief: ${type} wordt in de Word-versie van de brief niet ondersteund` }),
  noteWithoutText: (label: string): Diagnostic => ({ rule: 'brief/noot-zonder-tekst', text: `kamerbrief: noot [^${label}] zonder tekst` }),
};
