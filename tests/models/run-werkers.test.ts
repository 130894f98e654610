/**
 * startModels, the build's way to fit the models in worker threads while it counts the
 * indicators: the same results as computeModels on the build's own thread, the same errors
 * (a failed model's ModelError, bijFout 'stoppen', an InternalError), and no worker left behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { groep, samen, tabellen, type Tabellen } from '../helpers/tables.ts';
import { buildWorkingTables, parametersVoor } from '../../src/indicators/compute.ts';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import { computeModels, startModels, type ModelResults } from '../../src/models/run.ts';
import { ModelError } from '../../src/models/errors.ts';
import { geenEindigeWaarde } from '../../src/models/messages.ts';
import { buildModelFrames, modelDefinities, readModelFrameCodes } from '../../src/models/frames.ts';
import { startFitPool } from '../../src/models/fit-pool.ts';
import { ontvangFout, ontvangUitkomst, verzendFout, verzendUitkomst } from '../../src/models/fit-transfer.ts';
import { modellenCsv, modellenNotenCsv, modellenPhCsv, modellenPeriodenCsv, recidiveKmCsv } from '../../src/models/write.ts';
import { InputError, InternalError } from '../../src/util/errors.ts';
import { diagnostic } from '../../src/util/diagnostic.ts';
import type { BijFout } from '../../src/models/uitkomst.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';
const INDICATOREN = [{ indicator: 'recidive_2j', cohort: '2015', groep: 'rik', teller: 20 }];


/** Men and women whose events interleave: cox_basis is estimated. */
const gemengd = samen(
  groep('m', 40, (i) => (i % 3 === 0 ? null : 35 + 11 * i)),
  groep('v', 30, (i) => (i % 2 === 0 ? null : 40 + 13 * i), { geslacht: 'v' }),
);
/** Every woman's event before any man's: cox_basis separates, cox_interactie is singular (as in run.test.ts). */
const gescheiden = samen(
  groep('m', 25, (i) => (i < 20 ? 100 + i : null)),
  groep('v', 5, (i) => 40 + i, { geslacht: 'v' }),
);

type Berekening = (conn: DuckDBConnection, ed: Editie, bijFout: BijFout) => Promise<ModelResults>;

async function opTabellen(data: Tabellen, ed: Editie, bereken: (conn: DuckDBConnection) => Promise<ModelResults>): Promise<ModelResults> {
  const { conn, close } = await tabellen(data);
  try {
    await buildWorkingTables(conn, parametersVoor(ed, PEILDATUM), false);
    return await bereken(conn);
  } finally {
    close();
  }
}

const opDezeThread: Berekening = (conn, ed, bijFout) => computeModels(conn, ed, PEILDATUM, { bijFout, indicatoren: INDICATOREN });
const inWerkers =
  (werkers: number): Berekening =>
  async (conn, ed, bijFout) => {
    const lopend = await startModels(conn, ed, PEILDATUM, { werkers, bijFout, vanaf: 0 });
    try {
      return await lopend.finish({ indicatoren: INDICATOREN });
    } finally {
      await lopend.stop();
    }
  };

const bestanden = (r: ModelResults) => [modellenCsv(r), modellenPhCsv(r), modellenPeriodenCsv(r), modellenNotenCsv(r), recidiveKmCsv(r)];

for (const [naam, data] of [
  ['estimated models', gemengd],
  ['failed models', gescheiden],
] as const) {
  test(`${naam}: fitted in worker threads, or in finish, the results are those of computeModels`, async () => {
    const ed = { ...edition, drempel: 2 };
    const verwacht = await opTabellen(data, ed, (conn) => opDezeThread(conn, ed, 'melden'));
    if (naam === 'estimated models') assert.equal(verwacht.modellen[0]!.status, 'geschat');
    for (const werkers of [0, 2]) {
      const r = await opTabellen(data, ed, (conn) => inWerkers(werkers)(conn, ed, 'melden'));
      // Failed models carry their ModelError: compared by kind, message and fields.
      assert.deepStrictEqual(r, verwacht, `${werkers} workers`);
      assert.deepStrictEqual(bestanden(r), bestanden(verwacht));
      for (const m of r.modellen) if (m.status === 'fout') assert.ok(m.fout instanceof ModelError);
    }
  });
}

test("with bijFout 'stoppen' the first failed model's ModelError reaches the caller, as on the build's own thread", async () => {
  const ed = { ...edition, drempel: 2 };
  const fout = async (b: Berekening) => {
    try {
      await opTabellen(gescheiden, ed, (conn) => b(conn, ed, 'stoppen'));
    } catch (e) {
      return e;
    }
    assert.fail('no error');
  };
  const verwacht = await fout(opDezeThread);
  assert.ok(verwacht instanceof ModelError && verwacht.model === 'cox_basis');
  for (const werkers of [2]) {
    const e = await fout(inWerkers(werkers));
    assert.ok(e instanceof ModelError, `${werkers} workers`);
    assert.deepStrictEqual(e, verwacht);
    assert.deepEqual([e.model, e.failure, e.terms, e.messages, e.hint, e.diagnostics], [verwacht.model, verwacht.failure, verwacht.terms, verwacht.messages, verwacht.hint, verwacht.diagnostics]);
  }
});

