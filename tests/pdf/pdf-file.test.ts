import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { normaliseNodeIds, pageCount, readCatalog, readDestinations, readInfo, readOutline, setCatalog, setInfo, setOutlineTitles } from '../../src/pdf/pdf-file.ts';
import { pdfDate, pdfString } from '../../src/pdf/pdf-string.ts';

/** A small PDF in Chromium's shape: info first, classic xref table, no object streams. */
function makePdf(objects: Record<number, string>, trailer: string): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  const numbers = Object.keys(objects).map(Number);
  for (const n of numbers) {
    offsets[n] = out.length;
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const size = Math.max(...numbers) + 1;
  const xref = out.length;
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) out += offsets[n] === undefined ? '0000000000 65535 f \n' : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<<${trailer}>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const sample = makePdf(
  {
    1: "<</Title (Oud)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261128162740+00'00')\n/ModDate (D:20261128162740+00'00')>>",
    2: '<</Type /Page /Parent 4 0 R /Contents 3 0 R>>',
    3: '<</Length 5>> stream\nBT ET\nendstream',
    4: '<</Type /Pages /Count 2 /Kids [2 0 R 9 0 R]>>',
    5: '<</Type /Catalog /Pages 4 0 R /Outlines 6 0 R /Lang (nl)>>',
    6: '<</Type /Outlines /First 7 0 R /Last 7 0 R /Count 2>>',
    7: '<</Title <FEFF00C900E9006E>\n/Dest [2 0 R /XYZ 0 800 0] /Parent 6 0 R /First 8 0 R /Last 8 0 R>>',
    8: '<</Title (1.1 Werk \\(en\\) inkomen)\n/Dest [9 0 R /XYZ 0 700 0] /Parent 7 0 R>>',
    9: '<</Type /Page /Parent 4 0 R>>',
  },
  '/Size 10 /Root 5 0 R /Info 1 0 R',
);

/** The sample with another catalog (object 5), and optionally an object 10. */
function withCatalog(catalog: string, extra?: string): Uint8Array {
  const objects: Record<number, string> = {
    1: '<</Title (Oud)>>',
    2: '<</Type /Page /Parent 4 0 R>>',
    4: '<</Type /Pages /Count 1 /Kids [2 0 R]>>',
    5: catalog,
  };
  if (extra) objects[10] = extra;
  return makePdf(objects, '/Size 11 /Root 5 0 R /Info 1 0 R');
}
const setCatalogWithout = () => withCatalog('<</Type /Catalog /Pages 4 0 R>>');

