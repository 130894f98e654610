/**
 * The output-check statement `uitvoercontrole.md` (the build's first stage, `--stage resultaten`):
 * for the output checker of the secure environment, per file of data/ what a row is, its
 * columns, the smallest count behind any number it publishes, and the disclosure rules applied
 * with how often each intervened and where the audit lists each intervention. Everything comes
 * from the published results themselves; no person-level data, no date or clock, so the same
 * results give the same statement.
 */
import { REGEL_TEKST } from '../indicators/disclosure.ts';
import { KM_REGEL_TEKST } from '../models/disclosure.ts';
import { csvRecords } from '../util/csv.ts';
import { beschrijfBestanden } from './bestanden.ts';
import { leesAudit } from './lezen.ts';
import type { Resultaten } from './results.ts';
import { ingrepen, INDICATOR_REGELS, KM_REGELS, kleinsteAantallen, type Ingrepen, type KleinsteAantallen } from './uitvoercontrole-tellingen.ts';

const n = (x: number | null) => (x === null ? 'geen' : String(x));

/** The line of a file about its smallest counts. */
function kleinsteRegel(bestand: string, a: KleinsteAantallen): string {
  switch (bestand) {
    case 'indicatoren.csv':
      return `kleinste gepubliceerde noemer ${n(a.noemer)}, kleinste teller groter dan 0: ${n(a.teller)}, kleinste noemer min teller groter dan 0: ${n(a.rest)}`;
    case 'modellen.csv':
      return `kleinste n ${n(a.modelN)}, kleinste aantal gebeurtenissen ${n(a.modelEvents)}, kleinste n min gebeurtenissen ${n(a.modelRest)} (alle naar beneden afgerond op een veelvoud van de drempel)`;
    case 'recidive_km.csv':
      return `kleinste gepubliceerde at_risk ${n(a.atRisk)}; kleinste zichtbare stap ongeveer ${n(a.kmStap)} gebeurtenissen (geschat als at_risk van de maand ervoor maal de relatieve daling van de overleving; omdat at_risk naar beneden is afgerond, valt die schatting wat te laag uit: de regel zelf telt de werkelijke gebeurtenissen en zet een stap pas bij ten minste de drempel)`;
    case 'modellen_ph.csv':
      return 'geen aantallen; de toetsen horen bij de gepubliceerde modellen van `modellen.csv`';
    case 'modellen_perioden.csv':
      return 'geen aantallen; een periode met minder records of gebeurtenissen dan de drempel is niet gepubliceerd';
    case 'modellen_noten.csv':
    case 'onderdrukking.csv':
      return 'geen aantallen';
    default:
      return 'onbekend bestand: niet vrijgeven zonder eigen beoordeling';
  }
}

const AANTAL_NAAM: Record<Exclude<keyof KleinsteAantallen, 'kmStap'>, string> = {
  noemer: 'noemer in indicatoren.csv',
  teller: 'teller in indicatoren.csv',
  rest: 'noemer min teller in indicatoren.csv',
  modelN: 'n in modellen.csv',
  modelEvents: 'events in modellen.csv',
  modelRest: 'n min events in modellen.csv',
  atRisk: 'at_risk in recidive_km.csv',
};

/**
 * The smallest counts below k, named; empty when every one is at least k. The curve step is left
 * out: read from the published (rounded) values it is only an estimate, biased downwards; the
 * delay rule itself counts the real events.
 */
function onderDrempel(a: KleinsteAantallen, k: number): string[] {
  return (Object.keys(AANTAL_NAAM) as Exclude<keyof KleinsteAantallen, 'kmStap'>[]).flatMap((naam) => {
    const x = a[naam];
    return x !== null && x < k ? [`${AANTAL_NAAM[naam]} ${x}`] : [];
  });
}

function uitkomstSectie(a: KleinsteAantallen, k: number): string {
  const onder = onderDrempel(a, k);
  return [
    '## Uitkomst',
    '',
    onder.length === 0
      ? `Elk kleinste aantal hieronder is ten minste de drempel k = ${k}.`
      : `LET OP: kleiner dan de drempel k = ${k}: ${onder.join(', ')}. Deze resultaten niet vrijgeven voordat dat is verklaard.`,
  ].join('\n');
}

/** Where the audit lists the interventions of a file. */
const AUDIT: Record<string, string> = {
  'indicatoren.csv': '`onderdrukking.csv`, regels met `bestand` = `indicatoren.csv`',
  'modellen.csv': '`onderdrukking.csv`, regels met `bestand` = `modellen.csv`; de noten in `modellen_noten.csv`',
  'modellen_perioden.csv': '`onderdrukking.csv`, regels met `bestand` = `modellen_perioden.csv`; de noten (soort `tijdsplitsing`) in `modellen_noten.csv`',
  'recidive_km.csv': '`onderdrukking.csv`, regels met `bestand` = `recidive_km.csv`',
};