test('an error crosses between the threads as the error it was: ModelError, InputError, InternalError, and any other by kind, message and stack', () => {
  const model = geenEindigeWaarde('cox_basis', 'geslacht:v');
  const terug = ontvangFout(structuredClone(verzendFout(model)));
  assert.ok(terug instanceof ModelError);
  assert.deepStrictEqual(terug, model);
  assert.equal(terug.message, model.message);

  const invoer = new InputError([diagnostic('model/kolom-lengte', 'Model x: kolom y heeft 2 waarden, verwacht 3 (één per record).', { hint: 'doe iets' })]);
  const invoerTerug = ontvangFout(structuredClone(verzendFout(invoer)));
  assert.ok(invoerTerug instanceof InputError && !(invoerTerug instanceof ModelError));
  assert.deepStrictEqual(invoerTerug, invoer);

  const intern = new InternalError('model frame column tijd: expected an integer');
  const internTerug = ontvangFout(structuredClone(verzendFout(intern)));
  assert.ok(internTerug instanceof InternalError);
  assert.equal(internTerug.message, 'interne fout: model frame column tijd: expected an integer');
  assert.equal(internTerug.stack, intern.stack, 'the stack of the worker, where it went wrong');

  const anders = new TypeError('x is undefined');
  const andersTerug = ontvangFout(structuredClone(verzendFout(anders)));
  assert.ok(andersTerug instanceof TypeError);
  assert.equal(andersTerug.message, 'x is undefined');
  assert.equal(andersTerug.stack, anders.stack);
});

test("a failed model's outcome crosses with its ModelError", () => {
  const fout = geenEindigeWaarde('cox_basis', undefined);
  const u = { model: 'cox_basis', kind: 'cox', moment: '1m_na', status: 'fout', fout, referenties: [], samengevoegd: [], weggelaten: [] } as const;
  const terug = ontvangUitkomst(structuredClone(verzendUitkomst(u)));
  assert.ok(terug.status === 'fout' && terug.fout instanceof ModelError);
  assert.deepStrictEqual(terug, u);
});

test('a fit not done when the pool stops fails with an InternalError, and so does a later one', async () => {
  const ed = { ...edition, drempel: 2 };
  await opTabellen(gemengd, ed, async (conn) => {
    await buildModelFrames(conn, ed, PEILDATUM);
    const definitie = modelDefinities(ed)[0]!;
    const taak = { definitie, frame: await readModelFrameCodes(conn, definitie), k: ed.drempel, bijFout: 'melden' } as const;
    const pool = startFitPool(1);
    const fit = pool.fit(taak);
    // stop fails every open fit before it awaits anything: the worker's answer, which only an
    // event-loop turn can deliver, cannot have come in yet. No timing is involved.
    const gestopt = pool.stop();
    await assert.rejects(fit, (e: unknown) => e instanceof InternalError && /stopped before the fits were done/.test(e.message));
    await gestopt;
    await assert.rejects(pool.fit(taak), InternalError);
    await pool.stop();
    return computeModels(conn, ed, PEILDATUM);
  });
});

test('stop ends the workers, and startModels that fails leaves none behind', async () => {
  const ed = { ...edition, drempel: 2 };
  await opTabellen(gemengd, ed, async (conn) => {
    const verwacht = await computeModels(conn, ed, PEILDATUM, { indicatoren: INDICATOREN });
    const lopend = await startModels(conn, ed, PEILDATUM, { werkers: 2, vanaf: 0 });
    await lopend.stop();
    await lopend.stop();
    // finish after stop never hangs. Whether the fits came in before the stop depends on the
    // machine, so both outcomes are checked for what they must be: the results of computeModels
    // when every fit was done, else the pool's InternalError.
    const na = await lopend.finish({ indicatoren: INDICATOREN }).then(
      (r) => ({ r }),
      (e: unknown) => ({ e }),
    );
    if ('r' in na) assert.deepStrictEqual(na.r, verwacht);
    else assert.ok(na.e instanceof InternalError && /stopped before the fits were done/.test(na.e.message), String(na.e));
    return verwacht;
  });
  // Without working tables buildModelFrames throws; the workers started before it are ended (else this test would not end).
  const { conn, close } = await tabellen(gemengd);
  try {
    await assert.rejects(startModels(conn, ed, PEILDATUM, { werkers: 2, vanaf: 0 }), (e: unknown) => e instanceof InternalError && /working table 'uitstroom' is missing/.test(e.message));
  } finally {
    close();
  }
});
