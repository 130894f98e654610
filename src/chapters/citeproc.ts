/**
 * The citeproc-js engine behind the citations (./literatuur.ts), made once per process.
 *
 * citation-js keeps one engine per style and locale; building it is the expensive part (the APA
 * style is 66 kB of CSL and citeproc-js compiles it to tokens, expanding its macros inline at
 * every call, some 8,000 times). Each expansion looks the macro up by a walk over the whole style
 * tree (`CSL.XmlJSON.prototype.getNodesByName`): a third of the build. While the engine is built,
 * that lookup is answered from an index of the style's macros by name, made in one walk. The
 * index gives the same nodes in the same order: citeproc-js adds no macro to a style after
 * reading it (it adds name and date nodes inside macros, which the index does not hold), and the
 * nodes themselves are shared, so what citeproc-js writes on them is seen as before.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The part of citeproc-js's engine used here (citation-js gives it untyped). */
export interface CiteprocEngine {
  rebuildProcessorState(citations: unknown[], format: string, uncited: unknown[]): [string, number, string][];
  makeBibliography(): [unknown, string[]] | false;
}

/** A node of citeproc-js's JSON form of the style (CSL.XmlJSON). */
interface StyleNode {
  name: string;
  attrs: Record<string, string>;
  children: unknown[];
}

type GetNodesByName = (this: { dataObj: unknown }, json: unknown, name: string, attr?: string, ret?: unknown[]) => StyleNode[];

/** The part of citation-js's configuration of its CSL plugin used here. */
interface CslConfig {
  locales: { add(locale: string, xml: string): void };
  engine(items: never, style: string, locale: string, format: string): unknown;
}

/**
 * citation-js and its CSL plugin, loaded on first use (synchronously: both are CommonJS): most
 * processes that fill chapters (the tests, a build whose chapters cite nothing) never cite, and
 * loading them costs more CPU than anything else a chapter needs.
 */
function cslConfig(): CslConfig {
  const require = createRequire(import.meta.url);
  require('@citation-js/plugin-csl');
  const { plugins } = require('@citation-js/core') as { plugins: { config: { get(name: '@csl'): CslConfig } } };
  return plugins.config.get('@csl');
}

/** citeproc-js itself, as @citation-js/plugin-csl loads it (the same module instance). */
function citeproc(): { XmlJSON: { prototype: { getNodesByName: GetNodesByName } } } {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@citation-js/plugin-csl'))('citeproc') as never;
}

/** Run `build` with macro lookups on a whole style answered from an index (see above). */
function withMacroIndex<T>(build: () => T): T {
  const proto = citeproc().XmlJSON.prototype;
  const original = proto.getNodesByName;
  const indexes = new WeakMap<object, Map<string, StyleNode[]>>();
  proto.getNodesByName = function (json, name, attr, ret) {
    if (name !== 'macro' || !attr || ret || json !== this.dataObj || typeof json !== 'object' || json === null) return original.call(this, json, name, attr, ret);
    let index = indexes.get(json);
    if (!index) {
      index = new Map();
      for (const macro of original.call(this, json, 'macro')) {
        const key = macro.attrs.name;
        if (key !== undefined) index.set(key, [...(index.get(key) ?? []), macro]);
      }
      indexes.set(json, index);
    }
    return [...(index.get(attr) ?? [])];
  };
  try {
    return build();
  } finally {
    proto.getNodesByName = original;
  }
}

const loadedLocales = new Set<string>();

/**
 * The engine for `style` and `locale` (a CSL locale from `citeproc-locales`), with `items` as its
 * items. citation-js reuses the engine of a style and locale and hands it the new items.
 */
export function citeprocEngine(items: readonly object[], style: string, locale: string): CiteprocEngine {
  const config = cslConfig();
  if (!loadedLocales.has(locale)) {
    // plugin-csl ships en-US only; the other locales come from the CSL project's locales package.
    const require = createRequire(import.meta.url);
    config.locales.add(locale, readFileSync(require.resolve(`citeproc-locales/locales/locales-${locale}.xml`), 'utf8'));
    loadedLocales.add(locale);
  }
  // citeproc-js is given copies: it adds its own fields to the items it is handed.
  return withMacroIndex(() => config.engine(structuredClone(items) as never, style, locale, 'html') as CiteprocEngine);
}
