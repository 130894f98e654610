/**
 * Test helpers: the committed R reference values and data sets (reference/), read without R.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strict as assert } from 'node:assert';
import { ModelError } from '../../src/models/index.ts';

const dir = fileURLToPath(new URL('./reference/', import.meta.url));

/** reference.json as written by make-reference.R (numbers or null for R's NA). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture whose fields each test reads as it knows them
export type Json = any;
export const reference: Json = JSON.parse(readFileSync(`${dir}reference.json`, 'utf8'));

/** A committed CSV (plain: no quotes, no embedded commas) as columns of strings. */
export function readCsv(name: string): Record<string, string[]> {
  const [header, ...lines] = readFileSync(`${dir}${name}`, 'utf8').trim().split('\n');
  const names = header!.split(',');
  const cols: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) {
    const cells = line.split(',');
    names.forEach((n, j) => cols[n]!.push(cells[j]!));
  }
  return cols;
}

export function numbers(values: readonly string[]): number[] {
  return values.map(Number);
}

/** 0/1 column: 1 where the value equals `level`. */
export function dummy(values: readonly string[], level: string): number[] {
  return values.map((v) => (v === level ? 1 : 0));
}

/**
 * Asserts relative agreement: |a - e| <= rel * |e| + abs, element by element, with the index
 * and both values in the message.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, what: string, abs = 1e-12): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= rel * Math.abs(e) + abs, `${what}[${i}]: ${a} vs R ${e} (rel ${Math.abs(a - e) / Math.abs(e)})`);
  }
}

/**
 * The covariates and interactions of monitor_sim.csv as make-reference.R codes them: the
 * shape of models.md's cox_interactie, plus one interaction too small to estimate.
 */
export const MONITOR_COVARIATES = [
  { name: 'geslacht', levels: ['m', 'v'] },
  { name: 'leeftijd', levels: ['25-34', '18-24', '35-44', '45+'] },
  { name: 'activiteit', levels: ['geen', 'werk', 'opleiding', 'uitkering'] },
  {
    name: 'huisvesting',
    levels: ['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen', 'instelling', 'briefadres', 'geen_inschrijving'],
  },
  { name: 'wanbetaler', levels: ['nee', 'ja'] },
  { name: 'eerdere_zaken', levels: ['0', '1-2', '3-5', '6-10', '11+'] },
] as const;

export const MONITOR_INDICATORS = {
  geen_adres: { covariate: 'huisvesting', levels: ['briefadres', 'geen_inschrijving'] },
  inkomen: { covariate: 'activiteit', levels: ['werk', 'uitkering'] },
  veel_eerdere_zaken: { covariate: 'eerdere_zaken', levels: ['6-10', '11+'] },
} as const;

export const MONITOR_INTERACTIONS = [
  ['geslacht:v', 'geen_adres'],
  ['inkomen', 'wanbetaler:ja'],
  ['inkomen', 'veel_eerdere_zaken'],
  ['activiteit:opleiding', 'geslacht:v'],
] as const;

/** monitor_sim.csv as a model frame with both outcomes. */
export function monitorFrame() {
  const mon = readCsv('monitor_sim.csv');
  return { columns: mon, tijd: numbers(mon.tijd!), gebeurtenis: numbers(mon.gebeurtenis!), uitkomst: numbers(mon.uitkomst!) };
}

/** The ModelError that `fn` throws; any other outcome fails the test. */
export function modelError(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  assert.fail('expected a ModelError');
}
