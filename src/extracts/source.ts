/**
 * The files of an extract set: which form each extract takes, the header of a CSV, gzip
 * decompression, and the clause DuckDB reads a file with.
 *
 * A `.csv.gz` is decompressed once, here, to a temporary plain CSV: node's zlib checks the
 * gzip trailer (CRC and length), which DuckDB does not (it reads a truncated or corrupt gzip
 * without complaint), and DuckDB reads a plain CSV in parallel but a gzipped one on one thread.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { EXTRACT_FORMS, type ExtractForm, type ExtractName } from './contract.ts';
import { str } from './sql.ts';

/** The files of one folder by extract name and form. */
export async function extractFiles(folder: string): Promise<{
  forms: (name: ExtractName) => ExtractForm[];
  nearMisses: (name: ExtractName) => string[];
}> {
  const entries = new Set(await readdir(folder));
  const all = [...entries];
  return {
    forms: (name) => EXTRACT_FORMS.filter((form) => entries.has(`${name}${form}`)),
    nearMisses: (name) =>
      all.filter((f) => {
        const lower = f.toLowerCase().trim();
        return !entries.has(lower) && EXTRACT_FORMS.some((form) => lower === `${name}${form}`);
      }),
  };
}

/** Why a .csv.gz could not be decompressed; each has its own message (messages.ts). */
export type GzipProblem = 'truncated' | 'notGzip' | 'damaged' | 'tooLarge' | 'binary' | 'utf16';

/** A failed decompression: what went wrong, and zlib's own words for a programmer. */
export class GzipError extends Error {
  constructor(
    readonly problem: GzipProblem,
    detail: string,
    /** For tooLarge: the size it was stopped at. */
    readonly limit?: number,
  ) {
    super(detail);
    this.name = 'GzipError';
  }
}

export interface GunzipLimits {
  /**
   * The most the decompressed file may be, as a multiple of the compressed size (default 100).
   * CSV text compresses some 5 to 15 times; a gzip bomb a thousand times or more.
   */
  ratio?: number;
  /** Below this many decompressed bytes the ratio is not checked (default 64 MiB). */
  floor?: number;
}

const DEFAULT_GUNZIP_LIMITS: Required<GunzipLimits> = { ratio: 100, floor: 64 * 1024 * 1024 };

/** The first bytes of a file as text or not: NUL bytes mean UTF-16 or no text at all. */
function sniffBinary(bytes: Uint8Array): 'text' | 'utf16' | 'binary' {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    zeros++;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (zeros === 0) return 'text';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'utf16';
  // UTF-16 text of mostly ASCII: every other byte NUL, the others not.
  const half = Math.floor(n / 2);
  if (half > 0 && (oddZeros >= half * 0.6 || evenZeros >= half * 0.6) && Math.min(oddZeros, evenZeros) < half * 0.1) return 'utf16';
  return 'binary';
}

/** A decompressed extract: whether it may have a line longer than the limit gunzipTo was given (longLines). */
export interface Decompressed {
  longLineSuspect: boolean;
}

/**
 * Decompress `source` to `target`. Rejects with a GzipError when the gzip is damaged or cut
 * off, when its first bytes are no text (a gzip of NUL bytes, a zipped spreadsheet), or as soon
 * as the output grows beyond `limits`: a gzip bomb is refused before it fills the disk. On the
 * way it makes longLines' first pass for lines over `maxLineBytes`.
 */
