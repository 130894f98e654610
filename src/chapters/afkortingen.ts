/**
 * Abbreviations: one glossary, the Afkortingen list, and the rule that each is spelled out
 * where the reader first meets it.
 *
 * The glossary is `templates/afkortingen.json` (an edition may replace it by its own version
 * of the same path): abbreviation -> what it stands for, in Dutch. The Afkortingen chapter lists
 * only the abbreviations the monitor's text uses, read from the filled chapters. An abbreviation
 * is a word of two or more capitals, possibly with digits and hyphens (TULP-GW, SSB, HR); a
 * chapter number such as B1 is none, nor is a Roman numeral (Kamerstukken II). `ID` is the name
 * of a basisvoorwaarde, written as a word, and is not listed (NIET_AFKORTINGEN).
 *
 * Read is the text a reader sees: paragraphs, headings, table cells, captions, image
 * descriptions, footnotes; not code, URLs, labels (`{#sec:x}`) or cross-references.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { checkAgainst } from '../edition/messages.ts';
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { describeJsonError, parseJson } from '../util/json.ts';

/**
 * Capitals that are words here, not abbreviations: "ID" is how the monitor names the
 * identiteitsbewijs as a basisvoorwaarde (ID-bewijs, ID-status), as policy documents do.
 */
const NIET_AFKORTINGEN: ReadonlySet<string> = new Set(['ID']);

/**
 * An abbreviation: two or more capitals, with digits and inner hyphens, as a whole word; after a
 * hyphen only when no word goes before it ("95%-BI", not the "GW" of "x-GW").
 */
const AFKORTING = /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-)(?=(?:[\p{N}-]*\p{Lu}){2})[\p{Lu}][\p{Lu}\p{N}-]*[\p{Lu}\p{N}](?![\p{L}\p{N}_])/gu;

export type Woordenlijst = ReadonlyMap<string, string>;

const woordenlijstSchema = z.record(
  z.string().regex(/^[\p{Lu}][\p{Lu}\p{N}-]*[\p{Lu}\p{N}]$/u, 'een afkorting in hoofdletters, zoals SSB of TULP-GW'),
  z.string().min(1),
);

/** Read the glossary (JSON: abbreviation -> expansion). */
export function leesWoordenlijst(bestand: string, naam = bestand): Woordenlijst {
  let tekst: string;
  try {
    tekst = readFileSync(bestand, 'utf8');
  } catch {
    throw new InputError([diagnostic('afkortingen/bestand', 'lijst van afkortingen niet gevonden of niet leesbaar', { file: naam })]);
  }
  const json = parseJson(tekst);
  if (!json.ok) throw new InputError([describeJsonError(naam, json.error)]);
  return new Map(Object.entries(checkAgainst(woordenlijstSchema, json.value, naam, json.lines)));
}

const LABEL = /\{#[a-z]+:[^}]*\}/g;
const VERWIJZING = /\[@[^\]]*\]|\[\^[^\]]*\]/g;

/**
 * The reader-facing text of a chapter's Markdown as blocks (a paragraph, heading, list, table
 * cell, caption, footnote), in reading order. Read with a few patterns rather than a Markdown
 * parser: the appendices' tables are long, and what is cut away (code, HTML tags, link
 * targets, labels, references) is plain to see in the Markdown the templates write.
 */
export function leesbareBlokken(markdown: string): string[] {
  const tekst = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/<[^>\n]*>/g, ' ')
    // a link's or image's target, keeping an image's title (its caption)
    .replace(/\]\(\s*[^\s)]*(?:\s+"((?:[^"\\]|\\.)*)")?\s*\)/g, (_, titel: string | undefined) => `] ${titel ?? ''}`)
    .replace(LABEL, ' ')
    .replace(VERWIJZING, ' ');
  const blokken: string[] = [];
  for (const blok of tekst.split(/\n[ \t]*\n/)) {
    const regels = blok.split('\n').filter((r) => r.trim() !== '');
    if (regels.length > 0 && regels.every((r) => r.trimStart().startsWith('|'))) {
      for (const r of regels) if (!/^\s*\|[\s|:-]*$/.test(r)) blokken.push(...r.split('|').filter((c) => c.trim() !== ''));
    } else if (regels.length > 0) blokken.push(regels.join('\n'));
  }
  return blokken;
}

/** The abbreviations in a piece of text, in order, with repeats. */
export function afkortingenIn(tekst: string): string[] {
  return [...tekst.matchAll(AFKORTING)].map((m) => m[0]).filter((a) => !NIET_AFKORTINGEN.has(a) && !ROMEINS.test(a));
}

