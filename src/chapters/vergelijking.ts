/**
 * What the chapter "Vergelijking met eerdere metingen" (templates/monitor/NN-vergelijking.md.hbs)
 * sees: its template context and its helpers.
 *
 *     {{#if vergelijking}} ... {{/if}}            the chapter exists only with a predecessor
 *     {{#each vergelijking.themas}} ... {{/each}}  a section per theme both editions measure
 *     {{verloop rik}}                              a sentence on one series (src/vergelijking/trend.ts, verloopZin)
 *     {{vergelijkingtabel thema=thema id=tabelId titel="..."}}
 */
import type Handlebars from 'handlebars';
import type { Thema } from '../indicators/definitions.ts';
import { GROEPEN, type Groep, type Moment } from '../vocabulary/lists.ts';
import { InternalError } from '../util/errors.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import { procent } from '../text/format.ts';
import { benoemdArgument, VOETNOOT_ONDERDRUKT, type HelperOptions, type Helpers, type HoofdstukStaat } from './helpers.ts';
import { gfmTabel, metBijschrift, ONDERDRUKT, type Tabel } from './tables.ts';
import { GROEP_KORT, MOMENT_KORT, THEMA_TEKST } from '../vocabulary/labels.ts';
import { helperMeldingen as meld, type Melding } from './messages.ts';
import { helperError } from './template-errors.ts';
import { THEMAS } from './themas.ts';
import { oordeelKort, overviewSentence, overzichtZin, verloopZin } from '../vergelijking/trend.ts';
import { kernmoment, kernreeksen, measurementName, periode, vergelijkingFiguurId, vindReeks, type Reeks, type Vergelijking } from '../vergelijking/vergelijk.ts';

/**
 * A series the comparison has made: the key series (kernreeksen) and the rows of a theme's table
 * are chosen from the series, so one that is missing is a fault of this code.
 */
function reeks(v: Vergelijking, indicator: string, moment: Moment, groep: Groep): Reeks {
  const r = vindReeks(v, indicator, moment, groep);
  if (!r) throw new InternalError(`vergelijking: geen reeks voor ${indicator} ${moment} ${groep}`);
  return r;
}

/** The template context of the comparison (the value of `vergelijking`). */
export function vergelijkingContext(v: Vergelijking) {
  const kern = kernreeksen(v);
  const themas = THEMAS.filter((t) => v.reeksen.some((r) => r.thema === t)).map((thema) => {
    const indicatoren = new Set(v.reeksen.filter((r) => r.thema === thema).map((r) => r.indicator));
    const wijzigingen = v.wijzigingen.filter((w) => indicatoren.has(w.indicator)).map((w) => ({ label: w.label, tekst: w.tekst }));
    return {
      thema,
      titel: THEMA_TEKST[thema] ?? thema,
      /** For labels: `sec:vergelijking-werk-inkomen`, `tab:vergelijking-werk-inkomen`. */
      sleutel: thema.replace(/_/g, '-'),
      kernreeksen: kern
        .filter((k) => k.thema === thema)
        .map((k) => ({
          naam: k.naam,
          figuurId: vergelijkingFiguurId(k.indicator, k.moment),
          rik: reeks(v, k.indicator, k.moment, 'rik'),
          kv: reeks(v, k.indicator, k.moment, 'kv'),
          totaal: reeks(v, k.indicator, k.moment, 'totaal'),
        })),
      wijzigingen,
      heeftWijzigingen: wijzigingen.length > 0,
    };
  });
  const overzicht = (groep: Groep) =>
    kern.length === 0 ? '' : overzichtZin(groep, kern.map((k) => { const r = reeks(v, k.indicator, k.moment, groep); return { naam: k.naam, oordeel: r.oordeel, nieuw: r.nieuw.richting }; }), v.vorige.naam);
  const overview = (groep: Groep) =>
    kern.length === 0
      ? ''
      : overviewSentence(groep, kern.map((k) => { const r = reeks(v, k.indicator, k.moment, groep); return { name: k.name, oordeel: r.oordeel, nieuw: r.nieuw.richting }; }), measurementName(v.vorige.nummer));
  const overige = v.wijzigingen.filter((w) => !v.reeksen.some((r) => r.indicator === w.indicator));
  return {
    vorige: v.vorige.naam,
    huidige: v.huidige.naam,
    vorigePeriode: periode(v.vorige.cohorten),
    huidigePeriode: periode(v.huidige.cohorten),
    periode: periode(v.cohorten),
    themas,
    heeftKernreeksen: kern.length > 0,
    overzicht: { rik: overzicht('rik'), kv: overzicht('kv') },
    /** The same in English, for the Summary. */
    en: { previous: measurementName(v.vorige.nummer), overview: { rik: overview('rik'), kv: overview('kv') } },
    /** Notes on indicators without a compared series (they have no section to stand beside). */
    overigeWijzigingen: overige.map((w) => ({ label: w.label, tekst: w.tekst })),
    heeftOverigeWijzigingen: overige.length > 0,
  };
}

