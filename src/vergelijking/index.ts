/**
 * The comparison of an edition with its predecessor (docs/editions.md). The build reads the predecessor's published indicators (`leesVorigeMeting`),
 * compares (`vergelijk`), and hands the result to the figures (src/charts/vergelijking.ts) and to
 * the chapters (`vergelijking` in the template context).
 */
export { leesVorigeMeting } from './lezen.ts';
export { vergelijk } from './vergelijk.ts';
