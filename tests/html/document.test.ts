import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { cssString, parliamentaryYear, renderDocument, type ChapterInput, type DocumentInput } from '../../src/html/document.ts';
import { labelSvg, prepareSvg } from '../../src/html/figures.ts';
import { slug } from '../../src/html/headings.ts';
import { InputError } from '../../src/util/errors.ts';
import { datumTekst } from '../../src/util/dates.ts';

const SVG = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#clip1)"><text>x</text></g></svg>';
const assets: Record<string, string> = { '/doc/figuren/werk.svg': SVG, '/doc/figuren/wonen.svg': SVG };
const readAsset = (path: string): string => {
  const svg = assets[path];
  if (svg === undefined) throw new Error(`ENOENT ${path}`);
  return svg;
};

function monitor(chapters: ChapterInput[], extra: Partial<DocumentInput> = {}): string {
  return renderDocument(
    { title: 'Monitor nazorg', lang: 'nl', kind: 'monitor', chapters, meta: { date: '2021-03-08', authors: ['WODC'] }, ...extra },
    { readAsset },
  );
}

function errorsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    return e.messages;
  }
  assert.fail('expected an InputError');
}

/** The text of an element with this id, tags stripped. */
function textOf(html: string, id: string): string {
  const m = new RegExp(`<(\\w+)[^>]* id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  assert.ok(m, `no element #${id}`);
  return m[2]!.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

const samenvatting: ChapterInput = {
  file: '/doc/monitor/01-samenvatting.md',
  kind: 'ongenummerd',
  markdown: '# Samenvatting\n\nZie [@fig:werk], [@Tab:kenmerken; @tab:wonen] en [@sec:methoden].\n',
};
const methoden: ChapterInput = {
  file: '/doc/monitor/02-methoden.md',
  markdown: [
    '# Methoden',
    '',
    '## Populatie {#sec:populatie}',
    '',
    'Tabel: Kenmerken per cohort {#tab:kenmerken}',
    '',
    '| kenmerk | 2013 |',
    '|---|--:|',
    '| aantal | 10 |',
    '',
    '## 1.2 Werk',
    '',
    '![Aandeel met werk {#fig:werk}](../figuren/werk.svg)',
    '',
    '![Aandeel met een adres](../figuren/wonen.svg)',
    '',
    'Tabel: Wonen',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    'Zie [@fig:wonen] en [@sec:populatie].[^1]',
    '',
    '[^1]: Een noot.',
  ].join('\n'),
};
const bijlage: ChapterInput = {
  file: '/doc/monitor/09-bijlage.md',
  kind: 'bijlage',
  markdown: '# Tabellen\n\n## Per cohort\n\n![Wonen per cohort {#fig:bijlage}](../figuren/wonen.svg)\n\nZie [@sec:tabellen] en [@fig:bijlage].\n',
};

describe('renderDocument (monitor)', () => {
  const html = monitor([samenvatting, methoden, bijlage]);

  it('returns a complete Dutch HTML document with the title and the print stylesheet', () => {
    assert.match(html, /^<!doctype html>\s*<html lang="nl">/);
    assert.match(html, /<title>Monitor nazorg<\/title>/);
    assert.match(html, /<link rel="stylesheet" href="file:\/\/\/[^"]*templates\/print\/monitor\.css">/);
    assert.match(html, /<meta name="dcterms\.created" content="2021-03-08">/);
  });

  it('numbers chapters and sections, and keeps a number written in the heading from doubling', () => {
    assert.equal(textOf(html, 'sec-methoden'), '1 Methoden');
    assert.equal(textOf(html, 'sec-populatie'), '1.1 Populatie');
    assert.equal(textOf(html, 'sec-werk'), '1.2 Werk');
    assert.equal(textOf(html, 'sec-samenvatting'), 'Samenvatting');
    assert.equal(textOf(html, 'sec-tabellen'), 'Bijlage 1 Tabellen');
  });

  it('turns an image alone in a paragraph into a numbered figure with its caption above', () => {
    assert.match(html, /<figure id="fig-werk" role="group"><figcaption><span class="label">Figuur 1\.1<\/span> Aandeel met werk<\/figcaption>/);
    assert.match(html, /<figure id="fig-wonen" role="group"><figcaption><span class="label">Figuur 1\.2<\/span> Aandeel met een adres<\/figcaption>/);
    assert.match(html, /<figure id="fig-bijlage" role="group"><figcaption><span class="label">Figuur B1\.1<\/span>/);
  });

  it('gives each chart its text alternative on the <svg> itself, and nothing around it a role of its own', () => {
    assert.match(html, /<div class="grafiek"><svg role="img" aria-label="Aandeel met werk" xmlns=/);
    assert.match(html, /<div class="grafiek"><svg role="img" aria-label="Aandeel met een adres" xmlns=/);
    assert.equal([...html.matchAll(/role="img"/g)].length, 3, 'one per chart');
  });

  it('inlines SVG charts as vectors, with ids prefixed per figure so charts cannot collide', () => {
    assert.match(html, /<svg[^>]*>.*<clipPath id="fig-werk-clip1">.*url\(#fig-werk-clip1\)/s);
    assert.match(html, /<clipPath id="fig-wonen-clip1">/);
    assert.doesNotMatch(html, /<\?xml/);
  });

  it('numbers tables from a "Tabel:" paragraph right above them and drops that paragraph', () => {
    assert.match(html, /<table id="tab-kenmerken"><caption><span class="label">Tabel 1\.1<\/span> Kenmerken per cohort<\/caption>/);
    assert.match(html, /<table id="tab-wonen"><caption><span class="label">Tabel 1\.2<\/span> Wonen<\/caption>/);
    assert.doesNotMatch(html, /Tabel:/);
  });

  it('marks every header cell of a table as the header of its column', () => {
    const cells = [...html.matchAll(/<th\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(cells.length >= 4);
    for (const cell of cells) assert.match(cell, /scope="col"/);
  });

  it('resolves cross-references, also forward into later chapters, in Dutch', () => {
    const summary = textOf(html, 'sec-samenvatting');
    assert.equal(summary, 'Samenvatting');
    assert.match(html, /Zie <span class="xref">figuur <a href="#fig-werk">1\.1<\/a><\/span>, <span class="xref">Tabellen <a href="#tab-kenmerken">1\.1<\/a> en <a href="#tab-wonen">1\.2<\/a><\/span> en <span class="xref">hoofdstuk <a href="#sec-methoden">1<\/a><\/span>\./);
    assert.match(html, /<span class="xref">figuur <a href="#fig-wonen">1\.2<\/a><\/span> en <span class="xref">paragraaf <a href="#sec-populatie">1\.1<\/a><\/span>/);
    assert.match(html, /<span class="xref">bijlage <a href="#sec-tabellen">1<\/a><\/span>/);
  });

  it('gives footnotes ids per chapter and drops the on-screen back arrows', () => {
    assert.match(html, /<li id="h2-fn-1">/);
    assert.match(html, /href="#h2-fn-1"/);
    assert.doesNotMatch(html, /data-footnote-backref/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'ids are unique in the document');
  });

  it('lists chapters and sections in the table of contents with page placeholders, and names each chapter in its running header', () => {
    assert.match(html, /<li class="niveau-1"><a href="#sec-methoden"><span class="toc-nummer">1<\/span><span class="toc-titel">Methoden<\/span><span class="toc-pagina" data-page-of="sec-methoden"><\/span>/);
    assert.match(html, /<li class="niveau-2"><a href="#sec-populatie">/);
    assert.match(html, /@page h2 \{ @top-right \{ content: "1 Methoden"; \} \}/);
    assert.match(html, /<section class="hoofdstuk soort-hoofdstuk" style="page: h2">/);
  });
});

describe('renderDocument (a chapter in another language)', () => {
  const summary: ChapterInput = {
    file: '/doc/monitor/02-summary.md',
    kind: 'ongenummerd',
    lang: 'en',
    markdown: '# Summary\n\n## Findings\n\nSee [@fig:werk], [@Tab:kenmerken; @tab:wonen] and [@sec:methoden].[^1]\n\n[^1]: A note.\n',
  };
  const html = monitor([samenvatting, summary, methoden, bijlage]);
  const section = (file: string) => {
    const i = html.indexOf(`<h1 id="sec-${file}"`);
    return html.slice(html.lastIndexOf('<section', i), html.indexOf('</section>', i));
  };

  it('marks the chapter\'s section and its contents entries with its language, and no other', () => {
    assert.match(html, /<section class="hoofdstuk soort-ongenummerd" lang="en" style="page: h2">\s*<h1 id="sec-summary"/);
    assert.match(html, /<li class="niveau-1" lang="en"><a href="#sec-summary">/);
    assert.match(html, /<li class="niveau-2" lang="en"><a href="#sec-findings">/);
    assert.equal([...html.matchAll(/ lang="en"/g)].length, 3);
    assert.match(html, /^<!doctype html>\s*<html lang="nl">/);
  });

  it('writes its cross-references and notes in its language, the Dutch chapters\' in Dutch', () => {
    assert.match(section('summary'), /See <span class="xref">Figure <a href="#fig-werk">1\.1<\/a><\/span>, <span class="xref">Tables <a href="#tab-kenmerken">1\.1<\/a> and <a href="#tab-wonen">1\.2<\/a><\/span> and <span class="xref">Chapter <a href="#sec-methoden">1<\/a><\/span>\./);
    assert.match(section('summary'), />Notes</);
    assert.match(section('samenvatting'), /Zie <span class="xref">figuur <a href="#fig-werk">1\.1<\/a><\/span>/);
    assert.match(section('methoden'), />Noten</);
  });

  it('numbers its pages in its language', () => {
    assert.match(html, /@page h2 \{ @bottom-center \{ content: 'page ' counter\(page\) ' of ' counter\(pages\); \} \}/);
    assert.equal([...html.matchAll(/@bottom-center/g)].length, 1);
  });
});

describe('renderDocument errors', () => {
  it('reports an unknown cross-reference with the file and line, and suggests known labels', () => {
    const messages = errorsOf(() =>
      monitor([{ file: '/doc/monitor/03-x.md', markdown: '# X\n\nTekst.\n\nZie [@fig:onbekend] en [@tab:x].\n' }]),
    );
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /^\/doc\/monitor\/03-x\.md:5:\d+: verwijzing \[@fig:onbekend\] naar een figuur die niet bestaat; er zijn geen labels @fig: in het document$/);
    assert.match(messages[1]!, /\[@tab:x\]/);
  });

  it('names the template and the line where the reference is written, with the nearest label', () => {
    const template = '# X\n\n{{figuur "werk"}}\n\n{{#if x}}\nZie [@fig:wrek] en\n[@tab:x].\n{{/if}}\n';
    const sources = [{ name: 'templates/monitor/03-x.md.hbs', text: template }];
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>';
    const messages = errorsOf(() =>
      renderDocument(
        {
          title: 'T',
          lang: 'nl',
          kind: 'monitor',
          chapters: [
            {
              file: '/tmp/build-123/monitor/03-x.md',
              markdown: '# X\n\n![Werk {#fig:werk}](../figuren/werk.svg)\n\nZie [@fig:wrek] en [@tab:x] en [@fig:werkk].\n',
              sources,
            },
          ],
          meta: { date: '2020-01-01', authors: ['A'] },
        },
        { readAsset: () => svg },
      ),
    );
    assert.deepEqual(messages, [
      "templates/monitor/03-x.md.hbs:6:5: verwijzing [@fig:wrek] naar een figuur die niet bestaat; bedoelt u 'fig:werk'? (bestaande figuren: werk)",
      'templates/monitor/03-x.md.hbs:7:1: verwijzing [@tab:x] naar een tabel die niet bestaat; er zijn geen labels @tab: in het document',
      "templates/monitor/03-x.md.hbs (regel 5 van de ingevulde monitor/03-x.md): verwijzing [@fig:werkk] naar een figuur die niet bestaat; bedoelt u 'fig:werk'? (bestaande figuren: werk)",
    ]);
  });

  it('finds the template line of a heading or caption written there word for word', () => {
    const template = '# X\n\n{{#if x}}\nTabel: Zwevend\n{{/if}}\n\n# Tweede titel\n';
    const messages = errorsOf(() =>
      monitor([
        {
          file: '/tmp/build-123/monitor/03-x.md',
          markdown: '# X\n\nTabel: Zwevend\n\nGeen tabel.\n\n# Tweede titel\n',
          sources: [{ name: 'templates/monitor/03-x.md.hbs', text: template }],
        },
      ]),
    );
    assert.deepEqual(messages, [
      'templates/monitor/03-x.md.hbs:7:1: een hoofdstuk heeft één kop van niveau 1 (#); maak deze kop ## of lager',
      "templates/monitor/03-x.md.hbs:4:1: 'Tabel:'-onderschrift zonder tabel direct eronder; zet de tabel meteen na deze regel",
    ]);
  });

  it('takes the title as text alternative when the alt text is empty, and refuses a figure with neither', () => {
    const titled = monitor([{ file: '/doc/a.md', markdown: '# A\n\n![](figuren/werk.svg "Werk per cohort")\n' }]);
    assert.match(titled, /<svg role="img" aria-label="Werk per cohort"/);
    const messages = errorsOf(() => monitor([{ file: '/doc/b.md', markdown: '# B\n\n![ {#fig:werk}](figuren/werk.svg)\n' }]));
    assert.match(messages.join('\n'), /\/doc\/b\.md:3:1: figuur 'figuren\/werk\.svg' heeft geen tekstalternatief/);
  });

  it('reports a label used twice with both places', () => {
    const messages = errorsOf(() =>
      monitor([
        { file: '/doc/a.md', markdown: '# A\n\n![Een {#fig:werk}](figuren/werk.svg)\n' },
        { file: '/doc/b.md', markdown: '# B\n\n![Twee {#fig:werk}](figuren/werk.svg)\n' },
      ]),
    );
    assert.match(messages.join('\n'), /\/doc\/b\.md:3:1: label 'fig:werk' bestaat al \(\/doc\/a\.md:3:1\)/);
  });

  it('reports a missing chart file, a caption without a table and an unknown reference kind', () => {
    const messages = errorsOf(() =>
      monitor([{ file: '/doc/monitor/04-y.md', markdown: '# Y\n\n![Weg](../figuren/weg.svg)\n\nTabel: Zwevend\n\nGeen tabel.\n\nZie [@eq:x].\n' }]),
    );
    assert.match(messages[0]!, /04-y\.md:3:1: figuur '\.\.\/figuren\/weg\.svg' niet gevonden/);
    assert.match(messages.join('\n'), /04-y\.md:5:1: 'Tabel:'-onderschrift zonder tabel/);
    assert.match(messages.join('\n'), /04-y\.md:9:\d+: verwijzing \[@eq:x\]: onbekende soort '@eq:'/);
  });

  it('gives every problem as a diagnostic with its rule id, file, line and column', () => {
    try {
      monitor([{ file: '/doc/c.md', markdown: '# C\n\n![](figuren/werk.svg)\n\nZie [@tab:x].\n' }]);
      assert.fail('expected an InputError');
    } catch (e) {
      assert.ok(e instanceof InputError);
      assert.deepEqual(
        e.diagnostics.map((d) => [d.rule, d.file, d.line, d.column]),
        [
          ['html/figuur-tekstalternatief', '/doc/c.md', 3, 1],
          ['html/verwijzing-onbekend', '/doc/c.md', 5, 1],
        ],
      );
    }
  });

  it('requires a chapter to open with a level-1 heading', () => {
    const messages = errorsOf(() => monitor([{ file: '/doc/z.md', markdown: '## Geen titel\n' }]));
    assert.match(messages[0]!, /\/doc\/z\.md:1:1: het hoofdstuk moet beginnen met een kop van niveau 1/);
  });
});

describe('renderDocument (kamerbrief)', () => {
  const edition = JSON.parse(readFileSync(new URL('../../editions/6e-meting/editie.json', import.meta.url), 'utf8'));
  const html = renderDocument(
    {
      title: 'Kamerbrief',
      lang: 'nl',
      kind: 'kamerbrief',
      chapters: [{ file: '/doc/kamerbrief/kamerbrief.md', markdown: '# Brief\n\n## Inleiding\n\nTekst.[^1]\n\n## Samenvatting\n\n### Doelgroep\n\n![Werk](../figuren/werk.svg)\n\nZie [@fig:werk].\n\n### Stand van zaken\n\n[^1]: Kamerstuk 29 270, nr. 139\n' }],
      meta: { date: edition.brief.datum, authors: ['S. Dekker'], letter: edition.brief },
    },
    { readAsset },
  );

  it('prints the kamerstuk header from the edition: chamber, vergaderjaar, dossier, Nr., addressee, place and date', () => {
    assert.match(html, /Tweede Kamer der Staten-Generaal/);
    assert.match(html, /Vergaderjaar 2020–2021/);
    assert.match(html, /<span class="dossiernummer">24 587<\/span><span class="dossiertitel">Justitiële Inrichtingen<\/span>/);
    assert.match(html, /Nr\. 796<\/span><span class="briefhoofd">BRIEF VAN DE MINISTER VOOR RECHTSBESCHERMING/);
    assert.match(html, /Den Haag, 8 maart 2021/);
    assert.match(html, /@page \{ @top-left \{ content: "Tweede Kamer, vergaderjaar 2020–2021, 24 587, nr\. 796"; \} \}/);
  });

  it('numbers sections 1., 2. and subsections a., b., drops the letter title, numbers figures through the letter', () => {
    assert.equal(textOf(html, 'sec-inleiding'), '1. Inleiding');
    assert.equal(textOf(html, 'sec-doelgroep'), 'a. Doelgroep');
    assert.equal(textOf(html, 'sec-stand-van-zaken'), 'b. Stand van zaken');
    assert.doesNotMatch(html, /<h1[^>]*>Brief/);
    assert.match(html, /Figuur 1<\/span> Werk/);
    assert.match(html, /figuur <a href="#fig-werk">1<\/a>/);
  });

  it('puts the signature from the edition before the notes', () => {
    const signature = html.indexOf('De Minister voor Rechtsbescherming,<br>S. Dekker');
    assert.ok(signature > 0);
    assert.ok(html.indexOf('Kamerstuk 29 270, nr. 139') > signature);
  });

  it('refuses a letter without letter metadata', () => {
    assert.throws(
      () => renderDocument({ title: 'K', lang: 'nl', kind: 'kamerbrief', chapters: [], meta: { date: '2021-03-08', authors: [] } }),
      (e: unknown) => e instanceof InputError && /meta\.letter/.test(e.message),
    );
  });
});

describe('helpers', () => {
  it('derives the vergaderjaar from Prinsjesdag, the third Tuesday of September', () => {
    assert.equal(parliamentaryYear('2021-03-08'), '2020–2021');
    assert.equal(parliamentaryYear('2020-09-14'), '2019–2020');
    assert.equal(parliamentaryYear('2020-09-15'), '2020–2021');
    assert.equal(parliamentaryYear('2023-12-01'), '2023–2024');
  });

  it('writes dates in Dutch without the machine locale', () => {
    assert.equal(datumTekst('2021-03-08'), '8 maart 2021');
    assert.equal(datumTekst('2016-12-31'), '31 december 2016');
  });

  it('escapes CSS strings so a title cannot end the string or the style element', () => {
    assert.equal(cssString('a "b" \\ </style>'), '"a \\22 b\\22  \\5c  \\3c /style>"');
  });

  it('labels a chart on its root element, escaped, replacing a role or label it had', () => {
    assert.equal(
      labelSvg('<svg role="graphics-document" aria-label="old" width="4"><g role="x"/></svg>', 'Aandeel "werk" & <wonen>'),
      '<svg role="img" aria-label="Aandeel &quot;werk&quot; &amp; &lt;wonen>" width="4"><g role="x"/></svg>',
    );
  });

  it('slugs headings to ASCII ids', () => {
    assert.equal(slug('Eén ID-bewijs & werk (2016)'), 'een-id-bewijs-werk-2016');
  });

  it('refuses a file that is not an SVG', () => {
    assert.equal(prepareSvg('<html></html>', 'p-'), undefined);
  });
});

describe('renderDocument (colophon)', () => {
  const colophon = { edition: '6e meting', bron: 'synthetisch', peildatum: '2019-06-30', omschrijving: 'Kunstmatige extracten.', threshold: 10, buildId: '0123456789ab' };
  const withColophon = (c: Partial<typeof colophon>) =>
    monitor([samenvatting, methoden], { meta: { date: '2021-03-08', authors: ['WODC'], colophon: { ...colophon, ...c } } });
  const strip = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('prints a colophon after the cover with edition, source, peildatum, disclosure threshold and build identity', () => {
    const html = withColophon({});
    const text = strip(/<section class="colofon"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
    assert.ok(html.indexOf('class="omslag"') < html.indexOf('class="colofon"') && html.indexOf('class="colofon"') < html.indexOf('class="inhoud"'), 'cover, colophon, contents');
    for (const part of ['6e meting, verschenen 8 maart 2021', 'Gegevensbron synthetisch', 'Kunstmatige extracten.', '30 juni 2019', 'minder dan 10 personen', '0123456789ab']) {
      assert.ok(text.includes(part), `colophon says "${part}": ${text}`);
    }
  });

  it('puts the synthetic-data notice on the cover and in the colophon only when bron is synthetisch', () => {
    const synthetic = withColophon({});
    assert.match(synthetic, /class="synthetisch-omslag"/);
    assert.match(synthetic, /class="synthetisch-colofon"/);
    const real = withColophon({ bron: 'CBS-microdata', omschrijving: undefined });
    assert.doesNotMatch(real, /synthetisch-omslag|synthetisch-colofon|Synthetische gegevens/);
    assert.match(strip(real), /Gegevensbron CBS-microdata/);
  });

  it('has no colophon when none is given, and refuses a peildatum that is not a date', () => {
    assert.doesNotMatch(monitor([samenvatting, methoden]), /class="colofon"/);
    assert.match(errorsOf(() => withColophon({ peildatum: '30-06-2019' })).join('\n'), /peildatum '30-06-2019' is geen datum/);
  });
});

describe('the Markdown tree shared with the reviewers\' Markdown', () => {
  it('is left as the parser made it by rendering, so the reviewers read the tree the HTML was made from', async () => {
    const { markdownProcessor, markdownTree } = await import('../../src/html/processor.ts');
    const markdown = [
      '# Werk {#sec:werk}',
      '',
      'Zie [@fig:werk] en [@tab:cijfers], en een noot.[^een]',
      '',
      '![Lijndiagram van werk](figuren/werk.svg "Werk per meetmoment {#fig:werk}")',
      '',
      'Tabel: Cijfers {#tab:cijfers}',
      '',
      '| a | b |',
      '|---|--:|',
      '| `x` | 1 |',
      '',
      '[^een]: De noot.',
      '',
    ].join('\n');
    monitor([{ file: '/doc/01-werk.md', markdown }]);
    assert.deepEqual(markdownTree(markdown), markdownProcessor.parse(markdown));
  });
});

describe('the Markdown trees kept between builds (markdownTree with a cache)', () => {
  const werk = mkdtempSync(join(tmpdir(), 'bomen-'));
  after(() => rmSync(werk, { recursive: true, force: true }));
  const tabel = (n: number) => ['| a | b |', '|---|--:|', ...Array.from({ length: n }, (_, i) => `| \`x${i}\` | ${i} |`)].join('\n');

  it('keeps every chapter of a build as its parse, which is what is read back', async () => {
    const { markdownProcessor, markdownTree, markdownCache, markdownSleutel } = await import('../../src/html/processor.ts');
    const dir = mkdtempSync(join(werk, 'cache-'));
    const cache = markdownCache(dir);
    const map = join(PROJECT_ROOT, 'out', '6e-meting', 'monitor');
    // The committed chapters: headings, tables, footnotes, links, raw HTML anchors.
    for (const naam of readdirSync(map).filter((n) => n.endsWith('.md'))) {
      const markdown = `${readFileSync(join(map, naam), 'utf8')}\n<!-- ${dir} -->\n`;
      const verwacht = markdownProcessor.parse(markdown);
      assert.deepEqual(markdownTree(markdown, cache), verwacht, naam);
      const bewaard = JSON.parse(readFileSync(join(dir, `${markdownSleutel(markdown)}.json`), 'utf8')) as unknown;
      assert.deepEqual(bewaard, verwacht, `${naam}: the kept tree`);
    }
  });

  it('reads a kept tree instead of parsing, and parses again when the entry cannot be read', async () => {
    const { markdownProcessor, markdownTree, markdownCache, markdownSleutel } = await import('../../src/html/processor.ts');
    const dir = mkdtempSync(join(werk, 'cache-'));
    const cache = markdownCache(dir);
    // Texts this process has not parsed yet (the folder's name is in them).
    const gelezen = `# Gelezen ${dir}\n\n${tabel(3)}\n`;
    const kapot = `# Kapot ${dir}\n\n${tabel(4)}\n`;
    const nep = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'uit de cache' }] }] };
    writeFileSync(join(dir, `${markdownSleutel(gelezen)}.json`), JSON.stringify(nep));
    writeFileSync(join(dir, `${markdownSleutel(kapot)}.json`), '{"type": "ro');
    assert.deepEqual(markdownTree(gelezen, cache), nep, 'an entry changed by hand is what comes back');
    assert.deepEqual(markdownTree(kapot, cache), markdownProcessor.parse(kapot), 'an unreadable entry is parsed again');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, `${markdownSleutel(kapot)}.json`), 'utf8')), markdownProcessor.parse(kapot), 'and written again');
  });
});
