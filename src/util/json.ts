/**
 * JSON files a person writes by hand (an edition, extractie.json): where a syntax error is, in
 * Dutch with line and column, and on which line each field stands, so a message about a field
 * can point at it.
 *
 * `JSON.parse` gives the value; its English messages, which do not always say where, are not
 * shown. A small scanner walks the same text: on valid JSON it records the line of every path,
 * on invalid JSON it finds the first place where the text stops being JSON and says why.
 */
import type { Diagnostic } from './diagnostic.ts';

export interface JsonSyntaxError {
  line: number;
  column: number;
  /** What is wrong, in Dutch. */
  what: string;
}

export type JsonResult =
  | { ok: true; value: unknown; lines: ReadonlyMap<string, number> }
  | { ok: false; error: JsonSyntaxError };

/** A path as a key for `lines`: the segments joined by a character JSON keys rarely hold. */
export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('\u0000');

/** Parse `text`; a BOM at the start is skipped. */
export function parseJson(text: string): JsonResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return { ok: false, error: new Scanner(source).firstError() };
  }
  const scanner = new Scanner(source);
  try {
    scanner.document();
  } catch {
    // The scanner is stricter nowhere JSON.parse is not; should it still disagree, lines are unknown.
  }
  return { ok: true, value, lines: scanner.lines };
}

/** A syntax error as a message: `<file>:<line>:<column>: geen geldige JSON: <what>`. */
export function describeJsonError(file: string, e: JsonSyntaxError): Diagnostic {
  return { file, line: e.line, column: e.column, rule: 'json/syntaxis', text: `geen geldige JSON: ${e.what}` };
}

class Fail extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {
    super(what);
  }
}

const shown = (c: string | undefined): string => {
  if (c === undefined) return 'het einde van het bestand';
  if (c === '\n') return 'een regeleinde';
  if (c === "'") return "een enkel aanhalingsteken (') (JSON gebruikt dubbele: \")";
  return `'${c}'`;
};

class Scanner {
  i = 0;
  readonly lines = new Map<string, number>();

  constructor(readonly s: string) {}

  firstError(): JsonSyntaxError {
    try {
      this.document();
      return { ...this.position(this.s.length), what: 'onleesbaar' };
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      return { ...this.position(e.at), what: e.what };
    }
  }

  position(at: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let k = 0; k < at && k < this.s.length; k++) {
      if (this.s[k] === '\n') {
        line++;
        start = k + 1;
      }
    }
    return { line, column: at - start + 1 };
  }

  lineAt(at: number): number {
    return this.position(at).line;
  }

  document(): void {
    this.space();
    if (this.i >= this.s.length) throw new Fail(this.i, 'het bestand is leeg (verwacht: een JSON-object { ... })');
    this.value([]);
    this.space();
    if (this.i < this.s.length) throw new Fail(this.i, `${shown(this.s[this.i])} na het einde van de JSON-waarde (verwacht: niets meer)`);
  }

  space(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*'))
        throw new Fail(this.i, 'commentaar is in JSON niet toegestaan');
      else return;
    }
  }

  value(path: PropertyKey[]): void {
    this.lines.set(pathKey(path), this.lineAt(this.i));
    const c = this.s[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c === undefined) throw new Fail(this.i, 'het bestand houdt midden in een waarde op (verwacht: een waarde)');
    if (c === "'") throw new Fail(this.i, `${shown(c)} (verwacht: een waarde)`);
    throw new Fail(this.i, `onverwacht ${shown(c)} (verwacht: een waarde: tekst tussen "...", een getal, true, false, null, [ ... ] of { ... })`);
  }

  object(path: PropertyKey[]): void {
    this.i++; // {
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      const c = this.s[this.i];
      if (c === '}') throw new Fail(this.i, "een komma voor '}' (een komma na het laatste veld is in JSON niet toegestaan)");
      if (c !== '"') {
        if (c !== undefined && c >= '0' && c <= '9' && /\d,\s*$/.test(this.s.slice(Math.max(0, this.i - 40), this.i)))
          throw new Fail(this.i, 'een komma in een getal (verwacht: een punt voor decimalen, zoals 1.5)');
        if (c === undefined) throw new Fail(this.i, "het bestand houdt op voordat het object gesloten is (verwacht: '}')");
        throw new Fail(this.i, `onverwacht ${shown(c)} (verwacht: een veldnaam tussen "...")`);
      }
      const keyAt = this.i;
      const key = this.string();
      this.space();
      if (this.s[this.i] !== ':') throw new Fail(this.i, `onverwacht ${shown(this.s[this.i])} na veldnaam "${key}" (verwacht: ':')`);
      this.i++;
      this.space();
      const child = [...path, key];
      this.value(child);
      this.lines.set(pathKey(child), this.lineAt(keyAt));
      this.space();
      const next = this.s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') {
        this.i++;
        return;
      }
      if (next === undefined) throw new Fail(this.i, "het bestand houdt op voordat het object gesloten is (verwacht: '}')");
      throw new Fail(this.i, `onverwacht ${shown(next)} na de waarde van "${key}" (verwacht: ',' of '}'; ontbreekt er een komma?)`);
    }
  }

  array(path: PropertyKey[]): void {
    this.i++; // [
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (let n = 0; ; n++) {
      this.space();
      if (this.s[this.i] === ']') throw new Fail(this.i, "een komma voor ']' (een komma na het laatste element is in JSON niet toegestaan)");
      if (this.s[this.i] === ',') throw new Fail(this.i, 'twee komma\'s achter elkaar (verwacht: een waarde)');
      this.value([...path, n]);
      this.space();
      const next = this.s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === ']') {
        this.i++;
        return;
      }
      if (next === undefined) throw new Fail(this.i, "het bestand houdt op voordat de lijst gesloten is (verwacht: ']')");
      throw new Fail(this.i, `onverwacht ${shown(next)} in een lijst (verwacht: ',' of ']'; ontbreekt er een komma?)`);
    }
  }

  string(): string {
    const start = this.i;
    this.i++; // "
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new Fail(start, 'een tekst tussen "..." wordt niet afgesloten');
      if (c === '"') {
        this.i++;
        return JSON.parse(this.s.slice(start, this.i)) as string;
      }
      if (c === '\n') throw new Fail(this.i, 'een regeleinde binnen een tekst tussen "..." (gebruik \\n)');
      if (c < ' ') throw new Fail(this.i, 'een stuurteken binnen een tekst tussen "..."');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) throw new Fail(this.i, 'ongeldige \\u-code (verwacht: \\u en vier hexadecimale cijfers)');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Fail(this.i, `ongeldige ontsnapping '\\${e ?? ''}' (verwacht: \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t of \\uXXXX)`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0] === '-') throw new Fail(this.i, 'ongeldig getal (verwacht: cijfers, met een punt voor decimalen)');
    this.i += m[0].length;
  }
}
