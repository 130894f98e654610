import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutlineEntry } from '../../src/pdf/pdf-file.ts';
import { matchOutline } from '../../src/pdf/page.ts';

const entry = (object: number, title: string, page: number): OutlineEntry => ({ object, title, page, depth: 1 });

describe('matchOutline', () => {
  it('pairs headings with bookmarks in order, skipping bookmarks of headings it was not given', () => {
    const matches = matchOutline(
      [
        { id: 'sec-methoden', segments: ['1', ' Methoden'] },
        { id: 'sec-werk', segments: ['1.1', ' Werk'] },
      ],
      [entry(1, 'Monitor', 1), entry(2, '1 Methoden', 3), entry(3, '1.1 Werk', 4)],
    );
    assert.deepEqual(matches.map((m) => [m.id, m.entry.page, m.text]), [
      ['sec-methoden', 3, '1 Methoden'],
      ['sec-werk', 4, '1.1 Werk'],
    ]);
  });

  it('recognises the doubled title Chromium gives a heading pushed to the next page', () => {
    const [match] = matchOutline([{ id: 'sec-x', segments: ['2.4', ' Paragraaf methoden 4'] }], [entry(9, '2.42.4 Paragraaf methoden 4 Paragraaf methoden 4', 11)]);
    assert.equal(match?.entry.page, 11);
    assert.equal(match?.text, '2.4 Paragraaf methoden 4');
  });

  it('leaves a heading without a bookmark unmatched and goes on with the next', () => {
    const matches = matchOutline(
      [
        { id: 'verborgen', segments: ['Verborgen'] },
        { id: 'zichtbaar', segments: ['Zichtbaar'] },
      ],
      [entry(1, 'Zichtbaar', 2)],
    );
    assert.deepEqual(matches.map((m) => m.id), ['zichtbaar']);
  });
});
