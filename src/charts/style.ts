/**
 * The house style of the monitor's charts: one Vega-Lite config for every figure.
 *
 * Colours come from the Okabe–Ito palette, ordered so that neighbouring series differ in
 * lightness too (they stay apart in greyscale print and for colour-blind readers). Numbers
 * and dates are Dutch through Vega's locale support: a decimal comma, a thousands dot.
 */
import type { Config } from 'vega-lite';
import type { NumberLocale, TimeLocale } from 'vega';
import { MAANDEN } from '../util/dates.ts';

/** Series colours: dark blue, orange, sky blue, bluish green, vermilion, reddish purple, black. */
export const KLEUREN = ['#0b4f8a', '#e69f00', '#56b4e9', '#009e73', '#d55e00', '#cc79a7', '#000000'] as const;

/** The two groups always get the same colours: rik dark, kv light. */
export const GROEP_KLEUREN = { rik: KLEUREN[0], kv: KLEUREN[1], totaal: '#555555' } as const;

/**
 * The seven housing situations (vocabulary/lists.ts, HUISVESTING) need seven colours: the series
 * colours plus yellow, ordered so that light and dark alternate and neighbours differ in grey.
 */
export const HUISVESTING_KLEUREN = [KLEUREN[0], KLEUREN[2], KLEUREN[3], '#f0e442', KLEUREN[5], KLEUREN[1], KLEUREN[4]] as const;

const LETTERTYPE = 'Source Sans 3';

const NL_NUMBER_LOCALE: NumberLocale = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['€ ', ''],
  percent: '%',
};

const NL_TIME_LOCALE: TimeLocale = {
  dateTime: '%a %e %B %Y %X',
  date: '%d-%m-%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  months: [...MAANDEN],
  shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

export const HUISSTIJL: Config = {
  font: LETTERTYPE,
  background: 'white',
  padding: 4,
  view: { stroke: null, continuousWidth: 420, continuousHeight: 240 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    labelColor: '#222222',
    titleColor: '#222222',
    gridColor: '#dddddd',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  axisX: { labelAngle: 0 },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom', labelLimit: 0 },
  range: { category: [...KLEUREN] },
  line: { strokeWidth: 2, point: true },
  point: { size: 40, filled: true },
  bar: { discreteBandSize: { band: 0.8 } },
  text: { fontSize: 10, font: LETTERTYPE },
  locale: { number: NL_NUMBER_LOCALE, time: NL_TIME_LOCALE },
};
