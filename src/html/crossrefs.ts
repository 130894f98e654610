/**
 * Cross-references: `[@fig:name]`, `[@tab:name]`, `[@sec:name]`, several at once as
 * `[@fig:a; @fig:b]`; a capital (`[@Fig:a]`) starts the words with one, for the start of a sentence.
 *
 *     Zie [@fig:werk] en [@tab:kenmerken; @sec:methoden].
 *     -> Zie figuur 5.2 en tabel 5.1 en hoofdstuk 3.
 *
 * In the Markdown on a code-hosting site they show as written, which reads well enough. The
 * plugin only leaves placeholders: a reference may point forward into a chapter that has not been
 * processed yet, so `resolveCrossReferences` fills them in once every chapter has run. An unknown
 * label is reported to the chapter's vfile, naming the file and line.
 */
import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { chapterContext, report, where, type DocumentRegister, type Label, type LabelKind, type Lang } from './context.ts';
import { h, text, visitProseText } from './hast.ts';
import { messages, type Suggestion } from './messages.ts';
import { REFERENCE } from './syntax.ts';
import { editDistance, nearest } from '../util/nearest.ts';

const KINDS: readonly LabelKind[] = ['fig', 'tab', 'sec'];

export default function rehypeCrossReferences() {
  return (tree: Root, file: VFile): void => {
    const ctx = chapterContext(file, 'rehypeCrossReferences');
    visitProseText(tree, (node) => {
      if (!node.value.includes('[@')) return undefined;
      const out: ElementContent[] = [];
      let last = 0;
      // The Markdown this text came from: a reference written escaped (`\[@fig:x\]`, as a value
      // from the edition file is: src/util/markdown.ts) is text, not a reference.
      const { start, end } = node.position ?? {};
      const written = start?.offset !== undefined && end?.offset !== undefined ? String(file.value).slice(start.offset, end.offset) : undefined;
      for (const match of node.value.matchAll(REFERENCE)) {
        if (written !== undefined && !written.includes(match[0])) continue;
        // The template line: the reference as written, else its first part on its own.
        const parts = match[1]!.split(';').map((p) => p.trim());
        const at = where(file, node.position?.start, [match[0], ...parts]);
        const targets = [];
        for (const part of parts) {
          const [rawKind, name] = part.slice(1).split(':') as [string, string];
          const kind = rawKind.toLowerCase() as LabelKind;
          if (!KINDS.includes(kind)) {
            report(file, messages.unknownReferenceKind(match[0], rawKind), at, node.position);
            continue;
          }
          targets.push({ kind, name, capital: rawKind[0] !== rawKind[0]!.toLowerCase() });
        }
        if (match.index > last) out.push(text(node.value.slice(last, match.index)));
        const element = h('span', { className: ['xref'] }, [text(match[0])]);
        ctx.register.references.push({ element, targets, file, where: at, position: node.position, text: match[0], ...(ctx.lang ? { lang: ctx.lang } : {}) });
        out.push(element);
        last = match.index + match[0].length;
      }
      if (last === 0) return undefined;
      if (last < node.value.length) out.push(text(node.value.slice(last)));
      return out;
    });
  };
}

/** The Dutch nouns a reference uses for each kind of label, singular and plural. */
const NOUNS = {
  fig: ['figuur', 'figuren'],
  tab: ['tabel', 'tabellen'],
  hoofdstuk: ['hoofdstuk', 'hoofdstukken'],
  bijlage: ['bijlage', 'bijlagen'],
  paragraaf: ['paragraaf', 'paragrafen'],
} as const;

/**
 * The same nouns in English, for a reference in an English chapter (the Summary); capitalised,
 * as English writes a numbered part of a document ("Chapter 5", "Figure 3.2").
 */
const NOUNS_EN: Record<keyof typeof NOUNS, readonly [string, string]> = {
  fig: ['Figure', 'Figures'],
  tab: ['Table', 'Tables'],
  hoofdstuk: ['Chapter', 'Chapters'],
  bijlage: ['Appendix', 'Appendices'],
  paragraaf: ['Section', 'Sections'],
};

/** The words of a reference in a chapter's language: its nouns and "en"/"and" between targets. */
export function referenceWords(lang: Lang = 'nl'): { nouns: Record<keyof typeof NOUNS, readonly [string, string]>; and: string } {
  return lang === 'en' ? { nouns: NOUNS_EN, and: 'and' } : { nouns: NOUNS, and: 'en' };
}

/** The noun a label is called by; none for an unnumbered section (it is called by its title). */
function noun(label: Label): keyof typeof NOUNS | undefined {
  if (label.kind !== 'sec') return label.kind;
  if (!label.number) return undefined; // an unnumbered section is called by its title
  if (label.depth === 1) return label.chapterKind === 'bijlage' ? 'bijlage' : 'hoofdstuk';
  return 'paragraaf';
}

/** Consecutive labels of one noun share it: "figuren 3.1 en 3.2". */
export function groupByNoun(labels: readonly Label[]): { noun: keyof typeof NOUNS | undefined; labels: Label[] }[] {
  const groups: { noun: keyof typeof NOUNS | undefined; labels: Label[] }[] = [];
  for (const label of labels) {
    const n = noun(label);
    const previous = groups.at(-1);
    if (previous && n !== undefined && previous.noun === n) previous.labels.push(label);
    else groups.push({ noun: n, labels: [label] });
  }
  return groups;
}

/**
 * Fill in every placeholder left by the plugin, now that all labels are known. An unknown label
 * is reported to the vfile of the chapter the reference stands in (with file and line).
 */
export function resolveCrossReferences(register: DocumentRegister): void {
  for (const ref of register.references) {
    const found: Label[] = [];
    for (const t of ref.targets) {
      const label = register.labels.get(`${t.kind}:${t.name}`);
      if (label) found.push(label);
      else {
        const reference = ref.text ?? `[@${t.kind}:${t.name}]`;
        report(ref.file, messages.unknownTarget(reference, t.kind, t.name, ref.targets.length > 1, suggest(register, t.kind, t.name)), ref.where, ref.position);
      }
    }
    if (found.length !== ref.targets.length || found.length === 0) continue;

    const groups = groupByNoun(found);
    const words = referenceWords(ref.lang);
    const children: ElementContent[] = [];
    groups.forEach((group, g) => {
      if (g > 0) children.push(text(g === groups.length - 1 ? ` ${words.and} ` : ', '));
      if (group.noun) {
        const [one, many] = words.nouns[group.noun];
        let word: string = group.labels.length > 1 ? many : one;
        if (g === 0 && ref.targets[0]!.capital) word = word[0]!.toUpperCase() + word.slice(1);
        children.push(text(`${word} `));
      }
      group.labels.forEach((label, l) => {
        if (l > 0) children.push(text(l === group.labels.length - 1 ? ` ${words.and} ` : ', '));
        children.push(h('a', { href: `#${label.id}` }, [text(group.noun ? label.number : label.text)]));
      });
    });
    ref.element.children = children;
  }
}

/** The labels of the kind that do exist, for the message about one that does not. */
function suggest(register: DocumentRegister, kind: LabelKind, name: string): Suggestion {
  const known = [...register.labels.values()].filter((l) => l.kind === kind).map((l) => l.name);
  if (known.length === 0) return { close: undefined, known };
  // The nearest first: in a long list the one meant is at the front.
  const byDistance = known
    .map((k, i) => ({ k, i, d: editDistance(name.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.k);
  return { close: nearest(name, known), known: byDistance };
}
