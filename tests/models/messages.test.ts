import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildDesign, ModelError } from '../../src/models/index.ts';
import {
  geenEindigeWaarde,
  geenVariatie,
  nietGeconvergeerd,
  phSingulier,
  schattingNietEindig,
  SEPARATIE_OORZAAK,
  separatie,
  singulier,
  uitkomstConstant,
} from '../../src/models/messages.ts';
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

test('the catalogue keeps the texts of a model that cannot be estimated, word for word', () => {
  const texts = [
    geenVariatie('m', 'records'),
    geenVariatie('m', 'gebeurtenissen'),
    uitkomstConstant('m', 0),
    separatie('m', ['a'], SEPARATIE_OORZAAK.logit),
    separatie('m', ['a', 'b'], SEPARATIE_OORZAAK.cox),
    singulier('m', ['a']),
    singulier('m', ['a', 'b']),
    nietGeconvergeerd('m', 1, []),
    nietGeconvergeerd('m', 30, ['a']),
    schattingNietEindig('m', 'a'),
    geenEindigeWaarde('m', 'a'),
    geenEindigeWaarde('m', undefined),
    phSingulier('m', 'a'),
  ].map((e) => e.message);
  assert.deepEqual(texts, [
    'Model m: de modelframe heeft geen records.',
    'Model m: de modelframe heeft geen gebeurtenissen.',
    'Model m: de uitkomst is bij alle records 0.',
    "Model m: de likelihood is monotoon (separatie): de coëfficiënt van 'a' loopt weg naar oneindig, omdat de uitkomst in een groep (of aan één kant van een grenswaarde) altijd 0 of altijd 1 is.",
    "Model m: de likelihood is monotoon (separatie): de coëfficiënten van 'a', 'b' lopen weg naar oneindig, omdat een groep geen gebeurtenissen heeft, of al haar gebeurtenissen heeft voordat iemand anders in de risicoset er een heeft.",
    "Model m: de informatiematrix is singulier: 'a' is constant of een lineaire combinatie van eerdere termen (collineair).",
    "Model m: de informatiematrix is singulier: 'a', 'b' zijn constant of een lineaire combinatie van eerdere termen (collineair).",
    'Model m: Newton–Raphson is na 1 iteratie niet geconvergeerd.',
    "Model m: Newton–Raphson is na 30 iteraties niet geconvergeerd (nog in beweging: 'a').",
    "Model m: de schatting van 'a' is niet eindig.",
    'Model m: de schatting gaf geen eindige waarde voor a.',
    'Model m: de schatting gaf geen eindige waarde voor de log-likelihood.',
    "Model m: de toets op proportionele hazards is voor 'a' niet te berekenen (singuliere informatiematrix).",
  ]);
});
