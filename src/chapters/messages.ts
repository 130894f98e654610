/**
 * The chapters' template errors in Dutch, each with its rule id (src/util/diagnostic.ts): what
 * template-errors.ts says when a template cannot be read or filled. The texts are asserted by
 * tests/chapters/template-errors.test.ts; change them together.
 */

/** A rule id and the text of one problem; the caller adds where it is. */
export interface Melding {
  readonly rule: string;
  readonly text: string;
}

/** Handlebars' token names as a reader of the template knows them. */
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

/** A Handlebars token as the messages name it. */
export const token = (t: string): string => TOKENS[t] ?? `'${t.toLowerCase()}'`;

export const sjabloonMeldingen = {
  opdrachtNietGesloten: (tag: string): Melding => ({
    rule: 'sjabloon/opdracht-niet-gesloten',
    text: `'${tag}' wordt niet gesloten (verwacht: '}}' aan het einde van de opdracht)`,
  }),
  elseBuitenBlok: (tag: string): Melding => ({
    rule: 'sjabloon/else-buiten-blok',
    text: `'${tag}' staat buiten een blok (verwacht: binnen {{#if …}} … {{/if}} of {{#each …}} … {{/each}})`,
  }),
  blokNietGeopend: (tag: string, naam: string): Melding => ({
    rule: 'sjabloon/blok-niet-geopend',
    text: `'${tag}' sluit een blok dat niet geopend is (verwacht: eerst {{#${naam} …}})`,
  }),
  blokNietAfgesloten: (tag: string, naam: string): Melding => ({
    rule: 'sjabloon/blok-niet-afgesloten',
    text: `'${tag}' wordt niet afgesloten (verwacht: {{/${naam}}} verderop)`,
  }),
  verkeerdGesloten: (sluit: string, opent: string, regel: number, naam: string): Melding => ({
    rule: 'sjabloon/blok-verkeerd-gesloten',
    text: `'${sluit}' sluit '${opent}' van regel ${regel} (verwacht: eerst {{/${naam}}})`,
  }),
  /** Handlebars' own "x doesn't match y", when the scan of the blocks finds nothing wrong. */
  verkeerdGeslotenBlok: (opent: string, sluit: string): Melding => ({
    rule: 'sjabloon/blok-verkeerd-gesloten',
    text: `{{#${opent}}} wordt gesloten met {{/${sluit}}} (verwacht: {{/${opent}}})`,
  }),
  nietTeLezen: (onverwacht: string | undefined, verwacht: string): Melding => ({
    rule: 'sjabloon/syntaxis',
    text: `sjabloon niet te lezen${onverwacht === undefined ? '' : `: onverwacht ${onverwacht}`}${verwacht ? ` (verwacht: ${verwacht})` : ''}`,
  }),
  onverwachteTekens: (): Melding => ({
    rule: 'sjabloon/syntaxis',
    text: 'sjabloon niet te lezen: onverwachte tekens in een {{…}}-opdracht',
  }),
  onbekendeHelper: (naam: string, suggestie: string | undefined, bekend: readonly string[] | undefined): Melding => ({
    rule: 'sjabloon/onbekende-helper',
    text:
      `onbekende helper '${naam}'` +
      (suggestie ? `; bedoelt u '${suggestie}'?` : bekend === undefined ? '' : `; bekende helpers: ${[...bekend].sort().join(', ')}`),
  }),
  onbekendeWaarde: (pad: string, suggestie: string | undefined): Melding => ({
    rule: 'sjabloon/onbekende-waarde',
    text: `waarde '${pad}' bestaat niet in de resultaten` + (suggestie ? `; bedoelt u '${suggestie}'?` : ''),
  }),
  eenWaarde: (blok: string): Melding => ({ rule: 'sjabloon/blok-argument', text: `{{#${blok}}} verwacht precies één waarde` }),
  eachLijst: (): Melding => ({ rule: 'sjabloon/blok-argument', text: '{{#each}} verwacht een lijst om te doorlopen' }),
  nietTeVerwerken: (wat: string): Melding => ({ rule: 'sjabloon/verwerking', text: `sjabloon niet te verwerken (${wat})` }),
} as const;

/** The rule id of a helper called wrongly (a missing argument, a value it cannot print). */
export const HELPER_REGEL = 'sjabloon/helper';
