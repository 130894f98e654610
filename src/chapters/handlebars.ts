/**
 * Filling one template: Handlebars in strict mode, every `{{value}}` printed as text (the one
 * escaping rule of the Markdown templates), and whatever goes wrong reported at the template's
 * file and line (./template-errors.ts). Used for the monitor's chapters and for the letter.
 */
import Handlebars from 'handlebars';
import { mdTekst } from '../util/markdown.ts';
import { fillError } from './template-errors.ts';

/**
 * Compile and run one template in strict mode, turning Handlebars' errors into InputErrors
 * with the template's file and line. `naam` is the template as messages name it.
 */
export function fillTemplate(hb: typeof Handlebars, bron: string, naam: string, context: object): string {
  try {
    return hb.compile(tekstAlsTekst(hb, hb.parse(bron)), { strict: true, noEscape: true })(context);
  } catch (e) {
    throw fillError(e, { name: naam, text: bron }, { helpers: Object.keys(hb.helpers).filter((h) => !h.endsWith('elperMissing') && h !== TEKST_HELPER), values: Object.keys(context) });
  }
}

/** The helper every `{{value}}` goes through (tekstAlsTekst); not for templates to call. */
const TEKST_HELPER = '__tekst';

/**
 * The one escaping rule for the Markdown templates (util/markdown.ts): every `{{...}}` (not the
 * triple `{{{...}}}`) prints its value as text. A string (from the edition file, the results or a
 * helper's words) is escaped with mdTekst; what a helper marks as markup (a Handlebars
 * SafeString: a table, a figure, a footnote mark) is printed as it is; a number as its digits.
 * Done on the template's syntax tree: `{{x}}` becomes `{{__tekst x}}` and `{{h a b}}` becomes
 * `{{__tekst (h a b)}}`, so strict mode and the helpers' errors work as before.
 */
function tekstAlsTekst(hb: typeof Handlebars, ast: hbs.AST.Program): hbs.AST.Program {
  if (!hb.helpers[TEKST_HELPER]) {
    hb.registerHelper(TEKST_HELPER, (v: unknown) => (v instanceof hb.SafeString ? v : typeof v === 'string' ? mdTekst(v) : String(v)));
  }
  const isHelper = (p: hbs.AST.Expression): boolean =>
    p.type === 'PathExpression' && !(p as hbs.AST.PathExpression).data && (p as hbs.AST.PathExpression).parts.length === 1 && (p as hbs.AST.PathExpression).original in hb.helpers;
  class Escaper extends Handlebars.Visitor {
    override MustacheStatement(m: hbs.AST.MustacheStatement): void {
      if (!m.escaped) return;
      const call = m.params.length > 0 || m.hash !== undefined || isHelper(m.path);
      const waarde: hbs.AST.Expression = call
        ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression)
        : Object.assign(m.path, { strict: true }); // as strict as the value printed directly (a helper's argument is not)
      m.path = { type: 'PathExpression', data: false, depth: 0, parts: [TEKST_HELPER], original: TEKST_HELPER, loc: m.loc } as hbs.AST.PathExpression;
      m.params = [waarde];
      m.hash = undefined as unknown as hbs.AST.Hash;
      m.escaped = false;
    }
  }
  new Escaper().accept(ast);
  return ast;
}
