/**
 * The generated extracts keep every rule of the data contract (docs/extracts.md),
 * checked here with our own assertions on a small generated set.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXTRACTS, ID_PATTERN, type ExtractName } from '../../src/extracts/contract.ts';
import { isIsoDate } from '../../src/util/dates.ts';
import { generateExtracts } from '../../src/synth/generate.ts';

type Table = { header: string[]; rows: string[][]; col: (name: string) => number };
type ExtractSet = Record<ExtractName, Table>;

const SCALE = 0.01;
const PEIL = '2019-06-30';
const PEIL_LATER = '2021-12-31';
let root = '';
let set: ExtractSet;
let later: ExtractSet;

async function readSet(dir: string): Promise<ExtractSet> {
  const out: Partial<ExtractSet> = {};
  for (const spec of EXTRACTS) {
    const text = await readFile(join(dir, `${spec.name}.csv`), 'utf8');
    assert.ok(!text.includes('"'), `${spec.name}: no quoted fields expected`);
    assert.ok(text.endsWith('\n'));
    const lines = text.slice(0, -1).split('\n');
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    out[spec.name] = { header, rows, col: (name) => header.indexOf(name) };
  }
  return out as ExtractSet;
}

/** Full years between two ISO dates. */
function age(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'synth-contract-'));
  await generateExtracts({ scale: SCALE, seed: 11, out: join(root, 'a'), peildatum: PEIL, format: 'csv' });
  await generateExtracts({ scale: SCALE, seed: 11, out: join(root, 'b'), peildatum: PEIL_LATER, format: 'csv' });
  set = await readSet(join(root, 'a'));
  later = await readSet(join(root, 'b'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generated extracts keep the contract', () => {
  it('have exactly the contract columns, and values of the right kind in every field', () => {
    for (const [s, peil] of [
      [set, PEIL],
      [later, PEIL_LATER],
    ] as const) {
      for (const spec of EXTRACTS) {
        const t = s[spec.name];
        assert.deepEqual(t.header, spec.columns.map((c) => c.name), `${spec.name} header`);
        assert.ok(t.rows.length > 0, `${spec.name} is empty`);
        spec.columns.forEach((c, i) => {
          for (const row of t.rows) {
            const v = row[i]!;
            assert.equal(row.length, spec.columns.length, `${spec.name}: field count`);
            if (v === '') {
              assert.ok(c.optional, `${spec.name}.${c.name} may not be empty`);
              continue;
            }
            if (c.type.kind === 'id') assert.match(v, ID_PATTERN, `${spec.name}.${c.name}`);
            else if (c.type.kind === 'enum') assert.ok(c.type.values.includes(v), `${spec.name}.${c.name}: '${v}'`);
            else {
              assert.ok(isIsoDate(v), `${spec.name}.${c.name}: '${v}' is not a date`);
              assert.ok(v <= peil, `${spec.name}.${c.name}: ${v} after the peildatum ${peil}`);
            }
          }
        });
      }
    }
  });

  it('have unique keys and every persoon_id in personen', () => {
    for (const s of [set, later]) {
      for (const spec of EXTRACTS) {
        for (const key of spec.unique) {
          const i = s[spec.name].col(key);
          const values = s[spec.name].rows.map((r) => r[i]);
          assert.equal(new Set(values).size, values.length, `${spec.name}.${key} not unique`);
        }
      }
      const persons = new Set(s.personen.rows.map((r) => r[0]));
      for (const spec of EXTRACTS) {
        const i = s[spec.name].col('persoon_id');
        for (const r of s[spec.name].rows) assert.ok(persons.has(r[i]), `${spec.name}: unknown persoon ${r[i]}`);
      }
    }
  });

  it('have spells that end on or after they begin, and detentions after birth', () => {
    for (const s of [set, later]) {
      for (const spec of EXTRACTS.filter((e) => e.spell)) {
        const t = s[spec.name];
        const [b, e] = [t.col('begin'), t.col('einde')];
        for (const r of t.rows) if (r[e] !== '') assert.ok(r[e]! >= r[b]!, `${spec.name}: einde before begin`);
      }
      const birth = new Map(s.personen.rows.map((r) => [r[0], r[2]!]));
      for (const r of s.detenties.rows) {
        assert.ok(r[3]! >= r[2]!, 'datum_uitstroom before datum_instroom');
        assert.ok(birth.get(r[1])! < r[2]!, 'geboortedatum not before datum_instroom');
      }
    }
  });

  it('never overlap the address spells of one person, and set huishouden exactly for woonadres', () => {
    for (const s of [set, later]) {
      const t = s.adressen;
      const byPerson = new Map<string, [string, string][]>();
      for (const r of t.rows) {
        assert.equal(r[3] !== '', r[2] === 'woonadres', `huishouden '${r[3]}' with soort ${r[2]}`);
        const list = byPerson.get(r[0]!) ?? [];
        list.push([r[4]!, r[5] === '' ? '9999-12-31' : r[5]!]);
        byPerson.set(r[0]!, list);
      }
      for (const [p, spells] of byPerson) {
        spells.sort((x, y) => (x[0] < y[0] ? -1 : 1));
        for (let i = 1; i < spells.length; i++) {
          assert.ok(spells[i]![0] > spells[i - 1]![1], `overlapping addresses for ${p}`);
        }
      }
    }
  });

  it('include deaths, emigrations, running spells and non-qualifying cases', () => {
    assert.ok(set.personen.rows.some((r) => r[4] !== ''), 'no deaths');
    assert.ok(set.personen.rows.some((r) => r[5] !== ''), 'no emigrations');
    assert.ok(set.personen.rows.every((r) => r[4] === '' || r[5] === ''), 'a person both died and emigrated');
    assert.ok(set.adressen.rows.some((r) => r[5] === ''), 'no running address spells');
    const afdoeningen = new Set(set.justitie.rows.map((r) => r[3]));
    for (const a of ['veroordeling', 'strafbeschikking', 'transactie', 'sepot_beleid', 'vrijspraak', 'overig']) {
      assert.ok(afdoeningen.has(a), `no case with afdoening ${a}`);
    }
  });

  it('record nothing of a person after death or emigration', () => {
    const end = new Map(set.personen.rows.map((r) => [r[0], r[4] || r[5] || '']));
    for (const r of set.detenties.rows) {
      const e = end.get(r[1])!;
      if (e !== '') assert.ok(r[3]! <= e, 'released after death or emigration');
    }
    for (const r of set.justitie.rows) {
      const e = end.get(r[1])!;
      if (e !== '') assert.ok(r[2]! <= e, 'case after death or emigration');
    }
  });

  it('hold about the expected number of uitstroom records per cohort, with repeat releases', () => {
    const birth = new Map(set.personen.rows.map((r) => [r[0]!, r[2]!]));
    const first = new Map<string, { dout: string; id: string; duur: number }>();
    for (const r of set.detenties.rows) {
      const [id, p, din, dout] = r as [string, string, string, string];
      const year = Number(dout.slice(0, 4));
      if (year < 2013 || year > 2016 || age(birth.get(p)!, dout) < 18) continue;
      const key = `${p}/${year}`;
      const cur = first.get(key);
      const duur = (Date.parse(dout) - Date.parse(din)) / 86_400_000 + 1;
      if (!cur || dout < cur.dout || (dout === cur.dout && id < cur.id)) first.set(key, { dout, id, duur });
    }
    const perYear = (g: 'rik' | 'kv'): number =>
      [...first.values()].filter((u) => (u.duur >= 14) === (g === 'rik')).length / 4;
    assert.ok(Math.abs(perYear('rik') - 20_000 * SCALE) < 0.3 * 20_000 * SCALE, `rik per year ${perYear('rik')}`);
    assert.ok(Math.abs(perYear('kv') - 12_000 * SCALE) < 0.3 * 12_000 * SCALE, `kv per year ${perYear('kv')}`);
    const persons = new Set([...first.keys()].map((k) => k.split('/')[0]));
    assert.ok(persons.size < first.size, 'some persons should be released in more than one cohort year');
  });

  it('continue the same lives with a later peildatum, with releases in 2017-2019', () => {
    const rows = new Set(later.detenties.rows.map((r) => r.join(',')));
    const kept = set.detenties.rows.filter((r) => rows.has(r.join(',')));
    assert.equal(kept.length, set.detenties.rows.length, 'detentions up to the first peildatum are unchanged');
    for (const year of ['2017', '2018', '2019']) {
      assert.ok(later.detenties.rows.filter((r) => r[3]!.startsWith(year)).length > 100, `few releases in ${year}`);
    }
  });
});
