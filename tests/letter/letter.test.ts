/**
 * The Kamerbrief on the committed synthetic data: it renders from the results, its figures are
 * those of the 6th meting within the calibration tolerance, and every figure it prints is the one
 * the monitor publishes for the same indicator row or model term (indicatoren.csv, modellen.csv,
 * built from the same results), with the monitor's rounding and words.
 *
 * How figures are compared: the letter's renderer records every figure with the indicator row or
 * model term it comes from, and can mark each in the text as ⟦n|…⟧. A test takes the marked
 * letter, recomputes each figure from the monitor's published CSV, and checks that no number or
 * fraction word is left in the text outside a marking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { parseerEditie } from '../../src/edition/edition.ts';
import { indicatorenCsv } from '../../src/indicators/write.ts';
import { modellenCsv } from '../../src/models/write.ts';
import type { Resultaten } from '../../src/results/results.ts';
import { resultaten6 } from '../results/gepubliceerd.ts';
import { renderLetter, zonderMarkering, type BriefCijfer, type IndicatorVerwijzing } from '../../src/letter/render.ts';
import { briefHtml } from '../../src/letter/document.ts';
import { briefPdfNaam } from '../../src/pipeline/brief.ts';
import { getal, procent, procentGetal } from '../../src/text/format.ts';
import { breuk, ratioRichting, verandering, veranderingTekst } from '../../src/text/wording.ts';
import { printPdf } from '../../src/pdf/print.ts';
import { resolveBrowser } from '../../src/pdf/browser.ts';
import { InputError } from '../../src/util/errors.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPLATES = new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates'));
// The results as the build uses them: read back from the committed published files.
const r: Resultaten = await resultaten6();
const { editie } = r;

const brief = renderLetter(TEMPLATES, r, { root: ROOT });
const gemarkeerd = renderLetter(TEMPLATES, r, { root: ROOT, markeer: true });

/** The monitor's published tables, as the build writes them. */
function csv(text: string): Record<string, string>[] {
  const [kop, ...regels] = text.trimEnd().split('\n');
  const k = kop!.split(',');
  return regels.map((l) => Object.fromEntries(l.split(',').map((v, i) => [k[i]!, v])));
}
const gepubliceerd = csv(indicatorenCsv(r.indicatoren.rijen));
const modellenRijen = csv(modellenCsv(r.modellen));

function monitorRij(v: IndicatorVerwijzing): { teller: number; noemer: number } {
  const rij = gepubliceerd.find((c) => c.indicator === v.indicator && c.cohort === v.cohort && c.groep === v.groep && c.moment === v.moment);
  assert.ok(rij, `indicatoren.csv has ${v.indicator}/${v.cohort}/${v.groep}/${v.moment}`);
  assert.equal(rij.onderdrukt, '0', `${v.indicator}/${v.cohort}/${v.groep}/${v.moment} is published`);
  return { teller: Number(rij.teller), noemer: Number(rij.noemer) };
}
function monitorTerm(model: string, term: string): { laag: number; hoog: number } {
  const rij = modellenRijen.find((c) => c.model === model && c.term === term);
  assert.ok(rij, `modellen.csv has ${model} ${term}`);
  return { laag: Number(rij.ci_laag), hoog: Number(rij.ci_hoog) };
}

/** The figure as the monitor's table gives it, in the form the letter printed it. */
function volgensMonitor(c: BriefCijfer): string {
  switch (c.soort) {
    case 'pct': {
      const m = monitorRij(c.rij);
      return procent(m.teller, m.noemer);
    }
    case 'breuk': {
      const m = monitorRij(c.rij);
      return breuk(m.teller, m.noemer);
    }
    case 'aantal':
      return getal(monitorRij(c.rij).noemer);
    case 'richting':
      return verandering(monitorRij(c.van), monitorRij(c.naar)).richting;
    case 'verandering':
      return veranderingTekst(monitorRij(c.van), monitorRij(c.naar), c.vorm);
    case 'hrrichting': {
      const t = monitorTerm(c.model, c.term);
      return ratioRichting(t.laag, t.hoog);
    }
    case 'kans': {
      const t = monitorTerm(c.model, c.term);
      return { groter: 'een grotere', kleiner: 'een kleinere', gelijk: 'geen aantoonbaar andere' }[ratioRichting(t.laag, t.hoog)];
    }
    case 'hr':
    case 'hrbi':
      return c.tekst; // not used by the letter; covered by the models' own tests
  }
}

/** The recorded figure of one indicator row printed in a form. */
function figuur(soort: 'pct' | 'breuk', indicator: string, cohort: string, groep: string, moment: string): string {
  const c = brief.cijfers.find(
    (f) => f.soort === soort && f.rij.indicator === indicator && f.rij.cohort === cohort && f.rij.groep === groep && f.rij.moment === moment,
  );
  assert.ok(c, `the letter prints ${soort} of ${indicator}/${cohort}/${groep}/${moment}`);
  return c.tekst;
}
function procentIn(tekst: string): number {
  const m = /^(\d+)%$/.exec(tekst);
  assert.ok(m, `'${tekst}' is a whole percentage`);
  return Number(m[1]);
}
function near(tekst: string, doel: number, tol: number, wat: string) {
  const p = procentIn(tekst);
  assert.ok(Math.abs(p - doel) <= tol, `${wat}: ${p}% (published ${doel}% ± ${tol})`);
}

