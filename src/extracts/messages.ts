/**
 * Every message the loader and validator show the user, in Dutch, in one place.
 *
 * A message says where (file, line, column), what is wrong and what was expected:
 * `<file>:<line>: kolom '<x>': <what> (verwacht: <expected>)`. The functions below give the
 * rule id, the what and the expected; `diagnose` adds the where and makes it a Diagnostic.
 * The CSV column is named in the text (`kolom 'x'`): a Diagnostic's column is a position in
 * the line, which a CSV record's field does not have in a useful way.
 */
import type { Diagnostic } from '../util/diagnostic.ts';
import { EXTRACT_FORMS, type ColumnSpec, type ExtractName } from './contract.ts';
import type { GzipProblem } from './source.ts';

/** A size as shown: "64 MB", "1 kB". */
function megabytes(bytes: number): string {
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} bytes`;
}

/** A message before it is placed: its rule id (`extract/...`), what is wrong and what was expected. */
export interface Text {
  rule: string;
  what: string;
  expected?: string;
}

/** A problem in `file` (at `line`, when known; `label` names the column or field). */
export function diagnose(file: string, line: number | undefined, label: string | undefined, text: Text): Diagnostic {
  const col = label === undefined ? '' : `${label}: `;
  const expected = text.expected === undefined ? '' : ` (verwacht: ${text.expected})`;
  return { file, ...(line === undefined ? {} : { line }), rule: text.rule, text: `${col}${text.what}${expected}` };
}

export const kolom = (name: string): string => `kolom '${name}'`;
export const veld = (name: string): string => `veld '${name}'`;

/** A value as shown in a message: quoted, control characters visible, long values cut. */
export function toon(value: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what this makes visible
  const visible = value.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  const cut = visible.length > 40 ? `${visible.slice(0, 40)}…` : visible;
  return `'${cut}'`;
}

const lijst = (values: readonly string[]): string => {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} of ${quoted.at(-1)}`;
};

/** "de editie 7e-meting", or "de editie" when the loader was not told which. */
const deEditie = (editie: string | undefined): string => (editie ? `de editie ${editie}` : 'de editie');

const formsOf = (name: string): string => `${name}.csv, ${name}.csv.gz of ${name}.parquet`;

/** What a valid value of a column looks like. */
function expectedValue(column: ColumnSpec): string {
  switch (column.type.kind) {
    case 'id':
      return "1 tot 32 tekens uit A-Z, a-z, 0-9, '_' en '-'";
    case 'date':
      return 'een bestaande datum als JJJJ-MM-DD';
    case 'enum':
      return `een van ${lijst(column.type.values)}, precies zo geschreven`;
  }
}

/** What a path is instead of a regular file. */
const NOT_REGULAR = {
  missingTarget: 'een koppeling naar een bestand dat niet bestaat',
  loop: 'een kringkoppeling',
  directory: 'een map',
  fifo: 'een named pipe (FIFO); die zou het inlezen laten wachten',
  device: 'een apparaat (zoals /dev/zero)',
  socket: 'een socket',
  other: 'iets anders',
  // extractie.json is read before any extract, with shorter words.
  jsonFifo: 'een named pipe (FIFO)',
  jsonSpecial: 'een apparaat of ander speciaal bestand',
} as const;

/** How an invalid value is named, and its rule, per kind of column. */
const INVALID: Record<ColumnSpec['type']['kind'], { kind: string; rule: string }> = {
  date: { kind: 'ongeldige datum', rule: 'extract/datum' },
  id: { kind: 'ongeldige id', rule: 'extract/id' },
  enum: { kind: 'ongeldige waarde', rule: 'extract/waarde' },
};

