/**
 * The one CSV module of the project, for the files it writes and reads itself (RFC 4180: fields
 * with a quote, comma or line end are quoted, `""` is a quote inside a quoted field; `\n` line
 * ends, `\r\n` accepted when reading).
 *
 * Reading gives records with the line on which each starts, so a reader can name
 * `bestand:regel` in its messages. Writing quotes a field only when it must (`csvField`), or
 * always (`csvQuoted`, for free text such as a note, so a reader of the file sees at once that
 * it is one field).
 */

/** One record: its fields and the (1-based) line on which it starts. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Every record of the text, the header included; a final line end adds no empty record. */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      records.push({ line: start, fields });
      [fields, field, start] = [[], '', line];
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}

/** Records with a header line as objects keyed by the header's names. */
export function leesCsv(tekst: string): Record<string, string>[] {
  const [kop, ...rest] = csvRecords(tekst).map((r) => r.fields);
  if (!kop) return [];
  return rest.map((r) => Object.fromEntries(kop.map((k, i) => [k, r[i] ?? ''])));
}

/** A field quoted, its quotes doubled. */
export function csvQuoted(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A field as written: quoted only when it holds a quote, a comma or a line end. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? csvQuoted(s) : s;
}

/** A whole file: the header and the lines (fields already quoted where needed), each ended by `\n`. */
export function csvText(header: string, lines: readonly string[]): string {
  return [header, ...lines].join('\n') + '\n';
}
