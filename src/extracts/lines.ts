/**
 * Physical line numbers of CSV records, for error messages only.
 *
 * DuckDB reads the CSV fast and in parallel but does not say on which line a row stood. Its
 * row order is the file order, so a row is known by its index among the rows DuckDB kept;
 * its rejected lines are known by DuckDB's own line count, which counts blank lines but not
 * newlines inside quoted values. This module walks the file once (RFC 4180 quoting, `\n` or
 * `\r\n`) and translates both to the physical line a record starts on. It runs only when
 * there is something to report, so the fast path never pays for it.
 */
import { createReadStream } from 'node:fs';

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

export interface LineQuery {
  /** Indexes (0-based) of kept rows whose line is wanted. */
  rows: Iterable<number>;
  /** All lines DuckDB rejected, in DuckDB's count (they are not kept rows). */
  rejected: Iterable<number>;
}

export interface LineAnswer {
  /** Kept row index -> physical line. */
  rows: Map<number, number>;
  /** DuckDB line -> physical line. */
  rejected: Map<number, number>;
}

/** Walk the CSV at `path` and answer the query. */
export async function physicalLines(path: string, query: LineQuery): Promise<LineAnswer> {
  const wantedRows = new Set(query.rows);
  const rejected = new Set(query.rejected);
  const answer: LineAnswer = { rows: new Map(), rejected: new Map() };
  let open = wantedRows.size + rejected.size;
  if (open === 0) return answer;

  let phys = 1; // physical line at the read position
  let unit = 0; // records and blank lines so far (DuckDB's line = unit + 1; the header is unit 0)
  let unitStart = 1; // physical line where the current record began
  let unitLength = 0; // bytes in the current record so far
  let content = false; // the current record has a byte other than '\r'
  let inQuote = false;
  let quotePending = false; // saw '"' inside a quoted value; the next byte decides
  let lastByte = -1;
  let kept = 0;
  let first = true;

  const endUnit = (): void => {
    if (content) {
      if (unit > 0) {
        const readerLine = unit + 1;
        if (rejected.has(readerLine)) {
          answer.rejected.set(readerLine, unitStart);
          open--;
        } else {
          if (wantedRows.has(kept)) {
            answer.rows.set(kept, unitStart);
            open--;
          }
          kept++;
        }
      }
    }
    unit++;
    unitLength = 0;
    content = false;
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let i = 0;
    const n = chunk.length;
    if (first) {
      first = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let nextQuote = chunk.indexOf(QUOTE, i);
    while (i < n) {
      if (inQuote) {
        if (quotePending) {
          quotePending = false;
          if (chunk[i] === QUOTE) {
            // An escaped quote ("") inside the value.
            lastByte = QUOTE;
            unitLength++;
            i++;
            continue;
          }
          inQuote = false; // the value ended; this byte is read as unquoted
          continue;
        }
        if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
        const nl = chunk.indexOf(NL, i);
        if (nl !== -1 && (nextQuote === -1 || nl < nextQuote)) {
          phys++; // a newline inside a quoted value: same record, next physical line
          unitLength += nl + 1 - i;
          lastByte = NL;
          i = nl + 1;
          continue;
        }
        if (nextQuote === -1) {
          unitLength += n - i;
          lastByte = chunk[n - 1]!;
          i = n;
          break;
        }
        unitLength += nextQuote + 1 - i;
        lastByte = QUOTE;
        quotePending = true;
        i = nextQuote + 1;
        continue;
      }
      if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
      const nl = chunk.indexOf(NL, i);
      if (nextQuote !== -1 && (nl === -1 || nextQuote < nl)) {
        // Plain bytes up to a quote; it opens a quoted value only at the start of a field.
        if (nextQuote > i) {
          content = true;
          lastByte = chunk[nextQuote - 1]!;
          unitLength += nextQuote - i;
        }
        if (unitLength === 0 || lastByte === COMMA) inQuote = true;
        content = true;
        unitLength++;
        lastByte = QUOTE;
        i = nextQuote + 1;
        continue;
      }
      const end = nl === -1 ? n : nl;
      const span = end - i;
      if (span > 1 || (span === 1 && chunk[i] !== CR)) content = true;
      if (span > 0) lastByte = chunk[end - 1]!;
      unitLength += span;
      if (nl === -1) {
        i = n;
        break;
      }
      endUnit();
      phys++;
      unitStart = phys;
      lastByte = NL;
      i = nl + 1;
      if (open === 0) break;
    }
    if (open === 0) break;
  }
  stream.destroy();
  if (open > 0 && unitLength > 0) endUnit(); // a last record without a final newline
  return answer;
}

export type LineEndingProblem = { line: number; kind: 'crlf-after-lf' | 'lf-after-crlf' | 'lone-cr' };

/**
 * The first line whose end differs from the first line's (`\n` vs `\r\n`), or that has a `\r`
 * outside quotes that ends nothing. DuckDB stops on these without saying where ("state
 * machine reached an invalid state"), so this finds the line for the message.
 */
export async function lineEndingProblem(path: string): Promise<LineEndingProblem | undefined> {
  let line = 1;
  let inQuote = false;
  let style: 'lf' | 'crlf' | undefined;
  let previous = -1;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === QUOTE) inQuote = !inQuote; // "" inside a quoted value toggles twice
        else if (inQuote) {
          if (b === NL) line++;
        } else if (previous === CR && b !== NL) return { line, kind: 'lone-cr' };
        else if (b === NL) {
          const crlf = previous === CR;
          if (style === undefined) style = crlf ? 'crlf' : 'lf';
          else if (style === 'lf' && crlf) return { line, kind: 'crlf-after-lf' };
          else if (style === 'crlf' && !crlf) return { line, kind: 'lf-after-crlf' };
          line++;
        }
        previous = b;
      }
    }
    return previous === CR && !inQuote ? { line, kind: 'lone-cr' } : undefined;
  } finally {
    stream.destroy();
  }
}
