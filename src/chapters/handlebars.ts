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
    return hb.template(compiled(hb, bron))(context);
  } catch (e) {
    throw fillError(e, { name: naam, text: bron }, { helpers: Object.keys(hb.helpers).filter((h) => !h.endsWith('elperMissing') && h !== TEKST_HELPER), values: Object.keys(context) });
  }
}

/**
 * Compiled templates by helper names and text. A build and the tests fill the same templates
 * many times, each time with a new Handlebars instance (the helpers hold the chapter's state);
 * compiling is the slow part. The compiled form depends only on the text and on which names
 * are helpers (tekstAlsTekst), and runs on any instance (`hb.template`), as a precompiled
 * template does.
 */
const COMPILED = new Map<string, TemplateSpecification>();
/** Enough for every template of two editions and the letter, many times over. */
const MAX_COMPILED = 200;

/** The JavaScript compiler of Handlebars.compile, which its types do not declare. */
interface Compilers {
  Compiler: new () => { compile(ast: hbs.AST.Program, options: CompileOptions): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: CompileOptions, context: undefined, asObject: true): TemplateSpecification };
}

/** The compiled form of `bron` for the helpers of `hb`, from the store or compiled now. */
function compiled(hb: typeof Handlebars, bron: string): TemplateSpecification {
  if (!hb.helpers[TEKST_HELPER]) {
    hb.registerHelper(TEKST_HELPER, (v: unknown) => (v instanceof hb.SafeString ? v : typeof v === 'string' ? mdTekst(v) : String(v)));
  }
  const key = `${Object.keys(hb.helpers).sort().join(' ')}\n${bron}`;
  let spec = COMPILED.get(key);
  if (!spec) {
    // What Handlebars.compile does on first use, with its defaults: strict mode, no HTML escaping
    // (tekstAlsTekst escapes for Markdown), data (@index) on. Like compile, it parses the
    // rewritten tree once more, which applies the whitespace control (standalone {{#if}} lines,
    // `~`) a second time: the chapters have always been filled that way.
    const options: CompileOptions = { strict: true, noEscape: true, data: true };
    const { Compiler, JavaScriptCompiler } = hb as unknown as Compilers;
    const ast = hb.parse(tekstAlsTekst(hb, hb.parse(bron)) as unknown as string);
    const environment = new Compiler().compile(ast, options);
    spec = new JavaScriptCompiler().compile(environment, options, undefined, true);
    // Bounded, so a long watch session that edits templates does not keep every old version.
    if (COMPILED.size >= MAX_COMPILED) COMPILED.delete(COMPILED.keys().next().value!);
    COMPILED.set(key, spec);
  }
  return spec;
}

/** The helper every `{{value}}` goes through (tekstAlsTekst); not for templates to call. */
const TEKST_HELPER = '__tekst';

/**
 * The one escaping rule for the Markdown templates (src/util/markdown.ts): every `{{...}}` (not the
 * triple `{{{...}}}`) prints its value as text. A string (from the edition file, the results or a
 * helper's words) is escaped with mdTekst; what a helper marks as markup (a Handlebars
 * SafeString: a table, a figure, a footnote mark) is printed as it is; a number as its digits.
 * Done on the template's syntax tree: `{{x}}` becomes `{{__tekst x}}` and `{{h a b}}` becomes
 * `{{__tekst (h a b)}}`, so strict mode and the helpers' errors work as before.
 */
function tekstAlsTekst(hb: typeof Handlebars, ast: hbs.AST.Program): hbs.AST.Program {
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
