/**
 * The Markdown of `--compare` (./compare.ts) for a reviewer: a summary, then a section per kind of
 * change (indicators, models, text, files), each table cut off at MAX_RIJEN rows.
 */
import { markeerGetallen, type CelVerschil, type Vergelijking } from './compare-diff.ts';

const nl = (x: number, d = 1) => x.toFixed(d).replace('.', ',');
const pp = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${nl(Math.abs(x))}`;
const cel = (v: CelVerschil) => `${v.indicator} | ${v.cohort} | ${v.groep} | ${v.moment}`;
const waarde = (r: Record<string, string> | undefined) => (!r ? '–' : r.onderdrukt === '1' ? 'onderdrukt' : `${(r.percentage ?? '').replace('.', ',')}% (${r.teller}/${r.noemer})`);
/** Escape a table cell. */
const tc = (s: string) => s.replace(/\|/g, '\\|');

/** How many rows of a detail table to show before summing up the rest. */
const MAX_RIJEN = 40;

/** The first line of every comparison: --compare-out overwrites only a file that starts with it. */
export const VERGELIJKING_KOP = '# Vergelijking van twee bouwsels';

/** The indicator cells of a comparison, by kind. */
function cellen(v: Vergelijking) {
  return {
    gewijzigd: v.indicatoren.filter((c) => c.soort === 'gewijzigd'),
    erbij: v.indicatoren.filter((c) => c.soort === 'onderdrukt_erbij'),
    vervallen: v.indicatoren.filter((c) => c.soort === 'onderdrukking_vervallen'),
    nieuwOfWeg: v.indicatoren.filter((c) => c.soort === 'nieuw' || c.soort === 'vervallen'),
  };
}

export function vergelijkingMarkdown(v: Vergelijking): string {
  const r: string[] = [VERGELIJKING_KOP, '', `- oud: ${v.oud}`, `- nieuw: ${v.nieuw}`, '', '## Samenvatting', ''];
  const geenVerschil = v.indicatoren.length + v.modellen.length + v.tekst.length + v.bestanden.gewijzigd.length + v.bestanden.nieuw.length + v.bestanden.vervallen.length === 0;
  if (geenVerschil) {
    r.push('Geen verschillen: beide bouwsels zijn gelijk.', '');
    return `${r.join('\n')}`;
  }
  r.push(...samenvatting(v), ...indicatorenSectie(v), ...modellenSectie(v), ...tekstSectie(v), ...bestandenSectie(v));
  return r.join('\n');
}

function samenvatting(v: Vergelijking): string[] {
  const { gewijzigd, erbij, vervallen, nieuwOfWeg } = cellen(v);
  const getalZinnen = v.tekst.flatMap((t) => t.verschillen.filter((z) => z.soort === 'getallen'));
  const andereZinnen = v.tekst.flatMap((t) => t.verschillen.filter((z) => z.soort !== 'getallen'));
  const r: string[] = [];
  if (v.invoer.length) r.push(`- Invoer gewijzigd (volgens manifest.json): ${v.invoer.join(', ')}.`);
  const indNamen = new Set(gewijzigd.map((c) => c.indicator));
  const grootste = gewijzigd.reduce((m, c) => Math.max(m, Math.abs(c.verschil ?? 0)), 0);
  r.push(
    gewijzigd.length
      ? `- ${gewijzigd.length} indicatorcellen gewijzigd in ${indNamen.size} indicatoren; grootste verschil ${nl(grootste)} procentpunt.`
      : '- Geen indicatorcijfers gewijzigd.',
  );
  r.push(`- Onderdrukkingen: ${erbij.length} erbij, ${vervallen.length} vervallen.`);
  if (nieuwOfWeg.length) r.push(`- Cellen: ${nieuwOfWeg.filter((c) => c.soort === 'nieuw').length} nieuw, ${nieuwOfWeg.filter((c) => c.soort === 'vervallen').length} vervallen.`);
  r.push(v.modellen.length ? `- Modellen: ${v.modellen.length} termen gewijzigd in ${new Set(v.modellen.map((m) => m.model)).size} modellen.` : '- Modellen: geen verschil.');
  if (v.km && (v.km.gewijzigd || v.km.onderdruktErbij || v.km.onderdrukkingVervallen))
    r.push(`- Kaplan–Meier: ${v.km.gewijzigd} van ${v.km.punten} punten gewijzigd (grootste verschil ${nl(v.km.grootste)} procentpunt); onderdrukt ${v.km.onderdruktErbij} erbij, ${v.km.onderdrukkingVervallen} vervallen.`);
  r.push(`- Tekst: ${getalZinnen.length} zinnen met andere cijfers, ${andereZinnen.length} zinnen anders, nieuw of vervallen.`);
  r.push('');
  return r;
}

/** A heading that says when the table below it is cut off. */
const kop = (niveau: string, titel: string, aantal: number) => `${niveau} ${titel}${aantal > MAX_RIJEN ? ` (${MAX_RIJEN} van ${aantal})` : ''}`;

function indicatorenSectie(v: Vergelijking): string[] {
  const { gewijzigd, erbij, vervallen, nieuwOfWeg } = cellen(v);
  if (!(gewijzigd.length || erbij.length || vervallen.length || nieuwOfWeg.length)) return [];
  const r = ['## Indicatoren', '', '| indicator | gewijzigde cellen | grootste verschil (procentpunt) | onderdrukt erbij | onderdrukking vervallen |', '|---|---:|---:|---:|---:|'];
  for (const n of new Set(v.indicatoren.map((c) => c.indicator))) {
    const hier = v.indicatoren.filter((c) => c.indicator === n);
    const g = hier.filter((c) => c.soort === 'gewijzigd');
    const max = g.reduce((m, c) => (Math.abs(c.verschil!) > Math.abs(m) ? c.verschil! : m), 0);
    r.push(`| ${n} | ${g.length} | ${g.length ? pp(max) : ''} | ${hier.filter((c) => c.soort === 'onderdrukt_erbij').length || ''} | ${hier.filter((c) => c.soort === 'onderdrukking_vervallen').length || ''} |`);
  }
  r.push('');
  if (gewijzigd.length) {
    const top = [...gewijzigd].sort((a, b) => Math.abs(b.verschil!) - Math.abs(a.verschil!) || cel(a).localeCompare(cel(b)));
    r.push(kop('###', 'Grootste verschillen', top.length), '', '| indicator | cohort | groep | moment | was | nu | verschil (procentpunt) |', '|---|---|---|---|---:|---:|---:|');
    for (const c of top.slice(0, MAX_RIJEN)) r.push(`| ${cel(c)} | ${waarde(c.oud)} | ${waarde(c.nieuw)} | ${pp(c.verschil!)} |`);
    r.push('');
  }
  for (const [titel, lijst] of [
    ['Onderdrukkingen erbij', erbij],
    ['Onderdrukkingen vervallen', vervallen],
    ['Cellen nieuw of vervallen', nieuwOfWeg],
  ] as const) {
    if (!lijst.length) continue;
    r.push(kop('###', titel, lijst.length), '', '| indicator | cohort | groep | moment | was | nu |', '|---|---|---|---|---:|---:|');
    for (const c of lijst.slice(0, MAX_RIJEN)) r.push(`| ${cel(c)} | ${waarde(c.oud)} | ${waarde(c.nieuw)} |`);
    r.push('');
  }
  return r;
}

function modellenSectie(v: Vergelijking): string[] {
  if (!v.modellen.length) return [];
  const r = ['## Modellen', '', '| model | term | ratio was | ratio nu | p was | p nu |', '|---|---|---:|---:|---:|---:|'];
  for (const m of v.modellen.slice(0, MAX_RIJEN))
    r.push(`| ${m.model} | ${tc(m.term)} | ${m.oud?.ratio ?? '–'} | ${m.nieuw?.ratio ?? '–'} | ${m.oud?.p ?? '–'} | ${m.nieuw?.p ?? '–'} |`);
  if (v.modellen.length > MAX_RIJEN) r.push('', `En nog ${v.modellen.length - MAX_RIJEN} termen.`);
  r.push('');
  return r;
}

function tekstSectie(v: Vergelijking): string[] {
  if (!v.tekst.length) return [];
  const r = ['## Cijfers en zinnen in de tekst', ''];
  for (const t of v.tekst) {
    r.push(`### ${t.bestand}`, '');
    for (const z of t.verschillen.slice(0, MAX_RIJEN)) {
      if (z.soort === 'getallen') r.push(`- ${markeerGetallen(z.oud!, z.nieuw!)}`);
      else if (z.soort === 'anders') r.push(`- anders geformuleerd:`, `  - was: ${z.oud}`, `  - nu: ${z.nieuw}`);
      else if (z.soort === 'nieuw') r.push(`- nieuw: ${z.nieuw}`);
      else r.push(`- vervallen: ${z.oud}`);
    }
    if (t.verschillen.length > MAX_RIJEN) r.push(`- en nog ${t.verschillen.length - MAX_RIJEN} verschillen`);
    r.push('');
  }
  return r;
}

function bestandenSectie(v: Vergelijking): string[] {
  const b = v.bestanden;
  if (!(b.gewijzigd.length + b.nieuw.length + b.vervallen.length)) return [];
  const r = ['## Bestanden', ''];
  if (b.gewijzigd.length) r.push(`- gewijzigd: ${b.gewijzigd.join(', ')}`);
  if (b.nieuw.length) r.push(`- nieuw: ${b.nieuw.join(', ')}`);
  if (b.vervallen.length) r.push(`- vervallen: ${b.vervallen.join(', ')}`);
  r.push('');
  return r;
}
