/**
 * The command line's options, read and validated once into one typed object (parseOptions),
 * and the --help that names them. Which combinations are refused is a table (CONFLICTS); the
 * texts are the catalogue of ./messages.ts.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { parseProducts, PRODUCTEN, type Product } from '../pipeline/products.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { CLI_BERICHTEN, optieFout } from './messages.ts';

export const HELP = `Gebruik: npm run report -- [opties]

Bouwt de Monitor nazorg ex-gedetineerden uit de bronextracten: de tabellen (CSV), de
figuren, de hoofdstukken en de Kamerbrief (Markdown), de webeditie (web/), de PDF's en
out/manifest.json.
Zonder opties: de standaardeditie uit de vastgelegde gegevens in data/, naar out/.

Invoer en uitvoer:
  --data <map>          map met de bronextracten (standaard: data/)
  --edition <bestand>   editiebestand (standaard: editions/6e-meting/editie.json)
  --out <map>           uitvoermap; wordt pas vervangen als alles gelukt is (standaard: out/)
  --templates <map>     map met de sjablonen (standaard: templates/); om een andere versie
                        van de teksten te proberen zonder de vastgelegde aan te raken
  --products <lijst>    alleen deze onderdelen bijwerken, gescheiden door komma's:
                        ${PRODUCTEN.join(', ')} (standaard: alle). De andere
                        onderdelen in de uitvoermap blijven zoals ze waren.
  --no-pdf              alles behalve de PDF's (hetzelfde als --products zonder pdf)

Twee fasen (beveiligde omgeving en publicatie):
  --stage resultaten    alleen in de beveiligde omgeving: reken uit de extracten alleen de
                        publiceerbare resultaten uit (data/*.csv) met uitvoercontrole.md, de
                        verantwoording voor de uitvoercontrole; verder niets
  --from-results <map>  buiten de beveiligde omgeving: bouw figuren, hoofdstukken, Kamerbrief
                        en PDF's uit zo'n map met resultaten (per editie <map>/<editie>/),
                        zonder extracten

Voor reviewers:
  --check               bouw opnieuw in een tijdelijke map (zonder PDF's) en controleer of de
                        vastgelegde uitvoer precies is wat de pijplijn maakt; noemt wat afwijkt
  --compare <ref>       vergelijk de uitvoermap met een andere bouw: een map (een uitvoermap)
                        of een git-revisie (main, HEAD~1, een commit); geeft een overzicht in
                        Markdown van gewijzigde indicatoren, cijfers in de tekst en
                        onderdrukkingen. Bouwt zelf niet: bouw eerst als je je eigen
                        wijziging wilt zien.
  --compare-out <bestand>
                        schrijf dat overzicht ook naar dit bestand

Tijdens het schrijven:
  --watch               bouw opnieuw bij elke wijziging in templates/, het editiebestand of de
                        extracten (stoppen met Ctrl-C)
  --no-cache            reken alles opnieuw uit; standaard worden de resultaten van stap 1–4
                        bewaard in .cache/ en hergebruikt zolang extracten, editie en code
                        gelijk blijven

Overig:
  --model-frames <map>  schrijf de modelframes (persoonsniveau, alleen voor controle in de
                        beveiligde omgeving) naar deze map; nooit binnen de uitvoermap;
                        alleen samen met --edition
  --quiet               alleen waarschuwingen, fouten en de slotregel
  -h, --help            toon deze hulp

Afsluitstatus: 0 gelukt, 1 fout of afwijking gevonden, 2 onjuiste opties, een pad dat de
tool weigert te overschrijven of een uitvoermap waar al een andere bouw in schrijft;
130 afgebroken met Ctrl-C (SIGINT), 143 gestopt met SIGTERM, 129 met SIGHUP. Afgebroken
laat de uitvoermap zoals hij was en niets achter in de tijdelijke map.
`;

/** What a run does: build (the default), check, compare, watch or only show the help. */
export type Mode = 'build' | 'check' | 'compare' | 'watch' | 'help';

