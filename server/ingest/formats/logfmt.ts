/**
 * logfmt: `time=2026-11-20T10:00:00Z level=info msg="cache miss" key=user:42`, as logrus's text formatter, Go's
 * slog TextHandler, go-kit/log, log15 and Heroku's router write it. Values stay text (a bare key is `true`);
 * quoted values take Go's escapes. The time, level, message and resource fields are read by name
 * (structured-fields.ts); the message is the body, or the whole line when there is none.
 */
import type { LogRecord } from '../log-record';
import type { ParseContext } from './parse-context';
import { fieldNameOf, fieldSlotAt, startLine } from './field-names';
import { mayCarryRecordField, StructuredFields } from './structured-fields';

/** Receives the pairs `readLogfmtPairs` reads. */
export interface PairSink {
  /** `slot`: the slot of `key` in field-names.ts, or -1. */
  add(key: string, value: string | boolean, slot: number): void;
}

const fields = new StructuredFields();
// Whether the pairs read into `fields` are for a lean parse: only those that may carry the time, level or message.
let leanFields = false;
// Where the last quoted value ended; module state so that reading a pair allocates only its strings.
let quoteEnd = 0;
// The first backslash at or after `backslashFrom` in the text last read (its length when none): found once per
// text, not once per value, while the text is read forward.
let backslashText = '';
let backslashFrom = 0;
let backslashAt = 0;

/** Parses a logfmt line; undefined when its first token is not a key=value pair. */
export function parseLogfmtLine(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  if (!startsWithPair(text, 0)) return undefined;
  fields.reset(lean);
  leanFields = lean;
  readPairs(text, 0, null);
  return fields.toRecord(text, 'logfmt', ctx);
}

/** Whether the token at `i` is a key=value pair whose key is made of word characters, `.`, `-` or `@`. */
export function startsWithPair(text: string, i: number): boolean {
  // Text without a `=` after `i` (most that is not logfmt) is told at once.
  const eq = text.indexOf('=', i);
  if (eq <= i) return false;
  for (let p = i; p < eq; p++) {
    const c = text.charCodeAt(p);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64)) return false;
  }
  return true;
}

/**
 * Hands the pairs of `text` from `start` on to `out`; a bare word is a key with value `true`. Returns how many
 * tokens were key=value pairs.
 */
export function readLogfmtPairs(text: string, start: number, out: PairSink): number {
  return readPairs(text, start, out);
}

/** `readLogfmtPairs`; with `out` null, into `fields`, leaving out the unwanted pairs of a lean parse unread. */
function readPairs(text: string, start: number, out: PairSink | null): number {
  let count = 0;
  let p = start;
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9) {
      p++;
      continue;
    }
    // The first space, `=` or `"` of the token tells what it is (keys are short: a loop beats indexOf).
    let eq = p;
    let ch = -1;
    while (eq < n) {
      ch = text.charCodeAt(eq);
      if (ch === 32 || ch === 61 || ch === 34) break;
      eq++;
    }
    if (eq === n) ch = -1;
    if (ch === 34 || eq === p) {
      // A token that starts with `=` or holds a quote before any `=` is not a pair: skip it.
      p = skipToken(text, p);
      continue;
    }
    if (ch !== 61) {
      // A bare key, up to the space (tabs included) or the end.
      if (out !== null || !leanFields || mayCarryRecordField(text, p, eq)) {
        const slot = fieldSlotAt(text, p, eq);
        const key = slot < 0 ? sliceName(text, p, eq) : fieldNameOf(slot);
        if (out === null) fields.add(key, true, slot);
        else out.add(key, true, slot);
      }
      p = eq;
      continue;
    }
    const wanted = out !== null || !leanFields || mayCarryRecordField(text, p, eq);
    const slot = wanted ? fieldSlotAt(text, p, eq) : -1;
    const key = !wanted ? '' : slot < 0 ? sliceName(text, p, eq) : fieldNameOf(slot);
    let value: string | undefined;
    if (eq + 1 < n && text.charCodeAt(eq + 1) === 34) {
      if (wanted) {
        value = readQuoted(text, eq + 1);
        p = quoteEnd;
      } else p = Math.min(closingQuote(text, eq + 2) + 1, n);
    } else {
      const space = nextIndex(text, ' ', eq + 1);
      if (wanted) value = text.slice(eq + 1, space);
      p = space;
    }
    if (value !== undefined) {
      if (out === null) fields.add(key, value, slot);
      else out.add(key, value, slot);
    }
    count++;
  }
  return count;
}

/** A name the field-name table does not keep (see `startLine`). */
function sliceName(text: string, start: number, end: number): string {
  startLine();
  return text.slice(start, end);
}

/** The double-quoted string at `i` of `text`, unescaped; `quotedValueEnd` then tells where it ended. */
export function quotedValueAt(text: string, i: number): string {
  return readQuoted(text, i);
}

/** The index just after the closing quote of the string `quotedValueAt` read last. */
export function quotedValueEnd(): number {
  return quoteEnd;
}

function readQuoted(text: string, i: number): string {
  const end = closingQuote(text, i + 1);
  quoteEnd = Math.min(end + 1, text.length);
  if (backslashAt <= i || backslashFrom > i + 1 || text !== backslashText) {
    backslashText = text;
    backslashFrom = i + 1;
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