export const msg = {
  // The folder and its files.
  folderMissing: (): Text => ({ rule: 'extract/map-ontbreekt', what: 'map bestaat niet', expected: 'een map met de extracten en extractie.json' }),
  folderNotDir: (): Text => ({ rule: 'extract/geen-map', what: 'is geen map', expected: 'een map met de extracten en extractie.json' }),
  extractMissing: (name: ExtractName, nearMiss: readonly string[]): Text => ({
    rule: 'extract/ontbreekt',
    what:
      `extract '${name}' ontbreekt` +
      (nearMiss.length > 0 ? `; wel gevonden: ${nearMiss.join(', ')} (namen zijn hoofdlettergevoelig)` : ''),
    expected: `een bestand ${formsOf(name)}`,
  }),
  zorgOntbreekt: (editie: string | undefined): Text => ({
    rule: 'extract/ontbreekt',
    what: `extract 'zorg' ontbreekt, maar ${deEditie(editie)} meet de basisvoorwaarde zorg`,
    expected: `een bestand ${EXTRACT_FORMS.map((f) => `zorg${f}`).join(', ')}; of haal zorg uit "basisvoorwaarden" in het editiebestand en geef de reden onder "niet_gemeten"`,
  }),
  zorgNietGelezen: (editie: string | undefined): Text => ({
    rule: 'extract/zorg-niet-gemeten',
    what: `${deEditie(editie)} meet geen zorg; dit extract wordt niet gelezen`,
  }),
  extractTwice: (name: ExtractName, files: readonly string[]): Text => ({
    rule: 'extract/twee-vormen',
    what: `extract '${name}' staat er in ${files.length} vormen: ${files.join(', ')}`,
    expected: `precies één van ${formsOf(name)}`,
  }),

  // extractie.json
  jsonMissing: (): Text => ({
    rule: 'extract/extractie-ontbreekt',
    what: 'bestand ontbreekt',
    expected: `extractie.json met ten minste "peildatum" en "bron"`,
  }),
  jsonTooLarge: (limit: number): Text => ({ rule: 'extract/extractie-te-groot', what: `het bestand is groter dan ${megabytes(limit)}`, expected: 'een klein JSON-object met "peildatum" en "bron"' }),
  jsonNotObject: (): Text => ({ rule: 'extract/extractie-geen-object', what: 'is geen JSON-object', expected: '{ "peildatum": "JJJJ-MM-DD", "bron": "..." }' }),
  jsonFieldMissing: (): Text => ({ rule: 'extract/extractie-veld-ontbreekt', what: 'ontbreekt', expected: 'dit veld' }),
  jsonPeildatum: (value: string): Text => ({
    rule: 'extract/peildatum',
    what: `ongeldige datum ${value}`,
    expected: 'een bestaande datum als "JJJJ-MM-DD"',
  }),
  jsonString: (value: string): Text => ({ rule: 'extract/extractie-tekst', what: `ongeldige waarde ${value}`, expected: 'een niet-lege tekst' }),
  jsonUnknownField: (): Text => ({ rule: 'extract/extractie-onbekend-veld', what: 'onbekend veld, wordt genegeerd' }),

  // Reading a file.
  emptyFile: (): Text => ({ rule: 'extract/leeg-bestand', what: 'het bestand is leeg', expected: 'een kopregel en ten minste één rij' }),
  noRows: (rij: string): Text => ({
    rule: 'extract/geen-rijen',
    what: 'het extract bevat geen rijen',
    expected: `ten minste één rij (één rij per ${rij})`,
  }),
  gzip: (problem: GzipProblem, limit?: number): Text => {
    switch (problem) {
      case 'truncated':
        return {
          rule: 'extract/gzip',
          what: 'het gzip-bestand houdt te vroeg op; het is waarschijnlijk niet volledig gekopieerd of gedownload',
          expected: 'het volledige gzip-bestand; kopieer het opnieuw',
        };
      case 'notGzip':
        return { rule: 'extract/gzip', what: 'het bestand is geen gzip-bestand', expected: `een met gzip ingepakt CSV-bestand, of hernoem het naar .csv als het gewone tekst is` };
      case 'tooLarge':
        return {
          rule: 'extract/gzip',
          what: `het gzip-bestand pakt uit tot meer dan ${megabytes(limit ?? 0)}, onwaarschijnlijk veel voor de ingepakte grootte; het uitpakken is gestopt`,
          expected: 'een ingepakt CSV-bestand (tekst pakt hoogstens enkele tientallen keren zo groot uit)',
        };
      case 'binary':
        return { rule: 'extract/gzip', what: 'het uitgepakte bestand lijkt geen tekst te zijn (het bevat NUL-tekens)', expected: 'een ingepakt CSV-bestand in UTF-8' };
      case 'utf16':
        return { rule: 'extract/gzip', what: 'het uitgepakte bestand is in UTF-16 gecodeerd', expected: 'UTF-8: sla het bestand op als "CSV UTF-8"' };
      case 'damaged':
        return { rule: 'extract/gzip', what: 'het gzip-bestand is beschadigd (de inhoud klopt niet met het controlegetal)', expected: 'een onbeschadigd gzip-bestand; kopieer het opnieuw' };
    }
  },
  unreadable: (parquet: boolean): Text =>
    parquet
      ? { rule: 'extract/onleesbaar', what: 'het bestand is niet als Parquet te lezen', expected: 'een volledig Parquet-bestand met tekstkolommen' }
      : { rule: 'extract/onleesbaar', what: 'het bestand is niet als CSV te lezen', expected: "een CSV-bestand in UTF-8 met komma's als scheidingsteken (RFC 4180)" },
  parquetUnreadable: (): Text => ({
    rule: 'extract/parquet-onleesbaar',
    what: 'het bestand is geen leesbaar Parquet-bestand (beschadigd, onvolledig of iets anders met de extensie .parquet)',
    expected: 'een volledig Parquet-bestand',
  }),
  notRegular: (kind: keyof typeof NOT_REGULAR): Text => ({
    rule: 'extract/geen-gewoon-bestand',
    what: `is geen gewoon bestand maar ${NOT_REGULAR[kind]}`,
    expected: 'een gewoon bestand (een koppeling mag, als die naar een gewoon bestand wijst)',
  }),
  noAccess: (): Text => ({ rule: 'extract/geen-leesrechten', what: 'het bestand mag niet gelezen worden (geen leesrechten)', expected: 'een bestand met leesrechten voor deze gebruiker' }),
  utf16: (): Text => ({
    rule: 'extract/utf16',
    what: 'het bestand is in UTF-16 gecodeerd (zo bewaart Excel "Unicode-tekst")',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  binary: (): Text => ({
    rule: 'extract/binair',
    what: 'het bestand lijkt geen tekst te zijn (het bevat NUL-tekens)',
    expected: 'een CSV-bestand in UTF-8; is het misschien een Excel-bestand met de extensie .csv?',
  }),
  headerTooLong: (limit: number): Text => ({
    rule: 'extract/kopregel-te-lang',
    what: `geen regeleinde in de eerste ${megabytes(limit)}: de kopregel is te lang of het bestand is geen CSV`,
    expected: 'een kopregel met de kolomnamen, afgesloten met een regeleinde',
  }),
  delimiter: (delimiter: ';' | '\t'): Text => ({
    rule: 'extract/scheidingsteken',
    what:
      delimiter === ';'
        ? "de velden zijn gescheiden door puntkomma's (;) in plaats van komma's; zo bewaart een spreadsheet met Nederlandse instellingen een CSV-bestand"
        : "de velden zijn gescheiden door tabs in plaats van komma's",
    expected: `komma's als scheidingsteken: bewaar het bestand als "CSV UTF-8 (door komma's gescheiden)"`,
  }),
  headerEncoding: (): Text => ({
    rule: 'extract/kopregel-codering',
    what: 'de kopregel bevat tekens die geen UTF-8 zijn; het bestand is waarschijnlijk bewaard als Windows-1252 of Latin-1',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  bom: (): Text => ({ rule: 'extract/bom', what: 'begint met een UTF-8 BOM; die wordt overgeslagen' }),

  // The header.
  columnMissing: (spec: readonly string[], nearMiss: string | undefined, inHeader: boolean): Text => ({
    rule: 'extract/kolom-ontbreekt',
    what:
      (inHeader ? 'ontbreekt in de kopregel' : 'ontbreekt') +
      (nearMiss === undefined ? '' : `; wel gevonden: ${toon(nearMiss)} (namen zijn hoofdlettergevoelig, zonder spaties)`),
    expected: `de kolommen ${spec.join(', ')}`,
  }),
  columnTwice: (count: number): Text => ({
    rule: 'extract/kolom-dubbel',
    what: `staat ${count} keer in de kopregel`,
    expected: 'elke kolomnaam één keer',
  }),
  columnExtra: (name: ExtractName): Text => ({ rule: 'extract/kolom-extra', what: `geen kolom van ${name}; wordt genegeerd` }),
  columnNameless: (position: number): Text => ({ rule: 'extract/kolom-zonder-naam', what: `kolom ${position} heeft geen naam; wordt genegeerd` }),
  parquetType: (type: string, date: boolean): Text => ({
    rule: 'extract/parquet-type',
    what: `heeft type ${type}`,
    expected: date ? 'VARCHAR (tekst) of DATE' : 'VARCHAR (tekst)',
  }),

  // Structure of a CSV line (RFC 4180).
  tooFewFields: (found: number | undefined, expected: number): Text => ({
    rule: 'extract/te-weinig-velden',
    what: found === undefined ? 'te weinig velden' : `${found} ${found === 1 ? 'veld' : 'velden'} in plaats van ${expected}`,
    expected: `${expected} velden gescheiden door komma's, zoals de kopregel`,
  }),
  tooManyFields: (found: number | undefined, expected: number, decimal?: { value: string; column: string }): Text => ({
    rule: 'extract/te-veel-velden',
    what:
      (found === undefined ? 'te veel velden' : `${found} velden in plaats van ${expected}`) +
      (decimal === undefined
        ? ''
        : `; waarschijnlijk een decimale komma in ${toon(decimal.value)} (kolom '${decimal.column}'): zet de waarde tussen "..." of schrijf een punt`),
    expected: `${expected} velden gescheiden door komma's, zoals de kopregel (een komma in een waarde staat tussen "...")`,
  }),
  unterminatedQuote: (): Text => ({
    rule: 'extract/aanhalingsteken-open',
    what: 'een aanhalingsteken wordt niet afgesloten; de rest van het bestand is als één waarde gelezen',
    expected: 'RFC 4180: een waarde tussen "..." met "" voor een aanhalingsteken erin',
  }),
  badQuote: (): Text => ({
    rule: 'extract/aanhalingsteken',
    what: 'onjuist gebruik van aanhalingstekens',
    expected: 'RFC 4180: een waarde tussen "..." met "" voor een aanhalingsteken erin, direct gevolgd door een komma of het einde van de regel',
  }),
  badEncoding: (): Text => ({
    rule: 'extract/codering',
    what: 'bevat tekens die geen UTF-8 zijn; het bestand is waarschijnlijk bewaard als Windows-1252 of Latin-1 (zoals Excel een "CSV" bewaart)',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  lineTooLong: (limit?: number): Text => ({
    rule: 'extract/regel-te-lang',
    what: `de regel is te lang om te lezen${limit === undefined ? '' : ` (meer dan ${megabytes(limit)})`}; ontbreken er regeleinden, of staat er een aanhalingsteken dat niet wordt afgesloten?`,
    expected: 'regels van hoogstens enkele megabytes',
  }),
  lineEnding: (kind: 'crlf-after-lf' | 'lf-after-crlf' | 'lone-cr'): Text => ({
    rule: 'extract/regeleinde',
    what:
      kind === 'lone-cr'
        ? 'een los \\r-teken buiten aanhalingstekens'
        : kind === 'crlf-after-lf'
          ? 'de regel eindigt op \\r\\n, de eerste regel op \\n'
          : 'de regel eindigt op \\n, de eerste regel op \\r\\n',
    expected: 'één soort regeleinde in het hele bestand, \\n of \\r\\n (een \\r in een waarde staat tussen "...")',
  }),
  badLine: (): Text => ({ rule: 'extract/onleesbare-regel', what: 'onleesbare regel', expected: "een regel volgens RFC 4180: velden gescheiden door komma's, een waarde met een komma of regeleinde tussen \"...\"" }),

  // Values.
  valueMissing: (column: ColumnSpec): Text => ({ rule: 'extract/waarde-ontbreekt', what: 'waarde ontbreekt', expected: expectedValue(column) }),
  valueInvalid: (column: ColumnSpec, value: string): Text => {
    const { kind, rule } = INVALID[column.type.kind];
    // A spreadsheet with Dutch settings writes dates as DD-MM-JJJJ.
    const dmy = column.type.kind === 'date' ? /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value) : null;
    if (dmy) {
      const iso = `${dmy[4]}-${dmy[3]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
      return {
        rule,
        what: `${kind} ${toon(value)}: dag-maand-jaar (DD-MM-JJJJ), zoals een spreadsheet met Nederlandse instellingen schrijft`,
        expected: `jaar-maand-dag als JJJJ-MM-DD, hier ${iso}`,
      };
    }
    return { rule, what: `${kind} ${toon(value)}`, expected: expectedValue(column) };
  },
  naPeildatum: (value: string, peildatum: string): Text => ({
    rule: 'extract/na-peildatum',
    what: `datum ${value} ligt na de peildatum ${peildatum}`,
    expected: `uiterlijk ${peildatum} (extractie.json)`,
  }),

  // Rules over a row.
  notBefore: (column: string, value: string, reference: string, referenceValue: string): Text => ({
    rule: 'extract/datum-volgorde',
    what: `${column} ${value} ligt voor ${reference} ${referenceValue}`,
    expected: `${column} op of na ${reference}`,
  }),
  requiredWhen: (when: string, value: string): Text => ({
    rule: 'extract/verplicht-bij',
    what: `waarde ontbreekt bij ${when} '${value}'`,
    expected: `een waarde bij ${when} '${value}'`,
  }),
  emptyUnless: (filled: string, when: string, whenValue: string, value: string): Text => ({
    rule: 'extract/leeg-behalve-bij',
    what: `${toon(filled)} ingevuld bij ${when} '${whenValue}'`,
    expected: `leeg, behalve bij ${when} '${value}'`,
  }),

  // Rules over rows and extracts.
  duplicate: (column: string, value: string, firstLine: number): Text => ({
    rule: 'extract/dubbel',
    what: `dubbele waarde ${toon(value)}, staat ook op regel ${firstLine}`,
    expected: `elke ${column} één keer`,
  }),
  unknownReference: (value: string, file: string, key: string): Text => ({
    rule: 'extract/onbekende-verwijzing',
    what: `${toon(value)} staat niet in ${file}`,
    expected: `elke ${key} komt voor in ${file}`,
  }),
  notAfterReference: (
    column: string,
    value: string,
    reference: string,
    referenceValue: string,
    where: string,
  ): Text => ({
    rule: 'extract/niet-na-verwijzing',
    what: `${column} ${value} ligt niet na ${reference} ${referenceValue} (${where})`,
    expected: `${reference} voor ${column}`,
  }),
  overlap: (key: string, keyValue: string, period: string, otherLine: number, otherPeriod: string): Text => ({
    rule: 'extract/overlap',
    what: `periode ${period} van ${key} ${toon(keyValue)} overlapt met de periode ${otherPeriod} op regel ${otherLine}`,
    expected: 'perioden van één persoon die elkaar niet overlappen (een open einde loopt tot de peildatum)',
  }),

  more: (count: number): Diagnostic => ({ rule: 'extract/meer', text: `… en nog ${count} andere ${count === 1 ? 'fout' : 'fouten'}` }),
};

/** A spell as shown: `2015-01-01 t/m 2015-06-30` or `2015-01-01 t/m open`. */
export const periode = (begin: string, einde: string | null): string => `${begin} t/m ${einde ?? 'open'}`;