/** The command line, validated and with every default filled in. */
export interface CliOptions {
  mode: Mode;
  /** --data: the extract folder of the one edition built; default data/<slug>. */
  data: string | undefined;
  /** --edition as given (a slug, a folder or a file); undefined: every edition. */
  edition: string | undefined;
  /** The output root: each edition goes into <out>/<slug>/. */
  out: string;
  templates: string;
  producten: Product[];
  /** Cache folder, or undefined with --no-cache. */
  cache: string | undefined;
  modelFrames: string | undefined;
  quiet: boolean;
  /** --compare: a folder or git revision. */
  compare: string | undefined;
  compareOut: string | undefined;
  /** --stage resultaten: only the publishable results. */
  stage: 'resultaten' | undefined;
  /** --from-results: the results root (per edition <root>/<slug>). */
  fromResults: string | undefined;
}

/** The options node's parseArgs reads; `root` gives the defaults of --out and --templates. */
function optionTable(root: string) {
  return {
    data: { type: 'string' },
    out: { type: 'string', default: join(root, 'out') },
    edition: { type: 'string' },
    templates: { type: 'string', default: join(root, 'templates') },
    products: { type: 'string' },
    'no-pdf': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    compare: { type: 'string' },
    'compare-out': { type: 'string' },
    watch: { type: 'boolean', default: false },
    'no-cache': { type: 'boolean', default: false },
    'model-frames': { type: 'string' },
    stage: { type: 'string' },
    'from-results': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  } as const;
}

type Values = ReturnType<typeof parseArgs<{ options: ReturnType<typeof optionTable>; strict: true; allowPositionals: false }>>['values'];

/** parseArgs's error codes, and the rule whose Dutch text replaces its English one. */
const PARSE_ERRORS: Record<string, 'cli/onbekende-optie' | 'cli/waarde-ontbreekt' | 'cli/argument'> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'cli/onbekende-optie',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'cli/waarde-ontbreekt',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'cli/argument',
};

function readValues(argv: readonly string[], root: string): Values {
  try {
    return parseArgs({ args: [...argv], options: optionTable(root), strict: true, allowPositionals: false }).values;
  } catch (e) {
    // parseArgs explains in English; say it in Dutch and name the option.
    const naam = /'([^']+)'/.exec((e as Error).message)?.[1];
    const rule = PARSE_ERRORS[(e as { code?: string }).code ?? ''];
    throw rule ? optieFout(rule, CLI_BERICHTEN[rule](naam), true) : optieFout('cli/opties', (e as Error).message, true);
  }
}

/** The modes asked for, in the order the messages name them. */
function modesOf(v: Values): Mode[] {
  return [...(['check', 'watch'] as const).filter((m) => v[m]), ...(v.compare !== undefined ? (['compare'] as const) : [])];
}

/** A combination of options that is refused: when, and the text saying so. */
interface Conflict {
  rule: keyof typeof CLI_BERICHTEN;
  when: (v: Values, mode: Mode) => boolean;
  text: (v: Values, mode: Mode) => string;
}

const given = (v: Values, optie: 'data' | 'model-frames' | 'products' | 'stage' | 'from-results' | 'compare' | 'compare-out') => v[optie] !== undefined;

/** Checked in order, before (MODES) and after (CONFLICTS) the product list is read; the first that applies is reported. */
const MODE_CONFLICTS: readonly Conflict[] = [
  { rule: 'cli/modi', when: (v) => modesOf(v).length > 1, text: (v) => CLI_BERICHTEN['cli/modi'](modesOf(v)) },
  { rule: 'cli/compare-out', when: (v) => given(v, 'compare-out') && !given(v, 'compare'), text: CLI_BERICHTEN['cli/compare-out'] },
  { rule: 'cli/products-no-pdf', when: (v) => given(v, 'products') && v['no-pdf'], text: CLI_BERICHTEN['cli/products-no-pdf'] },
];

