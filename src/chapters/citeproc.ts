/**
 * The citeproc-js engine behind the citations (./literatuur.ts), made once per process, and a
 * cache of its output for the builds that keep one (`citeprocRun`, below).
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
import { cacheOnderhoud, cacheSleutel, inCache, jsonCache, uitCache } from '../util/json-cache.ts';

/** The part of citeproc-js's engine used here (citation-js gives it untyped). */
interface CiteprocEngine {
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
function citeprocEngine(items: readonly object[], style: string, locale: string): CiteprocEngine {
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

/** What one citeproc run gives: each citation's text (by citationID) and the bibliography's entries (HTML). */
export interface CiteprocUitvoer {
  citaten: [string, string][];
  bibliografie: string[];
}

/** How many runs the cache keeps (each a few kB); the oldest go first. */
const CACHE_BEWAREN = 40;

/**
 * One citeproc run: `citations` (citeproc-js's citation objects, in document order) and the
 * bibliography, for `items` in `style` and `locale`. With `cacheDir`, the run's output is kept
 * there under a key of everything it depends on (the items, the citations, style, locale and the
 * versions of citeproc-js, citation-js and the locales), and taken from there the next time:
 * building the engine costs over a second of CPU, reading the output a millisecond. The output is
 * a pure function of that key, so a build with the cache writes the same bytes as one without.
 */
export function citeprocRun(items: readonly object[], style: string, locale: string, citations: readonly unknown[], cacheDir?: string): CiteprocUitvoer {
  const cache = cacheDir ? jsonCache(cacheDir, CACHE_BEWAREN) : undefined;
  const sleutel = cache && cacheSleutel(JSON.stringify({ versies: versies(), style, locale, items, citations }));
  const bewaard = cache && sleutel ? uitCache<CiteprocUitvoer>(cache, sleutel) : undefined;
  if (bewaard) return bewaard;
  const e = citeprocEngine(items, style, locale);
  const citaten = e.rebuildProcessorState([...citations], 'html', []).map(([id, , tekst]): [string, string] => [id, tekst]);
  const bib = e.makeBibliography();
  const uit: CiteprocUitvoer = { citaten, bibliografie: bib ? bib[1] : [] };
  if (cache && sleutel) {
    inCache(cache, sleutel, uit);
    cacheOnderhoud(cache);
  }
  return uit;
}

/** The versions of the packages a run's output depends on, read once per process. */
let gelezen: string[] | undefined;

function versies(): string[] {
  if (!gelezen) {
    const plugin = createRequire(import.meta.url).resolve('@citation-js/plugin-csl');
    const versie = (from: string, pkg: string) => (JSON.parse(readFileSync(createRequire(from).resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    gelezen = [versie(import.meta.url, '@citation-js/core'), versie(import.meta.url, '@citation-js/plugin-csl'), versie(plugin, 'citeproc'), versie(import.meta.url, 'citeproc-locales')];
  }
  return gelezen;
}