function bestandSectie(bestand: string, tekst: string, a: KleinsteAantallen, rij: ReadonlyMap<string, string>): string {
  const [kop, ...rijen] = csvRecords(tekst);
  return [
    `### data/${bestand}`,
    '',
    `- Eén rij: ${rij.get(bestand) ?? 'onbekend'}.`,
    `- Kolommen: ${(kop?.fields ?? []).map((k) => `\`${k}\``).join(', ')}; ${rijen.length} rijen.`,
    `- Kleinste aantal: ${kleinsteRegel(bestand, a)}.`,
    ...(AUDIT[bestand] ? [`- Ingrepen staan in ${AUDIT[bestand]}.`] : []),
  ].join('\n');
}

function regelSectie(k: number, i: Ingrepen): string {
  const ind = INDICATOR_REGELS.map((r) => `  - \`${r}\` (${REGEL_TEKST[r]}): ${i.indicatoren[r]}`);
  const km = KM_REGELS.map((r) => `  - \`${r}\` (${KM_REGEL_TEKST[r]}): ${i.km[r]}`);
  const m = i.modellen;
  return [
    '## Toegepaste regels',
    '',
    `- **Drempel.** k = ${k}. Een cel van \`indicatoren.csv\` wordt onderdrukt als de noemer kleiner is dan ${k}, of de teller of noemer min teller groter dan 0 en kleiner dan ${k} is (primaire onderdrukking).`,
    `- **Afgeleide onderdrukking.** Waar een onderdrukte cel terug te rekenen zou zijn uit gepubliceerde cellen (cohorten tot het totaal, groepen tot beide samen, categorieën tot hun noemer), is ook een gepubliceerde cel onderdrukt (secundaire onderdrukking). Onderdrukte cellen per regel, primair en secundair:`,
    ...ind,
    `- **Uitval.** Per cohort en groep (rik, kv) daalt de noemer van meetmoment tot meetmoment alleen in stappen van 0 of ten minste ${k} records, ook binnen de deelgroepen die op twee meetmomenten voorkomen (werk en inschrijving 1 maand voor instroom, de volledige gevallen); wie voor de volgende stap uitvalt, telt al eerder niet meer mee. Het auditbestand noemt elk meetmoment waarop de noemer geen stap zet, of er nu iemand uitviel of niet (regel \`uitval_vervroegd\`): ${i.uitval}.`,
    `- **Modellen.** Een categorie met minder dan ${k} records of gebeurtenissen is samengevoegd met de referentiecategorie; een te kleine referentiecategorie is vervangen door de grootste categorie; een te kleine interactie is weggelaten; een model met te kleine aantallen is niet gepubliceerd. Gewisselde referenties: ${m.referentie}; samengevoegde categorieën: ${m.samengevoegd}; weggelaten interacties: ${m.weggelaten}; niet gepubliceerde ratio’s per periode: ${m.tijdsplitsing}; niet gepubliceerde modellen: ${m.onderdrukt}; niet geschatte modellen (geen onderdrukking): ${m.fout}.`,
    `- **Recidivecurven.** Een Kaplan–Meiercurve zet pas een stap als er sinds haar vorige stap ten minste ${k} gebeurtenissen zijn bijgekomen; waar curven optellen tot een totaal of een stap te vergelijken is met een aantal elders, is ook een stap van een andere curve uitgesteld. Een curve met minder dan ${k} gebeurtenissen is niet gepubliceerd. Curvemaanden per regel:`,
    ...km,
    `  - niet gepubliceerde curven: ${i.kmCurven}`,
    `- **Afronding.** Elke gepubliceerde at_risk (${i.afgerondAtRisk} waarden) blijft tot de volgende zichtbare stap staan en is naar beneden afgerond op een veelvoud van ${k}; zo ook \`n\` en \`events\` van elk gepubliceerd model (${i.afgerondModel} waarden).`,
    '- **Geen persoonsgegevens.** De bestanden bevatten geen persoonsnummers of andere sleutels, en geen minimum of maximum van een kenmerk van personen.',
  ].join('\n');
}

export function uitvoercontrole(r: Resultaten, bestanden: Record<string, string>): string {
  const e = r.editie;
  const k = e.drempel;
  const a = kleinsteAantallen(r);
  const namen = Object.keys(bestanden).sort();
  // What a row is: the same description as the data README's (bestanden.ts).
  const rij = new Map(beschrijfBestanden(r).map((b) => [b.naam as string, b.rij]));
  return [
    `# Uitvoercontrole: ${e.titel}, ${e.nummer}e meting`,
    '',
    `Deze verklaring hoort bij de resultaten in \`data/\` (${namen.length} bestanden: ${namen.map((b) => `\`${b}\``).join(', ')}). ` +
      `Ze is gemaakt uit die bestanden zelf, voor de controle voordat ze de beveiligde omgeving verlaten. Bron: ${r.extractie.bron}, peildatum ${r.extractie.peildatum}. Drempel k = ${k}.`,
    '',
    uitkomstSectie(a, k),
    '',
    regelSectie(k, ingrepen(r, leesAudit(bestanden))),
    '',
    '## Bestanden',
    '',
    namen.map((b) => bestandSectie(b, bestanden[b]!, a, rij)).join('\n\n'),
    '',
  ].join('\n');
}
