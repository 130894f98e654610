/**
 * Reading a small input file a person names (an edition file): only a regular file (a link to
 * one is fine) of sensible size. A FIFO would block the read for ever and a link to /dev/zero
 * never end it; both are refused like a missing file.
 */
import { readFile, stat } from 'node:fs/promises';

/** Read `path` as UTF-8; rejects when it is no regular file or larger than `maxBytes`. */
export async function readRegularFile(path: string, maxBytes = 16 * 1024 * 1024): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error(`${path}: no regular file`), { code: 'ENOTREG' });
  if (info.size > maxBytes) throw Object.assign(new Error(`${path}: larger than ${maxBytes} bytes`), { code: 'EFBIG' });
  return readFile(path, 'utf8');
}