/** A Roman numeral ("Kamerstukken II", "deel III") is a number, not an abbreviation. */
const ROMEINS = /^[IVXLC]+$/;

/** A chapter as the check sees it. */
export interface Leestekst {
  /** The chapter's name in messages (its template, or its output file). */
  readonly naam: string;
  readonly markdown: string;
  /**
   * Whether an abbreviation must be spelled out at its first use here. False for text that is
   * not running Dutch prose (the English Summary, the Literatuur list): abbreviations there are
   * still listed, but their first use in the Dutch text is what counts.
   */
  readonly uitschrijven: boolean;
}

export interface Afkortingscontrole {
  /** The abbreviations the text uses, sorted, with what they stand for. */
  readonly gebruikt: { afkorting: string; betekenis: string }[];
  /** Abbreviations not in the glossary: errors, one per abbreviation, at its first use. */
  readonly onbekend: Diagnostic[];
  /** Abbreviations whose first use in the Dutch text is not spelled out there: warnings. */
  readonly nietUitgeschreven: string[];
}

const normaal = (s: string): string => s.toLocaleLowerCase('nl').replace(/\s+/g, ' ');

/**
 * Check the chapters (in reading order) against the glossary. An abbreviation counts as spelled
 * out at its first use when the block where it first appears (a paragraph, heading or table
 * cell) also holds what it stands for, as the glossary writes it: "… uit het Stelsel van
 * Sociaal-statistische Bestanden (SSB) …".
 */
export function controleerAfkortingen(teksten: readonly Leestekst[], woordenlijst: Woordenlijst, lijstNaam: string): Afkortingscontrole {
  const controle: Controle = { woordenlijst, lijstNaam, gezien: new Set(), eersteInTekst: new Set(), onbekend: [], nietUitgeschreven: [] };
  for (const t of teksten) for (const blok of leesbareBlokken(t.markdown)) for (const a of afkortingenIn(blok)) controleerAfkorting(controle, t, blok, a);
  const gebruikt = [...controle.gezien]
    .filter((a) => woordenlijst.has(a))
    .sort((x, y) => x.localeCompare(y, 'nl'))
    .map((afkorting) => ({ afkorting, betekenis: woordenlijst.get(afkorting)! }));
  return { gebruikt, onbekend: controle.onbekend, nietUitgeschreven: controle.nietUitgeschreven };
}

/** What the check has seen and found so far, in reading order. */
interface Controle {
  readonly woordenlijst: Woordenlijst;
  readonly lijstNaam: string;
  /** Abbreviations met anywhere so far. */
  readonly gezien: Set<string>;
  /** Abbreviations met so far in text where they must be spelled out. */
  readonly eersteInTekst: Set<string>;
  readonly onbekend: Diagnostic[];
  readonly nietUitgeschreven: string[];
}

/** One use of abbreviation `a` in `blok` of chapter `t`: an error at its first use anywhere, a warning at its first use in the Dutch text. */
function controleerAfkorting(c: Controle, t: Leestekst, blok: string, a: string): void {
  const betekenis = c.woordenlijst.get(a);
  if (!c.gezien.has(a)) {
    c.gezien.add(a);
    if (betekenis === undefined)
      c.onbekend.push(diagnostic('afkortingen/onbekend', `afkorting '${a}' staat niet in ${c.lijstNaam} (in: "${kort(blok, a)}"); voeg haar daar toe met wat zij betekent`, { file: t.naam }));
  }
  if (t.uitschrijven && !c.eersteInTekst.has(a)) {
    c.eersteInTekst.add(a);
    if (betekenis !== undefined && !normaal(blok).includes(normaal(betekenis)))
      c.nietUitgeschreven.push(`${t.naam}: afkorting '${a}' wordt hier voor het eerst gebruikt maar niet uitgeschreven (verwacht in dezelfde alinea: "${betekenis}"; nu: "${kort(blok, a)}")`);
  }
}

/** The words around an abbreviation, for a message. */
function kort(blok: string, a: string): string {
  const vlak = blok.replace(/\s+/g, ' ').trim();
  const i = vlak.indexOf(a);
  const begin = Math.max(0, i - 50);
  return `${begin > 0 ? '…' : ''}${vlak.slice(begin, i + a.length + 50)}${i + a.length + 50 < vlak.length ? '…' : ''}`;
}
