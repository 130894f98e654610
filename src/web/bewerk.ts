/**
 * What the web edition changes in a chapter's HTML tree, after the shared processor
 * (src/html/) has numbered, captioned and cross-referenced it for the print:
 *
 *   webTabellen   header cells get a scope, a row's first cell becomes its header, and every
 *                 table sits in a scroll box of its own, so a wide table scrolls on a phone
 *                 without the page scrolling sideways
 *   webFiguren    under every chart, its numbers as a table the reader can open (figuurtabel.ts)
 *   webLinks      a link to an id on another page gets that page's file name
 */
import type { Element, Root } from 'hast';
import { isElement, text, textOf, visitElements } from '../html/hast.ts';
import { figuurCijfers, figuurTabel } from './figuurtabel.ts';

/** Scopes for header cells, row headers, and a focusable, named scroll box around each table. */
export function webTabellen(tree: Root): void {
  const inVak = (parent: Root | Element) => parent.type === 'element' && parent.tagName === 'div' && hasClass(parent, 'tabelvak');
  const wrap = <T extends Root | Element>(parent: T) => {
    if (inVak(parent)) return;
    parent.children = parent.children.map((child) => {
      if (!isElement(child, 'table')) return child;
      scopes(child);
      return tabelvak(child);
    }) as T['children'];
  };
  wrap(tree);
  visitElements(tree, (element) => wrap(element));
}

function hasClass(e: Element, name: string): boolean {
  const c = e.properties.className;
  return Array.isArray(c) && c.includes(name);
}

function scopes(table: Element): void {
  const thead = table.children.find((c): c is Element => isElement(c, 'thead'));
  visitElements(table, (e) => {
    if (e.tagName === 'th' && e.properties.scope === undefined) e.properties.scope = 'col';
  });
  if (!thead) return;
  for (const tbody of table.children.filter((c): c is Element => isElement(c, 'tbody'))) {
    for (const tr of tbody.children.filter((c): c is Element => isElement(c, 'tr'))) {
      const first = tr.children.find((c): c is Element => c.type === 'element');
      // GFM has no row headers: the first column of a monitor table names the row.
      if (first?.tagName === 'td') {
        first.tagName = 'th';
        first.properties = { ...first.properties, scope: 'row' };
      }
    }
  }
}

/**
 * The scroll box: a region named after the table's caption, reachable with Tab so that a
 * keyboard user can scroll it too (WCAG 2.1.1).
 */
function tabelvak(table: Element): Element {
  const caption = table.children.find((c): c is Element => isElement(c, 'caption'));
  const naam = caption ? textOf(caption).replace(/\s+/g, ' ').trim() : 'Tabel';
  return { type: 'element', tagName: 'div', properties: { className: ['tabelvak'], role: 'region', ariaLabel: naam, tabIndex: 0 }, children: [table] };
}

/**
 * Add the numbers table to every figure whose chart is one of `specs` (by the figure's label,
 * `fig-<id>`, which the {{figuur}} helper sets to the chart's id). Returns the figure ids that
 * got one.
 */
export function webFiguren(tree: Root, specs: ReadonlyMap<string, unknown>): string[] {
  const gedaan: string[] = [];
  visitElements(tree, (element) => {
    if (element.tagName !== 'figure') return;
    const id = String(element.properties.id ?? '');
    const spec = specs.get(id.replace(/^fig-/, ''));
    const caption = element.children.find((c): c is Element => isElement(c, 'figcaption'));
    if (spec === undefined || !caption) return;
    const label = caption.children.find((c): c is Element => isElement(c, 'span'));
    const nummer = label ? textOf(label).replace(/^Figuur\s+/, '') : '';
    const bijschrift = caption.children.filter((c) => c !== label).map((c) => textOf(c)).join('').trim();
    const details = figuurTabel(figuurCijfers(spec as Parameters<typeof figuurCijfers>[0]), nummer, bijschrift);
    element.children.push(text('\n'), details);
    gedaan.push(id);
  });
  return gedaan;
}

/** Every id in a tree. */
export function ids(tree: Root): Set<string> {
  const found = new Set<string>();
  visitElements(tree, (e) => {
    if (typeof e.properties.id === 'string') found.add(e.properties.id);
  });
  return found;
}

/**
 * Make `#id` links work across pages: a fragment that is not on this page points to the page
 * that has it (`05-samenhang.html#fig-km-per-cohort`). A fragment found on no page is left as it
 * is; the tests find it.
 */
export function webLinks(tree: Root, eigen: ReadonlySet<string>, pagina: (id: string) => string | undefined): void {
  visitElements(tree, (e) => {
    const href = e.properties.href;
    if (e.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
    const id = decodeURIComponent(href.slice(1));
    if (eigen.has(id)) return;
    const doel = pagina(id);
    if (doel) e.properties.href = `${doel}${href}`;
  });
}
