/**
 * The first check on an extract folder, apart from the loader (which brings DuckDB): the build
 * makes it before it hashes the folder's files, so a wrong `--data` gets the loader's own message.
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../util/errors.ts';
import { diagnose, msg } from './messages.ts';

/** The extract folder exists and is a folder; else an InputError that says which. */
export async function checkExtractFolder(folder: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(folder)).isDirectory();
  } catch {
    throw new InputError([diagnose(folder, undefined, undefined, msg.folderMissing())]);
  }
  if (!isDirectory) throw new InputError([diagnose(folder, undefined, undefined, msg.folderNotDir())]);
}
