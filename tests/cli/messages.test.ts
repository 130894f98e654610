/**
 * Every message a user can meet is Dutch and points at the cause.
 *
 * The bad inputs of the other tests (edition file, templates, cross-references, extracts,
 * command-line options), collected here and checked together: no English (a word list), no
 * stack frames, no paths into the source code, no internal names; every message names the file
 * it is about (an option message names the option).
 */
import { Sjablonen } from '../../src/edition/templates.ts';
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Handlebars from 'handlebars';
import { leesEditie } from '../../src/edition/edition.ts';
import { hoofdstukSjablonen } from '../../src/chapters/render.ts';
import { fillTemplate } from '../../src/chapters/handlebars.ts';
import { renderDocument, type ChapterInput } from '../../src/html/document.ts';
import { parseOptions } from '../../src/cli/options.ts';
import { InputError } from '../../src/util/errors.ts';
import { cleanup, errorsOf, header, VALID, writeSet } from '../extracts/fixtures.ts';

after(cleanup);
const scratch = await mkdtemp(join(tmpdir(), 'messages-test-'));
after(() => rm(scratch, { recursive: true, force: true }));

/** English a message must not contain (whole words, any case). */
export const ENGLISH =
  /\b(expected|expecting|invalid|unrecognized|unknown|error|errors|cannot|can't|failed|undefined|received|must|should|unexpected|missing|not found|not defined|doesn't|does not|no such|parse|token|got|required|too (?:small|big|many|few)|at position|line \d|column \d|file|value|input|output)\b/i;

/** What no message may contain: stack frames, source paths, internal names. */
export const INTERNAL = [
  /^\s+at\s/m, // a stack frame
  /\.(ts|js|mjs|cjs):\d/, // file.ts:12
  /\bsrc\/\w+/, // a path into the source
  /\b\w+Error\b/, // InputError, TypeError, GzipError
  /\[object Object\]/,
  /\bNaN\b/,
  /\bZ_[A-Z_]+\b|\bE[A-Z]{3,}\b/, // zlib and errno codes
];

/** The messages (and hint) of the InputError that `run` throws. */
async function messagesOf(run: () => unknown): Promise<{ messages: readonly string[]; hint: string | undefined }> {
  try {
    await run();
  } catch (e) {
    if (e instanceof InputError) return { messages: e.messages, hint: e.hint };
    throw e;
  }
  throw new Error('expected an InputError');
}

/** Check one bad input: every message is Dutch, clean, and names `names` (a file or option). */
export function checkMessages(what: string, result: { messages: readonly string[]; hint: string | undefined }, names: string): void {
  assert.ok(result.messages.length > 0, `${what}: no message`);
  for (const m of [...result.messages, ...(result.hint ? [result.hint] : [])]) {
    const english = ENGLISH.exec(m);
    assert.equal(english, null, `${what}: English '${english?.[0]}' in:\n${m}`);
    for (const pattern of INTERNAL) assert.doesNotMatch(m, pattern, `${what}: internal detail in:\n${m}`);
  }
  for (const m of result.messages) {
    if (/^… en nog \d+/.test(m)) continue;
    assert.ok(m.includes(names), `${what}: the message does not name ${names}:\n${m}`);
  }
}

