/** The messages of the InputError that `f` throws; fails the test when it throws none. */
import assert from 'node:assert/strict';
import { InputError } from '../../src/util/errors.ts';

export function meldingen(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e;
  }
  assert.fail('geen InputError');
}
