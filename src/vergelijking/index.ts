/**
 * The comparison of an edition with its predecessor (editions.md, "Comparison with the previous
 * meting"). The build reads the predecessor's published indicators (`leesVorigeMeting`), compares
 * (`vergelijk`), and hands the result to the figures (src/charts/vergelijking.ts) and to the
 * chapters (src/chapters/render.ts, `vergelijking` in the template context).
 */
export { leesVorigeMeting,     } from './lezen.ts';
export {
  vergelijk,
  
  
  
  
  
  
  
  
  
  
  
} from './vergelijk.ts';
;
;