export async function gunzipTo(source: string, target: string, limits: GunzipLimits = {}, maxLineBytes = MAX_LINE_BYTES): Promise<Decompressed> {
  const { ratio, floor } = { ...DEFAULT_GUNZIP_LIMITS, ...limits };
  const compressed = (await stat(source)).size;
  const max = Math.max(floor, compressed * ratio);
  // Large chunks: with node's defaults (64 KiB reads, 16 KiB inflate output) the stream
  // machinery costs four times the CPU of the inflating itself.
  const chunk = 1 << 20;
  let written = 0;
  let first = true;
  const lines = new LongLineWatch(maxLineBytes);
  const guard = new Transform({
    transform(data: Buffer, _encoding, done) {
      if (first) {
        first = false;
        const kind = sniffBinary(data);
        if (kind !== 'text') return done(new GzipError(kind, `decompressed data starts as ${kind}`));
      }
      written += data.length;
      if (written > max) return done(new GzipError('tooLarge', `more than ${max} bytes`, max));
      lines.feed(data);
      done(null, data);
    },
  });
  try {
    await pipeline(
      createReadStream(source, { highWaterMark: chunk }),
      createGunzip({ chunkSize: chunk }),
      guard,
      createWriteStream(target, { highWaterMark: chunk }),
    );
    return { longLineSuspect: lines.suspect };
  } catch (e) {
    await rm(target, { force: true });
    if (e instanceof GzipError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR') throw new GzipError('truncated', err.message);
    if (/incorrect header check|unknown compression method/.test(err.message)) throw new GzipError('notGzip', err.message);
    if (typeof err.code === 'string' && err.code.startsWith('Z_')) throw new GzipError('damaged', err.message);
    // A failed write (a full temp disk: ENOSPC) names no file; say which one, for the message.
    if (err.code && !err.path) err.path = target;
    throw e;
  }
}

export type HeaderResult =
  | { kind: 'empty' }
  | { kind: 'utf16' }
  | { kind: 'binary' }
  | { kind: 'encoding' }
  | { kind: 'tooLong'; limit: number }
  | { kind: 'header'; names: string[]; bom: boolean; delimiter?: ';' | '\t' };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The longest header line read (default): a header is a few hundred bytes. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * Read the header record of a CSV (RFC 4180: fields may be quoted, `""` is a quote inside a
 * quoted field). Reads only as far as the end of the header, and never more than `maxBytes`:
 * a file without a line end (or /dev/zero) is not read to its end.
 */
export async function readCsvHeader(path: string, maxBytes = MAX_HEADER_BYTES): Promise<HeaderResult> {
  const handle = await open(path, 'r');
  try {
    const read = await headerBytes(handle, maxBytes);
    return 'kind' in read ? read : parseHeader(read.bytes, read.end);
  } finally {
    await handle.close();
  }
}

/** The bytes up to and including the header's line end (`end`: its offset, or -1 when the file has none). */
async function headerBytes(handle: FileHandle, maxBytes: number): Promise<{ bytes: Buffer; end: number } | HeaderResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  let end = -1;
  let inQuote = false;
  for (;;) {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    if (total === 0) {
      const kind = sniffBinary(chunk);
      if (kind !== 'text') return { kind };
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) inQuote = !inQuote;
      else if (b === 0x0a && !inQuote) {
        end = total + i;
        break;
      }
    }
    chunks.push(chunk);
    total += bytesRead;
    if (end >= 0) break;
    if (total > maxBytes) return { kind: 'tooLong', limit: maxBytes };
  }
  return { bytes: Buffer.concat(chunks), end };
}

