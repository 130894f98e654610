import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceBreaks, splitSentences } from '../../src/review/sentences.ts';

describe('splitSentences (Dutch)', () => {
  it('splits at the end of a sentence', () => {
    assert.deepEqual(splitSentences('Het vorige hoofdstuk gaf de stand. Dit hoofdstuk volgt de personen! Wie? Niemand.'), [
      'Het vorige hoofdstuk gaf de stand.',
      'Dit hoofdstuk volgt de personen!',
      'Wie?',
      'Niemand.',
    ]);
  });

  it('does not split after abbreviations', () => {
    for (const s of [
      'Dit geldt o.a. Nederlanders en bijv. Belgen.',
      'Zie bijv. Tabel 3 en vgl. Hoofdstuk 2.',
      'De groep, d.w.z. Re-integratiekandidaten, telt mee.',
      'Het gaat om ca. Tweeduizend personen, m.b.t. Werk.',
      'Kamerstukken II 2020/21, 24 587, nr. 796.',
      'Onderzocht door J. Jansen en mr. De Vries.',
      'De personen e.d. Vallen erbuiten.',
    ]) {
      assert.deepEqual(splitSentences(s), [s], s);
    }
  });

  it('does not split numbers', () => {
    const s = 'Het gaat om 1.860 personen en een ratio van 0,5. Daarna 12.345 meer.';
    assert.deepEqual(splitSentences(s), ['Het gaat om 1.860 personen en een ratio van 0,5.', 'Daarna 12.345 meer.']);
  });

  it('needs a capital after the point: a lower-case word continues the sentence', () => {
    assert.deepEqual(splitSentences('Zie hoofdstuk 3. en verder.'), ['Zie hoofdstuk 3. en verder.']);
  });

  it('splits after a closing parenthesis, emphasis or footnote, and before a link or emphasis', () => {
    assert.deepEqual(splitSentences('Het aandeel bleef gelijk (zie figuur 4.2). [Tabel 4.1](#tabel-4-1) geeft meer.'), [
      'Het aandeel bleef gelijk (zie figuur 4.2).',
      '[Tabel 4.1](#tabel-4-1) geeft meer.',
    ]);
    assert.deepEqual(splitSentences('Ze zaten kort *vast.* *Kortverblijvenden* zaten korter vast.'), ['Ze zaten kort *vast.*', '*Kortverblijvenden* zaten korter vast.']);
  });

  it('does not split inside a protected range (a link)', () => {
    const text = '[Zie de stand. Daarna](#x) verder.';
    assert.deepEqual(sentenceBreaks(text), [[14, 15]]);
    assert.deepEqual(sentenceBreaks(text, (at) => at < 26), []);
  });
});
