/**
 * The one CSV reader of the project for the files it writes itself (RFC 4180 quotes, `\n` or
 * `\r\n` line ends): records with the line on which each starts, so a reader can name
 * `bestand:regel` in its messages.
 */

/** One record: its fields and the (1-based) line on which it starts. */
export interface CsvRecord {
  readonly regel: number;
  readonly velden: string[];
}

/** Every record of the text, the header included; a final line end adds no empty record. */
export function csvRecords(tekst: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let veld = '';
  let velden: string[] = [];
  let quote = false;
  let regel = 1;
  let begin = 1;
  for (let i = 0; i < tekst.length; i++) {
    const c = tekst[i]!;
    if (c === '\n') regel++;
    if (quote) {
      if (c === '"' && tekst[i + 1] === '"') (veld += '"'), i++;
      else if (c === '"') quote = false;
      else veld += c;
    } else if (c === '"') quote = true;
    else if (c === ',') velden.push(veld), (veld = '');
    else if (c === '\n') velden.push(veld), records.push({ regel: begin, velden }), (velden = []), (veld = ''), (begin = regel);
    else if (c !== '\r') veld += c;
  }
  if (veld !== '' || velden.length > 0) velden.push(veld), records.push({ regel: begin, velden });
  return records;
}

/** Records with a header line as objects keyed by the header's names. */
export function leesCsv(tekst: string): Record<string, string>[] {
  const [kop, ...rest] = csvRecords(tekst).map((r) => r.velden);
  if (!kop) return [];
  return rest.map((r) => Object.fromEntries(kop.map((k, i) => [k, r[i] ?? ''])));
}
