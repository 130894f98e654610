import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildDesign, ModelError } from '../../src/models/index.ts';
import { InputError, InternalError } from '../../src/util/errors.ts';

test('a frame that does not fit its specification is an InputError with a model/ rule id and the Dutch text', () => {
  const spec = { model: 'cox_test', kind: 'cox' as const, covariates: [{ name: 'geslacht', levels: ['m', 'v'] }] };
  const frame = { columns: { geslacht: ['m', 'x'] }, tijd: [3, 4], gebeurtenis: [1, 0] };
  assert.throws(
    () => buildDesign(frame, spec, 0),
    (e: unknown) =>
      e instanceof InputError &&
      e.diagnostics.length === 1 &&
      e.diagnostics[0]!.rule === 'model/niveau' &&
      e.message === "Model cox_test: record 2 heeft geslacht = 'x'; verwacht een van: m, v.",
  );
  assert.throws(
    () => buildDesign({ ...frame, columns: {} }, spec, 0),
    (e: unknown) => e instanceof InputError && e.diagnostics[0]!.rule === 'model/kolom-ontbreekt',
  );
});

test('a broken specification is an InternalError, not the user’s doing', () => {
  const spec = { model: 'cox_test', kind: 'cox' as const, covariates: [{ name: 'geslacht', levels: ['m', 'm'] }] };
  assert.throws(
    () => buildDesign({ columns: { geslacht: ['m'] }, tijd: [3], gebeurtenis: [1] }, spec, 0),
    (e: unknown) => e instanceof InternalError && /^interne fout: buildDesign\(cox_test\): covariate geslacht needs distinct levels$/.test(e.message),
  );
});

test('a ModelError carries one diagnostic: rule model/<failure>, the text and the failure’s hint', () => {
  const e = new ModelError('cox_basis', 'geen_convergentie', 'de log-likelihood is niet eindig in het startpunt.');
  assert.equal(e.diagnostics.length, 1);
  assert.equal(e.diagnostics[0]!.rule, 'model/geen-convergentie');
  assert.equal(e.message, 'Model cox_basis: de log-likelihood is niet eindig in het startpunt.');
  assert.equal(e.hint, 'Controleer de modelframe op extreme waarden of verhoog het maximale aantal iteraties.');
});