test('the letter renders from the results: sections, subsections, references as footnotes', () => {
  const md = brief.markdown;
  for (const kop of ['## Inleiding', '## Samenvatting 6e monitor nazorg', '### Doelgroep', '### Stand van zaken basisvoorwaarden', '## Beleidsreactie', '## Tot slot'])
    assert.ok(md.includes(`\n${kop}\n`), `has ${kop}`);
  assert.ok(md.indexOf('## Beleidsreactie') > md.indexOf('### Stand van zaken'), 'the policy response follows the summary');
  for (const [k, tekst] of Object.entries(editie.brief.referenties)) {
    if (md.includes(`[^${k}]`)) assert.ok(md.includes(`\n[^${k}]: ${tekst}\n`), `footnote ${k} cites the edition's reference`);
  }
  assert.match(md, /\[\^bestuurlijk_akkoord\]: Kamerstukken 29 279 en 24 587, nr\. 603/);
  assert.match(md, /2013, 2014, 2015 en 2016/);
  assert.ok(brief.cijfers.length >= 20, `${brief.cijfers.length} figures recorded`);
});

test('the summary\'s figures are those of the 6th meting within the calibration tolerance', () => {
  near(figuur('pct', 'geen_inkomen', 'totaal', 'rik', '1m_na'), 36, 2, 'geen inkomen');
  assert.equal(figuur('breuk', 'geen_startkwalificatie', 'totaal', 'rik', 'uitstroom'), 'twee derde');
  near(figuur('pct', 'niet_ingeschreven', 'totaal', 'rik', '1m_na'), 22, 2, 'niet ingeschreven');
  near(figuur('pct', 'wanbetaler_jaar_na', 'totaal', 'rik', '12m_na'), 26, 2, 'wanbetaler');
  near(figuur('pct', 'id_geen_geldig', 'totaal', 'rik', 'uitstroom'), 15, 2, 'geen geldig ID van wie het bekend is');
  near(figuur('pct', 'id_onbekend', '2013', 'rik', 'uitstroom'), 25, 4, 'ID onbekend 2013');
  near(figuur('pct', 'id_onbekend', '2016', 'rik', 'uitstroom'), 50, 4, 'ID onbekend 2016');
  near(figuur('pct', 'baan_behouden', 'totaal', 'kv', '1m_voor-1m_na'), 77, 4, 'baan behouden kv');
  near(figuur('pct', 'baan_behouden', 'totaal', 'rik', '1m_voor-1m_na'), 60, 3, 'baan behouden rik');
  near(figuur('pct', 'baan_gevonden', 'totaal', 'rik', '1m_voor-1m_na'), 5, 1.5, 'baan gevonden');
  assert.equal(figuur('breuk', 'recidive_2j', 'totaal', 'rik', '24m_na'), 'de helft');
  near(figuur('pct', 'recidive_2j', '2016', 'rik', '24m_na'), 49, 2.5, 'recidive cohort 2016');
  assert.match(brief.markdown, /Van een groot en groeiend deel/, 'the unknown share grows');
  assert.match(brief.markdown, /verlaat al jaren zo'n \d+% de gevangenis/, 'the share without a valid ID is stable');
});

test('every figure in the letter equals the monitor\'s figure for the same indicator row or model term', () => {
  for (const c of gemarkeerd.cijfers) assert.equal(c.tekst, volgensMonitor(c), `${JSON.stringify(c)}`);
  // The same rounding as the monitor: from the counts, half up (36,5% is 37%, not 36%).
  assert.equal(procentGetal(73, 200), 37);
});

test('the marked letter is the letter, and no figure reaches the text outside the helpers', () => {
  assert.equal(zonderMarkering(gemarkeerd.markdown), brief.markdown);
  assert.deepEqual(gemarkeerd.cijfers, brief.cijfers);
  const zonderCijfers = gemarkeerd.markdown.replace(/⟦\d+\|[^⟧]*⟧/g, '⟦⟧');
  const verboden = [/\d\s*%/, /\d\s*procent/, /\b(een|twee|drie|vier|zeven|negen) (derde|kwart|tiende|achtste|zesde|vijfde|op de (tien|vijf))\b/i, /\b(de|bijna de|ruim de) helft\b/i];
  for (const v of verboden) assert.doesNotMatch(zonderCijfers, v, `a figure outside a helper: ${v}`);
  for (const f of TEMPLATES.bestanden('kamerbrief')) {
    const bron = readFileSync(TEMPLATES.pad(`kamerbrief/${f}`), 'utf8').replace(/\{\{!--[\s\S]*?--\}\}/g, '');
    assert.doesNotMatch(bron, /\d\s*%/, `${f} types no percentage`);
  }
  // Each marking is one recorded figure, in order.
  const nummers = [...gemarkeerd.markdown.matchAll(/⟦(\d+)\|/g)].map((m) => Number(m[1]));
  assert.deepEqual(nummers, [...nummers].sort((a, b) => a - b));
});

test('a template error names the template file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kamerbrief-tpl-'));
  mkdirSync(join(dir, 'kamerbrief'));
  writeFileSync(join(dir, 'kamerbrief', 'beleidsreactie.md.hbs'), '## Beleidsreactie\n\nTekst.{{noot "bestaat_niet"}}\n');
  writeFileSync(join(dir, 'kamerbrief', 'kamerbrief.md.hbs'), '# Brief\n\n{{{beleidsreactie}}}\n');
  assert.throws(() => renderLetter(new Sjablonen(dir), r, { root: dir }), (e: unknown) =>
    e instanceof InputError && /beleidsreactie\.md\.hbs:3: referentie 'bestaat_niet' staat niet in brief\.referenties/.test(e.message));
  writeFileSync(join(dir, 'kamerbrief', 'beleidsreactie.md.hbs'), 'Tekst {{pct (ind "bestaat_niet" "totaal" "rik" "1m_na")}}.\n');
  assert.throws(() => renderLetter(new Sjablonen(dir), r, { root: dir }), (e: unknown) =>
    e instanceof InputError && /beleidsreactie\.md\.hbs:1: indicator 'bestaat_niet'/.test(e.message));
  writeFileSync(join(dir, 'kamerbrief', 'beleidsreactie.md.hbs'), 'Tekst {{onbekend}}.\n');
  assert.throws(() => renderLetter(new Sjablonen(dir), r, { root: dir }), (e: unknown) =>
    e instanceof InputError && /beleidsreactie\.md\.hbs:1:\d+: waarde 'onbekend' bestaat niet/.test(e.message));
});

