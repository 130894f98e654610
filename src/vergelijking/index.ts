/**
 * The comparison of an edition with its predecessor (editions.md, "Comparison with the previous
 * meting"). The build reads the predecessor's published indicators (`leesVorigeMeting`), compares
 * (`vergelijk`), and hands the result to the figures (src/charts/vergelijking.ts) and to the
 * chapters (src/chapters/render.ts, `vergelijking` in the template context).
 */
export { leesVorigeMeting, parseIndicatorenCsv, gepubliceerdPad, cohortenVan, type VorigeMeting } from './lezen.ts';
export {
  vergelijk,
  vindReeks,
  kernmoment,
  kernreeksen,
  KERNREEKSEN,
  vergelijkingFiguurId,
  measurementName,
  wijzigingenSchema,
  type Vergelijking,
  type Reeks,
  type Cel,
  type Wijziging,
} from './vergelijk.ts';
export { oordeel, segment, oordeelKort, verloopZin, overzichtZin, overviewSentence, type Oordeel, type Segment } from './trend.ts';
export { vergelijkingContext, vergelijkingTabel, registerVergelijkingHelpers } from './hoofdstuk.ts';
