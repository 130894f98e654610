/**
 * The letter as .docx, read back: word/document.xml and word/footnotes.xml (unzip -p) hold the
 * kamerstuk header, the numbered sections as headings, the same text as the print, the footnotes
 * as Word footnotes, and the signature; two builds give the same bytes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Sjablonen } from '../../src/edition/templates.ts';
import type { DocumentRegister } from '../../src/html/context.ts';
import { briefDocx, briefDocxNaam } from '../../src/letter/docx.ts';
import { renderLetter } from '../../src/letter/render.ts';
import { briefHtml, BRIEF_PAD } from '../../src/letter/document.ts';
import type { Resultaten } from '../../src/results/results.ts';
import { resultaten6 } from '../results/gepubliceerd.ts';
import { reviewMarkdown } from '../../src/review/markdown.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPLATES = new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates'));
// The results as the build uses them: read back from the committed published files.
const r: Resultaten = await resultaten6();
const { editie } = r;
const brief = renderLetter(TEMPLATES, r, { root: ROOT });

// As the build does it: the print HTML, and from its register the Markdown the .docx is made of.
const dir = mkdtempSync(join(tmpdir(), 'kamerbrief-docx-'));
let register: DocumentRegister | undefined;
const html = briefHtml(dir, r, brief.markdown, undefined, { onRegister: (reg) => (register = reg) });
const [leesbaar] = reviewMarkdown([{ path: BRIEF_PAD, markdown: brief.markdown, brief: true }], register!);
const bytes = await briefDocx(leesbaar!, editie);
const file = join(dir, briefDocxNaam(editie));
writeFileSync(file, bytes);

const part = (name: string): string => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
/** The text of WordprocessingML, a paragraph per line. */
const textOf = (xml: string): string[] =>
  xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? ' ' : m[1])).join(''))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;|&#39;/g, "'").replace(/\s+/g, ' ').trim())
    .filter(Boolean);
const plain = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#x26;/g, '&').replace(/\s+/g, ' ').trim();

describe('the letter as .docx', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const document = part('word/document.xml');
  const paragraphs = textOf(document);
  const notes = textOf(part('word/footnotes.xml'));

  it('starts with the kamerstuk header from the edition', () => {
    assert.deepEqual(paragraphs.slice(0, 6), [
      'Tweede Kamer der Staten-Generaal',
      'Vergaderjaar 2020–2021',
      '24 587 Justitiële Inrichtingen',
      'Nr. 796 BRIEF VAN DE MINISTER VOOR RECHTSBESCHERMING',
      'Aan de Voorzitter van de Tweede Kamer der Staten-Generaal',
      'Den Haag, 8 maart 2021',
    ]);
  });

  it('has the numbered sections as Word headings, in the order of the print', () => {
    const headings = [...document.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="(Heading\d)"\/>((?:(?!<\/w:p>).)*)<\/w:p>/gs)].map((m) => `${m[1]} ${textOf(`${m[2]}</w:p>`)[0]}`);
    const printed = [...html.matchAll(/<h([23])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => `Heading${Number(m[1]) - 1} ${plain(m[2]!)}`);
    assert.ok(printed.length >= 4, printed.join('; '));
    assert.deepEqual(headings, printed);
    assert.equal(headings[0], 'Heading1 1. Inleiding');
  });

  it('has the same text as the print, paragraph for paragraph', () => {
    const main = /<main class="brieftekst">([\s\S]*?)<\/main>/.exec(html)![1]!;
    // The print's paragraphs and list items, without footnote marks (in Word they are footnote references).
    const printed = [...main.matchAll(/<(p|li)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => plain(m[2]!.replace(/<sup>[\s\S]*?<\/sup>/g, ''))).filter(Boolean);
    assert.ok(printed.length > 10);
    const body = paragraphs.slice(6);
    for (const p of printed) assert.ok(body.includes(p), `not in the .docx: '${p}'`);
  });

  it('ends with the signature', () => {
    assert.equal(paragraphs.at(-1), 'De Minister voor Rechtsbescherming, S. Dekker');
  });

  it('has the letter\'s footnotes as Word footnotes, referred to in the text in order', () => {
    const printedNotes = [...html.matchAll(/<li id="[^"]*fn-[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => plain(m[1]!));
    assert.ok(printedNotes.length >= 2, `${printedNotes.length} notes in the print`);
    const refs = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.deepEqual(refs, printedNotes.map((_, i) => i + 1));
    // footnotes.xml starts with Word's separator notes, which have no text.
    assert.deepEqual(notes, printedNotes);
  });

  it('gives the same bytes twice', async () => {
    const again = await briefDocx(leesbaar!, editie);
    assert.ok(again.equals(bytes));
  });
});
