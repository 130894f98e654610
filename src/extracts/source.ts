/**
 * The files of an extract set: which form each extract takes, the header of a CSV, gzip
 * decompression, and the clause DuckDB reads a file with.
 *
 * A `.csv.gz` is decompressed once, here, to a temporary plain CSV: node's zlib checks the
 * gzip trailer (CRC and length), which DuckDB does not (it reads a truncated or corrupt gzip
 * without complaint), and DuckDB reads a plain CSV in parallel but a gzipped one on one thread.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
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

/** Decompress `source` to `target`; rejects with zlib's message when the gzip is damaged. */
export async function gunzipTo(source: string, target: string): Promise<void> {
  // Large chunks: with node's defaults (64 KiB reads, 16 KiB inflate output) the stream
  // machinery costs four times the CPU of the inflating itself.
  const chunk = 1 << 20;
  await pipeline(
    createReadStream(source, { highWaterMark: chunk }),
    createGunzip({ chunkSize: chunk }),
    createWriteStream(target, { highWaterMark: chunk }),
  );
}

export type HeaderResult =
  | { kind: 'empty' }
  | { kind: 'utf16' }
  | { kind: 'encoding' }
  | { kind: 'header'; names: string[]; bom: boolean };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Read the header record of a CSV (RFC 4180: fields may be quoted, `""` is a quote inside a
 * quoted field). Reads only as far as the end of the header.
 */
export async function readCsvHeader(path: string): Promise<HeaderResult> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let end = -1;
    let inQuote = false;
    for (;;) {
      const buffer = Buffer.alloc(1 << 16);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
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
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) return { kind: 'empty' };
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { kind: 'utf16' };
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let line = bytes.subarray(bom ? 3 : 0, end >= 0 ? end : bytes.length);
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    let text: string;
    try {
      text = decoder.decode(line);
    } catch {
      return { kind: 'encoding' };
    }
    return { kind: 'header', names: parseRecord(text), bom };
  } finally {
    await handle.close();
  }
}

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
export function readCsvClause(path: string, count: number, rejects: string): string {
  const columns = Array.from({ length: count }, (_, i) => `${str(`c${i}`)}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${str(path)}, columns = {${columns}}, header = true, auto_detect = false, ` +
    `delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, ` +
    `store_rejects = true, rejects_table = ${str(rejects)}, rejects_scan = ${str(`${rejects}_scan`)})`
  );
}

export function readParquetClause(path: string): string {
  return `read_parquet(${str(path)})`;
}
