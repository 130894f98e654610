/**
 * The command line's texts for mistakes in the options (rule ids `cli/...`). Every text starts
 * with "Fout in de opties:" and names the option, so the user sees what to change.
 */
import { diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';

const OPTIE_HINT = 'npm run report -- --help toont alle opties.';

/** The texts by rule id; parameters fill in the options the user gave. */
export const CLI_BERICHTEN = {
  'cli/onbekende-optie': (naam = '') => `onbekende optie ${naam}`,
  'cli/waarde-ontbreekt': (naam?: string) => `${naam?.replace(/ <value>$/, '') ?? 'een optie'} verwacht een waarde`,
  'cli/argument': (naam = '') => `onverwacht argument ${naam} (opties beginnen met --)`,
  /** Any other complaint of node's parseArgs, as it says it. */
  'cli/opties': (tekst: string) => tekst,
  'cli/modi': (modi: readonly string[]) => `--${modi.join(' en --')} gaan niet samen; kies er een`,
  'cli/compare-out': () => '--compare-out hoort bij --compare',
  'cli/products-no-pdf': () => '--products en --no-pdf gaan niet samen; laat pdf weg uit --products',
  'cli/check': () => "--check bouwt altijd alles behalve de PDF's; laat --products en --model-frames weg",
  'cli/stage': (waarde: string) => `--stage ${waarde} bestaat niet (verwacht: --stage resultaten)`,
  'cli/stage-from-results': () => '--stage resultaten en --from-results gaan niet samen: de eerste draait in de beveiligde omgeving, de tweede daarbuiten',
  'cli/from-results-data': () => '--from-results bouwt zonder extracten; laat --data weg',
  'cli/from-results-model-frames': () => '--model-frames heeft de extracten nodig en gaat niet samen met --from-results',
  'cli/stage-modus': (optie: string, modus: string) => `--${optie} hoort bij een gewone bouw, niet bij --${modus}`,
  'cli/een-editie': (optie: string) => `--${optie} hoort bij één editie; kies die met --edition (bijvoorbeeld --edition 7e-meting)`,
} as const;

/** A mistake in the options: "Fout in de opties: <text>"; the hint only for a parse error. */
export function optieFout(rule: keyof typeof CLI_BERICHTEN, text: string, metHint = false): InputError {
  return new InputError([diagnostic(rule, `Fout in de opties: ${text}`)], metHint ? OPTIE_HINT : undefined);
}

/** Options npm took for its own (`npm run report --check` without `--`): two lines. */
export function doorNpmOpgevatRegels(opgevat: readonly string[]): string[] {
  return [
    `Fout in de opties: npm heeft ${opgevat.join(', ')} zelf opgevat in plaats van door te geven.`,
    `Zet de opties na \`--\`, bijvoorbeeld: npm run report -- ${opgevat.join(' ')}`,
  ];
}
