/**
 * Everything follows the edition: for every subset of the basisvoorwaarden a real edition could
 * measure, a build on small generated data mentions a basisvoorwaarde it leaves out nowhere,
 * except in the one sentence that names it as not measured (in the methods and in the letter),
 * and in its English counterpart in the Summary.
 *
 * The edition that measures all five is the committed 6th meting: its build of the committed data
 * is the shared one (tests/helpers/gedeeld.ts, gedeeldeBouw), only read here. Each other subset
 * is built from extracts generated without what it leaves out; the tests that a build on such
 * data stops for an edition that needs it read those same extracts (the build only reads them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateExtracts } from '../../src/synth/generate.ts';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { parseerEditie } from '../../src/edition/edition.ts';
import { type Basisvoorwaarde } from '../../src/vocabulary/lists.ts';
import { nietGemetenZin, notMeasuredSentence } from '../../src/chapters/context.ts';
import { GEDEELDE_CACHE, gedeeldeBouw } from '../helpers/gedeeld.ts';

const werk = mkdtempSync(join(tmpdir(), 'monitor-edities-'));
const basis = JSON.parse(readFileSync(join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), 'utf8')) as Record<string, unknown>;

/** What gives a left-out basisvoorwaarde away in text, tables, charts and their specs (also in the English Summary). */
const SPOREN: Partial<Record<Basisvoorwaarde, RegExp>> = {
  id: /identiteitsbewijs|\bID\b|ID-|DPAN|\bid_(geen_geldig|onbekend|verkregen|bij_)|"id:|km-id\b|\bid:(geldig|ongeldig|onbekend)|[Ii]dentity document/,
  zorg: /(?<![Nn]a)zorg\b|\bggz\b|verslaving|zorg_(ggz|verslavingszorg)|\bcare\b|mental health|addiction/i,
};

const SUBSETS: { naam: string; zonder: ('id' | 'zorg')[]; pdf?: boolean }[] = [
  // The committed edition, which measures all five, on the committed data: the shared build.
  { naam: 'all five', zonder: [] },
  // This one is printed too: the PDFs' text (cover, colophon, contents, chapters, letter) is checked as well.
  { naam: 'without ID and care', zonder: ['id', 'zorg'], pdf: true },
  { naam: 'without care', zonder: ['zorg'] },
  { naam: 'without ID', zonder: ['id'] },
];

/** Every text file of a build, by path. */
function teksten(dir: string, rel = ''): Map<string, string> {
  const uit = new Map<string, string>();
  for (const naam of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const pad = rel ? `${rel}/${naam.name}` : naam.name;
    if (naam.isDirectory()) for (const [k, v] of teksten(dir, pad)) uit.set(k, v);
    else if (/\.(md|svg|json|csv)$/.test(naam.name)) uit.set(pad, readFileSync(join(dir, pad), 'utf8'));
  }
  return uit;
}

/** Extracts generated without `zonder` (made once, then only read). */
const gegenereerd = new Map<string, Promise<string>>();
function extracten(zonder: readonly ('id' | 'zorg')[]): Promise<string> {
  const sleutel = zonder.join('+');
  let data = gegenereerd.get(sleutel);
  if (!data) {
    const dir = join(mkdtempSync(join(werk, 'data-')), 'data');
    data = generateExtracts({ scale: 0.02, seed: 11, out: dir, peildatum: '2019-06-30', format: 'csv.gz', zonder: [...zonder] }).then(() => dir);
    gegenereerd.set(sleutel, data);
  }
  return data;
}

