/**
 * What a print asks of the page and of the PDF it made: the metadata in the document's <head>,
 * where each heading landed (from the PDF's bookmarks), the page numbers of the table of
 * contents, and bookmark titles Chromium garbled.
 */
import type { Page } from 'puppeteer-core';
import { setOutlineTitles, type OutlineEntry } from './pdf-file.ts';

/** What the document's <head> says about itself; PrintOptions.metadata overrides it. */
export interface PrintMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  /** JJJJ-MM-DD: the PDF's creation and modification date */
  readonly date: string;
}

/*
 * Functions given to page.evaluate run in the page. They must not declare named functions or
 * consts holding arrows: tsx (esbuild keepNames) wraps those in a `__name` helper that does not
 * exist in the page. And with JavaScript disabled, DOM methods may not call back into script
 * (NodeList.forEach fails): copy to an array first.
 */

export async function headMetadata(page: Page): Promise<PrintMetadata> {
  const [title, author, subject, keywords, date] = await page.evaluate(() => [
    document.title,
    ...['author', 'description', 'keywords', 'dcterms.created'].map(
      (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '',
    ),
  ]);
  return { title: title ?? '', author: author ?? '', subject: subject ?? '', keywords: keywords ?? '', date: date ?? '' };
}

export interface HeadingMatch {
  readonly id: string;
  /** the heading's text, whitespace collapsed */
  readonly text: string;
  readonly entry: OutlineEntry;
}

/**
 * Where each heading landed: Chromium makes a bookmark of every heading, in document order, so
 * the headings of the page and the bookmarks of the PDF are walked side by side, matching on
 * the text. A heading that a page break pushed on (break-after: avoid) gets a bookmark with its
 * text twice over ("2.42.4 Werk Werk", Chromium 156); that still matches, and is repaired in
 * `repairOutline`.
 */
export async function matchHeadings(page: Page, outline: readonly OutlineEntry[]): Promise<HeadingMatch[]> {
  const headings = await page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => {
      const segments: string[] = [];
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) segments.push(n.nodeValue ?? '');
      return { id: h.id, segments };
    }),
  );
  return matchOutline(headings, outline);
}

/** The pure half of matchHeadings: headings as their text nodes, in document order. */
export function matchOutline(headings: readonly { id: string; segments: readonly string[] }[], outline: readonly OutlineEntry[]): HeadingMatch[] {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const matches: HeadingMatch[] = [];
  let o = 0;
  for (const heading of headings) {
    const variants = [1, 2, 3].map((k) => norm(heading.segments.map((s) => s.repeat(k)).join('')));
    let k = o;
    while (k < outline.length && !variants.includes(norm(outline[k]!.title))) k++;
    if (k === outline.length) continue; // not in the outline (hidden); keep looking for the next
    matches.push({ id: heading.id, text: heading.segments.join('').replace(/\s+/g, ' ').trim(), entry: outline[k]! });
    o = k + 1;
  }
  return matches;
}

/** heading id -> page, for the table of contents. */
export function pagesOf(matches: readonly HeadingMatch[]): Record<string, number> {
  return Object.fromEntries(matches.filter((m) => m.id).map((m) => [m.id, m.entry.page]));
}

/** Give bookmarks whose title Chromium garbled the heading's own text. */
export function repairOutline(pdf: Uint8Array, matches: readonly HeadingMatch[]): Uint8Array {
  // Whitespace collapsed, not removed: a number set as a block ("Bijlage 1" above the title)
  // loses its space in Chromium's bookmark ("Bijlage 1Tabellen"), which must be repaired too.
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const titles = new Map(matches.filter((m) => norm(m.entry.title) !== norm(m.text)).map((m) => [m.entry.object, m.text]));
  return setOutlineTitles(pdf, titles);
}

/** The ids whose page the table of contents shows (`[data-page-of=id]`), in document order. */
export async function tocIds(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-page-of]')).map((el) => el.dataset.pageOf ?? ''));
}

/**
 * Whether the table of contents, filled in with `filled` (fillPageNumbers), shows for every id
 * the page its heading landed on (`landed`, from the print's bookmarks; '?' where there is none).
 */
export function tocHolds(ids: readonly string[], filled: Readonly<Record<string, number>>, landed: Readonly<Record<string, number>>): boolean {
  return ids.every((id) => String(filled[id] ?? '?') === String(landed[id] ?? '?'));
}

/** Fill every `[data-page-of=id]` with the page of #id; `null` fills placeholders of equal width. */
export async function fillPageNumbers(page: Page, numbers: Record<string, number> | null): Promise<void> {
  await page.evaluate((numbers) => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-page-of]'))) {
      el.textContent = numbers ? String(numbers[el.dataset.pageOf ?? ''] ?? '?') : '000';
    }
  }, numbers);
}
