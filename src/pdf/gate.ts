/**
 * What a print may load: data: URIs, the document itself (once), files inside the allowed
 * folders (the build's own temporary folder), the print stylesheets and the shipped fonts.
 * Anything else (data/, the network, a redirect) is a broken template: the request is refused
 * and recorded, and the print fails naming the references the document made, so a print never
 * depends on, or leaks, any other file, nor touches the network.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Frame, HTTPRequest } from 'puppeteer-core';
import { InputError } from '../util/errors.ts';
import { BROWSER, HINT_BUITEN_BOUW } from './messages.ts';
import { binnen, PROJECT_ROOT } from '../util/paths.ts';

/** The print stylesheets (templates/print/*.css) and the fonts they name (@fontsource). */
const PRINT_STYLES = join(PROJECT_ROOT, 'templates', 'print');
const FONTS = join(PROJECT_ROOT, 'node_modules', '@fontsource');

/** Whether `path` is a file the project ships for every print: a print stylesheet or a font. */
export function shippedAsset(path: string): boolean {
  if (dirname(path) === PRINT_STYLES) return path.endsWith('.css');
  const rel = relative(FONTS, path).split(sep);
  return rel.length === 3 && rel[0] !== '..' && rel[1] === 'files' && /\.woff2?$/.test(rel[2]!);
}

/**
 * Let through data: URIs, the document itself (once: a second navigation of the page is a
 * redirect), files inside the allowed folders and the shipped assets; abort and record anything
 * else.
 */
export function gate(request: HTTPRequest, allowed: readonly string[], documentPath: string, blocked: Blocked, main: Frame): void {
  if (request.isInterceptResolutionHandled()) return;
  const url = request.url();
  let ok = url.startsWith('data:');
  if (url.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      path = '';
    }
    if (request.isNavigationRequest() && request.frame() === main) {
      ok = path === documentPath && !blocked.opened;
      blocked.opened = true;
      if (!ok) blocked.redirects.add(url);
    } else {
      ok = path !== '' && (allowed.some((root) => binnen(path, root)) || shippedAsset(path));
    }
  } else if (request.isNavigationRequest() && request.frame() === main) {
    blocked.redirects.add(url);
  }
  if (ok) {
    void request.continue();
    return;
  }
  blocked.urls.push(url);
  void request.abort('blockedbyclient');
}

/** What the gate refused: every URL in order, and which of them were navigations of the page itself. */
export interface Blocked {
  readonly urls: string[];
  readonly redirects: Set<string>;
  /** the page has made its one navigation (to the document) */
  opened: boolean;
}

/** Every URL-valued reference in the HTML as written, by the URL it resolves to. */
export function references(html: string, base: string): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\b(?:src|href|data|poster|background|action|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi,
    /url\(\s*(?:"([^"]*)"|'([^']*)'|&quot;(.*?)&quot;|([^)'"]*?))\s*\)/gi,
    /@import\s+(?:"([^"]*)"|'([^']*)')/gi,
  ];
  for (const pattern of patterns) {
    for (const m of html.matchAll(pattern)) {
      const written = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
      try {
        const url = new URL(written.replaceAll('&amp;', '&'), base).href;
        if (!found.has(url)) found.set(url, written);
      } catch {
        // not a URL: nothing the browser would load
      }
    }
  }
  return found;
}

/** The error for a document that reached outside what a print may load. */
export function refused(blocked: Blocked, html: string, baseDir: string, outFile: string): InputError {
  const written = references(html, pathToFileURL(resolve(baseDir) + '/').href);
  const lines = [...new Set(blocked.urls)].map((url) => {
    const what = written.has(url) ? `'${written.get(url)}' (${url})` : url;
    return blocked.redirects.has(url) ? BROWSER.doorverwezen(outFile, what) : BROWSER.geladen(outFile, what);
  });
  return new InputError(lines, HINT_BUITEN_BOUW);
}

/** A document that redirects (<meta http-equiv="refresh">) would print something else, or nothing. */
export function refuseRedirect(html: string, outFile: string): void {
  const m = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?\s*refresh\b[^>]*>/i.exec(html);
  if (m) {
    throw new InputError([BROWSER.metaRefresh(outFile, m[0])]);
  }
}

/** Relative URLs must resolve against baseDir, not the temp folder the document is opened from. */
export function withBase(html: string, baseDir: string): string {
  if (/<base\s/i.test(html)) return html;
  const href = pathToFileURL(resolve(baseDir) + '/').href;
  return html.replace(/<head([^>]*)>/i, `<head$1>\n<base href="${href}">`);
}