/** A build of an edition measuring all but `zonder`: its output folder and its edition file. */
async function bouw(zonder: ('id' | 'zorg')[], pdf: boolean): Promise<{ out: string; editieBestand: string }> {
  if (zonder.length === 0) {
    const gedeeld = await gedeeldeBouw('6e-meting');
    return { out: gedeeld.out, editieBestand: gedeeld.edition };
  }
  const map = mkdtempSync(join(werk, 'editie-'));
  const data = await extracten(zonder);
  const basisvoorwaarden = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg'].filter((b) => !(zonder as string[]).includes(b));
  const niet_gemeten = Object.fromEntries(zonder.map((b) => [b, 'er geen of onvoldoende gegevens waren']));
  const editieBestand = join(map, 'editie-test.json');
  writeFileSync(editieBestand, JSON.stringify({ ...basis, cohorten: [2014, 2015], basisvoorwaarden, niet_gemeten }));
  const out = join(map, 'out', '6e-meting');
  // Not a test of the cache: the results of steps 1–4 and the figures come from the CLI's cache
  // when an earlier run built the same generated extracts with the same code.
  await buildReport({ data, out, edition: editieBestand, pdf, cache: GEDEELDE_CACHE }, { log: () => {}, now: () => 0 });
  return { out, editieBestand };
}

for (const s of SUBSETS) {
  test(`an edition ${s.naam}: no chapter, figure, table or letter mentions what it leaves out, except the sentence that names it`, async () => {
    const { out, editieBestand } = await bouw(s.zonder, s.pdf ?? false);
    const editie = parseerEditie(JSON.parse(readFileSync(editieBestand, 'utf8')), editieBestand);

    const bestanden = teksten(out);
    if (s.pdf)
      for (const f of readdirSync(join(out, 'pdf')).filter((f) => f.endsWith('.pdf')))
        // pdftotext wraps lines; one line per paragraph-free run of words keeps the sentence whole.
        bestanden.set(`pdf/${f}.txt`, execFileSync('pdftotext', [join(out, 'pdf', f), '-'], { encoding: 'utf8' }).replace(/-\n(?=[a-z])/g, '-').replace(/\s+/g, ' '));
    const zin = nietGemetenZin(editie);
    const sentence = notMeasuredSentence(editie);
    if (s.zonder.length === 0) assert.equal(zin, '');
    else {
      // Named once in the methods chapter and once in the letter, nowhere else; in English once, in the Summary.
      const waar = [...bestanden].filter(([p, t]) => !p.startsWith('pdf/') && t.includes(zin)).map(([p]) => p);
      assert.deepEqual(waar.sort(), ['kamerbrief/kamerbrief.md', hoofdstuk(bestanden, 'methoden')]);
      for (const p of waar) assert.equal(bestanden.get(p)!.split(zin).length, 2, `${p} names it once`);
      const where = [...bestanden].filter(([p, t]) => !p.startsWith('pdf/') && t.includes(sentence)).map(([p]) => p);
      assert.deepEqual(where, [hoofdstuk(bestanden, 'summary')]);
      assert.equal(bestanden.get(hoofdstuk(bestanden, 'summary'))!.split(sentence).length, 2, 'the Summary names it once');
    }
    for (const b of s.zonder) {
      const spoor = SPOREN[b]!;
      for (const [pad, tekst] of bestanden) {
        if (pad === 'manifest.json' || pad === 'data/onderdrukking.csv') continue;
        // In the PDFs' text the sentence may be hyphenated or run over lines: take it out word by word.
        const regex = (z: string) => new RegExp(z.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s-]*'), 'g');
        const zonderZin = zin ? tekst.replace(regex(zin), '').replace(regex(sentence), '') : tekst;
        const regel = zonderZin.split('\n').find((r) => spoor.test(r));
        assert.equal(regel, undefined, `${pad} mentions ${b}: ${regel?.slice(0, 200)}`);
      }
    }
    // What the edition measures is there.
    const alles = [...bestanden.values()].join('\n');
    if (!s.zonder.includes('id')) assert.match(alles, /identiteitsbewijs/);
    if (!s.zonder.includes('zorg')) assert.match(alles, /verslavingszorg/);
    assert.match(bestanden.get(hoofdstuk(bestanden, 'basisvoorwaarden'))!, /## [\d.]+ Werk, inkomen en opleiding/);
  });
}

/** The output path of a chapter by its slug: files are numbered by position (`monitor/05-methoden.md`). */
function hoofdstuk(bestanden: ReadonlyMap<string, string>, slug: string): string {
  const pad = [...bestanden.keys()].find((p) => new RegExp(`^monitor/\\d\\d-${slug}\\.md$`).test(p));
  assert.ok(pad, `geen hoofdstuk ${slug}`);
  return pad;
}

test('the committed 7th meting names ID and care only in the sentence that says they were not measured, its own policy response included', async () => {
  const { leesEditie } = await import('../../src/edition/edition.ts');
  const editie = await leesEditie(join(PROJECT_ROOT, 'editions', '7e-meting', 'editie.json'));
  const zin = nietGemetenZin(editie);
  const sentence = notMeasuredSentence(editie);
  const bestanden = teksten(join(PROJECT_ROOT, 'out', '7e-meting'));
  for (const b of ['id', 'zorg'] as const)
    for (const [pad, tekst] of bestanden) {
      if (pad === 'manifest.json' || pad === 'data/onderdrukking.csv' || pad.startsWith('pdf/')) continue;
      const regel = tekst.split(zin).join('').split(sentence).join('').split('\n').find((r) => SPOREN[b]!.test(r));
      assert.equal(regel, undefined, `${pad} mentions ${b}: ${regel?.slice(0, 200)}`);
    }
});

test('an edition that needs care on data without a zorg extract stops, naming the edition and the basisvoorwaarde', async () => {
  const map = mkdtempSync(join(werk, 'editie-'));
  // The extracts the subset without care is built from: any extracts without a zorg extract will do.
  const data = await extracten(['zorg']);
  await assert.rejects(
    buildReport({ data, out: join(map, 'out', '6e-meting'), edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), pdf: false }, { log: () => {}, now: () => 0 }),
    (e: unknown) => /extract 'zorg' ontbreekt, maar de editie 6e-meting meet de basisvoorwaarde zorg/.test(String((e as Error).message)),
  );
});

