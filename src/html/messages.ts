/**
 * Every message the Markdown -> HTML stage shows the user, in Dutch, in one place.
 *
 * Each message has a rule id (`html/<rule>`, for tests and for searching) and its text; the
 * place (file, line, column) is added by whoever reports it: the plugins through their vfile
 * (context.ts `report`), renderDocument for the document as a whole.
 */
export interface Message {
  readonly rule: string;
  readonly text: string;
}

/** The kinds of label (context.ts `LabelKind`; not imported, as context.ts imports this catalogue). */
type LabelKind = 'fig' | 'tab' | 'sec';

const KIND_TEXT: Record<LabelKind, string> = { fig: 'een figuur', tab: 'een tabel', sec: 'een hoofdstuk of paragraaf' };
const KIND_PLURAL: Record<LabelKind, string> = { fig: 'bestaande figuren', tab: 'bestaande tabellen', sec: 'bestaande hoofdstukken en paragrafen' };

/** What an unknown label is told about the labels that do exist. */
export interface Suggestion {
  /** the nearest existing name, when one is near enough */
  readonly close: string | undefined;
  /** every existing name of the kind, the nearest first; empty when there are none */
  readonly known: readonly string[];
}

/** "; bedoelt u 'fig:werk'? (bestaande figuren: ...)", or that there are no labels of the kind. */
function suggestion(kind: LabelKind, { close, known }: Suggestion): string {
  if (known.length === 0) return `; er zijn geen labels @${kind}: in het document`;
  const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
  return `${close === undefined ? '' : `; bedoelt u '${kind}:${close}'?`} (${KIND_PLURAL[kind]}: ${list})`;
}

export const messages = {
  // Headings (headings.ts).
  secondTitle: (): Message => ({ rule: 'html/kop-tweede-titel', text: 'een hoofdstuk heeft één kop van niveau 1 (#); maak deze kop ## of lager' }),
  missingTitle: (): Message => ({ rule: 'html/kop-titel-ontbreekt', text: 'het hoofdstuk moet beginnen met een kop van niveau 1 (# Titel)' }),
  emptyHeading: (): Message => ({ rule: 'html/kop-zonder-tekst', text: 'kop zonder tekst' }),

  // Figures (figures.ts).
  missingAltText: (src: string): Message => ({
    rule: 'html/figuur-tekstalternatief',
    text: `figuur '${src}' heeft geen tekstalternatief; schrijf tussen ![ en ] in een zin wat de figuur laat zien (lezers met een schermlezer krijgen die zin in plaats van de figuur)`,
  }),
  figureNotFound: (src: string, path: string): Message => ({
    rule: 'html/figuur-ontbreekt',
    text: `figuur '${src}' niet gevonden (gezocht: ${path}); maak eerst de figuren of verbeter het pad`,
  }),
  notSvg: (path: string): Message => ({ rule: 'html/figuur-geen-svg', text: `'${path}' is geen SVG-bestand (verwacht: een bestand dat met <svg begint)` }),

  // Tables (tables.ts).
  captionWithoutTable: (): Message => ({
    rule: 'html/tabel-ontbreekt',
    text: "'Tabel:'-onderschrift zonder tabel direct eronder; zet de tabel meteen na deze regel",
  }),

  // Labels and cross-references (context.ts, crossrefs.ts).
  duplicateLabel: (key: string, earlier: string): Message => ({ rule: 'html/label-dubbel', text: `label '${key}' bestaat al (${earlier}); kies een unieke naam` }),
  unknownReferenceKind: (reference: string, kind: string): Message => ({
    rule: 'html/verwijzing-soort',
    text: `verwijzing ${reference}: onbekende soort '@${kind}:'; gebruik @fig: (figuur), @tab: (tabel) of @sec: (hoofdstuk of paragraaf)`,
  }),
  /** `several`: the reference has more than one target, so the message names the one missing. */
  unknownTarget: (reference: string, kind: LabelKind, name: string, several: boolean, near: Suggestion): Message => ({
    rule: 'html/verwijzing-onbekend',
    text: `verwijzing ${reference} naar ${KIND_TEXT[kind]} die niet bestaat${several ? ` ('${kind}:${name}')` : ''}${suggestion(kind, near)}`,
  }),
  referenceHint:
    'Een verwijzing schrijft u als [@fig:naam], [@tab:naam] of [@sec:naam]; het label staat bij de figuur ({{figuur "naam"}}), achter het tabelonderschrift ({#tab:naam}) of achter de kop ({#sec:naam}).',

  // The document as a whole (document.ts).
  missingLetter: (): Message => ({ rule: 'html/brief-ontbreekt', text: 'kamerbrief: de briefgegevens (meta.letter: datum, dossier, nr, ondertekenaar) ontbreken' }),
  missingLetterHint: 'Neem het veld "brief" uit het editiebestand over.',
  documentDate: (title: string, date: string): Message => ({ rule: 'html/datum', text: `${title}: documentdatum '${date}' is geen datum als JJJJ-MM-DD` }),
  peildatum: (title: string, date: string): Message => ({ rule: 'html/peildatum', text: `${title}: peildatum '${date}' is geen datum als JJJJ-MM-DD` }),
  peildatumHint: 'Zie extractie.json (docs/extracts.md).',
};