test('authored footnotes and references are numbered in the order of the text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kamerbrief-tpl-'));
  mkdirSync(join(dir, 'kamerbrief'));
  writeFileSync(join(dir, 'kamerbrief', 'beleidsreactie.md.hbs'), '## Slot\n\nB.{{noot "bestuurlijk_akkoord"}} C.{{#voetnoot "eigen"}}Een eigen\nnoot.{{/voetnoot}} ({{ref "monitor_recidive"}})\n');
  writeFileSync(join(dir, 'kamerbrief', 'kamerbrief.md.hbs'), '# Brief\n\n## Inleiding\n\nA.{{noot "monitor_recidive"}}\n\n{{{beleidsreactie}}}\n');
  const md = renderLetter(new Sjablonen(dir), r, { root: dir }).markdown;
  assert.match(md, /\[\^monitor_recidive\]: Kamerstuk 29 270, nr\. 139\n\[\^bestuurlijk_akkoord\]: .*\n\[\^eigen\]: Een eigen noot\.\n$/);
  assert.match(md, /\(Kamerstuk 29 270, nr\. 139\)/);
});

test('the edition\'s references are validated strictly', () => {
  const json = JSON.parse(readFileSync(join(ROOT, 'editions', '6e-meting', 'editie.json'), 'utf8'));
  json.brief.referenties = { 'Geen Sleutel': 'x' };
  assert.throws(() => parseerEditie(json, 'e.json'), (e: unknown) => e instanceof InputError && /brief\.referenties/.test(e.message));
  json.brief.referenties = {};
  json.brief.onbekend = 'x';
  assert.throws(() => parseerEditie(json, 'e.json'), (e: unknown) => e instanceof InputError && /e\.json/.test(e.message));
});

test('the PDF looks like a kamerstuk: header from the edition, the figures, the signature, then the notes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kamerbrief-pdf-'));
  mkdirSync(join(dir, 'kamerbrief'), { recursive: true });
  const browser = await resolveBrowser({ log: () => {} });
  const outFile = join(dir, 'pdf', briefPdfNaam(editie));
  mkdirSync(join(dir, 'pdf'));
  const p = await printPdf({
    html: briefHtml(dir, r, brief.markdown),
    outFile,
    baseDir: join(dir, 'kamerbrief'),
    allowedRoots: [dir, ROOT],
    executablePath: browser.executablePath,
    onWarning: () => {},
  });
  assert.ok(p.pages >= 2 && p.pages <= 5, `${p.pages} pages`);
  const tekst = execFileSync('pdftotext', [outFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const s of ['Tweede Kamer der Staten-Generaal', 'Vergaderjaar 2020–2021', '24 587', 'Nr. 796', 'BRIEF VAN DE MINISTER VOOR RECHTSBESCHERMING', 'Den Haag, 8 maart 2021', '1. Inleiding', 'a. Doelgroep'])
    assert.ok(tekst.includes(s), `the PDF shows '${s}'`);
  const geenInkomen = figuur('pct', 'geen_inkomen', 'totaal', 'rik', '1m_na');
  assert.ok(tekst.includes(`heeft ${geenInkomen} van hen geen geregistreerd inkomen`));
  const handtekening = tekst.indexOf('De Minister voor Rechtsbescherming, S. Dekker');
  assert.ok(handtekening > 0 && tekst.indexOf('Kamerstukken 29 279 en 24 587, nr. 603') > handtekening, 'notes after the signature');
});
