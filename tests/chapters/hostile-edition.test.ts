/**
 * Hostile values in the edition file (issue 18): a title and parliamentary references full of
 * Markdown and HTML (`<script>`, `*`, `|`, `[`) reach the chapters' source lines and the letter's
 * footnotes as text: escaped in the Markdown (util/markdown.ts), literal in the HTML, never markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { vulHoofdstukken } from '../../src/chapters/render.ts';
import { renderLetter } from '../../src/letter/render.ts';
import { renderDocument } from '../../src/html/document.ts';
import { briefHtml } from '../../src/letter/document.ts';
import { mdTekst } from '../../src/util/markdown.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { fixtureResultaten } from './fixture.ts';

const VIJANDIG = '<script>alert(1)</script> *vet* | cel | [klik](https://example.org) _x_ `c` &amp; ~~weg~~';
const TEMPLATES = new Sjablonen(join(PROJECT_ROOT, 'templates'));

function resultaten() {
  const r = fixtureResultaten();
  const referenties = Object.fromEntries(Object.keys(r.editie.brief.referenties).map((k) => [k, `${VIJANDIG} ${k}`]));
  return { ...r, editie: { ...r.editie, titel: `Monitor ${VIJANDIG}`, brief: { ...r.editie.brief, referenties } } };
}

/** The visible text of some HTML (tags dropped, the entities the stringifier writes decoded). */
const ENTITEIT: Record<string, string> = { '&#x3C;': '<', '&lt;': '<', '&gt;': '>', '&#x26;': '&', '&amp;': '&', '&#x22;': '"', '&quot;': '"' };
const tekst = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9A-F]+|[a-z]+);/gi, (e) => ENTITEIT[e] ?? e);

test('mdTekst: markup characters escaped, block starts escaped, line breaks joined, plain text unchanged', () => {
  assert.equal(mdTekst('Bron: Monitor nazorg ex-gedetineerden, 6e meting (synthetische gegevens); bewerking van x'), 'Bron: Monitor nazorg ex-gedetineerden, 6e meting (synthetische gegevens); bewerking van x');
  assert.equal(mdTekst('<b>*a*|[b]</b>'), '\\<b\\>\\*a\\*\\|\\[b\\]\\</b\\>');
  assert.equal(mdTekst('# kop\n- lijst'), '\\# kop - lijst');
  assert.equal(mdTekst('1. eerste'), '1\\. eerste');
  assert.equal(mdTekst('1.234 personen'), '1.234 personen');
  assert.equal(mdTekst('-3 procentpunt'), '-3 procentpunt');
  assert.equal(mdTekst('- x'), '\\- x');
});

test('a hostile edition title in every chapter\'s source lines stays text', () => {
  const r = resultaten();
  const hoofdstukken = vulHoofdstukken(TEMPLATES, r, figuren(r));
  const bronregels = hoofdstukken.flatMap((h) => h.markdown.split('\n').filter((l) => l.startsWith('*Bron:')));
  assert.ok(bronregels.length > 5, `source lines: ${bronregels.length}`);
  for (const regel of bronregels) {
    assert.ok(regel.includes('\\<script\\>alert(1)\\</script\\>'), regel);
    assert.ok(!regel.includes('<script>'), regel);
  }
  // The source lines through the HTML step (the figures above them are not rendered here).
  const html = renderDocument({
    title: 't',
    lang: 'nl',
    kind: 'monitor',
    chapters: [{ file: join(PROJECT_ROOT, 'out', 'x', 'monitor', '01-x.md'), markdown: `# Bronnen\n\n${bronregels.join('\n\n')}\n` }],
    meta: { date: '2021-03-08', authors: ['WODC'], subtitle: 'x' },
  });
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!html.includes('>klik</a>'), 'no Markdown link made from the title');
  assert.ok(!/<(strong|del)>/.test(html.slice(html.indexOf('Bron:'))), 'no emphasis or strike-through made from the title');
  assert.ok(tekst(html).includes(`Bron: Monitor ${VIJANDIG}`), 'the title is shown literally');
});

test('hostile parliamentary references in the letter\'s footnotes stay text', () => {
  const r = resultaten();
  const brief = renderLetter(TEMPLATES, r, { root: PROJECT_ROOT });
  const noten = brief.markdown.split('\n').filter((l) => /^\[\^[a-z_]+\]: /.test(l) && l.includes('alert'));
  assert.ok(noten.length >= 1, brief.markdown.slice(-800));
  for (const n of noten) assert.ok(n.includes('\\<script\\>') && n.includes('\\[klik\\]') && n.includes('\\|'), n);
  const html = briefHtml(join(PROJECT_ROOT, 'out', 'x'), r, brief.markdown);
  assert.ok(!/<script/i.test(html));
  assert.ok(!html.includes('>klik</a>'));
  assert.ok(tekst(html).includes(VIJANDIG));
});

