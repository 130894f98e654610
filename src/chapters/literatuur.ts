/**
 * Citations in the chapters and the Literatuur list, in APA style with Dutch words.
 *
 * The references are data, in CSL-JSON: the works the shared templates cite in
 * `templates/literatuur.json`, and each edition's own (a parliamentary paper its Voorwoord
 * cites) in `editions/<slug>/literatuur.json`; `leesLiteratuur` reads and checks a file,
 * `combineer` joins them (a key has one home). Templates cite them with pandoc's syntax, which
 * the project's cross-references already borrow:
 *
 *     … volgens Kaplan en Meier [@kaplan1958].        -> … (Kaplan & Meier, 1958).
 *     [@kaplan1958, p. 460]                           -> (Kaplan & Meier, 1958, p. 460)
 *     [@cox1972; @kaplan1958]                         -> (Cox, 1972; Kaplan & Meier, 1958)
 *     [-@cox1972]                                     -> (1972)
 *     @cox1972 schatte …                              -> Cox (1972) schatte …
 *
 * A key is letters, digits, `_` and `-`; `[@fig:…]`, `[@tab:…]` and `[@sec:…]` are
 * cross-references (src/html/crossrefs.ts) and are left alone, as is anything in code.
 *
 * Formatting is citeproc-js's, through citation-js (`@citation-js/plugin-csl`, which ships the
 * APA 7th edition style), with the Dutch CSL locale from `citeproc-locales`: "&" between two
 * authors in parentheses, "en" in a narrative citation, "In", "(Red.)", "geraadpleegd",
 * "z.d.". Every citation of a document goes through one citeproc run, so the processor can
 * disambiguate (Jansen, 2020a, 2020b) across chapters. The chapters' Markdown gets the finished
 * text, so the reviewers' Markdown, the web edition and the PDF all read the same.
 */
