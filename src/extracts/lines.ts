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
  const walker = new RecordWalker(new Set(query.rows), new Set(query.rejected));
  if (walker.open === 0) return walker.answer;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const bom = first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    first = false;
    walker.walk(chunk, bom ? 3 : 0);
    if (walker.open === 0) break;
  }
  stream.destroy();
  walker.finish();
  return walker.answer;
}

/**
 * The walk over a CSV's bytes, chunk by chunk. A unit is a record or a blank line; the walk
 * searches for the next quote and line end with indexOf rather than looking at every byte.
 */
class RecordWalker {
  readonly answer: LineAnswer = { rows: new Map(), rejected: new Map() };
  /** Wanted rows and rejected lines not found yet. */
  open: number;
  private phys = 1; // physical line at the read position
  private unit = 0; // records and blank lines so far (DuckDB's line = unit + 1; the header is unit 0)
  private unitStart = 1; // physical line where the current record began
  private unitLength = 0; // bytes in the current record so far
  private content = false; // the current record has a byte other than '\r'
  private inQuote = false;
  private quotePending = false; // saw '"' inside a quoted value; the next byte decides
  private lastByte = -1;
  private kept = 0;
  /** The next quote in the current chunk at or after the read position, or -1 (found lazily). */
  private nextQuote = -1;

  constructor(
    private readonly wantedRows: ReadonlySet<number>,
    private readonly rejected: ReadonlySet<number>,
  ) {
    this.open = wantedRows.size + rejected.size;
  }

  /** Walk `chunk` from `start`, stopping early when nothing more is wanted. */
  walk(chunk: Buffer, start: number): void {
    let i = start;
    this.nextQuote = chunk.indexOf(QUOTE, i);
    while (i < chunk.length && this.open > 0) i = this.inQuote ? this.quoted(chunk, i) : this.plain(chunk, i);
  }

  /** The end of the file: a last record without a final newline still counts. */
  finish(): void {
    if (this.open > 0 && this.unitLength > 0) this.endUnit();
  }

  /** Inside a quoted value: up to its closing quote or the next line end in it. */
  private quoted(chunk: Buffer, i: number): number {
    if (this.quotePending) {
      this.quotePending = false;
      if (chunk[i] === QUOTE) {
        // An escaped quote ("") inside the value.
        this.lastByte = QUOTE;
        this.unitLength++;
        return i + 1;
      }
      this.inQuote = false; // the value ended; this byte is read as unquoted
      return i;
    }
    if (this.nextQuote !== -1 && this.nextQuote < i) this.nextQuote = chunk.indexOf(QUOTE, i);
    const nl = chunk.indexOf(NL, i);
    if (nl !== -1 && (this.nextQuote === -1 || nl < this.nextQuote)) {
      this.phys++; // a newline inside a quoted value: same record, next physical line
      this.unitLength += nl + 1 - i;
      this.lastByte = NL;
      return nl + 1;
    }
    if (this.nextQuote === -1) {
      this.unitLength += chunk.length - i;
      this.lastByte = chunk[chunk.length - 1]!;
      return chunk.length;
    }
    this.unitLength += this.nextQuote + 1 - i;
    this.lastByte = QUOTE;
    this.quotePending = true;
    return this.nextQuote + 1;
  }

  /** Outside quotes: up to the next quote or line end. */
  private plain(chunk: Buffer, i: number): number {
    if (this.nextQuote !== -1 && this.nextQuote < i) this.nextQuote = chunk.indexOf(QUOTE, i);
    const nl = chunk.indexOf(NL, i);
    if (this.nextQuote !== -1 && (nl === -1 || this.nextQuote < nl)) return this.quote(chunk, i, this.nextQuote);
    const end = nl === -1 ? chunk.length : nl;
    const span = end - i;
    if (span > 1 || (span === 1 && chunk[i] !== CR)) this.content = true;
    if (span > 0) this.lastByte = chunk[end - 1]!;
    this.unitLength += span;
    if (nl === -1) return chunk.length;
    this.endUnit();
    this.phys++;
    this.unitStart = this.phys;
    this.lastByte = NL;
    return nl + 1;
  }

  /** Plain bytes up to a quote at `q`; it opens a quoted value only at the start of a field. */
  private quote(chunk: Buffer, i: number, q: number): number {
    if (q > i) {
      this.content = true;
      this.lastByte = chunk[q - 1]!;
      this.unitLength += q - i;
    }
    if (this.unitLength === 0 || this.lastByte === COMMA) this.inQuote = true;
    this.content = true;
    this.unitLength++;
    this.lastByte = QUOTE;
    return q + 1;
  }

  private endUnit(): void {
    if (this.content && this.unit > 0) this.found();
    this.unit++;
    this.unitLength = 0;
    this.content = false;
  }

  /** A record ended: a rejected line, or the next kept row. */
  private found(): void {
    const readerLine = this.unit + 1;
    if (this.rejected.has(readerLine)) {
      this.answer.rejected.set(readerLine, this.unitStart);
      this.open--;
      return;
    }
    if (this.wantedRows.has(this.kept)) {
      this.answer.rows.set(this.kept, this.unitStart);
      this.open--;
    }
    this.kept++;
  }
}

export type LineEndingProblem = { line: number; kind: 'crlf-after-lf' | 'lf-after-crlf' | 'lone-cr' };

/**
 * The first line whose end differs from the first line's (`\n` vs `\r\n`), or that has a `\r`
 * outside quotes that ends nothing. DuckDB stops on these without saying where ("state
 * machine reached an invalid state"), so this finds the line for the message.
 */
export async function lineEndingProblem(path: string): Promise<LineEndingProblem | undefined> {
  const state: EndingState = { line: 1, inQuote: false, style: undefined, previous: -1 };
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const b of chunk) {
        const problem = endingStep(state, b);
        if (problem) return problem;
      }
    }
    return state.previous === CR && !state.inQuote ? { line: state.line, kind: 'lone-cr' } : undefined;
  } finally {
    stream.destroy();
  }
}

interface EndingState {
  line: number;
  inQuote: boolean;
  /** The first line's end. */
  style: 'lf' | 'crlf' | undefined;
  previous: number;
}

/** One byte further: the problem this byte shows, if any. */
function endingStep(state: EndingState, b: number): LineEndingProblem | undefined {
  const previous = state.previous;
  state.previous = b;
  if (b === QUOTE) {
    state.inQuote = !state.inQuote; // "" inside a quoted value toggles twice
    return undefined;
  }
  if (state.inQuote) {
    if (b === NL) state.line++;
    return undefined;
  }
  if (previous === CR && b !== NL) return { line: state.line, kind: 'lone-cr' };
  if (b !== NL) return undefined;
  const crlf = previous === CR;
  if (state.style === undefined) state.style = crlf ? 'crlf' : 'lf';
  else if (state.style === 'lf' && crlf) return { line: state.line, kind: 'crlf-after-lf' };
  else if (state.style === 'crlf' && !crlf) return { line: state.line, kind: 'lf-after-crlf' };
  state.line++;
  return undefined;
}