describe('the edition file', async () => {
  const base = JSON.parse(await readFile(new URL('../../editions/6e-meting/editie.json', import.meta.url), 'utf8')) as Record<string, unknown> & { brief: Record<string, unknown> };
  const file = join(scratch, 'editie.json');
  const cases: Record<string, string> = {
    'an unknown field': JSON.stringify({ ...base, cohorte: [2015] }, null, 2),
    'a missing field': JSON.stringify({ ...base, titel: undefined }, null, 2),
    'a text for a number': JSON.stringify({ ...base, nummer: 'zes' }, null, 2),
    'a fraction for a whole number': JSON.stringify({ ...base, brief: { ...base.brief, nr: 1.5 } }, null, 2),
    'a number below its minimum': JSON.stringify({ ...base, drempel: 0 }, null, 2),
    'an empty list': JSON.stringify({ ...base, auteurs: [] }, null, 2),
    'an empty text': JSON.stringify({ ...base, titel: '' }, null, 2),
    'a value not in the list': JSON.stringify({ ...base, basisvoorwaarden: ['werk'] }, null, 2),
    'a date as DD-MM-JJJJ': JSON.stringify({ ...base, datum: '01-02-2020' }, null, 2),
    'a date that does not exist': JSON.stringify({ ...base, datum: '2020-02-30' }, null, 2),
    'cohorts out of order': JSON.stringify({ ...base, cohorten: [2016, 2015] }, null, 2),
    'a bad record key': JSON.stringify({ ...base, brief: { ...base.brief, referenties: { A: 'x' } } }, null, 2),
    'an array for an object': JSON.stringify({ ...base, brief: [] }, null, 2),
    'not an object at all': '[1, 2]',
    'a trailing comma': '{\n  "nummer": 6,\n}\n',
    'a missing comma': '{\n  "nummer": 6\n  "titel": "x"\n}\n',
    'single quotes': "{'nummer': 6}",
    'a decimal comma': '{\n  "drempel": 1,5\n}\n',
    'a comment': '{\n  // de zesde\n  "nummer": 6\n}\n',
    'an empty file': '',
    'a cut-off file': '{\n  "nummer": 6,\n  "titel": "Mon',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, async () => {
      await writeFile(file, text);
      checkMessages(name, await messagesOf(() => leesEditie(file)), file);
    });
  }
  test('a missing edition file', async () => {
    const missing = join(scratch, 'bestaat-niet.json');
    checkMessages('missing', await messagesOf(() => leesEditie(missing)), missing);
  });
});

describe('templates', () => {
  const naam = 'templates/monitor/50-basisvoorwaarden.md.hbs';
  const fill = (bron: string) => () => {
    const hb = Handlebars.create();
    hb.registerHelper('pct', (v: unknown) => String(v));
    return fillTemplate(hb, bron, naam, { x: 1, xs: [1], editie: { drempel: 10 } });
  };
  const cases: Record<string, string> = {
    'a block not closed': '# T\n\n{{#if x}}\ntekst\n',
    'a close of the wrong block': '{{#if x}}\n{{/each}}\n',
    'a close without an open': 'a\n{{/if}}\n',
    'an else outside a block': 'a\n{{else}}\n',
    'a {{ not closed': 'a\n{{pct x\n',
    'a bad expression': 'a\n{{pct x y=}}\n',
    'an unknown helper': 'a\n{{pcr x}}\n',
    'an unknown block helper': 'a\n{{#foo x}}b{{/foo}}\n',
    'an unknown value': 'a\n{{y}}\n',
    'an unknown nested value': 'a\n{{editie.drempl}}\n',
    'if with two arguments': 'a\n{{#if x x}}b{{/if}}\n',
    'each without a list': 'a\n{{#each}}b{{/each}}\n',
    'a stray }}': 'a {{ }} b\n',
  };
  for (const [name, bron] of Object.entries(cases)) {
    test(name, async () => checkMessages(name, await messagesOf(fill(bron)), naam));
  }
  test('a templates folder that does not exist, or holds no templates', async () => {
    const missing = join(scratch, 'geen-sjablonen');
    checkMessages('missing', await messagesOf(() => hoofdstukSjablonen(new Sjablonen(missing))), missing);
    checkMessages('empty', await messagesOf(() => hoofdstukSjablonen(new Sjablonen(scratch))), scratch);
  });
});