test('an edition that measures ID on data without ID columns stops with the missing column named', async () => {
  const map = mkdtempSync(join(werk, 'editie-'));
  // The extracts the subset without ID is built from: any extracts without ID columns will do.
  const data = await extracten(['id']);
  await assert.rejects(
    buildReport({ data, out: join(map, 'out', '6e-meting'), edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), pdf: false }, { log: () => {}, now: () => 0 }),
    (e: unknown) => /detenties[^\n]*id_bij_instroom/.test(String((e as Error).message)),
  );
});

test('an edition template that replaces no shared template (a typo in its path) stops the build, named', async () => {
  const map = mkdtempSync(join(werk, 'editie-'));
  const editie = join(map, 'editions', '6e-meting');
  const { cpSync, mkdirSync } = await import('node:fs');
  cpSync(join(PROJECT_ROOT, 'editions', '6e-meting'), editie, { recursive: true });
  mkdirSync(join(editie, 'templates', 'kamerbrief'), { recursive: true });
  writeFileSync(join(editie, 'templates', 'kamerbrief', 'beleidsreacite.md.hbs'), '## Beleidsreactie\n');
  await assert.rejects(
    buildReport({ data: join(PROJECT_ROOT, 'data', '6e-meting'), out: join(map, 'out', '6e-meting'), edition: join(editie, 'editie.json'), pdf: false }, { log: () => {}, now: () => 0 }),
    (e: unknown) => /beleidsreacite\.md\.hbs: dit sjabloon vervangt niets, want er is geen gedeeld sjabloon kamerbrief\/beleidsreacite\.md\.hbs/.test(String((e as Error).message)),
  );
});

test('extracts of another meting are refused with the reason: the 7th meting on the 6th meting\'s data', async () => {
  const map = mkdtempSync(join(werk, 'editie-'));
  await assert.rejects(
    buildReport(
      { data: join(PROJECT_ROOT, 'data', '6e-meting'), out: join(map, 'out', '7e-meting'), edition: join(PROJECT_ROOT, 'editions', '7e-meting', 'editie.json'), pdf: false },
      { log: () => {}, now: () => 0 },
    ),
    (e: unknown) => /extractie\.json: peildatum 2019-06-30 ligt voor 2021-12-31, het einde van twee jaar na uitstroom van cohort 2019 van de editie 7e-meting/.test(String((e as Error).message)),
  );
});
