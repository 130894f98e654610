/**
 * The command line's options: defaults, every option read into one typed object, Dutch
 * messages for mistakes, and a --help that names every option.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/report.ts';
import { doorNpmOpgevat, HELP, parseOptions } from '../../src/cli/options.ts';
import { PRODUCTEN } from '../../src/pipeline/products.ts';
import { InputError } from '../../src/util/errors.ts';
import { io } from '../helpers/io.ts';

const ROOT = '/project';

function fout(argv: string[]): string {
  try {
    parseOptions(argv, ROOT);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e.messages.join('\n');
  }
  assert.fail(`no error for ${argv.join(' ')}`);
}


test('without options it builds every edition from its committed data into out/<edition>/, with every product and the cache', () => {
  const o = parseOptions([], ROOT);
  assert.equal(o.mode, 'build');
  assert.equal(o.data, undefined, 'each edition from data/<slug>/');
  assert.equal(o.out, join(ROOT, 'out'));
  assert.equal(o.edition, undefined, 'every edition');
  assert.equal(o.templates, join(ROOT, 'templates'));
  assert.deepEqual(o.producten, [...PRODUCTEN]);
  assert.equal(o.cache, join(ROOT, '.cache'));
  assert.equal(o.quiet, false);
});

test('--data, --out, --edition and --templates are resolved to absolute paths', () => {
  const o = parseOptions(['--data', 'x/ext', '--out', 'y', '--edition', 'e.json', '--templates', 't'], ROOT);
  assert.equal(o.templates, join(process.cwd(), 't'));
  assert.equal(o.data, join(process.cwd(), 'x/ext'));
  assert.equal(o.out, join(process.cwd(), 'y'));
  assert.equal(o.edition, 'e.json', 'an edition is a name, a folder or a file: resolved when the plan is made');
});

test('--products takes a comma-separated list in any order, with English aliases, and keeps the pipeline order', () => {
  assert.deepEqual(parseOptions(['--products', 'pdf,data'], ROOT).producten, ['data', 'pdf']);
  assert.deepEqual(parseOptions(['--products', 'letter, figures'], ROOT).producten, ['figuren', 'kamerbrief']);
});

test('--products rejects an unknown product and says which ones exist', () => {
  const m = fout(['--products', 'data,grafieken']);
  assert.match(m, /onbekend product 'grafieken'/);
  assert.match(m, /data, figuren, monitor, kamerbrief, web, pdf/);
  assert.match(fout(['--products', ',']), /geen product opgegeven/);
});

test('--no-pdf builds every product except the PDFs, and does not go with --products', () => {
  assert.deepEqual(parseOptions(['--no-pdf'], ROOT).producten, ['data', 'figuren', 'monitor', 'kamerbrief', 'web']);
  assert.match(fout(['--no-pdf', '--products', 'data']), /--products en --no-pdf gaan niet samen/);
});

test('--check, --compare and --watch are modes; only one at a time', () => {
  assert.equal(parseOptions(['--check'], ROOT).mode, 'check');
  assert.equal(parseOptions(['--watch'], ROOT).mode, 'watch');
  const c = parseOptions(['--compare', 'main', '--compare-out', 'v.md'], ROOT);
  assert.equal(c.mode, 'compare');
  assert.equal(c.compare, 'main');
  assert.equal(c.compareOut, join(process.cwd(), 'v.md'));
  assert.match(fout(['--check', '--watch']), /--check en --watch gaan niet samen/);
  assert.match(fout(['--check', '--compare', 'main']), /gaan niet samen/);
});

test('--compare-out needs --compare, and --check refuses options it would ignore', () => {
  assert.match(fout(['--compare-out', 'x.md']), /--compare-out hoort bij --compare/);
  assert.match(fout(['--check', '--products', 'data']), /--check bouwt altijd alles/);
});

test('--no-cache, --quiet and --model-frames are read', () => {
  const o = parseOptions(['--no-cache', '--quiet', '--edition', '6e-meting', '--model-frames', '/veilig/frames'], ROOT);
  assert.equal(o.cache, undefined);
  assert.equal(o.quiet, true);
  assert.equal(o.modelFrames, '/veilig/frames');
});

test('--data and --model-frames belong to one edition', () => {
  assert.match(fout(['--data', 'x']), /--data hoort bij één editie; kies die met --edition/);
  assert.match(fout(['--model-frames', 'x']), /--model-frames hoort bij één editie/);
});

test('an unknown option or a missing value is explained in Dutch', () => {
  assert.match(fout(['--pdf']), /onbekende optie --pdf/);
  assert.match(fout(['--out']), /--out.*verwacht een waarde/);
  assert.match(fout(['out2']), /onverwacht argument out2/);
});

test('--help names every option, in Dutch', () => {
  for (const optie of ['--data', '--out', '--edition', '--templates', '--products', '--no-pdf', '--check', '--compare', '--compare-out', '--watch', '--no-cache', '--model-frames', '--quiet', '--help'])
    assert.ok(HELP.includes(optie), `${optie} in --help`);
  assert.match(HELP, /Gebruik: npm run report/);
  assert.match(HELP, /Afsluitstatus/);
});

test('main prints the help on stdout and exits 0; a wrong option exits 2 with the message on stderr', async () => {
  const a = io();
  assert.equal(await main(['--help'], a), 0);
  assert.equal(a.out, HELP);
  const b = io();
  assert.equal(await main(['--products', 'xyz'], b), 2);
  assert.match(b.err, /onbekend product 'xyz'/);
  assert.equal(b.out, '');
});

test('a failing build exits 1 with one message saying the output folder is unchanged', async () => {
  const a = io();
  assert.equal(await main(['--edition', '/bestaat/niet.json', '--out', '/tmp/nooit-gebouwd', '--no-cache'], a), 1);
  assert.match(a.err, /^Fout: de monitor is niet gebouwd; de uitvoermap is ongewijzigd\.\n {2}--edition \/bestaat\/niet\.json: geen editie met deze naam en geen bestand of map op dit pad\nTip: Bekende edities: 6e-meting/);
});

test('a missing extract or templates folder is a mistake in the input, named as such, with the cache on or off', async () => {
  const leeg = mkdtempSync(join(tmpdir(), 'opties-'));
  const gevallen: [string[], RegExp][] = [
    [['--edition', '6e-meting', '--data', '/bestaat/niet'], /\/bestaat\/niet: map bestaat niet \(verwacht: een map met de extracten en extractie\.json\)/],
    [['--templates', '/bestaat/niet'], /\/bestaat\/niet: map bestaat niet of is geen map \(verwacht: de sjablonen/],
    [['--templates', leeg], /monitor: geen hoofdstuksjablonen gevonden \(verwacht: een map met hoofdstuksjablonen/],
  ];
  for (const [opties, melding] of gevallen) {
    for (const cache of [[], ['--no-cache']]) {
      const a = io();
      assert.equal(await main([...opties, ...cache, '--no-pdf', '--out', join(mkdtempSync(join(tmpdir(), 'opties-uit-')), 'uit')], a), 1, a.err);
      assert.match(a.err, melding);
      assert.doesNotMatch(a.err, /Interne fout/);
    }
  }
});

test('options npm took for itself (`npm run report --check` without --) are refused with the right command', async () => {
  assert.deepEqual(doorNpmOpgevat({ npm_config_check: 'true', npm_config_pdf: '', npm_config_cache: '/root/.npm' }), ['--no-pdf', '--check']);
  const a = io();
  a.env = { npm_config_check: 'true' };
  assert.equal(await main([], a), 2);
  assert.match(a.err, /npm heeft --check zelf opgevat/);
  assert.match(a.err, /npm run report -- --check/);
});
