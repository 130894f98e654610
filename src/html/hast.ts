/**
 * Small helpers over hast trees, so the plugins need no extra packages.
 */
import type { Element, ElementContent, Nodes, Parents, Text } from 'hast';

export function isElement(node: Nodes | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

/** The text of a node, as a reader sees it. */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c)).join('');
  return '';
}

/** Whitespace-only text between block elements, which remark-rehype inserts as "\n". */
export function isBlank(node: Nodes): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/**
 * Visit every element depth-first in document order. The callback may replace the children of
 * the element it is given; children are read after the callback returns.
 */
export function visitElements(tree: Parents, fn: (element: Element, parent: Parents) => void): void {
  for (const child of [...tree.children]) {
    if (child.type !== 'element') continue;
    fn(child, tree);
    visitElements(child, fn);
  }
}

/**
 * Visit text nodes outside code, pre and raw HTML. When the callback returns nodes, they replace
 * the text node (and are not visited again).
 */
export function visitProseText(tree: Parents, fn: (text: Text) => ElementContent[] | undefined): void {
  for (let i = 0; i < tree.children.length; i++) {
    const child = tree.children[i]!;
    if (child.type === 'text') {
      const replacement = fn(child);
      if (replacement) {
        tree.children.splice(i, 1, ...replacement);
        i += replacement.length - 1;
      }
    } else if (child.type === 'element' && child.tagName !== 'code' && child.tagName !== 'pre') {
      visitProseText(child, fn);
    }
  }
}

export function h(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}
