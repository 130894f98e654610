/**
 * Read a tagged PDF's structure back the way assistive technology does, with two independent
 * readers:
 *
 * - pdf.js (`pdfjs-dist`) for what Poppler does not print: each element's /Alt, the catalog's
 *   /Lang and /ViewerPreferences, and which text on a page belongs to no structure element at all;
 * - Poppler's `pdfinfo -struct` for the whole tree in its logical order (pdf.js gives it per
 *   page, so an element that runs over pages, like a long table, is seen once per page there).
 *   Without text: `-struct-text` takes minutes on the monitor.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A structure element as Poppler prints it. */
export interface StructElement {
  readonly role: string;
  readonly depth: number;
  readonly children: StructElement[];
}

/** One page's structure elements as pdf.js reads them: role, /Alt, and the text they tag. */
export interface PageElement {
  readonly role: string;
  readonly alt?: string;
  readonly lang?: string;
  /** the roles of the ancestors, outermost first (without pdf.js's own Root) */
  readonly ancestors: readonly string[];
  readonly text: string;
}

export interface PdfStructure {
  /** the information dictionary's /Title */
  readonly title: string;
  /** the catalog's /Lang */
  readonly lang: string | undefined;
  /** /ViewerPreferences /DisplayDocTitle */
  readonly displayDocTitle: boolean | undefined;
  /** the tree in logical order (Poppler), roles only; the root is the StructTreeRoot's only kid, normally Document */
  readonly tree: StructElement;
  /** per page (index 0 is page 1): its elements in the order pdf.js gives them (pre-order) */
  readonly pages: readonly PageElement[][];
  /** per page: text shown outside any tagged content (page furniture, when it is not tagged) */
  readonly untagged: readonly string[][];
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Parse `pdfinfo -struct`: two spaces of indent per level, a role line, then attribute lines. */
function parseStruct(output: string): StructElement {
  const root: StructElement = { role: '(root)', depth: -1, children: [] };
  const stack: StructElement[] = [root];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const depth = (line.length - line.trimStart().length) / 2;
    const body = line.trim();
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    if (body.startsWith('/') || body.startsWith('Object ')) continue; // attributes, object references
    const role = /^([A-Za-z][\w-]*)/.exec(body)?.[1];
    if (!role) continue;
    const element: StructElement = { role, depth, children: [] };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  }
  const [top] = root.children;
  if (!top || root.children.length !== 1) throw new Error(`expected one element at the top of the structure tree, found ${root.children.length}`);
  return top;
}

/** Every element of the tree in logical (pre-)order. */
export function* walk(element: StructElement): Generator<StructElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

interface PdfjsNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: PdfjsNode[];
}

export async function readStructure(file: string): Promise<PdfStructure> {
  const struct = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 << 20 });
  const tree = parseStruct(struct);

  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const { info } = (await doc.getMetadata()) as { info: { Title?: string; Language?: string | null } };
    const prefs = (await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    const pages: PageElement[][] = [];
    const untagged: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      // The text of each marked-content sequence, by the id the structure tree uses for it.
      const content = await page.getTextContent({ includeMarkedContent: true });
      const textOf = new Map<string, string>();
      const open: (string | null)[] = [];
      const loose: string[] = [];
      for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) {
          const id = [...open].reverse().find((o) => o !== null);
          if (id) textOf.set(id, (textOf.get(id) ?? '') + item.str);
          else if (item.str.trim()) loose.push(item.str);
        }
      }
      untagged.push(loose);
      const elements: PageElement[] = [];
      const visit = (node: PdfjsNode, ancestors: string[]): string => {
        let text = '';
        const mine: PageElement[] = [];
        if (node.type === 'content') return textOf.get(node.id ?? '') ?? '';
        if (node.type) return '';
        const isRoot = node.role === 'Root';
        const at = elements.length;
        const inner = isRoot ? ancestors : [...ancestors, node.role ?? '?'];
        for (const child of node.children ?? []) text += visit(child, inner);
        if (!isRoot) {
          mine.push({ role: node.role ?? '?', ancestors, text: collapse(text), ...(node.alt === undefined ? {} : { alt: node.alt }), ...(node.lang === undefined ? {} : { lang: node.lang }) });
          elements.splice(at, 0, ...mine);
        }
        return text;
      };
      const root = (await page.getStructTree()) as PdfjsNode | null;
      if (root) visit(root, []);
      pages.push(elements);
      page.cleanup();
    }
    return { title: info.Title ?? '', lang: info.Language ?? undefined, displayDocTitle: prefs?.DisplayDocTitle, tree, pages, untagged };
  } finally {
    await doc.destroy();
  }
}
