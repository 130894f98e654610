/**
 * A caption never promises what the chart does not show: when every value of a series is
 * suppressed, the series is not drawn, so a title that names it (a group: "re-integratiekandidaten
 * en kortverblijvenden") drops its name and the text alternative says that it is missing and why.
 */
import { lijst } from '../text/wording.ts';
import type { Figuur } from './render.ts';

/**
 * The series a chart's legend names (the domain of its colour scale) and the field that holds
 * them, wherever in the (layered) spec the colour encoding sits.
 */
export function legendaReeksen(spec: unknown): { veld: string; domein: string[] } | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const o = spec as Record<string, unknown>;
  const kleur = (o.encoding as Record<string, unknown> | undefined)?.color as { field?: string; scale?: { domain?: unknown } } | undefined;
  if (kleur?.field && Array.isArray(kleur.scale?.domain) && kleur.scale.domain.every((d) => typeof d === 'string'))
    return { veld: kleur.field, domein: kleur.scale.domain as string[] };
  for (const sub of [...((o.layer as unknown[]) ?? []), ...((o.vconcat as unknown[]) ?? []), ...((o.hconcat as unknown[]) ?? [])]) {
    const g = legendaReeksen(sub);
    if (g) return g;
  }
  return undefined;
}

/** The data points a chart draws (its top-level inline data). */
function getekendePunten(spec: unknown): Record<string, unknown>[] {
  const data = (spec as { data?: { values?: unknown } }).data;
  return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : [];
}

/** The figure with its title and text alternative fitted to the series its chart draws. */
export function bijschriftNaarInhoud(f: Figuur): Figuur {
  const legenda = legendaReeksen(f.spec);
  if (!legenda) return f;
  const punten = getekendePunten(f.spec);
  const ontbrekend = legenda.domein.filter((d) => !punten.some((p) => p[legenda.veld] === d));
  if (ontbrekend.length === 0) return f;
  const getoond = legenda.domein.filter((d) => !ontbrekend.includes(d));
  let { titel, alt } = f;
  for (const weg of ontbrekend) {
    for (const blijft of getoond) {
      for (const [a, b] of [[weg, blijft], [blijft, weg]] as const) {
        titel = titel.replace(`${a} en ${b}`, blijft);
        alt = alt.replace(`met een lijn voor ${a} en een voor ${b}`, `met een lijn voor ${blijft}`).replace(`${a} en ${b}`, blijft);
      }
    }
    titel = titel.replace(new RegExp(`,\\s*${weg}$`), '');
  }
  const noot =
    getoond.length === 0
      ? ' Alle cijfers van deze figuur zijn onderdrukt omdat zij op te weinig personen berusten; de figuur toont geen gegevens.'
      : ` Niet getoond: ${lijst(ontbrekend)}; ${ontbrekend.length === 1 ? 'alle cijfers van deze reeks zijn' : 'alle cijfers van deze reeksen zijn'} onderdrukt omdat zij op te weinig personen berusten.`;
  return { ...f, titel, alt: alt + noot };
}
