/**
 * Every message the loader and validator show the user, in Dutch, in one place.
 *
 * A message says where (file, line, column), what is wrong and what was expected:
 * `<file>:<line>: kolom '<x>': <what> (verwacht: <expected>)`. The where is added by `format`;
 * the functions below give the what and the expected.
 */
import type { ColumnSpec, ExtractName } from './contract.ts';
import type { GzipProblem } from './source.ts';

/** A size as shown: "64 MB", "1 kB". */
function megabytes(bytes: number): string {
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} bytes`;
}

export interface Text {
  what: string;
  expected?: string;
}

/** A problem as shown: file, optional line and column label, what and expected. */
export function format(file: string, line: number | undefined, label: string | undefined, text: Text): string {
  const where = line === undefined ? file : `${file}:${line}`;
  const col = label === undefined ? '' : `${label}: `;
  const expected = text.expected === undefined ? '' : ` (verwacht: ${text.expected})`;
  return `${where}: ${col}${text.what}${expected}`;
}

export const kolom = (name: string): string => `kolom '${name}'`;
export const veld = (name: string): string => `veld '${name}'`;

/** A value as shown in a message: quoted, control characters visible, long values cut. */
export function toon(value: string): string {
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

export const msg = {
  // The folder and its files.
  folderMissing: (): Text => ({ what: 'map bestaat niet', expected: 'een map met de extracten en extractie.json' }),
  folderNotDir: (): Text => ({ what: 'is geen map', expected: 'een map met de extracten en extractie.json' }),
  extractMissing: (name: ExtractName, nearMiss: readonly string[]): Text => ({
    what:
      `extract '${name}' ontbreekt` +
      (nearMiss.length > 0 ? `; wel gevonden: ${nearMiss.join(', ')} (namen zijn hoofdlettergevoelig)` : ''),
    expected: `een bestand ${formsOf(name)}`,
  }),
  extractTwice: (name: ExtractName, files: readonly string[]): Text => ({
    what: `extract '${name}' staat er in ${files.length} vormen: ${files.join(', ')}`,
    expected: `precies één van ${formsOf(name)}`,
  }),

  // extractie.json
  jsonMissing: (): Text => ({
    what: 'bestand ontbreekt',
    expected: `extractie.json met ten minste "peildatum" en "bron"`,
  }),
  jsonTooLarge: (limit: number): Text => ({ what: `het bestand is groter dan ${megabytes(limit)}`, expected: 'een klein JSON-object met "peildatum" en "bron"' }),
  jsonNotObject: (): Text => ({ what: 'is geen JSON-object', expected: '{ "peildatum": "JJJJ-MM-DD", "bron": "..." }' }),
  jsonFieldMissing: (): Text => ({ what: 'ontbreekt', expected: 'dit veld' }),
  jsonPeildatum: (value: string): Text => ({
    what: `ongeldige datum ${value}`,
    expected: 'een bestaande datum als "JJJJ-MM-DD"',
  }),
  jsonString: (value: string): Text => ({ what: `ongeldige waarde ${value}`, expected: 'een niet-lege tekst' }),
  jsonUnknownField: (): Text => ({ what: 'onbekend veld, wordt genegeerd' }),

  // Reading a file.
  emptyFile: (): Text => ({ what: 'het bestand is leeg', expected: 'een kopregel en ten minste één rij' }),
  noRows: (rij: string): Text => ({
    what: 'het extract bevat geen rijen',
    expected: `ten minste één rij (één rij per ${rij})`,
  }),
  gzip: (problem: GzipProblem, limit?: number): Text => {
    switch (problem) {
      case 'truncated':
        return {
          what: 'het gzip-bestand houdt te vroeg op; het is waarschijnlijk niet volledig gekopieerd of gedownload',
          expected: 'het volledige gzip-bestand; kopieer het opnieuw',
        };
      case 'notGzip':
        return { what: 'het bestand is geen gzip-bestand', expected: `een met gzip ingepakt CSV-bestand, of hernoem het naar .csv als het gewone tekst is` };
      case 'tooLarge':
        return {
          what: `het gzip-bestand pakt uit tot meer dan ${megabytes(limit ?? 0)}, onwaarschijnlijk veel voor de ingepakte grootte; het uitpakken is gestopt`,
          expected: 'een ingepakt CSV-bestand (tekst pakt hoogstens enkele tientallen keren zo groot uit)',
        };
      case 'binary':
        return { what: 'het uitgepakte bestand lijkt geen tekst te zijn (het bevat NUL-tekens)', expected: 'een ingepakt CSV-bestand in UTF-8' };
      case 'utf16':
        return { what: 'het uitgepakte bestand is in UTF-16 gecodeerd', expected: 'UTF-8: sla het bestand op als "CSV UTF-8"' };
      case 'damaged':
        return { what: 'het gzip-bestand is beschadigd (de inhoud klopt niet met het controlegetal)', expected: 'een onbeschadigd gzip-bestand; kopieer het opnieuw' };
    }
  },
  unreadable: (parquet: boolean): Text =>
    parquet
      ? { what: 'het bestand is niet als Parquet te lezen', expected: 'een volledig Parquet-bestand met tekstkolommen' }
      : { what: 'het bestand is niet als CSV te lezen', expected: "een CSV-bestand in UTF-8 met komma's als scheidingsteken (RFC 4180)" },
  parquetUnreadable: (): Text => ({
    what: 'het bestand is geen leesbaar Parquet-bestand (beschadigd, onvolledig of iets anders met de extensie .parquet)',
    expected: 'een volledig Parquet-bestand',
  }),
  notRegular: (kind: string): Text => ({
    what: `is geen gewoon bestand maar ${kind}`,
    expected: 'een gewoon bestand (een koppeling mag, als die naar een gewoon bestand wijst)',
  }),
  noAccess: (): Text => ({ what: 'het bestand mag niet gelezen worden (geen leesrechten)', expected: 'een bestand met leesrechten voor deze gebruiker' }),
  utf16: (): Text => ({
    what: 'het bestand is in UTF-16 gecodeerd (zo bewaart Excel "Unicode-tekst")',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  binary: (): Text => ({
    what: 'het bestand lijkt geen tekst te zijn (het bevat NUL-tekens)',
    expected: 'een CSV-bestand in UTF-8; is het misschien een Excel-bestand met de extensie .csv?',
  }),
  headerTooLong: (limit: number): Text => ({
    what: `geen regeleinde in de eerste ${megabytes(limit)}: de kopregel is te lang of het bestand is geen CSV`,
    expected: 'een kopregel met de kolomnamen, afgesloten met een regeleinde',
  }),
  delimiter: (delimiter: ';' | '\t'): Text => ({
    what:
      delimiter === ';'
        ? "de velden zijn gescheiden door puntkomma's (;) in plaats van komma's; zo bewaart een spreadsheet met Nederlandse instellingen een CSV-bestand"
        : "de velden zijn gescheiden door tabs in plaats van komma's",
    expected: `komma's als scheidingsteken: bewaar het bestand als "CSV UTF-8 (door komma's gescheiden)"`,
  }),
  headerEncoding: (): Text => ({
    what: 'de kopregel bevat tekens die geen UTF-8 zijn; het bestand is waarschijnlijk bewaard als Windows-1252 of Latin-1',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  bom: (): Text => ({ what: 'begint met een UTF-8 BOM; die wordt overgeslagen' }),

  // The header.
  columnMissing: (spec: readonly string[], nearMiss: string | undefined, inHeader: boolean): Text => ({
    what:
      (inHeader ? 'ontbreekt in de kopregel' : 'ontbreekt') +
      (nearMiss === undefined ? '' : `; wel gevonden: ${toon(nearMiss)} (namen zijn hoofdlettergevoelig, zonder spaties)`),
    expected: `de kolommen ${spec.join(', ')}`,
  }),
  columnTwice: (count: number): Text => ({
    what: `staat ${count} keer in de kopregel`,
    expected: 'elke kolomnaam één keer',
  }),
  columnExtra: (name: ExtractName): Text => ({ what: `geen kolom van ${name}; wordt genegeerd` }),
  columnNameless: (position: number): Text => ({ what: `kolom ${position} heeft geen naam; wordt genegeerd` }),
  parquetType: (type: string, allowed: string): Text => ({ what: `heeft type ${type}`, expected: allowed }),

  // Structure of a CSV line (RFC 4180).
  tooFewFields: (found: number | undefined, expected: number): Text => ({
    what: found === undefined ? 'te weinig velden' : `${found} ${found === 1 ? 'veld' : 'velden'} in plaats van ${expected}`,
    expected: `${expected} velden gescheiden door komma's, zoals de kopregel`,
  }),
  tooManyFields: (found: number | undefined, expected: number, decimal?: { value: string; column: string }): Text => ({
    what:
      (found === undefined ? 'te veel velden' : `${found} velden in plaats van ${expected}`) +
      (decimal === undefined
        ? ''
        : `; waarschijnlijk een decimale komma in ${toon(decimal.value)} (kolom '${decimal.column}'): zet de waarde tussen "..." of schrijf een punt`),
    expected: `${expected} velden gescheiden door komma's, zoals de kopregel (een komma in een waarde staat tussen "...")`,
  }),
  unterminatedQuote: (): Text => ({
    what: 'een aanhalingsteken wordt niet afgesloten; de rest van het bestand is als één waarde gelezen',
    expected: 'RFC 4180: een waarde tussen "..." met "" voor een aanhalingsteken erin',
  }),
  badQuote: (): Text => ({
    what: 'onjuist gebruik van aanhalingstekens',
    expected: 'RFC 4180: een waarde tussen "..." met "" voor een aanhalingsteken erin, direct gevolgd door een komma of het einde van de regel',
  }),
  badEncoding: (): Text => ({
    what: 'bevat tekens die geen UTF-8 zijn; het bestand is waarschijnlijk bewaard als Windows-1252 of Latin-1 (zoals Excel een "CSV" bewaart)',
    expected: 'UTF-8: sla het bestand op als "CSV UTF-8"',
  }),
  lineTooLong: (limit?: number): Text => ({
    what: `de regel is te lang om te lezen${limit === undefined ? '' : ` (meer dan ${megabytes(limit)})`}; ontbreken er regeleinden, of staat er een aanhalingsteken dat niet wordt afgesloten?`,
    expected: 'regels van hoogstens enkele megabytes',
  }),
  lineEnding: (kind: 'crlf-after-lf' | 'lf-after-crlf' | 'lone-cr'): Text => ({
    what:
      kind === 'lone-cr'
        ? 'een los \\r-teken buiten aanhalingstekens'
        : kind === 'crlf-after-lf'
          ? 'de regel eindigt op \\r\\n, de eerste regel op \\n'
          : 'de regel eindigt op \\n, de eerste regel op \\r\\n',
    expected: 'één soort regeleinde in het hele bestand, \\n of \\r\\n (een \\r in een waarde staat tussen "...")',
  }),
  badLine: (): Text => ({ what: 'onleesbare regel', expected: "een regel volgens RFC 4180: velden gescheiden door komma's, een waarde met een komma of regeleinde tussen \"...\"" }),

  // Values.
  valueMissing: (column: ColumnSpec): Text => ({ what: 'waarde ontbreekt', expected: expectedValue(column) }),
  valueInvalid: (column: ColumnSpec, value: string): Text => {
    const kind = column.type.kind === 'date' ? 'ongeldige datum' : column.type.kind === 'id' ? 'ongeldige id' : 'ongeldige waarde';
    // A spreadsheet with Dutch settings writes dates as DD-MM-JJJJ.
    const dmy = column.type.kind === 'date' ? /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value) : null;
    if (dmy) {
      const iso = `${dmy[4]}-${dmy[3]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
      return {
        what: `${kind} ${toon(value)}: dag-maand-jaar (DD-MM-JJJJ), zoals een spreadsheet met Nederlandse instellingen schrijft`,
        expected: `jaar-maand-dag als JJJJ-MM-DD, hier ${iso}`,
      };
    }
    return { what: `${kind} ${toon(value)}`, expected: expectedValue(column) };
  },
  afterPeildatum: (value: string, peildatum: string): Text => ({
    what: `datum ${value} ligt na de peildatum ${peildatum}`,
    expected: `uiterlijk ${peildatum} (extractie.json)`,
  }),

  // Rules over a row.
  notBefore: (column: string, value: string, reference: string, referenceValue: string): Text => ({
    what: `${column} ${value} ligt voor ${reference} ${referenceValue}`,
    expected: `${column} op of na ${reference}`,
  }),
  requiredWhen: (when: string, value: string): Text => ({
    what: `waarde ontbreekt bij ${when} '${value}'`,
    expected: `een waarde bij ${when} '${value}'`,
  }),
  emptyUnless: (filled: string, when: string, whenValue: string, value: string): Text => ({
    what: `${toon(filled)} ingevuld bij ${when} '${whenValue}'`,
    expected: `leeg, behalve bij ${when} '${value}'`,
  }),

  // Rules over rows and extracts.
  duplicate: (column: string, value: string, firstLine: number): Text => ({
    what: `dubbele waarde ${toon(value)}, staat ook op regel ${firstLine}`,
    expected: `elke ${column} één keer`,
  }),
  unknownReference: (value: string, file: string, key: string): Text => ({
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
    what: `${column} ${value} ligt niet na ${reference} ${referenceValue} (${where})`,
    expected: `${reference} voor ${column}`,
  }),
  overlap: (key: string, keyValue: string, period: string, otherLine: number, otherPeriod: string): Text => ({
    what: `periode ${period} van ${key} ${toon(keyValue)} overlapt met de periode ${otherPeriod} op regel ${otherLine}`,
    expected: 'perioden van één persoon die elkaar niet overlappen (een open einde loopt tot de peildatum)',
  }),

  more: (count: number): string => `… en nog ${count} andere ${count === 1 ? 'fout' : 'fouten'}`,
};

/** A spell as shown: `2015-01-01 t/m 2015-06-30` or `2015-01-01 t/m open`. */
export const periode = (begin: string, einde: string | null): string => `${begin} t/m ${einde ?? 'open'}`;