describe('cross-references', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>';
  const render = (chapters: ChapterInput[]) => () =>
    renderDocument({ title: 'T', lang: 'nl', kind: 'monitor', chapters, meta: { date: '2020-01-01', authors: ['A'] } }, { readAsset: () => svg });
  const naam = 'templates/monitor/60-samenhang.md.hbs';
  const chapter = (markdown: string, template = markdown): ChapterInput => ({
    file: '/tmp/monitor-build-1/monitor/06-samenhang.md',
    markdown,
    sources: [{ name: naam, text: template }],
  });
  const cases: Record<string, ChapterInput> = {
    'an unknown figure': chapter('# X\n\n![W {#fig:werk}](w.svg)\n\nZie [@fig:wrek].\n'),
    'an unknown table, no tables at all': chapter('# X\n\nZie [@tab:x].\n'),
    'an unknown kind': chapter('# X\n\nZie [@eq:x].\n'),
    'a reference made by a helper': chapter('# X\n\nZie [@sec:y].\n', '# X\n\nZie {{ref}}.\n'),
    'a label twice': chapter('# X\n\n![A {#fig:a}](a.svg)\n\n![B {#fig:a}](b.svg)\n'),
    'two headings of level 1': chapter('# X\n\n# Y\n'),
    'a caption without a table': chapter('# X\n\nTabel: Zwevend\n\nGeen tabel.\n'),
  };
  for (const [name, input] of Object.entries(cases)) {
    test(name, async () => checkMessages(name, await messagesOf(render([input])), naam));
  }
});

