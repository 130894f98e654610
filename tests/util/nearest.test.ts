/** The nearest known name, for suggestions in messages ("bedoelt u 'cohorten'?"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, nearest } from '../../src/util/nearest.ts';

test('nearest and editDistance', () => {
  assert.equal(editDistance('cohorte', 'cohorten'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearest('Drempel', ['nummer', 'drempel']), 'drempel');
  assert.equal(nearest('xyz', ['nummer', 'drempel']), undefined);
});