import { readFileSync } from 'node:fs';
import type { Root, Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { z } from 'zod';
import { checkAgainst } from '../edition/messages.ts';
import { diagnostic, placeOf, type Diagnostic } from '../util/diagnostic.ts';

import { InputError } from '../util/errors.ts';
import { describeJsonError, parseJson, pathKey } from '../util/json.ts';
import { mayHoldCode } from '../util/markdown.ts';
import { citeprocRun } from './citeproc.ts';
import type { TemplateSource } from './types.ts';

/** Where a work is written: its file, and the line of its entry when known. */
type Plaats = { readonly file: string; readonly line?: number };

/** The style and locale of every citation and of the Literatuur list. */
const CITEERSTIJL = { stijl: 'apa', taal: 'nl-NL' } as const;

const SLEUTEL = '[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]*';
/** A key as the templates write it (without the @). */
const SLEUTEL_PATROON = new RegExp(`^${SLEUTEL}$`, 'u');
/** The kinds of cross-reference, which look like citations but are not (src/html/crossrefs.ts). */
const VERWIJZING = /^-?@(fig|tab|sec):/i;

/** One work in literatuur.json: CSL-JSON, of which only `id` and `type` are checked here. */
const werkSchema = z.looseObject({
  id: z.string().regex(SLEUTEL_PATROON, 'een sleutel van letters, cijfers, _ en -, zoals kaplan1958'),
  type: z.string().min(1),
});
const literatuurSchema = z.array(werkSchema);

export type Werk = z.infer<typeof werkSchema>;

/** References, as read from one file or more. */
export interface Literatuur {
  /** The file(s), as messages name them. */
  readonly bestand: string;
  readonly werken: readonly Werk[];
  /** Where each work's `id` stands (`file:line`), for messages. */
  readonly plaats: ReadonlyMap<string, Plaats>;
}

/** No references at all: every citation is then an error that names where they belong. */
export function geenLiteratuur(bestand: string): Literatuur {
  return { bestand, werken: [], plaats: new Map() };
}

/** Read and check a CSL-JSON file of references: an array of works with unique ids. */
export function leesLiteratuur(bestand: string, naam = bestand): Literatuur {
  let tekst: string;
  try {
    tekst = readFileSync(bestand, 'utf8');
  } catch {
    throw new InputError([diagnostic('literatuur/bestand', 'literatuurbestand niet gevonden of niet leesbaar', { file: naam })]);
  }
  const json = parseJson(tekst);
  if (!json.ok) throw new InputError([describeJsonError(naam, json.error)]);
  const werken = checkAgainst(literatuurSchema, json.value, naam, json.lines);
  return voegSamen(
    naam,
    werken.map((w, i) => {
      const regel = json.lines.get(pathKey([i, 'id'])) ?? json.lines.get(pathKey([i]));
      return { werk: w, plaats: regel ? { file: naam, line: regel } : { file: naam } };
    }),
  );
}

/**
 * The shared references (templates/literatuur.json: the works the shared templates cite) and the
 * edition's own (editions/<slug>/literatuur.json) as one list. A key may have one home only.
 */
export function combineer(...lijsten: readonly Literatuur[]): Literatuur {
  const bestanden = lijsten.map((l) => l.bestand).filter((b) => b !== '');
  return voegSamen(
    bestanden.length > 1 ? `${bestanden.slice(0, -1).join(', ')} of ${bestanden.at(-1)}` : (bestanden[0] ?? ''),
    lijsten.flatMap((l) => l.werken.map((werk) => ({ werk, plaats: l.plaats.get(werk.id) ?? { file: l.bestand } }))),
  );
}

function voegSamen(bestand: string, werken: readonly { werk: Werk; plaats: Plaats }[]): Literatuur {
  const plaats = new Map<string, Plaats>();
  const fouten: Diagnostic[] = [];
  for (const w of werken) {
    const eerder = plaats.get(w.werk.id);
    if (eerder !== undefined) fouten.push(diagnostic('literatuur/dubbele-sleutel', `de sleutel '${w.werk.id}' bestaat al (${placeOf(eerder)}); elke bron staat op één plaats, met een eigen sleutel`, w.plaats));
    else plaats.set(w.werk.id, w.plaats);
  }
  if (fouten.length > 0) throw new InputError(fouten);
  return { bestand, werken: werken.map((w) => w.werk), plaats };
}

/** One cited work in a citation, as written. */
interface Citaatdeel {
  readonly sleutel: string;
  /** `[-@x]`: the year only. */
  readonly zonderAuteur: boolean;
  /** `p. 12` -> locator '12', label 'page'. */
  readonly vindplaats?: string;
  readonly label?: 'page' | 'chapter';
  readonly voor?: string;
  readonly na?: string;
}

/** A citation in a chapter's Markdown. */
export interface Citaat {
  /** Offsets in the Markdown: the citation is replaced by its text. */
  readonly start: number;
  readonly eind: number;
  /** As written, to find it in the template. */
  readonly tekst: string;
  /** `@key` in the running text, without brackets. */
  readonly verhalend: boolean;
  readonly delen: readonly Citaatdeel[];
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** The ranges of a Markdown text that are code or raw HTML: no citation is read there. */
function codeBereiken(markdown: string): [number, number][] {
  const bereiken: [number, number][] = [];
  if (!mayHoldCode(markdown)) return bereiken;
  const loop = (node: Nodes): void => {
    if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') && node.position) {
      bereiken.push([node.position.start.offset!, node.position.end.offset!]);
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) loop(c);
  };
  loop(parser.parse(markdown) as Root);
  return bereiken;
}

const HAAKJES = /\[([^[\]\n]*@[^[\]\n]*)\](\()?/gu;
const DEEL = new RegExp(`^(.*?)(-?)@(${SLEUTEL})(?:\\s*,\\s*(.*))?$`, 'su');
const VERHALEND = new RegExp(`(?<![\\p{L}\\p{N}_.@/\\\\-])@(${SLEUTEL})`, 'gu');
const PAGINA = /^(?:p|pp|blz)\.\s*(\S.*)$/u;
const HOOFDSTUK = /^(?:hoofdstuk|hfdst\.|hfst\.)\s*(\S.*)$/u;

/**
 * Every citation in a chapter's Markdown, in order. A bracket that is no citation (a
 * cross-reference, a footnote, a link text) is skipped; a bracket that starts like a citation
 * but has a part that is none (`[@a; zie boven]`) is returned as an error message.
 */
export function zoekCitaten(markdown: string): { citaten: Citaat[]; fouten: { tekst: string; at: number; wat: string }[] } {
  // Most chapters cite nothing: only a text with an @ that is no cross-reference is parsed.
  if (!/@(?!(?:fig|tab|sec):)/i.test(markdown)) return { citaten: [], fouten: [] };
  // The code ranges only once a possible citation needs them.
  let code: [number, number][] | undefined;
  const inCode = (at: number) => (code ??= codeBereiken(markdown)).some(([s, e]) => at >= s && at < e);
  const citaten: Citaat[] = [];
  const fouten: { tekst: string; at: number; wat: string }[] = [];
  const bezet: [number, number][] = [];
  for (const m of markdown.matchAll(HAAKJES)) {
    const binnen = m[1]!;
    const delen = binnen.split(';').map((d) => d.trim());
    // A cross-reference, a footnote, a link's text `[…](url)` or code: no citation, and no
    // narrative citation inside it either.
    if (m[2] !== undefined || delen.some((d) => VERWIJZING.test(d)) || binnen.startsWith('^') || inCode(m.index)) {
      bezet.push([m.index, m.index + m[0].length]);
      continue;
    }
    const gelezen = delen.map((d) => DEEL.exec(d));
    bezet.push([m.index, m.index + m[0].length]);
    if (gelezen.some((g) => g === null)) {
      fouten.push({ tekst: m[0], at: m.index, wat: `citaat ${m[0]}: elk deel tussen ';' moet één bron noemen als @sleutel` });
      continue;
    }
    citaten.push({
      start: m.index,
      eind: m.index + m[0].length,
      tekst: m[0],
      verhalend: false,
      delen: gelezen.map((g) => deel(g![1]!, g![2] === '-', g![3]!, g![4])),
    });
  }
  for (const m of markdown.matchAll(VERHALEND)) {
    if (bezet.some(([s, e]) => m.index >= s && m.index < e) || inCode(m.index)) continue;
    // `@fig:x` outside brackets is a misspelt cross-reference, not a citation of 'fig'.
    if (/^:[\p{L}\p{N}]/u.test(markdown.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    citaten.push({ start: m.index, eind: m.index + m[0].length, tekst: m[0], verhalend: true, delen: [deel('', false, m[1]!, undefined)] });
  }
  return { citaten: citaten.sort((a, b) => a.start - b.start), fouten };
}

function deel(voor: string, zonderAuteur: boolean, sleutel: string, na: string | undefined): Citaatdeel {
  const rest = na?.trim();
  const pagina = rest === undefined ? null : PAGINA.exec(rest);
  const hoofdstuk = rest === undefined ? null : HOOFDSTUK.exec(rest);
  return {
    sleutel,
    zonderAuteur,
    ...(voor.trim() ? { voor: voor.trim() } : {}),
    ...(pagina ? { vindplaats: pagina[1]!, label: 'page' as const } : hoofdstuk ? { vindplaats: hoofdstuk[1]!, label: 'chapter' as const } : rest ? { na: rest } : {}),
  };
}

/** A chapter whose citations are to be resolved. */
export interface TeCiteren {
  readonly markdown: string;
  /** The templates it was filled from: an unknown key is reported at their line. */
  readonly bronnen: readonly TemplateSource[];
}

export interface Geciteerd {
  /** The chapters' Markdown with every citation replaced by its text. */
  readonly markdown: string[];
  /** The Literatuur list: one Markdown paragraph per cited work, in APA order. */
  readonly lijst: string[];
  /** Works in the file that no chapter cites (the build warns). */
  readonly ongebruikt: string[];
}

/**
 * Where `tekst` stands in the templates: the template and line, else (a citation a helper wrote)
 * the templates and the line of the filled Markdown, as one name.
 */
function sjabloonRegel(bronnen: readonly TemplateSource[], naalden: readonly string[], markdown: string, at: number): Pick<Diagnostic, 'file' | 'line'> {
  for (const naald of naalden) {
    for (const b of bronnen) {
      const i = b.text.indexOf(naald);
      if (i !== -1) return { file: b.name, line: b.text.slice(0, i).split('\n').length };
    }
  }
  const regel = markdown.slice(0, at).split('\n').length;
  return { file: `${bronnen.map((b) => b.name).join(' of ') || '(hoofdstuk)'} (regel ${regel} van de ingevulde tekst)` };
}

/**
 * Resolve the citations of a document's chapters (in reading order) against the references, and
 * make its Literatuur list. Unknown keys are collected over every chapter and thrown as one
 * InputError, each naming the template and line where the citation is written. With `cacheDir`
 * citeproc's output is kept there and reused (./citeproc.ts, citeprocRun).
 */
export function citeer(hoofdstukken: readonly TeCiteren[], literatuur: Literatuur, cacheDir?: string): Geciteerd {
  const bekend = new Set(literatuur.werken.map((w) => w.id));
  const fouten: Diagnostic[] = [];
  const gevonden = hoofdstukken.map((h) => {
    const { citaten, fouten: leesfouten } = zoekCitaten(h.markdown);
    for (const f of leesfouten) fouten.push(diagnostic('literatuur/citaat', f.wat, sjabloonRegel(h.bronnen, [f.tekst], h.markdown, f.at)));
    for (const c of citaten)
      for (const d of c.delen)
        if (!bekend.has(d.sleutel))
          fouten.push(
            diagnostic(
              'literatuur/onbekende-bron',
              `citaat ${c.tekst}: bron '${d.sleutel}' staat niet in ${literatuur.bestand}` + (bekend.size === 0 ? ' (dat bestand is er niet of is leeg)' : ''),
              sjabloonRegel(h.bronnen, [c.tekst, `@${d.sleutel}`], h.markdown, c.start),
            ),
          );
    return citaten;
  });
  if (fouten.length > 0)
    throw new InputError(fouten, `Een citaat schrijft u als [@sleutel], [@sleutel, p. 12], [@a; @b] of @sleutel; de sleutel is het "id" van een bron in ${literatuur.bestand} (CSL-JSON).`);

  const alle = gevonden.flat();
  if (alle.length === 0) return { markdown: hoofdstukken.map((h) => h.markdown), lijst: [], ongebruikt: literatuur.werken.map((w) => w.id) };

  // One citeproc run for every citation of the document; a narrative citation is two: the
  // authors alone and the year alone, "Cox (1972)".
  const cslCitaten: unknown[] = [];
  alle.forEach((c, i) => {
    const items = c.delen.map((d) => ({
      id: d.sleutel,
      ...(d.zonderAuteur ? { 'suppress-author': true } : {}),
      ...(d.vindplaats ? { locator: d.vindplaats, label: d.label } : {}),
      ...(d.voor ? { prefix: `${d.voor} ` } : {}),
      ...(d.na ? { suffix: `, ${d.na}` } : {}),
    }));
    if (c.verhalend) {
      cslCitaten.push({ citationID: `c${i}a`, citationItems: items, properties: { noteIndex: 0, mode: 'author-only' } });
      cslCitaten.push({ citationID: `c${i}j`, citationItems: items, properties: { noteIndex: 0, mode: 'suppress-author' } });
    } else cslCitaten.push({ citationID: `c${i}`, citationItems: items, properties: { noteIndex: 0 } });
  });
  const run = citeprocRun(literatuur.werken, CITEERSTIJL.stijl, CITEERSTIJL.taal, cslCitaten, cacheDir);
  const uit = new Map(run.citaten.map(([id, tekst]) => [id, htmlNaarMarkdown(tekst)]));
  const tekstVan = (c: Citaat, i: number): string =>
    // APA joins two authors with "&" in parentheses and with "en" in the running text.
    c.verhalend ? `${uit.get(`c${i}a`)!.replace(/ & /g, ' en ')} ${uit.get(`c${i}j`)!}` : uit.get(`c${i}`)!;

  let n = 0;
  const markdown = hoofdstukken.map((h, k) => {
    let uitvoer = '';
    let vanaf = 0;
    for (const c of gevonden[k]!) {
      uitvoer += h.markdown.slice(vanaf, c.start) + tekstVan(c, n++);
      vanaf = c.eind;
    }
    return uitvoer + h.markdown.slice(vanaf);
  });
  const lijst = run.bibliografie.map((regel) => htmlNaarMarkdown(regel.replace(/^\s*<div class="csl-entry">/, '').replace(/<\/div>\s*$/, '')));
  const geciteerd = new Set(alle.flatMap((c) => c.delen.map((d) => d.sleutel)));
  return { markdown, lijst, ongebruikt: literatuur.werken.map((w) => w.id).filter((id) => !geciteerd.has(id)) };
}

/** A warning for each work in the file that no chapter cites, naming its line. */
export function ongebruikteWaarschuwingen(literatuur: Literatuur, ongebruikt: readonly string[]): string[] {
  return ongebruikt.map((id) => `${placeOf(literatuur.plaats.get(id) ?? { file: literatuur.bestand })}: bron '${id}' wordt nergens geciteerd en staat dus niet in de Literatuur`);
}

const ENTITEITEN: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * citeproc-js's HTML output as Markdown: `<i>` as `*…*`, `<b>` as `**…**`, other tags dropped,
 * entities decoded, Markdown's own characters escaped, and a URL as an autolink `<…>` so that no
 * escape can break it.
 */
function htmlNaarMarkdown(html: string): string {
  const ontsnap = (s: string): string =>
    s
      .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (heel, e: string) => {
        if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
        if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
        return ENTITEITEN[e.toLowerCase()] ?? heel;
      })
      .split(/(https?:\/\/[^\s<>]+[^\s<>.,;:)])/)
      .map((deel, i) => (i % 2 === 1 ? `<${deel}>` : deel.replace(/[\\`*_[\]<>]/g, '\\$&')))
      .join('');
  return html
    .split(/(<[^>]+>)/)
    .map((deel) => {
      if (!deel.startsWith('<')) return ontsnap(deel);
      if (/^<\/?i>$/.test(deel)) return '*';
      if (/^<\/?b>$/.test(deel)) return '**';
      return '';
    })
    .join('')
    .trim();
}
