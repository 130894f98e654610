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
import { InputError } from '../util/errors.ts';
import { isIsoDate } from '../util/dates.ts';
import { DEFAULT_PEILDATUM, generateExtracts, WEGLAATBAAR, type SynthOptions, type Weglaatbaar } from './generate.ts';
import { FORMATS, type Format } from './writer.ts';

export const MAX_SCALE = 100;
export const PEILDATUM_MIN = '2010-01-01';
export const PEILDATUM_MAX = '2050-12-31';

export const USAGE = `Gebruik: npm run data:generate -- --scale <factor> --seed <n> --out <map> [opties]

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

const AGAIN = 'Zie npm run data:generate -- --help.';

/** Read the command line into options, or 'help'. Throws an InputError listing every problem. */
export function parseArgs(argv: readonly string[]): SynthOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const values = new Map<Flag, string>();
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!arg.startsWith('--')) {
      problems.push(`onverwacht argument '${arg}' (verwacht een optie als --scale 0.1)`);
      continue;
    }
    if (!(FLAGS as readonly string[]).includes(name)) {
      problems.push(`onbekende optie '${name}' (bekend zijn: ${FLAGS.join(', ')})`);
      if (eq < 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') {
      problems.push(`optie '${name}' mist een waarde`);
      continue;
    }
    if (values.has(name as Flag)) {
      problems.push(`optie '${name}' is meer dan eens opgegeven`);
      continue;
    }
    values.set(name as Flag, value);
  }

  for (const required of ['--scale', '--seed', '--out'] as const) {
    if (!values.has(required) && !problems.some((p) => p.includes(`'${required}'`))) {
      problems.push(`optie '${required}' ontbreekt`);
    }
  }

  const scaleText = values.get('--scale');
  let scale = NaN;
  if (scaleText !== undefined) {
    scale = /^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(scaleText) ? Number(scaleText) : NaN;
    if (!(scale > 0 && scale <= MAX_SCALE)) {
      problems.push(`--scale '${scaleText}' is geen geldige schaal (verwacht een getal groter dan 0 en ten hoogste ${MAX_SCALE}, bijvoorbeeld 0.1)`);
    }
  }
  const seedText = values.get('--seed');
  let seed = NaN;
  if (seedText !== undefined) {
    seed = /^\d{1,10}$/.test(seedText) ? Number(seedText) : NaN;
    if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
      problems.push(`--seed '${seedText}' is geen geldige seed (verwacht een geheel getal van 0 tot en met 4294967295)`);
    }
  }
  const peildatum = values.get('--peildatum') ?? DEFAULT_PEILDATUM;
  if (!isIsoDate(peildatum)) {
    problems.push(`--peildatum '${peildatum}' is geen datum (verwacht JJJJ-MM-DD, een bestaande kalenderdatum)`);
  } else if (peildatum < PEILDATUM_MIN || peildatum > PEILDATUM_MAX) {
    problems.push(`--peildatum ${peildatum} valt buiten het bereik (verwacht ${PEILDATUM_MIN} tot en met ${PEILDATUM_MAX})`);
  }
  const format = values.get('--format') ?? 'csv.gz';
  if (!(FORMATS as readonly string[]).includes(format)) {
    problems.push(`--format '${format}' is onbekend (verwacht csv, csv.gz of parquet)`);
  }
  const zonder: Weglaatbaar[] = [];
  const zonderText = values.get('--zonder');
  if (zonderText !== undefined) {
    for (const deel of zonderText.split(',')) {
      if (!(WEGLAATBAAR as readonly string[]).includes(deel)) {
        problems.push(`--zonder '${deel}' is onbekend (verwacht id, zorg of id,zorg)`);
      } else if (zonder.includes(deel as Weglaatbaar)) {
        problems.push(`--zonder noemt '${deel}' meer dan eens`);
      } else {
        zonder.push(deel as Weglaatbaar);
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems, AGAIN);
  return { scale, seed, out: values.get('--out')!, peildatum, format: format as Format, zonder };
}

export async function main(argv: readonly string[]): Promise<number> {
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
