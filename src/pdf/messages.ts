/**
 * The texts of printing for problems the user can act on (rule ids `browser/...`): no browser,
 * a browser that does not start, hangs or crashes, and a document that reaches outside what a
 * print may load. Each returns a Diagnostic (util/diagnostic.ts); the hints say what to do.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

const ANDERE_BROWSER = 'wijs dan met MONITOR_CHROME een andere browser aan.';

export const BROWSER = {
  envGeenProgramma: (name: string, value: string): Diagnostic =>
    diagnostic('browser/env', 'daar staat geen uitvoerbaar programma (Chrome of Chromium verwacht)', {
      file: `${name}=${value}`,
      hint: `Verbeter het pad in ${name}, of haal de variabele weg om de standaardlocaties te doorzoeken.`,
    }),
  nietGevonden: (): Diagnostic =>
    diagnostic('browser/niet-gevonden', 'Geen Chrome of Chromium gevonden om de PDF te maken.', {
      hint:
        'Zet MONITOR_CHROME op het pad van een Chrome of Chromium (bijvoorbeeld MONITOR_CHROME=/usr/bin/chromium), ' +
        'of installeer Chromium (Debian: apt-get install chromium; macOS: brew install --cask chromium) en probeer het opnieuw.',
    }),
  gezocht: (env: string, plaatsen: string): Diagnostic => diagnostic('browser/niet-gevonden', `Gezocht: ${env}; ${plaatsen}.`),
  installeren: (tried: readonly string[]): Diagnostic =>
    diagnostic('browser/niet-gevonden', tried.length ? `Installeren: ${tried.join('; ')}.` : 'Installeren: geen installatiemethode beschikbaar.'),
  startNiet: (executablePath: string, reden: string): Diagnostic =>
    diagnostic('browser/start', `Chrome/Chromium (${executablePath}) start niet: ${reden}`, {
      hint: 'Controleer of deze browser werkt (bijvoorbeeld met --version), of wijs met MONITOR_CHROME een andere aan.',
    }),
  teLaat: (outFile: string, wat: string, duur: string, tip: string): Diagnostic =>
    diagnostic('browser/deadline', `${wat} duurde langer dan ${duur} en is afgebroken; er is geen PDF geschreven`, { file: outFile, hint: tip }),
  gestopt: (outFile: string): Diagnostic =>
    diagnostic('browser/gestopt', 'de browser is onverwacht gestopt tijdens het printen; er is geen PDF geschreven', {
      file: outFile,
      hint: 'Probeer het opnieuw; gebeurt het steeds, controleer dan de browser (MONITOR_CHROME) en het vrije geheugen.',
    }),
  doorverwezen: (outFile: string, wat: string): Diagnostic =>
    diagnostic('browser/doorverwijzing', `het document verwijst de browser door naar ${wat}; die doorverwijzing is niet gevolgd`, { file: outFile }),
  geladen: (outFile: string, wat: string): Diagnostic =>
    diagnostic('browser/laadt', `het document laadt ${wat}; een PDF mag alleen de eigen bestanden van de bouw, de printstijl en de meegeleverde lettertypen laden`, { file: outFile }),
  metaRefresh: (outFile: string, tag: string): Diagnostic =>
    diagnostic('browser/doorverwijzing', `het document bevat een doorverwijzing (${tag}); die wordt niet gevolgd en er is geen PDF geschreven`, {
      file: outFile,
      hint: 'Een sjabloon bevat een <meta http-equiv="refresh">: een afdruk hoort niet door te verwijzen. Verwijder die regel uit het sjabloon.',
    }),
  documentdatum: (iso: string): Diagnostic => diagnostic('browser/documentdatum', `documentdatum '${iso}' is geen datum als JJJJ-MM-DD`),
} as const;

/** The hint when a document reached outside the build. */
export const HINT_BUITEN_BOUW =
  'Een sjabloon haalt iets binnen van buiten de bouw: een bestand in data/ of elders in het project, of een adres op internet. Neem figuren op met {{figuur "naam"}} en verwijder de verwijzing uit het sjabloon.';

/** What each step of the watchdog is called, and what to do when it hangs (print.ts). */
export const STAP = {
  start: {
    wat: 'het starten van de browser',
    tip: 'De browser start niet of antwoordt niet. Controleer of hij werkt (bijvoorbeeld met --version), of wijs met MONITOR_CHROME een andere aan.',
  },
  laden: {
    wat: 'het laden van het document in de browser',
    tip: `De browser bleef hangen bij het openen van het document, de stijl of de lettertypen. Probeer het opnieuw; gebeurt het steeds, ${ANDERE_BROWSER}`,
  },
  printen: {
    wat: 'het printen',
    tip: `Een erg groot document of een haperende browser. Probeer het opnieuw; gebeurt het steeds, ${ANDERE_BROWSER}`,
  },
} as const;
