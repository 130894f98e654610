import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figureCaption, writtenNumber } from '../../src/html/syntax.ts';

describe('figureCaption', () => {
  it('takes the title as caption and the label from it', () => {
    assert.deepEqual(figureCaption('../figuren/werk.svg', 'Alt', 'Werk per cohort {#fig:werk}'), { caption: 'Werk per cohort', name: 'werk' });
  });

  it('takes the alt text as caption when there is no title, the label from the file name when none is written', () => {
    assert.deepEqual(figureCaption('../figuren/werk-per-meetmoment.svg?v=2', 'Aandeel met werk', undefined), {
      caption: 'Aandeel met werk',
      name: 'werk-per-meetmoment',
    });
  });

  it('finds a label written in the alt text while the title is the caption', () => {
    assert.deepEqual(figureCaption('x.svg', 'Alt {#fig:a}', 'Titel'), { caption: 'Titel', name: 'a' });
  });
});

describe('writtenNumber', () => {
  it('matches the number a heading is written with, with or without its point', () => {
    assert.equal('3.2 Werk'.replace(writtenNumber('3.2')!, ''), 'Werk');
    assert.equal('3.2. Werk'.replace(writtenNumber('3.2')!, ''), 'Werk');
    assert.equal('Bijlage 2 Tabellen'.replace(writtenNumber('Bijlage 2')!, ''), 'Tabellen');
    assert.equal('3.20 Werk'.replace(writtenNumber('3.2')!, ''), '3.20 Werk');
  });

  it('is undefined for a heading that gets no number', () => {
    assert.equal(writtenNumber(''), undefined);
  });
});
