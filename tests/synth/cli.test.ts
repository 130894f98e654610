import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src/synth/cli.ts';
import type { SynthOptions } from '../../src/synth/generate.ts';
import { InputError } from '../../src/util/errors.ts';

function problems(argv: string[]): string[] {
  try {
    parseArgs(argv);
  } catch (e) {
    assert.ok(e instanceof InputError, 'bad arguments are an InputError');
    return [...e.messages];
  }
  assert.fail(`expected ${argv.join(' ')} to be rejected`);
}

const OK = ['--scale', '0.1', '--seed', '3', '--out', 'tmp/x'];

describe('synth cli', () => {
  it('reads the options, with the default peildatum and format', () => {
    assert.deepEqual(parseArgs(OK), { scale: 0.1, seed: 3, out: 'tmp/x', peildatum: '2019-06-30', format: 'csv.gz', zonder: [] });
    assert.deepEqual(parseArgs(['--scale=2', '--seed=0', '--out=d', '--peildatum=2021-12-31', '--format=parquet', '--zonder=id,zorg']), {
      scale: 2,
      seed: 0,
      out: 'd',
      peildatum: '2021-12-31',
      format: 'parquet',
      zonder: ['id', 'zorg'],
    });
    assert.deepEqual((parseArgs([...OK, '--zonder', 'zorg']) as SynthOptions).zonder, ['zorg']);
    assert.equal(parseArgs(['--help']), 'help');
  });

  it('rejects a scale that is not a positive number', () => {
    for (const bad of ['0', '-1', 'abc', '1e9', '0.1x']) {
      const [m] = problems(['--scale', bad, '--seed', '1', '--out', 'd']);
      assert.match(m!, /--scale .* geen geldige schaal \(verwacht een getal groter dan 0/);
    }
  });

  it('rejects a seed that is not a whole number in range', () => {
    for (const bad of ['1.5', 'x', '4294967296', '-3']) {
      const [m] = problems(['--scale', '1', '--seed', bad, '--out', 'd']);
      assert.match(m!, /--seed .* geen geldige seed/);
    }
  });

  it('rejects a peildatum that is not an existing date', () => {
    assert.match(problems([...OK, '--peildatum', '2019-02-30'])[0]!, /--peildatum '2019-02-30' is geen datum \(verwacht JJJJ-MM-DD/);
    assert.match(problems([...OK, '--peildatum', '1999-12-31'])[0]!, /valt buiten het bereik/);
  });

  it('rejects an unknown format, an unknown option and missing options, all at once', () => {
    const m = problems(['--format', 'xlsx', '--verbose']);
    assert.ok(m.some((x) => /--format 'xlsx' is onbekend \(verwacht csv, csv.gz of parquet\)/.test(x)));
    assert.ok(m.some((x) => /onbekende optie '--verbose'/.test(x)));
    for (const flag of ['--scale', '--seed', '--out']) assert.ok(m.some((x) => x === `optie '${flag}' ontbreekt`), flag);
  });

  it('rejects an unknown or repeated part after --zonder', () => {
    const m = problems([...OK, '--zonder', 'id,adres,id']);
    assert.deepEqual(m, ["--zonder 'adres' is onbekend (verwacht id, zorg of id,zorg)", "--zonder noemt 'id' meer dan eens"]);
  });

  it('rejects an option without a value and a repeated option', () => {
    assert.ok(problems(['--scale', '--seed', '1', '--out', 'd']).includes("optie '--scale' mist een waarde"));
    assert.ok(problems([...OK, '--seed', '4']).includes("optie '--seed' is meer dan eens opgegeven"));
  });

  it('reports each problem as a diagnostic with a synth/ rule id and the hint to ask for help', () => {
    try {
      parseArgs(['stray', '--verbose', '--scale', '0', '--seed', 'x', '--zonder', 'adres']);
      assert.fail('expected the arguments to be rejected');
    } catch (e) {
      assert.ok(e instanceof InputError);
      assert.deepEqual(
        e.diagnostics.map((d) => d.rule),
        ['synth/onverwacht-argument', 'synth/onbekende-optie', 'synth/ontbrekende-optie', 'synth/schaal', 'synth/seed', 'synth/zonder'],
      );
      assert.ok(e.diagnostics.every((d) => d.hint === 'Zie npm run data:generate -- --help.'));
      assert.equal(e.hint, 'Zie npm run data:generate -- --help.');
    }
  });

  it('exits non-zero with the Dutch message on stderr when run', () => {
    const cli = fileURLToPath(new URL('../../src/synth/cli.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, '--scale', 'veel', '--seed', '1', '--out', 'd'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^fout: --scale 'veel' is geen geldige schaal/m);
    assert.match(r.stderr, /--help/);
    assert.equal(r.stdout, '');
  });
});
