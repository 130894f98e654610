/**
 * Streaming writers for the extract files: rows go to disk as they are made, so the size of
 * an extract set is bounded by the disk, not by memory.
 *
 * `.csv` is written as is; `.csv.gz` through node:zlib without a file name or time in the
 * header (and with the header's OS byte fixed), so the same rows always give the same bytes;
 * `.parquet` is made from a temporary CSV with DuckDB's COPY, single-threaded so row order and
 * row groups do not depend on scheduling.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { extractSpec, type ExtractName } from '../extracts/contract.ts';

export const FORMATS = ['csv', 'csv.gz', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];

const CHUNK = 1 << 20;

/**
 * zlib writes the operating system it was built for into byte 9 of a gzip header (3 = Unix,
 * other values on Windows and macOS). Fixing it to 3 keeps `.csv.gz` files identical across
 * machines.
 */
class GzipHeaderFix extends Transform {
  private first = true;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.first && chunk.length > 9) {
      chunk[9] = 3;
      this.first = false;
    }
    cb(null, chunk);
  }
}

/** One extract file being written. */
export class ExtractWriter {
  private buffer = '';
  private rowCount = 0;
  private readonly head: Writable;
  private readonly file: WriteStream;
  private readonly done: Promise<void>;

  /** `columns`: the columns written, a leading part of the contract's (default: all of them) */
  constructor(
    readonly name: ExtractName,
    readonly path: string,
    gzip: boolean,
    readonly columns: readonly string[] = extractSpec(name).columns.map((c) => c.name),
  ) {
    this.file = createWriteStream(path);
    const fileDone = once(this.file, 'close').then(() => undefined);
    if (gzip) {
      const gz = createGzip({ level: 6 });
      const fix = new GzipHeaderFix();
      gz.pipe(fix).pipe(this.file);
      this.head = gz;
    } else {
      this.head = this.file;
    }
    this.done = fileDone;
    this.buffer = columns.join(',') + '\n';
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Add rows (without line ends). Returns false when the caller should await `drain()`. */
  add(lines: readonly string[]): boolean {
    if (lines.length === 0) return true;
    this.rowCount += lines.length;
    this.buffer += lines.join('\n') + '\n';
    if (this.buffer.length < CHUNK) return true;
    const ok = this.head.write(this.buffer);
    this.buffer = '';
    return ok;
  }

  async drain(): Promise<void> {
    if (this.head.writableNeedDrain) await once(this.head, 'drain');
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) this.head.write(this.buffer);
    this.buffer = '';
    this.head.end();
    await this.done;
  }
}

/** Convert a finished CSV extract to Parquet (dates as DATE, everything else as VARCHAR). */
export async function csvToParquet(
  name: ExtractName,
  csvPath: string,
  parquetPath: string,
  written: readonly string[] = extractSpec(name).columns.map((c) => c.name),
): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try {
    const spec = extractSpec(name);
    const columns = spec.columns
      .filter((c) => written.includes(c.name))
      .map((c) => `'${c.name}': '${c.type.kind === 'date' ? 'DATE' : 'VARCHAR'}'`)
      .join(', ');
    const q = (p: string): string => `'${p.replaceAll("'", "''")}'`;
    await con.run(
      `COPY (SELECT * FROM read_csv(${q(csvPath)}, header = true, delim = ',', quote = '"', ` +
        `columns = {${columns}}, dateformat = '%Y-%m-%d', parallel = false)) ` +
        `TO ${q(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  await rm(csvPath);
}
