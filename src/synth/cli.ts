/**
 * Command line of the synthetic extract generator:
 *
 *   npm run data:generate -- --scale <factor> --seed <n> --out <map>
 *                            [--peildatum JJJJ-MM-DD] [--format csv|csv.gz|parquet] [--zonder id,zorg]
 *
 * The flags are read and checked once, here, into SynthOptions; bad input gets a Dutch
 * message saying what is wrong and what is expected, and a non-zero exit status.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { isIsoDate } from './dates.ts';
import { DEFAULT_PEILDATUM, generateExtracts, WEGLAATBAAR, type SynthOptions, type Weglaatbaar } from './generate.ts';
import { MELDINGEN } from './messages.ts';
import { FORMATS, type Format } from './writer.ts';

const MAX_SCALE = 100;
const PEILDATUM_MIN = '2010-01-01';
const PEILDATUM_MAX = '2050-12-31';

const USAGE = `Gebruik: npm run data:generate -- --scale <factor> --seed <n> --out <map> [opties]

Maakt een complete set synthetische bronextracten (personen, detenties, banen, uitkeringen,
onderwijs, adressen, wanbetalers, justitie, zorg en extractie.json) volgens het datacontract
(docs/extracts.md). Dezelfde seed, schaal en opties geven byte-identieke bestanden.
De gegevens zijn verzonnen (bron "synthetisch"). De cohorten 2013-2016 zijn gekalibreerd op
de gepubliceerde cijfers van de 6e meting; de cohorten 2017-2019 volgen synthetische doelen
die de trends daarvan voortzetten (geen gepubliceerde cijfers).

Verplicht:
  --scale <factor>          grootte; 1 = volledige populatie (ongeveer 32.000 uitstroomrecords
                            per jaar: 20.000 rik en 12.000 kv), 0.1 = een tiende (max ${MAX_SCALE})
  --seed <n>                geheel getal van 0 tot en met 4294967295
  --out <map>               uitvoermap; wordt aangemaakt; eerdere extractbestanden erin worden vervangen

Optioneel:
  --peildatum JJJJ-MM-DD    gegevens compleet tot en met deze datum (standaard ${DEFAULT_PEILDATUM});
                            een latere peildatum zet dezelfde levens voort (cohorten 2017-2019)
  --format <vorm>           csv, csv.gz of parquet (standaard csv.gz)
  --zonder <delen>          laat delen weg, gescheiden door komma's, zoals een meting die ze niet
                            meet ze krijgt: id (de kolommen id_bij_instroom en id_bij_uitstroom
                            van detenties) en zorg (het extract zorg); de levens blijven dezelfde
  -h, --help                deze hulp

Voorbeelden:
  6e meting:  npm run data:generate -- --scale 0.1 --seed 7 --out data/6e-meting
  7e meting:  npm run data:generate -- --scale 0.1 --seed 7 --out data/7e-meting \\
                --peildatum 2021-12-31 --zonder id,zorg`;

const FLAGS = ['--scale', '--seed', '--out', '--peildatum', '--format', '--zonder'] as const;
type Flag = (typeof FLAGS)[number];

/** Each option: whether it must be given, or the value it has when it is not. */
const OPTIONS: Record<Flag, { required: boolean; fallback?: string }> = {
  '--scale': { required: true },
  '--seed': { required: true },
  '--out': { required: true },
  '--peildatum': { required: false, fallback: DEFAULT_PEILDATUM },
  '--format': { required: false, fallback: 'csv.gz' },
  '--zonder': { required: false },
};

const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);

/** The value of the option in `argv[i]` (`--x=v` or `--x v`) and the index of its last word. */
function valueAt(argv: readonly string[], i: number): { value: string | undefined; last: number } {
  const arg = argv[i]!;
  const eq = arg.indexOf('=');
  if (eq > 0) return { value: arg.slice(eq + 1), last: i };
  const next = argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? { value: next, last: i + 1 } : { value: undefined, last: i };
}

