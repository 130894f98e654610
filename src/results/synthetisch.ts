/**
 * The label every product carries when its figures come from synthetic extracts (`bron`
 * 'synthetisch' in extractie.json): the letter (print, Word, Markdown), the monitor's cover and
 * committed chapters, each chart's source line and the data files' README. A page of a
 * synthetic build looks exactly like a real publication, so a screenshot of any of them must
 * still say what it is. The wording lives here only; every product takes it from this module.
 */

/** Whether extractie.json's `bron` says the extracts are synthetic (case and spaces do not matter). */
export function isSynthetisch(bron: string): boolean {
  return bron.trim().toLowerCase() === 'synthetisch';
}

export interface SynthetischLabel {
  /** A few words, for a running header or a band: "Proefversie – synthetische gegevens". */
  kop: string;
  /** One line for the foot of a page or a header: the label and what it means, briefly. */
  regel: string;
  /** The full notice: what the figures are and what they are not. */
  tekst: string;
  /** The letter's notice: it is no parliamentary paper, and its figures describe no one. */
  brief: string;
  /** What a chart's source line adds after the source: " (synthetische gegevens)". */
  bronToevoeging: string;
}

const LABEL: SynthetischLabel = {
  kop: 'Proefversie – synthetische gegevens',
  regel: 'Proefversie op synthetische gegevens: de cijfers beschrijven geen echte personen.',
  tekst:
    'Alle cijfers zijn berekend op synthetische gegevens: kunstmatig gemaakte extracten die de opbouw van de echte registraties nabootsen. Zij beschrijven geen bestaande personen en zeggen niets over de werkelijke situatie van ex-gedetineerden.',
  brief:
    'Dit is geen kamerstuk. Het is een proefversie van de brief, automatisch opgesteld uit synthetische gegevens; de cijfers erin beschrijven geen echte personen en niet de werkelijke situatie van ex-gedetineerden.',
  bronToevoeging: ' (synthetische gegevens)',
};

/** The label for extracts of this `bron`, or undefined when the source is real. */
export function synthetischLabel(bron: string): SynthetischLabel | undefined {
  return isSynthetisch(bron) ? LABEL : undefined;
}

/**
 * The label as a Markdown block quote to put at the top of a committed Markdown file (the
 * letter, a chapter, the data README); '' for a real source. `tekst` chooses the notice.
 */
export function synthetischBlok(bron: string, tekst: 'tekst' | 'brief' = 'tekst'): string {
  const l = synthetischLabel(bron);
  if (!l) return '';
  // One sentence per line, as the committed Markdown is written (src/review/sentences.ts).
  const zinnen = l[tekst].split(/(?<=\.) (?=\p{Lu})/u);
  return [`> **${l.kop}.**`, ...zinnen.map((z) => `> ${z}`)].join('\n') + '\n\n';
}
