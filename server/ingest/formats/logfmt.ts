/**
 * logfmt: `time=2026-11-20T10:00:00Z level=info msg="cache miss" key=user:42`, as logrus's text formatter, Go's
 * slog TextHandler, go-kit/log, log15 and Heroku's router write it. Values stay text (a bare key is `true`);
 * quoted values take Go's escapes. The time, level, message and resource fields are read by name
 * (structured-fields.ts); the message is the body, or the whole line when there is none.
 */
import type { LogRecord } from '../log-record';
import type { ParseContext } from './parse-context';
import { StructuredFields } from './structured-fields';

/** Receives the pairs `readLogfmtPairs` reads. */
export interface PairSink {
  add(key: string, value: string | boolean): void;
}

const fields = new StructuredFields();
// Where the last quoted value ended; module state so that reading a pair allocates only its strings.
let quoteEnd = 0;
// The next backslash of the text last read (its length when none): found once per text, not once per value.
let backslashText = '';
let backslashAt = 0;

/** Parses a logfmt line; undefined when its first token is not a key=value pair. */
export function parseLogfmtLine(text: string, ctx: ParseContext): LogRecord | undefined {
  if (!startsWithPair(text, 0)) return undefined;
  fields.reset();
  readLogfmtPairs(text, 0, fields);
  return fields.toRecord(text, 'logfmt', ctx);
}

/** Whether the token at `i` is a key=value pair whose key is made of word characters, `.`, `-` or `@`. */
export function startsWithPair(text: string, i: number): boolean {
  let p = i;
  for (;;) {
    const c = text.charCodeAt(p);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64) p++;
    else break;
  }
  return p > i && text.charCodeAt(p) === 61;
}

/**
 * Hands the pairs of `text` from `start` on to `out`; a bare word is a key with value `true`. Returns how many
 * tokens were key=value pairs.
 */
export function readLogfmtPairs(text: string, start: number, out: PairSink): number {
  let count = 0;
  let p = start;
  const n = text.length;
  // Native indexOf scans are far cheaper than a JavaScript loop over characters. The next `=` and `"` are
  // remembered until passed, so that a long line costs linear time.
  let eq = -1;
  let quote = -1;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9) {
      p++;
      continue;
    }
    let space = text.indexOf(' ', p);
    if (space < 0) space = n;
    if (eq < p) eq = nextIndex(text, '=', p);
    if (quote < p) quote = nextIndex(text, '"', p);
    if (eq === p || (quote < space && quote < eq)) {
      // A token that starts with `=` or holds a quote before any `=` is not a pair: skip it.
      p = skipToken(text, p);
      continue;
    }
    if (eq >= space) {
      out.add(text.slice(p, space), true);
      p = space;
      continue;
    }
    const key = text.slice(p, eq);
    if (text.charCodeAt(eq + 1) === 34) {
      out.add(key, readQuoted(text, eq + 1));
      p = quoteEnd;
    } else {
      out.add(key, text.slice(eq + 1, space));
      p = space;
    }
    count++;
  }
  return count;
}

/** The double-quoted string at `i` of `text`, unescaped, and the index just after its closing quote. */
export function quotedAt(text: string, i: number): { value: string; end: number } {
  const value = readQuoted(text, i);
  return { value, end: quoteEnd };
}

function readQuoted(text: string, i: number): string {
  const end = closingQuote(text, i + 1);
  quoteEnd = Math.min(end + 1, text.length);
  if (text !== backslashText || backslashAt <= i) {
    backslashText = text;
    backslashAt = nextIndex(text, '\\', i + 1);
  }
  return backslashAt < end ? unescape(text, i + 1, end) : text.slice(i + 1, end);
}

/** The index of the `"` closing a quoted string whose text starts at `i` (a backslash escapes), or the text's length. */
export function closingQuote(text: string, i: number): number {
  let q = text.indexOf('"', i);
  while (q >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}

const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07' };

function unescape(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let p = start; p < end; p++) {
    if (text.charCodeAt(p) !== 92 || p + 1 >= end) continue;
    out += text.slice(from, p);
    const e = text[p + 1]!;
    let skip = 1;
    const control = CONTROL_ESCAPES[e];
    if (control !== undefined) out += control;
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(p + 2, p + 6))) {
      out += String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16));
      skip = 5;
    } else out += e;
    p += skip;
    from = p + 1;
  }
  return out + text.slice(from, end);
}

/** The index of `char` at or after `from`, or the text's length. */
function nextIndex(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? text.length : i;
}

function skipToken(text: string, i: number): number {
  let p = i;
  let quoted = false;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === 34) quoted = !quoted;
    else if (c === 92 && quoted) p++;
    else if ((c === 32 || c === 9) && !quoted) break;
    p++;
  }
  return p;
}
