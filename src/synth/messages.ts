/**
 * The generator's messages to the user, in Dutch: the problems with the command line of
 * `npm run data:generate`, each a Diagnostic with a rule id `synth/...` and the hint to ask for
 * the help text.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

const HINT = 'Zie npm run data:generate -- --help.';

const problem = (rule: string, text: string): Diagnostic => diagnostic(`synth/${rule}`, text, { hint: HINT });

export const MELDINGEN = {
  onverwachtArgument: (arg: string) => problem('onverwacht-argument', `onverwacht argument '${arg}' (verwacht een optie als --scale 0.1)`),
  onbekendeOptie: (name: string, bekend: readonly string[]) =>
    problem('onbekende-optie', `onbekende optie '${name}' (bekend zijn: ${bekend.join(', ')})`),
  geenWaarde: (flag: string) => problem('geen-waarde', `optie '${flag}' mist een waarde`),
  herhaald: (flag: string) => problem('herhaalde-optie', `optie '${flag}' is meer dan eens opgegeven`),
  ontbreekt: (flag: string) => problem('ontbrekende-optie', `optie '${flag}' ontbreekt`),
  schaal: (text: string, max: number) =>
    problem(
      'schaal',
      `--scale '${text}' is geen geldige schaal (verwacht een getal groter dan 0 en ten hoogste ${max}, bijvoorbeeld 0.1)`,
    ),
  seed: (text: string) => problem('seed', `--seed '${text}' is geen geldige seed (verwacht een geheel getal van 0 tot en met 4294967295)`),
  geenDatum: (text: string) =>
    problem('peildatum', `--peildatum '${text}' is geen datum (verwacht JJJJ-MM-DD, een bestaande kalenderdatum)`),
  buitenBereik: (peildatum: string, min: string, max: string) =>
    problem('peildatum-bereik', `--peildatum ${peildatum} valt buiten het bereik (verwacht ${min} tot en met ${max})`),
  format: (text: string) => problem('format', `--format '${text}' is onbekend (verwacht csv, csv.gz of parquet)`),
  zonderOnbekend: (deel: string) => problem('zonder', `--zonder '${deel}' is onbekend (verwacht id, zorg of id,zorg)`),
  zonderHerhaald: (deel: string) => problem('zonder-herhaald', `--zonder noemt '${deel}' meer dan eens`),
};