/** The header record in `bytes` (ending at `end`, or at the end of the bytes when -1). */
function parseHeader(bytes: Buffer, end: number): HeaderResult {
  if (bytes.length === 0) return { kind: 'empty' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let line = bytes.subarray(bom ? 3 : 0, end >= 0 ? end : bytes.length);
  if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
  let text: string;
  try {
    text = decoder.decode(line);
  } catch {
    return { kind: 'encoding' };
  }
  const names = parseRecord(text);
  // A spreadsheet's Dutch export separates fields with ';' (a tab-separated export with tabs).
  const delimiter = names.length > 1 ? undefined : text.includes(';') ? ';' : text.includes('\t') ? '\t' : undefined;
  return { kind: 'header', names, bom, ...(delimiter ? { delimiter } : {}) };
}

/**
 * The longest line DuckDB is asked to read (its own default, 2 MiB). A longer line is not read
 * reliably: DuckDB records it as rejected while it fits in its read buffer, and beyond that
 * drops it without a trace. So lines longer than this are found here first (`longLines`).
 */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

/**
 * The physical lines (1-based) of `path` longer than `limit` bytes, at most `max` of them.
 * A file no longer than the limit is not read; otherwise a first pass looks only for a stretch
 * of `limit / 2` bytes without a line end (a few searches per megabyte), and only when it finds
 * one does a second pass count lines. `suspect` is that first pass's verdict when it was made
 * already, on the way (gunzipTo): false skips both passes, true the first.
 */
export async function longLines(path: string, limit: number = MAX_LINE_BYTES, max = 50, suspect?: boolean): Promise<number[]> {
  if (suspect === false || (await stat(path)).size <= limit) return [];
  if (!(suspect ?? (await mayHaveLongLine(path, limit)))) return [];
  const found: number[] = [];
  let line = 1;
  let length = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, i);
      const end = nl === -1 ? chunk.length : nl;
      const before = length;
      length += end - i;
      if (before <= limit && length > limit) found.push(line);
      if (found.length >= max) return found;
      if (nl === -1) break;
      line++;
      length = 0;
      i = nl + 1;
    }
  }
  return found;
}

/** The first, quick pass of longLines, over the file. */
async function mayHaveLongLine(path: string, limit: number): Promise<boolean> {
  const watch = new LongLineWatch(limit);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    watch.feed(chunk);
    if (watch.suspect) return true;
  }
  return false;
}

/**
 * The quick pass of longLines, fed a file's bytes in order in chunks of any size: whether there
 * is a stretch of `limit / 2` bytes without a line end (a few searches per megabyte). Every line
 * longer than `limit` makes it suspect, however the chunks fall; a file it never finds suspect
 * has no such line. gunzipTo runs it on the bytes it writes, so that a decompressed extract is
 * not read once more for it.
 */
class LongLineWatch {
  private readonly step: number;
  /** Bytes since the last line end. */
  private run = 0;
  suspect = false;

  constructor(private readonly limit: number) {
    this.step = Math.max(1, Math.floor(limit / 2));
  }

  feed(chunk: Buffer): void {
    if (this.suspect) return;
    const first = chunk.indexOf(NL);
    if (first === -1) {
      this.run += chunk.length;
      this.suspect = this.run > this.limit;
      return;
    }
    if (this.run + first > this.limit) {
      this.suspect = true;
      return;
    }
    const last = chunk.lastIndexOf(NL);
    // A line longer than `limit` between the first and last line end covers a whole block.
    for (let p = first + 1; p + this.step <= last; p += this.step) {
      const next = chunk.indexOf(NL, p);
      if (next === -1 || next >= p + this.step) {
        this.suspect = true;
        return;
      }
    }
    this.run = chunk.length - 1 - last;
  }
}

const NL = 0x0a;

/** Split one CSV record into its fields. */
export function parseRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuote = false;
      } else field += c;
    } else if (c === '"' && field === '') inQuote = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * The read_csv clause for a CSV whose header has `count` fields. Columns get positional names
 * (c0, c1, ...), so nothing from the header reaches the SQL text; every value is read as text,
 * with nothing sniffed or converted. Malformed lines go to the rejects table `rejects`
 * instead of stopping the read.
 */
export function readCsvClause(path: string, count: number, rejects: string, maxLineBytes = MAX_LINE_BYTES): string {
  const columns = Array.from({ length: count }, (_, i) => `${str(`c${i}`)}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${str(path)}, columns = {${columns}}, header = true, auto_detect = false, max_line_size = ${Math.floor(maxLineBytes)}, ` +
    `delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, ` +
    `store_rejects = true, rejects_table = ${str(rejects)}, rejects_scan = ${str(`${rejects}_scan`)})`
  );
}

export function readParquetClause(path: string): string {
  return `read_parquet(${str(path)})`;
}