/** The options given, by name; `given` also holds those given without a value. */
function readOptions(argv: readonly string[], problems: Diagnostic[]): { values: Map<Flag, string>; given: Set<Flag> } {
  const values = new Map<Flag, string>();
  const given = new Set<Flag>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!arg.startsWith('--')) {
      problems.push(MELDINGEN.onverwachtArgument(arg));
      continue;
    }
    const { value, last } = valueAt(argv, i);
    i = last;
    if (!isFlag(name)) problems.push(MELDINGEN.onbekendeOptie(name, FLAGS));
    else if (value === undefined || value === '') problems.push(MELDINGEN.geenWaarde(name));
    else if (values.has(name)) problems.push(MELDINGEN.herhaald(name));
    else values.set(name, value);
    if (isFlag(name)) given.add(name);
  }
  return { values, given };
}

function readScale(text: string, problems: Diagnostic[]): number {
  const scale = /^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : NaN;
  if (!(scale > 0 && scale <= MAX_SCALE)) problems.push(MELDINGEN.schaal(text, MAX_SCALE));
  return scale;
}

function readSeed(text: string, problems: Diagnostic[]): number {
  const seed = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) problems.push(MELDINGEN.seed(text));
  return seed;
}

function readPeildatum(text: string, problems: Diagnostic[]): string {
  if (!isIsoDate(text)) problems.push(MELDINGEN.geenDatum(text));
  else if (text < PEILDATUM_MIN || text > PEILDATUM_MAX) problems.push(MELDINGEN.buitenBereik(text, PEILDATUM_MIN, PEILDATUM_MAX));
  return text;
}

function readFormat(text: string, problems: Diagnostic[]): Format {
  if (!(FORMATS as readonly string[]).includes(text)) problems.push(MELDINGEN.format(text));
  return text as Format;
}

function readZonder(text: string, problems: Diagnostic[]): Weglaatbaar[] {
  const zonder: Weglaatbaar[] = [];
  for (const deel of text.split(',')) {
    if (!(WEGLAATBAAR as readonly string[]).includes(deel)) problems.push(MELDINGEN.zonderOnbekend(deel));
    else if (zonder.includes(deel as Weglaatbaar)) problems.push(MELDINGEN.zonderHerhaald(deel));
    else zonder.push(deel as Weglaatbaar);
  }
  return zonder;
}

/** Read the command line into options, or 'help'. Throws an InputError listing every problem. */
export function parseArgs(argv: readonly string[]): SynthOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const problems: Diagnostic[] = [];
  const { values, given } = readOptions(argv, problems);
  for (const flag of FLAGS) if (OPTIONS[flag].required && !given.has(flag)) problems.push(MELDINGEN.ontbreekt(flag));

  /** The option's text (given, or its fallback) read by `read`; undefined when there is none. */
  const read = <T>(flag: Flag, reader: (text: string, problems: Diagnostic[]) => T): T | undefined => {
    const text = values.get(flag) ?? OPTIONS[flag].fallback;
    return text === undefined ? undefined : reader(text, problems);
  };
  const scale = read('--scale', readScale) ?? NaN;
  const seed = read('--seed', readSeed) ?? NaN;
  const peildatum = read('--peildatum', readPeildatum)!;
  const format = read('--format', readFormat)!;
  const zonder = read('--zonder', readZonder) ?? [];
  if (problems.length > 0) throw new InputError(problems);
  return { scale, seed, out: values.get('--out')!, peildatum, format, zonder };
}

async function main(argv: readonly string[]): Promise<number> {
  let opts: SynthOptions | 'help';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof InputError) {
      for (const m of e.messages) process.stderr.write(`fout: ${m}\n`);
      if (e.hint) process.stderr.write(`${e.hint}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const started = performance.now();
  const summary = await generateExtracts(opts, (m) => process.stderr.write(`  ${m}\n`));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = Object.entries(summary.rijen)
    .map(([name, n]) => `${name} ${n.toLocaleString('nl-NL')}`)
    .join(', ');
  process.stdout.write(
    `Synthetische extracten geschreven naar ${opts.out} (schaal ${opts.scale}, seed ${opts.seed}, ` +
      `peildatum ${opts.peildatum}, ${opts.format}${opts.zonder?.length ? `, zonder ${opts.zonder.join(',')}` : ''}) ` +
      `in ${seconds} s.\nRijen: ${rows}.\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
