/**
 * Honest labels (src/results/synthetisch.ts) and no internal names in reader text.
 *
 * Two builds of the 6th meting with PDFs, shared by every test here: one as committed (bron
 * 'synthetisch'), one from the committed results (--from-results) whose results say they come
 * from a real source ("CBS-microdata (testlabel)"). Every product of the first carries the
 * synthetic-data label; nothing of the second mentions synthetic data. And in the reader-facing
 * text of every product (the chapters but the data appendix, the letter, the PDFs' text) no
 * indicator code, no file name and no path.
 *
 * The first is the shared build of the committed data with PDFs (tests/helpers/gedeeld.ts,
 * gedeeldeBouw), only read here: it is what `npm run report` makes of the committed edition, and
 * a build from the committed results makes the same products (tests/pipeline/stages.test.ts),
 * but for the build identity in the colophon, which no check here reads.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/report.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { alleIndicatoren } from '../../src/indicators/definitions.ts';
import { MOMENTEN } from '../../src/vocabulary/lists.ts';
import { MODELLEN } from '../../src/models/frames.ts';
import { RESULTAAT_BESTANDEN } from '../../src/results/lezen.ts';
import { synthetischLabel } from '../../src/results/synthetisch.ts';
import { renderGfm } from '../review/gfm.ts';
import { io } from '../helpers/io.ts';
import { gedeeldeBouw } from '../helpers/gedeeld.ts';

const SLUG = '6e-meting';
const ECHT = 'CBS-microdata (testlabel)';
const label = synthetischLabel('synthetisch')!;
const werk = mkdtempSync(join(tmpdir(), 'monitor-labels-'));

/** A results folder from the committed out/, its extracts described as coming from `bron`. */
function resultaten(naam: string, bron: string): string {
  const map = join(werk, naam, SLUG);
  mkdirSync(join(map, 'data'), { recursive: true });
  for (const f of Object.keys(RESULTAAT_BESTANDEN)) cpSync(join(PROJECT_ROOT, 'out', SLUG, 'data', f), join(map, 'data', f));
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'out', SLUG, 'manifest.json'), 'utf8'));
  manifest.invoer.extractie.bron = bron;
  // A real source comes with its own description (the committed one speaks of synthetic extracts).
  if (bron !== 'synthetisch') manifest.invoer.extractie.omschrijving = 'Koppeling van registraties in de beveiligde omgeving (testomschrijving).';
  writeFileSync(join(map, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return join(werk, naam);
}

interface Producten {
  dir: string;
  hoofdstukken: Map<string, string>;
  brief: string;
  briefPdf: string[];
  monitorPdf: string[];
  docx: { document: string; headers: string[] };
  readme: string;
  figuren: { id: string; svg: string; bron: string }[];
}

function lees(dir: string): Producten {
  const ed = join(dir, SLUG);
  const pdfs = readdirSync(join(ed, 'pdf'));
  const pdfTekst = (naam: string) => execFileSync('pdftotext', ['-layout', join(ed, 'pdf', naam), '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  const docx = join(ed, 'pdf', pdfs.find((f) => f.endsWith('.docx'))!);
  const delen = execFileSync('unzip', ['-Z1', docx], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const deel = (naam: string) => execFileSync('unzip', ['-p', docx, naam], { encoding: 'utf8' });
  const ids = readdirSync(join(ed, 'figuren')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4));
  return {
    dir: ed,
    hoofdstukken: new Map(readdirSync(join(ed, 'monitor')).map((f) => [f, readFileSync(join(ed, 'monitor', f), 'utf8')])),
    brief: readFileSync(join(ed, 'kamerbrief', 'kamerbrief.md'), 'utf8'),
    briefPdf: pdfTekst(pdfs.find((f) => f.startsWith('kamerbrief') && f.endsWith('.pdf'))!),
    monitorPdf: pdfTekst(pdfs.find((f) => f.startsWith('monitor') && f.endsWith('.pdf'))!),
    docx: { document: deel('word/document.xml'), headers: delen.filter((d) => /^word\/header\d*\.xml$/.test(d)).map(deel) },
    readme: readFileSync(join(ed, 'data', 'README.md'), 'utf8'),
    figuren: ids.map((id) => ({
      id,
      svg: readFileSync(join(ed, 'figuren', `${id}.svg`), 'utf8'),
      bron: (JSON.parse(readFileSync(join(ed, 'figuren', `${id}.vl.json`), 'utf8')) as { usermeta: { bron: string } }).usermeta.bron,
    })),
  };
}

/**
 * A build from the results labelled `bron`, with the CLI's own cache: a figure is cached by its
 * spec, which carries the label (usermeta.bron), so a figure cached from the synthetic build
 * cannot stand in for this one, and the checks below would say so if it did.
 */
async function bouw(naam: string, bron: string): Promise<Producten> {
  const out = join(werk, `${naam}-uit`);
  const r = io();
  assert.equal(await main(['--from-results', resultaten(naam, bron), '--edition', SLUG, '--out', out], r), 0, r.err);
  return lees(out);
}

/** Whitespace and the line breaks of a PDF's text made single spaces; hyphenation undone. */
const plat = (s: string) => s.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ').trim();

/** What a reader sees of a committed Markdown file: its text as rendered, without link targets or tags. */
function leesbaar(markdown: string): string {
  return renderGfm(markdown)
    .html.replace(/<code>([^<]*)<\/code>/g, '`$1`')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x26;|&amp;/g, '&')
    .replace(/&#x3C;|&lt;/g, '<');
}

/** Indicator codes (from the definitions), model and moment codes that no Dutch word spells. */
const CODES = [...alleIndicatoren().map((d) => d.naam), ...MODELLEN, ...MOMENTEN];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const OPVALLEND = new RegExp(`(?<![\\p{L}\\d_])(${CODES.filter((c) => /[_\d]/.test(c)).map(esc).join('|')})(?![\\p{L}\\d_])`, 'u');
const ALS_CODE = new RegExp(`\`(${CODES.map(esc).join('|')})\``);

/** Internal names in reader text: a code, a .csv/.json file name, a path with a slash (web addresses aside). */
export function interneNamen(tekst: string): string[] {
  const zonderUrls = tekst.replace(/https?:\/\/\S+/g, ' ');
  const vondsten: string[] = [];
  for (const regel of zonderUrls.split('\n')) {
    const m = OPVALLEND.exec(regel) ?? ALS_CODE.exec(regel) ?? /[\p{L}\d_-]+\.(csv|json)\b/u.exec(regel) ?? /(?<![\p{L}\d])[\p{L}_.-]*\p{L}[\p{L}\d_.-]*\/[\p{L}\d_.-]*\p{L}[\p{L}\d_.-]*/u.exec(regel);
    if (m) vondsten.push(`${m[0]}  ←  ${regel.trim().slice(0, 160)}`);
  }
  return vondsten;
}

describe('the synthetic-data label and internal names, on every product', () => {
  let synth: Producten;
  let echt: Producten;
  before(async () => {
    synth = lees(dirname((await gedeeldeBouw(SLUG)).out));
    echt = await bouw('echt', ECHT);
  });
  after(() => rmSync(werk, { recursive: true, force: true }));

  describe('bron synthetisch: every product says so', () => {
    it('every committed chapter opens with the label', () => {
      for (const [f, md] of synth.hoofdstukken) assert.ok(md.startsWith(`> **${label.kop}.**\n`), f);
    });
    it('the letter in Markdown opens with the label, before anything else', () => {
      assert.ok(synth.brief.startsWith(`> **${label.kop}.**\n> Dit is geen kamerstuk.\n`), synth.brief.slice(0, 200));
    });
    it('the letter in print: the band on page 1, the label at the head and foot of every page', () => {
      assert.ok(synth.briefPdf.length >= 2, 'a letter of more than one page');
      assert.ok(plat(synth.briefPdf[0]!).includes(plat(label.brief)), plat(synth.briefPdf[0]!).slice(0, 600));
      synth.briefPdf.forEach((pagina, i) => {
        assert.ok(plat(pagina).includes(label.kop.toUpperCase()), `page ${i + 1}: no label at the head`);
        assert.ok(plat(pagina).includes(label.regel), `page ${i + 1}: no label at the foot`);
      });
      // The band comes before the parliamentary header.
      const eerste = plat(synth.briefPdf[0]!);
      assert.ok(eerste.indexOf(label.brief.slice(0, 30)) < eerste.indexOf('Tweede Kamer der Staten-Generaal'));
    });
    it('the letter in Word: the label in the header of every page', () => {
      assert.equal(synth.docx.headers.length, 1);
      assert.ok(plat(synth.docx.headers[0]!.replace(/<[^>]+>/g, '')).includes(label.brief));
      assert.match(synth.docx.document, /<w:headerReference w:type="default"/);
      assert.doesNotMatch(synth.docx.document, /Dit is geen kamerstuk/, 'in the header, not in the text of the letter');
    });
    it('the monitor in print: the label on the cover', () => {
      assert.ok(plat(synth.monitorPdf[0]!).includes(plat(label.tekst)), plat(synth.monitorPdf[0]!));
    });
    it('the data README opens with the label', () => {
      assert.ok(synth.readme.startsWith(`> **${label.kop}.**\n`));
    });
    it("every chart: its source line says so, and the chart itself carries the label", () => {
      assert.ok(synth.figuren.length > 20);
      for (const f of synth.figuren) {
        assert.ok(f.bron.includes(label.bronToevoeging), `${f.id}: ${f.bron}`);
        assert.ok(f.svg.includes(`>${label.kop}</text>`), `${f.id}.svg`);
      }
    });
  });

  describe(`bron '${ECHT}': nothing says synthetic`, () => {
    it('no product mentions synthetic data or carries the label', () => {
      const teksten: [string, string][] = [
        ...[...echt.hoofdstukken].map(([f, md]): [string, string] => [`monitor/${f}`, md]),
        ['kamerbrief.md', echt.brief],
        ['kamerbrief pdf', echt.briefPdf.join('\n')],
        ['monitor pdf', echt.monitorPdf.join('\n')],
        ['docx', [echt.docx.document, ...echt.docx.headers].join('\n')],
        ['data/README.md', echt.readme],
        ...echt.figuren.flatMap((f): [string, string][] => [[`${f.id}.svg`, f.svg], [`${f.id} bron`, f.bron]]),
      ];
      for (const [waar, tekst] of teksten) {
        assert.doesNotMatch(tekst, /synthetisch|proefversie/i, waar);
        assert.ok(!tekst.includes(label.kop) && !plat(tekst).includes(label.kop.toUpperCase()), waar);
      }
      assert.equal(echt.docx.headers.length, 0);
      assert.ok(echt.readme.includes(`bron: ${ECHT}`));
    });
  });

  describe('no internal names in reader text', () => {
    it('the scan finds what it looks for', () => {
      assert.deepEqual(interneNamen('Geen geldig ID (`id_geen_geldig`) en het samengaan (samen_id_adres).').length, 1);
      assert.equal(interneNamen('Zie data/modellen.csv.').length, 1);
      assert.equal(interneNamen('Het manifest.json legt het vast.').length, 1);
      assert.equal(interneNamen('de cijfers in `werk`').length, 1);
      assert.deepEqual(interneNamen('Werk en een uitkering, 2019/20, zie https://www.wodc.nl/a/b.'), []);
    });
    it('the chapters but the data appendix, the letter and the PDFs name no code, file or path', () => {
      const bijlage = [...synth.hoofdstukken.keys()].filter((f) => f.endsWith('-bijlage-bestanden.md'));
      assert.equal(bijlage.length, 1, 'the data appendix exists');
      // The monitor's pages from the data appendix on (it is the last) document the files.
      const start = synth.monitorPdf.findIndex((p, i) => i > 2 && /^\s*Bijlage \d+\s+Gegevensbestanden\s*$/m.test(p));
      assert.ok(start > 0, 'the data appendix in the print');
      const vondsten = [
        ...[...synth.hoofdstukken].filter(([f]) => !bijlage.includes(f)).flatMap(([f, md]) => interneNamen(leesbaar(md)).map((v) => `monitor/${f}: ${v}`)),
        ...interneNamen(leesbaar(synth.brief)).map((v) => `kamerbrief.md: ${v}`),
        ...interneNamen(synth.briefPdf.join('\n')).map((v) => `kamerbrief pdf: ${v}`),
        ...interneNamen(synth.monitorPdf.slice(0, start).join('\n')).map((v) => `monitor pdf: ${v}`),
      ];
      assert.deepEqual(vondsten, []);
    });
  });
});
