import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutlineEntry } from '../../src/pdf/pdf-file.ts';
import { matchOutline, tocHolds } from '../../src/pdf/page.ts';

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

describe('tocHolds', () => {
  const ids = ['sec-a', 'sec-b'];
  it('holds when every number shown is the page the heading landed on', () => {
    assert.equal(tocHolds(ids, { 'sec-a': 3, 'sec-b': 5, 'fig-x': 4 }, { 'sec-a': 3, 'sec-b': 5, 'colofon-kop': 2 }), true);
  });
  it('fails on a heading that landed elsewhere, or has no page on either side', () => {
    assert.equal(tocHolds(ids, { 'sec-a': 3, 'sec-b': 5 }, { 'sec-a': 3, 'sec-b': 6 }), false);
    assert.equal(tocHolds(ids, { 'sec-a': 3 }, { 'sec-a': 3, 'sec-b': 5 }), false, 'shown as ?, landed on 5');
    assert.equal(tocHolds(ids, { 'sec-a': 3, 'sec-b': 5 }, { 'sec-a': 3 }), false, 'shown as 5, no bookmark');
    assert.equal(tocHolds(ids, { 'sec-a': 3 }, { 'sec-a': 3 }), true, 'both ?: the print shows what the bookmarks say');
  });
});
