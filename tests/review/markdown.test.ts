import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentRegister } from '../../src/html/context.ts';
import { renderDocument, type ChapterInput } from '../../src/html/document.ts';
import { reviewMarkdown } from '../../src/review/markdown.ts';
import { brokenLinks, projectSyntax, renderGfm } from './gfm.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>x</text></svg>';

function review(chapters: (ChapterInput & { path: string })[], kind: 'monitor' | 'kamerbrief' = 'monitor'): string[] {
  let register: DocumentRegister | undefined;
  renderDocument(
    { title: 'T', lang: 'nl', kind, chapters, meta: { date: '2021-03-08', authors: ['WODC'], ...(kind === 'kamerbrief' ? { letter: LETTER } : {}) } },
    { readAsset: () => SVG, onRegister: (r) => (register = r) },
  );
  return reviewMarkdown(chapters.map((c) => ({ path: c.path, markdown: c.markdown, brief: kind === 'kamerbrief' })), register!);
}

const LETTER = {
  datum: '2021-03-08',
  dossier: { nummer: '24 587', titel: 'Justitiële Inrichtingen' },
  nr: '796',
  briefhoofd: 'BRIEF VAN DE MINISTER',
  ondertekenaar: { functie: 'De Minister', naam: 'S. Dekker' },
  geadresseerde: 'Aan de Voorzitter',
  plaats: 'Den Haag',
} as unknown as NonNullable<Parameters<typeof renderDocument>[0]['meta']['letter']>;

const chapters = [
  {
    path: 'monitor/01-samenvatting.md',
    file: '/doc/monitor/01-samenvatting.md',
    kind: 'ongenummerd' as const,
    markdown: '# Samenvatting\n\nZie [@sec:werk] en [@fig:werk; @fig:wonen]. [@Tab:kenmerken] geeft o.a. 1.860 personen.\n',
  },
  {
    path: 'monitor/02-methoden.md',
    file: '/doc/monitor/02-methoden.md',
    markdown: [
      '# Methoden {#sec:methoden}',
      '',
      '## Werk en inkomen {#sec:werk}',
      '',
      'Tekst over werk. Zie [@fig:werk] hieronder.[^n]',
      '',
      '![Alt tekst](../figuren/werk.svg "Aandeel met werk {#fig:werk}")',
      '',
      '- Een punt. Nog een zin in het punt.',
      '',
      'Tabel: Kenmerken per cohort[^n] {#tab:kenmerken}',
      '',
      '| a | b |',
      '|---|--:|',
      '| x | [@sec:methoden] |',
      '',
      '## Wonen',
      '',
      '![Wonen per cohort](../figuren/wonen.svg)',
      '',
      'Code `[@fig:werk]` blijft staan.',
      '',
      '[^n]: Een noot. Met twee zinnen.',
      '',
    ].join('\n'),
  },
];

describe('reviewMarkdown', () => {
  const [samenvatting, methoden] = review(chapters);

  it('resolves references to numbered links across chapters', () => {
    assert.equal(
      samenvatting,
      '# Samenvatting\n\nZie [paragraaf 1.1](02-methoden.md#11-werk-en-inkomen) en [figuren 1.1](02-methoden.md#figuur-1-1) en [1.2](02-methoden.md#figuur-1-2).\n' +
        '[Tabel 1.1](02-methoden.md#tabel-1-1) geeft o.a. 1.860 personen.\n',
    );
  });

  it('writes the references of a chapter in another language (the English Summary) in that language, as the print does', () => {
    const summary = { path: 'monitor/02-summary.md', file: '/doc/monitor/02-summary.md', kind: 'ongenummerd' as const, lang: 'en' as const, markdown: '# Summary\n\nSee [@sec:werk] and [@fig:werk; @fig:wonen]. [@Tab:kenmerken] gives 1,860 persons.\n' };
    const [nl, en] = review([chapters[0]!, summary, chapters[1]!]);
    assert.equal(
      en,
      '# Summary\n\nSee [Section 1.1](02-methoden.md#11-werk-en-inkomen) and [Figures 1.1](02-methoden.md#figuur-1-1) and [1.2](02-methoden.md#figuur-1-2).\n' +
        '[Table 1.1](02-methoden.md#tabel-1-1) gives 1,860 persons.\n',
    );
    assert.match(nl!, /^Zie \[paragraaf 1\.1\]/m);
  });

  it('numbers headings, writes captions as emphasised lines with anchors, a sentence per line', () => {
    assert.equal(
      methoden,
      [
        '# 1 Methoden',
        '',
        '## 1.1 Werk en inkomen',
        '',
        'Tekst over werk.',
        'Zie [figuur 1.1](#figuur-1-1) hieronder.[^n]',
        '',
        '<a id="figuur-1-1" name="figuur-1-1"></a>',
        '*Figuur 1.1 Aandeel met werk*',
        '',
        '![Alt tekst](../figuren/werk.svg)',
        '',
        '- Een punt.',
        '  Nog een zin in het punt.',
        '',
        '<a id="tabel-1-1" name="tabel-1-1"></a>',
        '*Tabel 1.1 Kenmerken per cohort[^n]*',
        '',
        '| a | b |',
        '|---|--:|',
        '| x | [hoofdstuk 1](#1-methoden) |',
        '',
        '## 1.2 Wonen',
        '',
        '<a id="figuur-1-2" name="figuur-1-2"></a>',
        '*Figuur 1.2 Wonen per cohort*',
        '',
        '![Wonen per cohort](../figuren/wonen.svg)',
        '',
        'Code `[@fig:werk]` blijft staan.',
        '',
        '[^n]: Een noot.',
        '    Met twee zinnen.',
        '',
      ].join('\n'),
    );
  });

  it('gives links that land on anchors a plain GFM renderer makes', () => {
    const pages = new Map([
      ['monitor/01-samenvatting.md', renderGfm(samenvatting!)],
      ['monitor/02-methoden.md', renderGfm(methoden!)],
    ]);
    // The figures are not on disk here: only the anchors are checked.
    const broken = brokenLinks('/', pages).filter((b) => !b.includes('figuren/'));
    assert.deepEqual(broken, []);
    assert.deepEqual(projectSyntax(samenvatting!), []);
    // Only the code span keeps the syntax, as written.
    assert.deepEqual(projectSyntax(methoden!), ["regel 30: [@ in 'Code `[@fig:werk]` blijft staan.'"]);
    assert.match(pages.get('monitor/02-methoden.md')!.html, /<sup><a href="#user-content-fn-n"/);
  });

  it('numbers a letter as the print does: sections "1.", no number on its title', () => {
    const [brief] = review(
      [{ path: 'kamerbrief/kamerbrief.md', file: '/doc/kamerbrief/kamerbrief.md', markdown: '# Kamerbrief\n\n## Inleiding\n\nZie [@sec:reactie].\n\n## Reactie {#sec:reactie}\n\n### Werk\n\nTekst.\n' }],
      'kamerbrief',
    );
    assert.equal(brief, '# Kamerbrief\n\n## 1. Inleiding\n\nZie [paragraaf 2](#2-reactie).\n\n## 2. Reactie\n\n### a. Werk\n\nTekst.\n');
  });
});
