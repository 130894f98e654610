/**
 * Everything follows the edition: for every subset of the basisvoorwaarden a real edition could
 * measure, a build on small generated data mentions a basisvoorwaarde it leaves out nowhere,
 * except in the one sentence that names it as not measured (in the methods and in the letter),
 * and in its English counterpart in the Summary.
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

const werk = mkdtempSync(join(tmpdir(), 'monitor-edities-'));
const basis = JSON.parse(readFileSync(join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), 'utf8')) as Record<string, unknown>;

/** What gives a left-out basisvoorwaarde away in text, tables, charts and their specs (also in the English Summary). */
const SPOREN: Partial<Record<Basisvoorwaarde, RegExp>> = {
  id: /identiteitsbewijs|\bID\b|ID-|DPAN|\bid_(geen_geldig|onbekend|verkregen|bij_)|"id:|km-id\b|\bid:(geldig|ongeldig|onbekend)|[Ii]dentity document/,
  zorg: /(?<![Nn]a)zorg\b|\bggz\b|verslaving|zorg_(ggz|verslavingszorg)|\bcare\b|mental health|addiction/i,
};

const SUBSETS: { naam: string; zonder: ('id' | 'zorg')[]; pdf?: boolean }[] = [
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

for (const s of SUBSETS) {
  test(`an edition ${s.naam}: no chapter, figure, table or letter mentions what it leaves out, except the sentence that names it`, async () => {
    const map = mkdtempSync(join(werk, 'editie-'));
    const data = join(map, 'data');
    await generateExtracts({ scale: 0.02, seed: 11, out: data, peildatum: '2019-06-30', format: 'csv.gz', zonder: s.zonder });
    const basisvoorwaarden = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg'].filter((b) => !(s.zonder as string[]).includes(b));
    const niet_gemeten = Object.fromEntries(s.zonder.map((b) => [b, 'er geen of onvoldoende gegevens waren']));
    const editieBestand = join(map, 'editie-test.json');
    writeFileSync(editieBestand, JSON.stringify({ ...basis, cohorten: [2014, 2015], basisvoorwaarden, niet_gemeten }));
    const editie = parseerEditie(JSON.parse(readFileSync(editieBestand, 'utf8')), editieBestand);
    const out = join(map, 'out', '6e-meting');
    await buildReport({ data, out, edition: editieBestand, pdf: s.pdf ?? false }, { log: () => {}, now: () => 0 });

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
  const data = join(map, 'data');
  await generateExtracts({ scale: 0.01, seed: 12, out: data, peildatum: '2019-06-30', format: 'csv.gz', zonder: ['zorg'] });
  await assert.rejects(
    buildReport({ data, out: join(map, 'out', '6e-meting'), edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), pdf: false }, { log: () => {}, now: () => 0 }),
    (e: unknown) => /extract 'zorg' ontbreekt, maar de editie 6e-meting meet de basisvoorwaarde zorg/.test(String((e as Error).message)),
  );
});

test('an edition that measures ID on data without ID columns stops with the missing column named', async () => {
  const map = mkdtempSync(join(werk, 'editie-'));
  const data = join(map, 'data');
  await generateExtracts({ scale: 0.01, seed: 13, out: data, peildatum: '2019-06-30', format: 'csv.gz', zonder: ['id'] });
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
