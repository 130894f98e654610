/**
 * `npm run report`: build the monitor from an extract folder into an output folder.
 * Options are read and validated here, once; the build itself is src/build/report.ts.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { buildReport, PROJECT_ROOT } from '../build/report.ts';
import { InputError } from '../util/errors.ts';

const HELP = `Gebruik: npm run report -- [opties]

Bouwt de Monitor nazorg ex-gedetineerden uit de bronextracten: indicatoren, figuren,
hoofdstukken (Markdown) en de PDF.

Opties:
  --data <map>       map met de bronextracten (standaard: data/)
  --out <map>        uitvoermap; wordt pas vervangen als alles gelukt is (standaard: out/)
  --edition <bestand> editiebestand (standaard: editions/6e-meting.json)
  --model-frames <map>
                     schrijf de modelframes (persoonsniveau, alleen voor controle in de
                     beveiligde omgeving) naar deze map; nooit binnen de uitvoermap
  --no-pdf           sla de PDF over
  -h, --help         toon deze hulp
`;

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: join(PROJECT_ROOT, 'data') },
        out: { type: 'string', default: join(PROJECT_ROOT, 'out') },
        edition: { type: 'string', default: join(PROJECT_ROOT, 'editions', '6e-meting.json') },
        'no-pdf': { type: 'boolean', default: false },
        'model-frames': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`Fout in de opties: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const r = await buildReport({ data: values.data, out: values.out, edition: values.edition, pdf: !values['no-pdf'], modelFrames: values['model-frames'] });
    process.stderr.write(`Klaar: ${r.bestanden.length} bestanden in ${r.out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`Fout: de monitor is niet gebouwd; de uitvoermap is ongewijzigd.\n`);
      for (const m of e.messages) process.stderr.write(`  ${m}\n`);
      if (e.hint) process.stderr.write(`Tip: ${e.hint}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