describe('pdf-file', () => {
  it('reads the bookmarks depth-first with the page each points at, decoding UTF-16 and escaped titles', () => {
    assert.deepEqual(readOutline(sample), [
      { object: 7, title: 'Één', depth: 1, page: 1 },
      { object: 8, title: '1.1 Werk (en) inkomen', depth: 2, page: 2 },
    ]);
    assert.equal(pageCount(sample), 2);
  });

  it('replaces the information dictionary, fixing the dates, and keeps every other object reachable', () => {
    const date = new Date('2021-03-08T00:00:00Z');
    const fixed = setInfo(sample, { title: 'Monitor nazorg ex-gedetineerden', author: 'WODC', subject: '6e meting', creationDate: date });
    assert.deepEqual(readInfo(fixed), {
      Title: 'Monitor nazorg ex-gedetineerden',
      Author: 'WODC',
      Subject: '6e meting',
      Producer: 'Skia/PDF m156',
      CreationDate: 'D:20210308000000Z',
      ModDate: 'D:20210308000000Z',
    });
    // The offsets after the info object moved; reading through the xref must still work.
    assert.deepEqual(readOutline(fixed), readOutline(sample));
    const text = Buffer.from(fixed).toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    assert.equal(text.slice(xref, xref + 4), 'xref');
    for (const m of text.slice(xref).matchAll(/^(\d{10}) 00000 n/gm)) {
      assert.match(text.slice(Number(m[1])), /^\d+ 0 obj/);
    }
  });

  it('gives the same bytes for the same input, whatever the clock said', () => {
    const other = Buffer.from(Buffer.from(sample).toString('latin1').replaceAll('20261128162740', '20270101000000'), 'latin1');
    const a = setInfo(sample, { creationDate: new Date('2021-03-08T00:00:00Z') });
    const b = setInfo(new Uint8Array(other), { creationDate: new Date('2021-03-08T00:00:00Z') });
    assert.deepEqual(Buffer.from(a), Buffer.from(b));
  });

  it('retitles outline items and keeps their destinations and links', () => {
    const fixed = setOutlineTitles(sample, new Map([[8, '1.1 Werk en inkomen (€)']]));
    assert.deepEqual(readOutline(fixed), [
      { object: 7, title: 'Één', depth: 1, page: 1 },
      { object: 8, title: '1.1 Werk en inkomen (€)', depth: 2, page: 2 },
    ]);
    assert.match(Buffer.from(fixed).toString('latin1'), /8 0 obj\n<<\/Title <FEFF[0-9A-F]+>\n\/Dest \[9 0 R \/XYZ 0 700 0\] \/Parent 7 0 R>>\nendobj/);
  });

  it('adds the language and DisplayDocTitle to a catalog that lacks them, keeping a language it has', () => {
    assert.deepEqual(readCatalog(sample), { lang: 'nl' });
    const fixed = setCatalog(sample, { lang: 'en', displayDocTitle: true });
    assert.deepEqual(readCatalog(fixed), { lang: 'nl', displayDocTitle: true });
    assert.deepEqual(readOutline(fixed), readOutline(sample), 'the rest is still reachable');
    const bare = setCatalog(setCatalogWithout(), { lang: 'nl', displayDocTitle: true });
    assert.deepEqual(readCatalog(bare), { lang: 'nl', displayDocTitle: true });
  });

  it('sets DisplayDocTitle in viewer preferences of any shape, and leaves a catalog that has it byte for byte', () => {
    const inline = withCatalog('<</Type /Catalog /Pages 4 0 R /ViewerPreferences <</HideToolbar true /Direction /L2R>> /Lang <FEFF006E006C003E>>>');
    const fixed = setCatalog(inline, { displayDocTitle: true });
    assert.deepEqual(readCatalog(fixed), { lang: 'nl>', displayDocTitle: true });
    assert.match(Buffer.from(fixed).toString('latin1'), /\/ViewerPreferences <<\/HideToolbar true \/Direction \/L2R\n\/DisplayDocTitle true>>/);
    const off = withCatalog('<</Type /Catalog /Pages 4 0 R /ViewerPreferences 10 0 R /Lang (nl)>>', '<</DisplayDocTitle false>>');
    assert.deepEqual(readCatalog(setCatalog(off, { displayDocTitle: true })), { lang: 'nl', displayDocTitle: true });
    assert.equal(setCatalog(fixed, { lang: 'nl', displayDocTitle: true }), fixed);
  });

  it('reads the named destinations with their pages, decoding escaped names, and none from a PDF without them', () => {
    const dests = withCatalog(
      '<</Type /Catalog /Pages 4 0 R /Dests 10 0 R>>',
      '<</sec-werk [2 0 R /XYZ 0 802.91998 0]\n/sec-r#C3#A9sum#C3#A9 [2 0 R /XYZ 0 400 0]\n/nergens [99 0 R /XYZ 0 0 0]>>',
    );
    assert.deepEqual([...readDestinations(dests)], [
      ['sec-werk', 1],
      ['sec-résumé', 1],
    ]);
    assert.deepEqual([...readDestinations(sample)], []);
    const twee = makePdf(
      {
        1: '<</Title (Twee)>>',
        2: '<</Type /Page /Parent 4 0 R>>',
        3: '<</Type /Page /Parent 4 0 R>>',
        4: '<</Type /Pages /Count 2 /Kids [3 0 R 2 0 R]>>',
        5: '<</Type /Catalog /Pages 4 0 R /Dests 6 0 R>>',
        6: '<</a [2 0 R /XYZ 0 1 0] /b [3 0 R /Fit]>>',
      },
      '/Size 7 /Root 5 0 R /Info 1 0 R',
    );
    assert.deepEqual(Object.fromEntries(readDestinations(twee)), { a: 2, b: 1 }, 'pages in the order of the page tree');
  });

  it('writes PDF strings literally when ASCII and as UTF-16BE otherwise', () => {
    assert.equal(pdfString('a (b) \\'), '(a \\(b\\) \\\\)');
    assert.equal(pdfString('Justitiële'), '<FEFF004A00750073007400690074006900EB006C0065>');
    assert.equal(pdfDate(new Date('2016-12-31T23:59:58Z')), 'D:20161231235958Z');
  });

  it('refuses a file that is not a classic PDF', () => {
    assert.throws(() => readOutline(new Uint8Array(Buffer.from('%PDF-1.7\nnonsense'))), /startxref/);
  });
});

test('node ids of tagged elements are renumbered by rank: same order, same width, same bytes whatever the renderer counted before', () => {
  const id = (n: number) => `(node${String(n).padStart(8, '0')})`;
  const pdf = (ids: number[]) =>
    new TextEncoder().encode(ids.map((n, i) => `${i + 1} 0 obj\n<</S /P /ID ${id(n)}>>\nendobj\n`).join('') + `<</IDTree <</Names [${id(ids[0]!)} 1 0 R]>>>>`);
  const eerst = normaliseNodeIds(pdf([511, 530, 512]));
  assert.equal(eerst.length, pdf([511, 530, 512]).length, 'every offset stays valid');
  assert.deepEqual([...new TextDecoder().decode(eerst).matchAll(/\(node(\d+)\)/g)].map((m) => m[1]), ['00000001', '00000003', '00000002', '00000001']);
  // The same document after the counter went on elsewhere (another page in the same renderer).
  assert.deepEqual(normaliseNodeIds(pdf([1511, 1530, 1512])), eerst);
  const zonder = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj');
  assert.equal(normaliseNodeIds(zonder), zonder);
});
