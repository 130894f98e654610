/**
 * The chapters' template errors in Dutch, each with its rule id (src/util/diagnostic.ts): what
 * ./template-errors.ts says when a template cannot be read or filled, and what a helper says when
 * it is called wrongly. The texts are asserted by tests/chapters/template-errors.test.ts and
 * tests/chapters/helpers.test.ts (and some by tests/cli/messages.test.ts); change them together.
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

/** A helper called wrongly in a template; the caller adds the template and the line of the call. */
export const helperMeldingen = {
  geenIndicatorrij: (helper: string): Melding => ({
    rule: 'sjabloon/helper-argument',
    text: `'${helper}' verwacht een indicatorrij, bijvoorbeeld (ind "werk" "totaal" "rik" "1m_na")`,
  }),
  onbekendeIndicatorrij: (naam: string, cohort: string, groep: string, moment: string): Melding => ({
    rule: 'sjabloon/onbekende-indicator',
    text: `indicator '${naam}' bestaat niet voor cohort ${cohort}, groep ${groep}, moment ${moment}`,
  }),
  geenGetal: (helper: string, waarde: string): Melding => ({ rule: 'sjabloon/helper-argument', text: `'${helper}' verwacht een getal, kreeg ${waarde}` }),
  geenTekstVoor: (helper: string, waarde: string): Melding => ({
    rule: 'sjabloon/helper-argument',
    text: `'${helper}' heeft geen tekst voor '${waarde}' (en geen anders="...")`,
  }),
  /** `verwacht` as the template writes it: "een lijst", "een getal", `maanden="6 12 24"`. */
  verwacht: (helper: string, verwacht: string): Melding => ({ rule: 'sjabloon/helper-argument', text: `'${helper}' verwacht ${verwacht}` }),
  ontbrekendArgument: (sleutel: string): Melding => ({ rule: 'sjabloon/helper-argument', text: `ontbrekend argument ${sleutel}="..."` }),
  reeksVorm: (reeks: string): Melding => ({ rule: 'sjabloon/helper-argument', text: `reeks '${reeks}' moet indicator@moment zijn` }),
  onbekendBestand: (naam: string, bekend: readonly string[]): Melding => ({
    rule: 'sjabloon/onbekend-bestand',
    text: `'bestandtabel': onbekend bestand '${naam}' (verwacht: ${bekend.join(', ')})`,
  }),
  geenCodelijst: (bestand: string, lijst: string, bekend: readonly string[]): Melding => ({
    rule: 'sjabloon/onbekende-codelijst',
    text: `'bestandtabel': ${bestand} heeft geen codelijst '${lijst}' (verwacht: ${bekend.join(', ') || 'geen'})`,
  }),
  modelNietGeschat: (model: string): Melding => ({ rule: 'sjabloon/model-niet-geschat', text: `model '${model}' is niet geschat` }),
  tabelModelNietGeschat: (model: string): Melding => ({
    rule: 'sjabloon/model-niet-geschat',
    text: `model '${model}' is niet geschat; zet de tabel binnen {{#if modellen.${model}.geschat}}`,
  }),
  geenCoxModel: (helper: string, model: string, voorwaarde: boolean): Melding => ({
    rule: 'sjabloon/model-niet-geschat',
    text: `'${helper}': model '${model}' is geen geschat Cox-model` + (voorwaarde ? `; zet dit binnen {{#if modellen.${model}.geschat}}` : ''),
  }),
  geenKenmerk: (kenmerken: readonly string[], model: string): Melding => ({
    rule: 'sjabloon/onbekend-kenmerk',
    text: `'phzin': ${kenmerken.join(', ')} is geen kenmerk van ${model}`,
  }),
  geenKmPunt: (punt: readonly string[]): Melding => ({ rule: 'sjabloon/onbekend-km-punt', text: `geen Kaplan–Meierpunt ${punt.join('/')}` }),
  onbekendMoment: (moment: string): Melding => ({ rule: 'sjabloon/onbekend-moment', text: `onbekend meetmoment '${moment}'` }),
  onbekendeGroep: (groep: string): Melding => ({ rule: 'sjabloon/onbekende-groep', text: `onbekende groep '${groep}'` }),
  onbekendeFiguur: (id: string): Melding => ({ rule: 'sjabloon/onbekende-figuur', text: `figuur '${id}' bestaat niet` }),
  geenVorigeMeting: (): Melding => ({
    rule: 'sjabloon/geen-vorige-meting',
    text: 'deze editie noemt geen vorige meting; zet dit binnen {{#if vergelijking}}',
  }),
  geenReeks: (): Melding => ({
    rule: 'sjabloon/helper-argument',
    text: "'verloop' verwacht een reeks uit vergelijking.themas, bijvoorbeeld {{verloop rik}}",
  }),
  geenVergelekenThema: (thema: string): Melding => ({ rule: 'sjabloon/onbekend-thema', text: `geen vergeleken indicatoren voor thema '${thema}'` }),
} as const;
