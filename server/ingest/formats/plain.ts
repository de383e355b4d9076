/**
 * Plain text, best effort: a leading timestamp (any form timestamp.ts reads, optionally in brackets) and a
 * severity word among the next four tokens (`ERROR`, `[WARN]`, `[Warning]`, `error:`, `level=warn`, logcat's
 * `E/Tag`); without a timestamp, only a first-token severity counts. The body is the rest of the line after the
 * severity (after the time when there is none), separators `:`, `-`, `|` trimmed; tokens between the time and
 * the severity (thread, pid, zone) are left out of the body. A line with neither keeps its text as the body.
 * Whether a line had such a prefix (timeText or severityText set) is what multi-line folding looks at.
 */
import type { LogRecord } from '../log-record';
import { newRecord } from './lazy-record';
import type { ParseContext } from './parse-context';
import { severityOfWord } from './severity';
import { readTimestamp, timeReadMs } from './timestamp';

/** Tokens after a timestamp that may hold the severity. */
const LEVEL_TOKENS = 4;
const LEVEL_KEYS = ['level=', 'lvl=', 'severity='];

// The severity word the last successful levelTokenEnd found (start and end in the line).
let wordStart = 0;
let wordEnd = 0;

/** Parses a line of plain text; always gives a record. */
export function parsePlainLine(text: string, ctx: ParseContext, lean = false): LogRecord {
  const rec = newRecord('plain', text, lean);
  const bracket = text.charCodeAt(0) === 91 ? 1 : 0;
  const timeEnd = readTimestamp(text, bracket, ctx);
  const hasTime = timeEnd >= 0;
  let p = 0;
  let tokens = 1;
  if (hasTime) {
    const ms = timeReadMs();
    rec.timeText = text.slice(bracket, timeEnd);
    if (Number.isFinite(ms)) rec.timestamp = ms;
    p = timeEnd;
    if (bracket === 1 && text.charCodeAt(p) === 93) p++;
    tokens = LEVEL_TOKENS;
  } else if (isSpace(text.charCodeAt(0))) return rec;
  let q = p;
  for (let k = 0; k < tokens; k++) {
    while (isSpace(text.charCodeAt(q))) q++;
    if (q >= text.length) break;
    const end = levelTokenEnd(text, q, hasTime);
    if (end >= 0) {
      rec.severityText = text.slice(wordStart, wordEnd);
      rec.severityNumber = severityOfWord(rec.severityText)!;
      p = end;
      break;
    }
    while (q < text.length && !isSpace(text.charCodeAt(q))) q++;
  }
  if (p > 0) rec.body = text.slice(bodyStart(text, p));
  return rec;
}

/**
 * If the token at `q` is a severity (see the file comment), sets wordStart/wordEnd and returns the index after
 * what the token consumes; -1 otherwise. Bare lower-case words count only after a timestamp; capitalised words
 * only in brackets (so "Error connecting to db" keeps its first word).
 */
function levelTokenEnd(text: string, q: number, afterTime: boolean): number {
  const c0 = text.charCodeAt(q);
  if (c0 === 108 || c0 === 115) {
    for (const key of LEVEL_KEYS) {
      if (!text.startsWith(key, q)) continue;
      let s = q + key.length;
      if (text.charCodeAt(s) === 34) s++;
      let e = s;
      while (isLetter(text.charCodeAt(e))) e++;
      if (e === s || severityOfWord(text.slice(s, e)) === undefined) return -1;
      wordStart = s;
      wordEnd = e;
      if (text.charCodeAt(e) === 34) e++;
      return isSpace(text.charCodeAt(e)) || e >= text.length ? e : -1;
    }
  }
  const close = c0 === 91 ? 93 : c0 === 40 ? 41 : c0 === 60 ? 62 : 0;
  let p = close === 0 ? q : q + 1;
  while (close !== 0 && text.charCodeAt(p) === 32) p++;
  const start = p;
  let upper = 0;
  while (isLetter(text.charCodeAt(p))) {
    if (text.charCodeAt(p) < 97) upper++;
    p++;
  }
  const len = p - start;
  if (len === 0 || len > 11) return -1;
  const next = text.charCodeAt(p);
  let end: number;
  if (close !== 0) {
    let e = p;
    while (text.charCodeAt(e) === 32) e++;
    if (text.charCodeAt(e) !== close) return -1;
    end = e + 1;
  } else {
    const allUpper = upper === len;
    const allLower = upper === 0;
    if (len === 1) {
      if (next !== 47 || !allUpper) return -1;
      end = p + 1;
    } else if (next === 58) {
      if (!allUpper && !allLower) return -1;
      end = p + 1;
    } else if (isSpace(next) || p >= text.length) {
      if (!allUpper && !(allLower && afterTime)) return -1;
      end = p;
    } else return -1;
  }
  if (severityOfWord(text.slice(start, p)) === undefined) return -1;
  wordStart = start;
  wordEnd = p;
  return end;
}

/** Skips spaces and one `:`, `-` or `|` separator (with its spaces) from `i`. */
function bodyStart(text: string, i: number): number {
  let p = i;
  while (isSpace(text.charCodeAt(p))) p++;
  const c = text.charCodeAt(p);
  if ((c === 58 || c === 45 || c === 124) && (isSpace(text.charCodeAt(p + 1)) || p + 1 >= text.length)) {
    p++;
    while (isSpace(text.charCodeAt(p))) p++;
  }
  return p;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