/*
 * Every free-text field of the edition file at once (issue 18). The fields are found by walking
 * the edition's schema (src/edition/edition.ts), not listed by hand: a field added later is
 * tested too. Each gets its own hostile value, marked with its path, and every output is checked:
 * the monitor's and the letter's Markdown hold the value escaped (util/markdown.ts), and the HTML
 * of both and the letter's .docx show it as literal text, with no element or attribute injected.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { z } from 'zod';
import { editieSchema, parseerEditie } from '../../src/edition/edition.ts';
import { monitorHtml } from '../../src/pipeline/monitor.ts';
import { briefDocx } from '../../src/letter/docx.ts';
import { reviewMarkdown } from '../../src/review/markdown.ts';
import { BRIEF_PAD } from '../../src/letter/document.ts';
import { vergelijk } from '../../src/vergelijking/vergelijk.ts';
import { vergelijkingFiguren } from '../../src/charts/vergelijking.ts';
import type { DocumentRegister } from '../../src/html/context.ts';
import { vorigeFixture } from '../vergelijking/fixture.ts';

type Pad = (string | '*')[];

/** Every string field of the schema that takes free text (no pattern or format), as a path; '*' for each element or value. */
function vrijeTekst(schema: z.ZodType, pad: Pad = []): Pad[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => vrijeTekst(s, [...pad, k]));
    case 'array':
      return vrijeTekst(def.element as z.ZodType, [...pad, '*']);
    case 'record':
      return vrijeTekst(def.valueType as z.ZodType, [...pad, '*']);
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return vrijeTekst(def.innerType as z.ZodType, pad);
    case 'pipe':
      return vrijeTekst(def.in as z.ZodType, pad);
    case 'string': {
      const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
      return checks.some((c) => c._zod.def.check === 'string_format') ? [] : [pad];
    }
    default:
      return [];
  }
}

/** The hostile value for field `i`: markup of every kind, a template, a reference, a line break, length. */
const vijandig = (i: number, pad: string) =>
  `V${i}(${pad}) ---> --!> <script>alert(1)</script> ](javascript:alert(1)) [klik](javascript:alert(2)) *vet* _schuin_ | cel | {{editie.titel}} <img src=x onerror=alert(3)> [@fig:x] [^noot] &amp; ~~weg~~\n# kop\n- lijst ${'lang '.repeat(300)}einde${i}`;

/** Set every value at `pad` (through each element of arrays and each value of records). */
function zet(o: unknown, pad: Pad, waarde: string): number {
  const [kop, ...rest] = pad;
  if (o === null || typeof o !== 'object') return 0;
  const rec = o as Record<string, unknown>;
  const sleutels = kop === '*' ? Object.keys(rec) : [kop!];
  let n = 0;
  for (const k of sleutels) {
    if (rest.length === 0) {
      if (typeof rec[k] === 'string') {
        rec[k] = waarde;
        n++;
      }
    } else n += zet(rec[k], rest, waarde);
  }
  return n;
}

const zichtbaar = (s: string) => s.replace(/\s+/g, ' ').trim();
const NAMEN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Text of HTML or XML: tags dropped, every character reference decoded. */
const alsTekst = (h: string) =>
  h.replace(/<[^>]*>/g, '').replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (e, hex?: string, dec?: string, naam?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (NAMEN[naam!] ?? e));