function isReeks(x: unknown): x is Reeks {
  return typeof x === 'object' && x !== null && 'cellen' in x && 'oordeel' in x && 'groep' in x;
}

/**
 * The indicators of one theme at their kernmoment: (indicator, groep) rows by cohort of both
 * editions, and the outcome of the trend rule. A suppressed cell prints as "–", a cohort without
 * a row stays empty.
 */
function vergelijkingTabel(v: Vergelijking, thema: Thema): Tabel {
  let onderdrukt = false;
  const cel = (rij: Publicatie | undefined) => {
    if (!rij) return '';
    if (rij.onderdrukt || rij.teller === null || rij.noemer === null) {
      onderdrukt = true;
      return ONDERDRUKT;
    }
    return procent(rij.teller, rij.noemer);
  };
  const indicatoren = [...new Set(v.reeksen.filter((r) => r.thema === thema).map((r) => r.indicator))];
  const rijen = indicatoren.flatMap((indicator) => {
    const moment = kernmoment(v, indicator);
    if (moment === undefined) throw new InternalError(`vergelijking: indicator '${indicator}' heeft een reeks maar geen kernmoment`);
    return GROEPEN.map((groep, i) => {
      const r = reeks(v, indicator, moment, groep);
      return [i === 0 ? `${r.label} (${MOMENT_KORT[moment]})` : '', GROEP_KORT[groep], ...r.cellen.map((c) => cel(c.rij)), oordeelKort(r.eerder.richting, r.nieuw.richting)];
    });
  });
  const kop = ['Indicator', 'Groep', ...v.cohorten.map(String), 'Verloop'];
  return { markdown: gfmTabel(kop, ['l', 'l', ...v.cohorten.map(() => 'r' as const), 'l'], rijen), onderdrukt };
}

/** The comparison's helpers; without a predecessor they fail with the template line. */
export function vergelijkingHelpers(hb: typeof Handlebars, v: Vergelijking | undefined, staat: HoofdstukStaat, bestand: string): Helpers {
  const fout = (o: HelperOptions | undefined, melding: Melding) => helperError(bestand, o, melding);
  const nodig = (o: HelperOptions): Vergelijking => {
    if (!v) throw fout(o, meld.geenVorigeMeting());
    return v;
  };
  return {
    /** {{verloop rik}}: one sentence on a series across both editions. */
    verloop: (reeks: unknown, o: HelperOptions) => {
      const w = nodig(o);
      if (!isReeks(reeks)) throw fout(o, meld.geenReeks());
      const z = verloopZin({ groep: reeks.groep, eerder: reeks.eerder, nieuw: reeks.nieuw, vorige: w.vorige.naam, huidige: w.huidige.naam, markering: VOETNOOT_ONDERDRUKT });
      if (z.onderdrukt) staat.onderdrukt = true;
      return new hb.SafeString(z.tekst);
    },
    /** {{vergelijkingtabel thema=thema id=(concat "vergelijking-" sleutel) titel="..."}} */
    vergelijkingtabel: (o: HelperOptions) => {
      const w = nodig(o);
      const arg = (k: string) => benoemdArgument(bestand, o, k);
      const thema = arg('thema') as Thema;
      if (!w.reeksen.some((r) => r.thema === thema)) throw fout(o, meld.geenVergelekenThema(thema));
      const t = vergelijkingTabel(w, thema);
      if (t.onderdrukt) staat.onderdrukt = true;
      return new hb.SafeString(metBijschrift(t, arg('titel'), arg('id')));
    },
  };
}
