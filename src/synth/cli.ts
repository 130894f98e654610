/**
 * Command line of the synthetic extract generator:
 *
 *   npm run data:generate -- --scale <factor> --seed <n> --out <map>
 *                            [--peildatum JJJJ-MM-DD] [--format csv|csv.gz|parquet] [--zonder id,zorg]
 *
 * The flags are read and checked once, here, into SynthOptions (OPTIONS: one entry per option);
 * every problem with them is a Diagnostic (rule id `synth/...`, Dutch text from messages.ts)
 * saying what is wrong and what is expected, and the exit status is non-zero.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { isIsoDate } from '../util/dates.ts';
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

interface Option<T> {
  required: boolean;
  /** the text read when the option is not given */
  fallback?: string;
  /** the value when the option is neither given nor has a fallback */
  absent?: T;
  /** the value of the option's text; what is wrong with it goes to `problems` */
  read: (text: string, problems: Diagnostic[]) => T;
}

type Field = keyof SynthOptions;

/** The options, by the field of SynthOptions they set (the flag is `--<field>`), in the order of the help. */
const OPTIONS: { [K in Field]-?: Option<SynthOptions[K]> } = {
  scale: {
    required: true,
    absent: NaN,
    read: (text, problems) => {
      const scale = /^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : NaN;
      if (!(scale > 0 && scale <= MAX_SCALE)) problems.push(MELDINGEN.schaal(text, MAX_SCALE));
      return scale;
    },
  },
  seed: {
    required: true,
    absent: NaN,
    read: (text, problems) => {
      const seed = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
      if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) problems.push(MELDINGEN.seed(text));
      return seed;
    },
  },
  out: { required: true, read: (text) => text },
  peildatum: {
    required: false,
    fallback: DEFAULT_PEILDATUM,
    read: (text, problems) => {
      if (!isIsoDate(text)) problems.push(MELDINGEN.geenDatum(text));
      else if (text < PEILDATUM_MIN || text > PEILDATUM_MAX) problems.push(MELDINGEN.buitenBereik(text, PEILDATUM_MIN, PEILDATUM_MAX));
      return text;
    },
  },
  format: {
    required: false,
    fallback: 'csv.gz',
    read: (text, problems) => {
      if (!(FORMATS as readonly string[]).includes(text)) problems.push(MELDINGEN.format(text));
      return text as Format;
    },
  },
  zonder: {
    required: false,
    absent: [],
    read: (text, problems) => {
      const zonder: Weglaatbaar[] = [];
      for (const deel of text.split(',')) {
        if (!(WEGLAATBAAR as readonly string[]).includes(deel)) problems.push(MELDINGEN.zonderOnbekend(deel));
        else if (zonder.includes(deel as Weglaatbaar)) problems.push(MELDINGEN.zonderHerhaald(deel));
        else zonder.push(deel as Weglaatbaar);
      }
      return zonder;
    },
  },
};

const FIELDS = Object.keys(OPTIONS) as Field[];
const FLAGS = FIELDS.map((f) => `--${f}`);

/** The field an option sets, or undefined for an unknown option. */
const fieldOf = (name: string): Field | undefined => FIELDS.find((f) => `--${f}` === name);

/** The value of the option in `argv[i]` (`--x=v` or `--x v`) and the index of its last word. */
function valueAt(argv: readonly string[], i: number): { value: string | undefined; last: number } {
  const arg = argv[i]!;
  const eq = arg.indexOf('=');
  if (eq > 0) return { value: arg.slice(eq + 1), last: i };
  const next = argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? { value: next, last: i + 1 } : { value: undefined, last: i };
}

/** The texts of the options given, by field; `given` also holds those given without a text. */
function readOptions(argv: readonly string[], problems: Diagnostic[]): { texts: Map<Field, string>; given: Set<Field> } {
  const texts = new Map<Field, string>();
  const given = new Set<Field>();
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
    const field = fieldOf(name);
    if (field === undefined) {
      problems.push(MELDINGEN.onbekendeOptie(name, FLAGS));
      continue;
    }
    given.add(field);
    if (value === undefined || value === '') problems.push(MELDINGEN.geenWaarde(name));
    else if (texts.has(field)) problems.push(MELDINGEN.herhaald(name));
    else texts.set(field, value);
  }
  return { texts, given };
}

/** The value of one option: its text (or fallback) read, else its value when absent. */
function valueOf(option: Option<unknown>, text: string | undefined, problems: Diagnostic[]): unknown {
  const t = text ?? option.fallback;
  return t === undefined ? option.absent : option.read(t, problems);
}

/** Read the command line into options, or 'help'. Throws an InputError listing every problem. */
export function parseArgs(argv: readonly string[]): SynthOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const problems: Diagnostic[] = [];
  const { texts, given } = readOptions(argv, problems);
  for (const f of FIELDS) if (OPTIONS[f].required && !given.has(f)) problems.push(MELDINGEN.ontbreekt(`--${f}`));
  const options = Object.fromEntries(FIELDS.map((f) => [f, valueOf(OPTIONS[f], texts.get(f), problems)])) as unknown as SynthOptions;
  if (problems.length > 0) throw new InputError(problems);
  return options;
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