describe('extracts', () => {
  const whole = gzipSync(Buffer.from(`${header('banen')}\n${VALID.banen.join('\n')}\n`.repeat(50)));
  const latin = Buffer.concat([Buffer.from(`${header('banen')}\nP1,B1,`), Buffer.from([0x77, 0xe9]), Buffer.from(',2013-01-01,\n')]);
  const semi = `${header('banen').replaceAll(',', ';')}\n${VALID.banen.map((l) => l.replaceAll(',', ';')).join('\n')}\n`;
  const cases: Record<string, { set: () => Promise<string>; file: (dir: string) => string }> = {
    'a semicolon-separated file': { set: () => writeSet({ files: { banen: semi } }), file: (d) => join(d, 'banen.csv') },
    'dates as DD-MM-JJJJ': { set: () => writeSet({ rows: { wanbetalers: ['P2,01-01-2016,31-12-2016'] } }), file: (d) => join(d, 'wanbetalers.csv') },
    'a decimal comma': {
      set: () => writeSet({ files: { wanbetalers: `${header('wanbetalers')},bedrag\nP2,2016-01-01,2016-12-31,1,5\n` } }),
      file: (d) => join(d, 'wanbetalers.csv'),
    },
    'Windows-1252': { set: () => writeSet({ files: { banen: latin } }), file: (d) => join(d, 'banen.csv') },
    'UTF-16': {
      set: () => writeSet({ files: { onderwijs: Buffer.from(`${header('onderwijs')}\nP2,2012-09-01,2014-07-01\n`, 'utf16le') } }),
      file: (d) => join(d, 'onderwijs.csv'),
    },
    'a header that is not UTF-8': {
      set: () => writeSet({ files: { onderwijs: Buffer.concat([Buffer.from('persoon_id,begin,einde,x'), Buffer.from([0xe9, 0x0a])]) } }),
      file: (d) => join(d, 'onderwijs.csv'),
    },
    'a truncated gzip': {
      set: async () => {
        const dir = await writeSet({ files: { banen: null } });
        await writeFile(join(dir, 'banen.csv.gz'), whole.subarray(0, whole.length - 12));
        return dir;
      },
      file: (d) => join(d, 'banen.csv.gz'),
    },
    'a .csv.gz that is no gzip': { set: () => writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': 'tekst' } }), file: (d) => join(d, 'banen.csv.gz') },
    'an empty file': { set: () => writeSet({ files: { onderwijs: '' } }), file: (d) => join(d, 'onderwijs.csv') },
    'only a header': { set: () => writeSet({ files: { onderwijs: `${header('onderwijs')}\n` } }), file: (d) => join(d, 'onderwijs.csv') },
    'a missing required extract': { set: () => writeSet({ files: { banen: null } }), file: (d) => d },
    'an extract in two forms': { set: () => writeSet({ extra: { 'banen.parquet': 'x' } }), file: (d) => d },
    'a Parquet file that is none': { set: () => writeSet({ files: { onderwijs: null }, extra: { 'onderwijs.parquet': 'x' } }), file: (d) => join(d, 'onderwijs.parquet') },
    'a missing column': { set: () => writeSet({ files: { wanbetalers: 'persoon_id,Begin,einde\nP2,2016-01-01,2016-12-31\n' } }), file: (d) => join(d, 'wanbetalers.csv') },
    'too few and too many fields': {
      set: () => writeSet({ rows: { justitie: ['Z1,P1,2013-05-05', 'Z2,P2,2015-09-09,sepot_beleid,extra'] } }),
      file: (d) => join(d, 'justitie.csv'),
    },
    'an unterminated quote': {
      set: () => writeSet({ rows: { justitie: ['Z1,P1,2013-05-05,veroordeling', 'Z2,"P2,2015-09-09,sepot_beleid'] } }),
      file: (d) => join(d, 'justitie.csv'),
    },
    'mixed line ends': {
      set: () => writeSet({ files: { banen: `${header('banen')}\n${VALID.banen[0]}\r\n${VALID.banen[1]}\n` } }),
      file: (d) => join(d, 'banen.csv'),
    },
    'a wrong enumeration value and a bad id': {
      set: () => writeSet({ rows: { personen: ['P1,M,1980-01-01,mbo1,,', 'P 2,v,1990-05-05,onbekend,,', 'P3,m,1975-12-31,hbo_wo,2018-03-01,'] } }),
      file: (d) => join(d, 'personen.csv'),
    },
    'no extractie.json': { set: () => writeSet({ json: null }), file: (d) => join(d, 'extractie.json') },
    'extractie.json not JSON': { set: () => writeSet({ json: '{\n  "peildatum": "2019-06-30",\n}' }), file: (d) => join(d, 'extractie.json') },
    'extractie.json with bad fields': { set: () => writeSet({ json: '{"peildatum": "30-06-2019", "bron": 7}' }), file: (d) => join(d, 'extractie.json') },
    'a folder that does not exist': { set: async () => join(scratch, 'geen-map'), file: (d) => d },
    'a FIFO': {
      set: async () => {
        const dir = await writeSet({ files: { onderwijs: null } });
        execFileSync('mkfifo', [join(dir, 'onderwijs.csv')]);
        return dir;
      },
      file: (d) => join(d, 'onderwijs.csv'),
    },
    'a link to /dev/zero': {
      set: async () => {
        const dir = await writeSet({ files: { onderwijs: null } });
        await symlink('/dev/zero', join(dir, 'onderwijs.csv'));
        return dir;
      },
      file: (d) => join(d, 'onderwijs.csv'),
    },
    'a gzip of NUL bytes': {
      set: () => writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': gzipSync(Buffer.alloc(1 << 20)) } }),
      file: (d) => join(d, 'banen.csv.gz'),
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    test(name, async () => {
      const dir = await c.set();
      checkMessages(name, { messages: await errorsOf(dir), hint: undefined }, c.file(dir));
    });
  }
});

describe('command-line options', () => {
  const cases: Record<string, { argv: string[]; names: string }> = {
    'an unknown option': { argv: ['--pdf'], names: '--pdf' },
    'an option without its value': { argv: ['--out'], names: '--out' },
    'an argument that is no option': { argv: ['out2'], names: 'out2' },
    'an unknown product': { argv: ['--products', 'data,grafieken'], names: '--products' },
    'options that do not go together': { argv: ['--check', '--watch'], names: '--check' },
    'compare-out without compare': { argv: ['--compare-out', 'x.md'], names: '--compare-out' },
  };
  for (const [name, c] of Object.entries(cases)) {
    test(name, async () => checkMessages(name, await messagesOf(() => parseOptions(c.argv, '/project')), c.names));
  }
});

test('the check itself finds English, stack frames and internal names', () => {
  const bad = (m: string): boolean => {
    try {
      checkMessages('probe', { messages: [m], hint: undefined }, 'x.json');
      return false;
    } catch {
      return true;
    }
  };
  assert.ok(bad("x.json: veld 'cohorte': Unrecognized key: \"cohorte\""));
  assert.ok(bad('x.json:12: Parse error on line 12: Expecting \'OPEN_INVERSE_CHAIN\''));
  assert.ok(bad('x.json: InputError: iets'));
  assert.ok(bad('x.json: fout\n    at load (/work/src/extracts/load.ts:12:3)'));
  assert.ok(bad('y.json: een nette Nederlandse zin'));
  assert.ok(!bad("x.json:3: veld 'nummer': 'zes' is tekst (verwacht: een getal)"));
});
