/**
 * Fill the chapter templates (templates/monitor/NN-<slug>.md.hbs) with the results.
 *
 * Handlebars runs in strict mode: a reference to a value that does not exist stops the build
 * with the template's file and line, never an empty string. Numbers reach the text only through
 * the helpers below, which write them the Dutch way and print a suppressed value as "–" with a
 * footnote that explains it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { Groep, Moment } from '../indicators/definitions.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { Figuur } from '../charts/render.ts';
import type { Resultaten } from '../report/results.ts';
import { GROEP_TEKST, MOMENT_TEKST } from '../report/labels.ts';
import { InputError } from '../util/errors.ts';
import { datumTekst, getal, procent } from './format.ts';

export interface Hoofdstuk {
  /** Output file name, e.g. 04-basisvoorwaarden.md */
  bestand: string;
  markdown: string;
}

interface Loc {
  start: { line: number; column: number };
}
interface HelperOptions {
  loc?: Loc;
  data?: { root?: unknown };
}

/** Per chapter: whether a suppressed value was printed, so its footnote is added once. */
interface HoofdstukStaat {
  onderdrukt: boolean;
}

/** The context a chapter template sees. */
export function templateContext(r: Resultaten, figuren: readonly Figuur[]) {
  return {
    editie: r.editie,
    peildatum: r.extractie.peildatum,
    synthetisch: r.extractie.bron === 'synthetisch',
    cohorten: r.editie.cohorten,
    eersteCohort: r.editie.cohorten[0],
    laatsteCohort: r.editie.cohorten[r.editie.cohorten.length - 1],
    drempel: r.editie.drempel,
    figuren: Object.fromEntries(figuren.map((f) => [f.id, f])),
  };
}

function createHandlebars(r: Resultaten, figuren: readonly Figuur[], staat: HoofdstukStaat, bestand: string) {
  const hb = Handlebars.create();
  const waar = (o: HelperOptions | undefined) => (o?.loc ? `${bestand}:${o.loc.start.line}` : bestand);
  const fout = (o: HelperOptions | undefined, wat: string) => new InputError([`${waar(o)}: ${wat}`]);
  const isRij = (v: unknown): v is Publicatie =>
    typeof v === 'object' && v !== null && 'onderdrukt' in v && 'indicator' in v;

  /** {{ind "geen_inkomen" "totaal" "rik" "1m_na"}}: a published indicator row (use as subexpression). */
  hb.registerHelper('ind', (naam: unknown, cohort: unknown, groep: unknown, moment: unknown, o: HelperOptions) => {
    const rij = r.indicatoren.find(String(naam), String(cohort), groep as Groep, moment as Moment);
    if (!rij) throw fout(o, `indicator '${naam}' bestaat niet voor cohort ${cohort}, groep ${groep}, moment ${moment}`);
    return rij;
  });
  /** {{pct row}}: the percentage of a row in whole percents ("36%"), or "–" when suppressed. */
  hb.registerHelper('pct', (rij: unknown, o: HelperOptions) => {
    if (!isRij(rij)) throw fout(o, "'pct' verwacht een indicatorrij, bijvoorbeeld (ind \"werk\" \"totaal\" \"rik\" \"1m_na\")");
    if (rij.onderdrukt || rij.teller === null || rij.noemer === null) {
      staat.onderdrukt = true;
      return new hb.SafeString('–[^onderdrukt]');
    }
    return procent(rij.teller, rij.noemer);
  });
  /** {{aantal row}} or {{aantal n}}: a count in Dutch notation ("1.234"); for a row, its noemer. */
  hb.registerHelper('aantal', (v: unknown, o: HelperOptions) => {
    if (isRij(v)) {
      if (v.onderdrukt || v.noemer === null) {
        staat.onderdrukt = true;
        return new hb.SafeString('–[^onderdrukt]');
      }
      return getal(v.noemer);
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) throw fout(o, `'aantal' verwacht een getal, kreeg ${String(v)}`);
    return getal(v);
  });
  hb.registerHelper('moment', (m: unknown, o: HelperOptions) => {
    const t = MOMENT_TEKST[m as Moment];
    if (!t) throw fout(o, `onbekend meetmoment '${String(m)}'`);
    return t;
  });
  hb.registerHelper('groep', (g: unknown, o: HelperOptions) => {
    const t = GROEP_TEKST[g as Groep];
    if (!t) throw fout(o, `onbekende groep '${String(g)}'`);
    return t;
  });
  hb.registerHelper('datum', (d: unknown, o: HelperOptions) => {
    if (typeof d !== 'string') throw fout(o, "'datum' verwacht een datum als JJJJ-MM-DD");
    return datumTekst(d);
  });
  /** {{figuur "id"}}: the figure as a Markdown image with its caption, label and source line. */
  hb.registerHelper('figuur', (id: unknown, o: HelperOptions) => {
    const f = figuren.find((x) => x.id === id);
    if (!f) throw fout(o, `figuur '${String(id)}' bestaat niet`);
    const esc = (s: string) => s.replace(/[[\]"\\]/g, (c) => `\\${c}`);
    return new hb.SafeString(
      `![${esc(f.alt)}](../figuren/${f.id}.svg "${esc(f.titel)} {#fig:${f.id}}")\n\n*${f.bron}.*`,
    );
  });
  return hb;
}

/** Chapter templates in their order: templates/<kind>/NN-<slug>.md.hbs. */
export function chapterTemplates(dir: string): { bestand: string; pad: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d\d-[a-z0-9-]+\.md\.hbs$/.test(f))
    .sort()
    .map((f) => ({ bestand: f.replace(/\.hbs$/, ''), pad: join(dir, f) }));
}

/** Render one template file with the results. */
export function renderChapter(pad: string, r: Resultaten, figuren: readonly Figuur[], root = process.cwd()): string {
  const naam = relative(root, pad);
  const staat: HoofdstukStaat = { onderdrukt: false };
  const hb = createHandlebars(r, figuren, staat, naam);
  const bron = readFileSync(pad, 'utf8');
  let markdown: string;
  try {
    const template = hb.compile(bron, { strict: true, noEscape: true });
    markdown = template(templateContext(r, figuren));
  } catch (e) {
    if (e instanceof InputError) throw e;
    const msg = (e as Error).message;
    // Strict mode: '"x" not defined in [object Object] - 3:14'
    const strict = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(msg);
    if (strict) throw new InputError([`${naam}:${strict[2]}:${strict[3]}: waarde '${strict[1]}' bestaat niet in de resultaten`]);
    const parse = /Parse error on line (\d+):([\s\S]*)/.exec(msg);
    if (parse) throw new InputError([`${naam}:${parse[1]}: template niet te lezen:${parse[2]!.trimEnd()}`]);
    throw new InputError([`${naam}: ${msg}`]);
  }
  if (staat.onderdrukt)
    markdown =
      markdown.trimEnd() +
      `\n\n[^onderdrukt]: Een – staat voor een cijfer dat niet wordt gepubliceerd omdat het op minder dan ${r.editie.drempel} personen berust of daaruit af te leiden zou zijn (zie de bijlage over geheimhouding).\n`;
  return markdown.trimEnd() + '\n';
}

/** Render every chapter template of a folder. */
export function renderChapters(dir: string, r: Resultaten, figuren: readonly Figuur[]): Hoofdstuk[] {
  return chapterTemplates(dir).map(({ bestand, pad }) => ({ bestand, markdown: renderChapter(pad, r, figuren) }));
}
