/**
 * The pipeline's texts for problems the user can act on (rule ids `uitvoer/...`): paths the
 * build refuses to write, inputs and results folders that are not what the build expects, and
 * an environment (disk, browser) it cannot work in. Each returns a Diagnostic (util/diagnostic.ts);
 * where the text names a file or an option with its value, that is the diagnostic's `file`.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

const HINT_DATA = (slug: string) => `Klopt --data? De extracten van de ${slug} staan standaard in data/${slug}/.`;

export const UITVOER = {
  /** A path the guard refuses (guard.ts); `waar` is the option and its path as given. */
  geweigerd: (waar: string, waarom: string): Diagnostic => diagnostic('uitvoer/geweigerd', `${waarom}. Er is niets gewijzigd.`, { file: waar }),
  modelframesInUitvoer: (waar: string, out: string): Diagnostic =>
    diagnostic(
      'uitvoer/modelframes',
      `deze map ligt binnen de gepubliceerde uitvoermap ${out}. ` +
        'Modelframes bevatten gegevens op persoonsniveau en mogen de beveiligde omgeving niet verlaten. Er is niets gewijzigd.',
      { file: waar },
    ),
  bezet: (out: string, pid: number): Diagnostic =>
    diagnostic('uitvoer/bezet', `een andere bouw${pid ? ` (proces ${pid})` : ''} schrijft al naar deze uitvoermap. Er is niets gewijzigd.`, {
      file: `--out ${out}`,
      hint: `Wacht tot die bouw klaar is en probeer het dan opnieuw${pid ? `, of stop hem (kill ${pid})` : ''}. Met een andere --out kan een bouw ernaast.`,
    }),
  sjablonenmap: (dir: string): Diagnostic => diagnostic('uitvoer/sjablonenmap', 'map bestaat niet of is geen map (verwacht: de sjablonen, met monitor/ en kamerbrief/)', { file: dir }),
  geenUitstroom: (data: string, o: { leeg: readonly number[]; slug: string; peildatum: string }): Diagnostic =>
    diagnostic(
      'uitvoer/geen-uitstroom',
      `de extracten bevatten geen uitstroom in ${o.leeg.length === 1 ? 'cohort' : 'de cohorten'} ${o.leeg.join(', ')} van de editie ${o.slug} (peildatum ${o.peildatum})`,
      { file: data, hint: HINT_DATA(o.slug) },
    ),
  peildatumTeVroeg: (extractieJson: string, o: { peildatum: string; nodig: string; laatste: number; slug: string }): Diagnostic =>
    diagnostic(
      'uitvoer/peildatum',
      `peildatum ${o.peildatum} ligt voor ${o.nodig}, het einde van twee jaar na uitstroom van cohort ${o.laatste} van de editie ${o.slug}; de recidive binnen twee jaar is dan niet voor elk cohort te bepalen`,
      { file: extractieJson, hint: HINT_DATA(o.slug) },
    ),
  resultatenZonderExtractie: (manifest: string): Diagnostic =>
    diagnostic('uitvoer/resultaten-manifest', 'geen beschrijving van de extracten (verwacht: de manifest.json van npm run report -- --stage resultaten)', { file: manifest }),
  resultaatOntbreekt: (pad: string, namen: readonly string[]): Diagnostic =>
    diagnostic('uitvoer/resultaat-ontbreekt', `bestand ontbreekt (verwacht: de resultaten van npm run report -- --stage resultaten, met ${namen.join(', ')})`, { file: pad }),
  manifestOnleesbaar: (pad: string): Diagnostic =>
    diagnostic('uitvoer/manifest', 'niet gevonden of geen geldige manifest.json (verwacht: een map met resultaten van npm run report -- --stage resultaten)', { file: pad }),
  manifestVreemd: (pad: string): Diagnostic =>
    diagnostic('uitvoer/manifest-vreemd', 'geen manifest.json van deze tool (verwacht: "formaat": 1 en een blok "invoer")', { file: pad }),
  nietsTeControleren: (out: string): Diagnostic =>
    diagnostic('uitvoer/geen-uitvoermap', 'uitvoermap bestaat niet; er is niets om te controleren', { file: out, hint: 'Bouw eerst met `npm run report` en leg out/ vast.' }),
  nietsTeVergelijken: (out: string): Diagnostic => diagnostic('uitvoer/geen-uitvoermap', 'uitvoermap bestaat niet', { file: out, hint: 'Bouw eerst met `npm run report`.' }),
  geenRevisie: (ref: string, root: string): Diagnostic =>
    diagnostic('uitvoer/compare-ref', `geen map en geen git-revisie in ${root}`, {
      file: `--compare ${ref}`,
      hint: 'Geef een uitvoermap (bijvoorbeeld /tmp/oud/out) of een revisie (main, HEAD~1, een commit-hash).',
    }),
  buitenRepository: (ref: string, out: string): Diagnostic =>
    diagnostic('uitvoer/compare-ref', `de uitvoermap ${out} ligt niet in de repository; vergelijk met een map in plaats van een revisie`, { file: `--compare ${ref}` }),
  onbekendProduct: (tekst: string): Diagnostic => diagnostic('uitvoer/product', tekst, { file: '--products' }),
  teWeinigRuimte: (pad: string, tekst: string): Diagnostic => diagnostic('uitvoer/ruimte', tekst, { file: pad }),
  browserWerktNiet: (executablePath: string, reden: string): Diagnostic =>
    diagnostic('browser/werkt-niet', `de browser ${executablePath} ${reden}; zonder werkende browser kunnen de PDF's niet worden gemaakt`),
} as const;

/** The hint when the disk is too full for the build. */
export const HINT_RUIMTE = "Maak ruimte vrij op deze schijf, of kies een andere met --out (de uitvoer) of TMPDIR (de tijdelijke bestanden), en probeer het opnieuw. Zonder PDF's (--no-pdf) is minder nodig.";

/** The hint when the browser does not start. */
export const HINT_BROWSER = "Controleer de browser, wijs met MONITOR_CHROME een andere aan, of bouw zonder PDF's met --no-pdf.";