test('every free-text field of the edition, hostile, stays literal text in the Markdown, the HTML and the .docx', async (tc) => {
  const paden = vrijeTekst(editieSchema as unknown as z.ZodType);
  assert.ok(paden.length >= 12, `free-text fields found in the schema: ${paden.map((p) => p.join('.')).join(', ')}`);
  // The fixture edition, with a note on a changed definition so that `wijzigingen` has a value.
  const ruw = JSON.parse(readFileSync(join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), 'utf8')) as Record<string, unknown>;
  const velden = [...new Set(paden.map((p) => p[0]!)), 'nummer', 'cohorten', 'basisvoorwaarden', 'drempel', 'recidive_afdoeningen', 'datum', 'vorige'];
  const fixture = structuredClone(fixtureResultaten().editie) as unknown as Record<string, unknown>;
  const basis: Record<string, unknown> = { ...ruw, ...Object.fromEntries(velden.filter((k) => k in fixture).map((k) => [k, fixture[k]])) };
  basis.wijzigingen = [{ indicator: 'geen_inkomen', tekst: 'x' }];
  // A committee with names, so that the optional name fields have a value too.
  const lid = { naam: 'x', functie: 'x', organisatie: 'x' };
  basis.begeleidingscommissie = { voorzitter: lid, leden: [{ ...lid }] };
  const waarden = new Map<string, string>();
  paden.forEach((p, i) => {
    const naam = p.join('.');
    const w = vijandig(i, naam);
    assert.ok(zet(basis, p, w) > 0, `the fixture edition has a value at ${naam} to make hostile`);
    waarden.set(naam, w);
  });
  const editie = parseerEditie(basis, 'vijandig');
  const r0 = fixtureResultaten();
  const r = { ...r0, editie };
  const v = vergelijk(r, vorigeFixture(), { wijzigingen: editie.wijzigingen });
  const figs = [...figuren(r), ...vergelijkingFiguren(r, v)];

  // The Markdown.
  const hoofdstukken = vulHoofdstukken(TEMPLATES, r, figs, { vergelijking: v });
  const monitorMd = hoofdstukken.map((h) => h.markdown).join('\n');
  const brief = renderLetter(TEMPLATES, r, { root: PROJECT_ROOT, vergelijking: v });
  // The HTML, as the build makes it (figures read as a small SVG), and its registers for the reviewers' Markdown and the .docx.
  const registers: DocumentRegister[] = [];
  const leesSvg = { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>', onRegister: (reg: DocumentRegister) => registers.push(reg) };
  const dir = join(PROJECT_ROOT, 'out', 'vijandig');
  const html = monitorHtml(dir, r, hoofdstukken, 'bouw-id', leesSvg);
  const briefHtmlTekst = briefHtml(dir, r, brief.markdown, brief.bronnen, leesSvg);
  const [leesbareBrief] = reviewMarkdown([{ path: BRIEF_PAD, markdown: brief.markdown, brief: true }], registers[1]!);
  const werk = mkdtempSync(join(tmpdir(), 'vijandig-docx-'));
  let docx: string;
  try {
    writeFileSync(join(werk, 'brief.docx'), await briefDocx(leesbareBrief!, editie));
    docx = execFileSync('unzip', ['-p', join(werk, 'brief.docx'), 'word/document.xml', 'word/footnotes.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(werk, { recursive: true, force: true });
  }
  const docxTekst = alsTekst(docx.replace(/<w:tab\/>/g, ' '));

  // No element or attribute made from a value: the only <img>, <script> or on...= would be injected.
  // Comments are inert (the letter's Markdown opens with one holding the kamerstuk data), as long as no value closes one early.
  const zonderCommentaar = (h: string) => h.replace(/<!--[\s\S]*?(?:-->|--!>)/g, '');
  for (const [naam, h] of [['monitor', zonderCommentaar(html)], ['kamerbrief', zonderCommentaar(briefHtmlTekst)]] as const) {
    assert.doesNotMatch(h, /<script\b/i, `${naam}: script element`);
    assert.doesNotMatch(h, /<img\b/i, `${naam}: img element`);
    assert.doesNotMatch(h, /<[^>]*\son[a-z]+\s*=/i, `${naam}: event attribute`);
    assert.doesNotMatch(h, /href\s*=\s*["']?\s*javascript:/i, `${naam}: javascript link`);
    assert.doesNotMatch(h, /<h1[^>]*>\s*kop\b|<li>\s*lijst\b/, `${naam}: heading or list made from a value`);
  }
  const waar: Record<string, string[]> = {};
  const uitvoer = {
    'monitor (Markdown)': (w: string) => monitorMd.includes(mdTekst(w)),
    'kamerbrief (Markdown)': (w: string) => zonderCommentaar(brief.markdown).includes(mdTekst(w)),
    'monitor (HTML)': (w: string) => zichtbaar(alsTekst(html)).includes(zichtbaar(w)),
    'kamerbrief (HTML)': (w: string) => zichtbaar(alsTekst(briefHtmlTekst)).includes(zichtbaar(w)),
    'kamerbrief (docx)': (w: string) => zichtbaar(docxTekst).includes(zichtbaar(w)),
  };
  const teksten: Record<keyof typeof uitvoer, string> = {
    'monitor (Markdown)': monitorMd,
    'kamerbrief (Markdown)': zonderCommentaar(brief.markdown),
    'monitor (HTML)': zichtbaar(alsTekst(html)),
    'kamerbrief (HTML)': zichtbaar(alsTekst(briefHtmlTekst)),
    'kamerbrief (docx)': zichtbaar(docxTekst),
  };
  paden.forEach((p, i) => {
    const naam = p.join('.');
    const w = waarden.get(naam)!;
    waar[naam] = [];
    for (const [uit, literal] of Object.entries(uitvoer) as [keyof typeof uitvoer, (w: string) => boolean][]) {
      // Where the field's mark appears, its whole value must be there as text.
      if (!teksten[uit].includes(`V${i}(${naam})`) && !teksten[uit].includes(mdTekst(`V${i}(${naam})`))) continue;
      assert.ok(literal(w), `${naam} in ${uit}: not the literal value`);
      waar[naam]!.push(uit);
    }
  });
  for (const [naam, uit] of Object.entries(waar)) tc.diagnostic(`${naam}: ${uit.join(', ') || '(in no output)'}`);
  const nergens = Object.entries(waar).filter(([, uit]) => uit.length === 0).map(([naam]) => naam);
  assert.deepEqual(nergens, [], 'every free-text field reaches some output (else this test checks nothing for it)');
});
