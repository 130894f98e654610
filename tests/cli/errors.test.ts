/**
 * How the command line reports what went wrong (meldFout): a mistake in the input as its
 * messages, a broken invariant of the code as an "interne fout" with its stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meldFout } from '../../src/cli/report.ts';
import { diagnostic } from '../../src/util/diagnostic.ts';
import { InputError, InternalError } from '../../src/util/errors.ts';

function gemeld(e: unknown): { status: number; regels: string[] } {
  const regels: string[] = [];
  const status = meldFout(e, { mode: 'build' }, (r) => regels.push(r));
  return { status, regels };
}

test('an InputError: its diagnostics as file: text, and the hint, exit status 1', () => {
  const { status, regels } = gemeld(new InputError([diagnostic('uitvoer/x', 'bestand ontbreekt', { file: 'data/a.csv', hint: 'Bouw eerst.' })]));
  assert.equal(status, 1);
  assert.deepEqual(regels, ['Fout: de monitor is niet gebouwd; de uitvoermap is ongewijzigd.', '  data/a.csv: bestand ontbreekt', 'Tip: Bouw eerst.']);
});

test('an InternalError: "interne fout: …" once, said to be the program\'s, with its stack', () => {
  const { status, regels } = gemeld(new InternalError('stap web hoort niet bij deze bouw'));
  assert.equal(status, 1);
  assert.equal(regels[1], '  interne fout: stap web hoort niet bij deze bouw');
  assert.match(regels[2]!, /fout in het programma, niet in de invoer/);
  assert.match(regels[3]!, /^\s+at /);
});