const CONFLICTS: readonly Conflict[] = [
  { rule: 'cli/check', when: (v, m) => m === 'check' && (given(v, 'products') || given(v, 'model-frames')), text: CLI_BERICHTEN['cli/check'] },
  { rule: 'cli/stage', when: (v) => given(v, 'stage') && v.stage !== 'resultaten', text: (v) => CLI_BERICHTEN['cli/stage'](v.stage!) },
  { rule: 'cli/stage-from-results', when: (v) => given(v, 'stage') && given(v, 'from-results'), text: CLI_BERICHTEN['cli/stage-from-results'] },
  { rule: 'cli/from-results-data', when: (v) => given(v, 'from-results') && given(v, 'data'), text: CLI_BERICHTEN['cli/from-results-data'] },
  { rule: 'cli/from-results-model-frames', when: (v) => given(v, 'from-results') && given(v, 'model-frames'), text: CLI_BERICHTEN['cli/from-results-model-frames'] },
  {
    rule: 'cli/stage-modus',
    when: (v, m) => (given(v, 'stage') || given(v, 'from-results')) && m !== 'build',
    text: (v, m) => CLI_BERICHTEN['cli/stage-modus'](given(v, 'stage') ? 'stage' : 'from-results', m),
  },
  { rule: 'cli/een-editie', when: (v) => given(v, 'data') && v.edition === undefined, text: () => CLI_BERICHTEN['cli/een-editie']('data') },
  { rule: 'cli/een-editie', when: (v) => given(v, 'model-frames') && v.edition === undefined, text: () => CLI_BERICHTEN['cli/een-editie']('model-frames') },
];

function refuseConflicts(conflicts: readonly Conflict[], v: Values, mode: Mode): void {
  const c = conflicts.find((x) => x.when(v, mode));
  if (c) throw optieFout(c.rule, c.text(v, mode));
}

const resolved = (path: string | undefined) => (path === undefined ? undefined : resolve(path));

/** Read the arguments once; throws InputError with a Dutch message on anything wrong. */
export function parseOptions(argv: readonly string[], root: string = PROJECT_ROOT): CliOptions {
  const v = readValues(argv, root);
  const mode: Mode = v.help ? 'help' : (modesOf(v)[0] ?? 'build');
  refuseConflicts(MODE_CONFLICTS, v, mode);
  const producten = (v.products !== undefined ? parseProducts(v.products) : [...PRODUCTEN]).filter((p) => !(v['no-pdf'] && p === 'pdf'));
  refuseConflicts(CONFLICTS, v, mode);
  return {
    mode,
    data: resolved(v.data),
    edition: v.edition,
    out: resolve(v.out),
    templates: resolve(v.templates),
    producten,
    cache: v['no-cache'] ? undefined : join(root, '.cache'),
    modelFrames: resolved(v['model-frames']),
    quiet: v.quiet,
    compare: v.compare,
    compareOut: resolved(v['compare-out']),
    stage: v.stage === undefined ? undefined : 'resultaten',
    fromResults: resolved(v['from-results']),
  };
}

/**
 * Options that npm took for its own: `npm run report --check` (without `--`) does not pass
 * --check to the script but sets npm_config_check in its environment, and the build would
 * silently ignore it (with --no-pdf: print the PDFs after all). `cache` is left out: npm sets
 * npm_config_cache itself.
 */
export function doorNpmOpgevat(env: Readonly<Record<string, string | undefined>>): string[] {
  const namen = ['data', 'out', 'edition', 'templates', 'products', 'pdf', 'check', 'compare', 'compare_out', 'watch', 'model_frames'];
  return namen
    .filter((n) => env[`npm_config_${n}`] !== undefined)
    .map((n) => (n === 'pdf' ? '--no-pdf' : `--${n.replace('_', '-')}`));
}
