/**
 * Masking for the template miner: turns a message into its skeleton, the message with every value that is
 * a variable by its own shape written as `<*>` and whitespace runs written as one space. One pass over the
 * char codes, no regular expressions; a token without digits or punctuation is copied as it is.
 *
 * The spelling follows the Loghub-2.0 corrected templates, so that a skeleton is already the template
 * a reader expects:
 * - numbers, hex and numbers with units are `<*>` (`0x1f`, `41C`, `-17`, `<1`); a dotted run of them is one
 *   `<*>` (`10.0.0.1`, `1.2.3`), other separators stay (`<*>:<*>` for ip:port, `<*>-<*>`, `<*>/<*>`);
 * - a piece that holds a variable is a variable as a whole (`blk_-42`, `job_1445_0020`, `v1.0.0`), the
 *   brackets, quotes and `key=` around it stay (`[<*>]`, `uid=<*>`, `'<*>'`);
 * - absolute paths (`/var/log/x`, `C:\x`), host names with a top-level domain, the host of host:port and of
 *   host/ip, URLs after their scheme (`hdfs://<*>`), MAC and PCI addresses and UUIDs are one `<*>`;
 * - `true`, `false`, `null`, `root`, `admin` are values (Loghub's boolean and user-string rules);
 * - a date in words (`Fri Jun 17 07:07:00 2005`) is one value written `<*>:<*>:<*>`;
 * - the protocol after a request path is part of it (`"GET /a/b HTTP/1.1"` is `"GET <*>"`).
 * What the shape cannot tell (user names, node names) the miner learns from how messages differ.
 */
import * as shapes from './token-shapes';

// Module-local copies: a loader that turns imports into property reads (tsx, CommonJS) would otherwise pay
// for one on every char.
const { ALPHA, BLANK, DIGIT, PATHY, PIECE_DELIM, SEGMENT_DELIM, CHAR_CLASS } = shapes;
const { fixedShapeEnd, isHostLike, isHostName, isIPv4, isPathStart, isValueWord, isVariablePiece, portEnd, wordDateEnd } = shapes;
const classOf = (c: number): number => (c < 128 ? CHAR_CLASS[c]! : ALPHA);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The variable marker of skeletons and templates. */
export const VAR = '<*>';

/** Chars that may trail a URL without belonging to it. */
const isUrlTrail = (c: number): boolean => c === 93 || c === 41 || c === 34 || c === 39 || c === 44 || c === 46 || c === 59 || c === 62 || c === 125;

// The skeleton being written: `out` holds it up to `src[copied]`; the rest of `src` is copied lazily, so a
// message without variables costs no allocation. `varEnd` is where the last variable of the current token
// ended, to fold `<*>.<*>` and `<*><*>` into one `<*>`.
let src = '';
let out = '';
let copied = 0;
let varEnd = -1;

/** Writes `src[a, b)` as a variable. */
function emitVar(a: number, b: number): void {
  if (varEnd >= 0 && (a === varEnd || (a === varEnd + 1 && src.charCodeAt(varEnd) === 46))) {
    varEnd = copied = b;
    return;
  }
  out += src.slice(copied, a) + VAR;
  varEnd = copied = b;
}

/** Writes `text` instead of `src[a, b)`. */
function emitText(a: number, b: number, text: string): void {
  out += src.slice(copied, a) + text;
  copied = b;
}

/** Masks the pieces of the segment `[from, to)`; `bits` are the class bits of the token. */
function maskPieces(from: number, to: number, bits: number): void {
  const s = src;
  let j = from;
  while (j < to) {
    const fixed = (bits & DIGIT) !== 0 ? fixedShapeEnd(s, j, to) : -1;
    if (fixed > 0) {
      emitVar(j, fixed);
      j = fixed;
      continue;
    }
    const c = s.charCodeAt(j);
    const negative = c === 45 && j + 1 < to && isDigit(s.charCodeAt(j + 1)) && (j === from || (classOf(s.charCodeAt(j - 1)) & (ALPHA | DIGIT)) === 0);
    if ((classOf(c) & PIECE_DELIM) !== 0 && !negative) {
      j++;
      continue;
    }
    let k = j + 1;
    while (k < to) {
      const d = s.charCodeAt(k);
      if ((classOf(d) & PIECE_DELIM) !== 0 && !(d === 45 && s.charCodeAt(k - 1) === 95)) break;
      k++;
    }
    if (isVariablePiece(s, j, k)) emitVar(j, k);
    j = k;
  }
}

/** Whether a piece of `src[from, to)` (split at piece delimiters) is a value word (`(root)`, `user=admin`). */
function hasValueWord(from: number, to: number): boolean {
  let start = from;
  for (let j = from; j <= to; j++) {
    if (j === to || (classOf(src.charCodeAt(j)) & PIECE_DELIM) !== 0) {
      if (isValueWord(src, start, j)) return true;
      start = j + 1;
    }
  }
  return false;
}

/**
 * Masks the token `src[from, to)`. `bits` are the class bits of its chars or'ed together: a token without
 * digits or path chars can only hold a value word.
 */
function maskToken(from: number, to: number, bits: number): void {
  const s = src;
  if ((bits & (DIGIT | PATHY)) === 0) {
    if ((bits & PIECE_DELIM) === 0) {
      if (isValueWord(s, from, to)) emitVar(from, to);
      return;
    }
    if (to - from < 4 || !hasValueWord(from, to)) return;
  }
  if ((bits & (ALPHA | PATHY)) === 0) {
    // digits and punctuation only (`42`, `(7),`, `-3`, `10:20:30`): the common case, one more pass
    maskPieces(from, to, bits);
    return;
  }
  let i = from;
  while (i < to) {
    const c = s.charCodeAt(i);
    const fixed = (bits & DIGIT) !== 0 ? fixedShapeEnd(s, i, to) : -1;
    if (fixed > 0) {
      emitVar(i, fixed);
      i = fixed;
      continue;
    }
    if ((classOf(c) & SEGMENT_DELIM) !== 0) {
      i++;
      continue;
    }
    let segEnd = i + 1;
    while (segEnd < to && (classOf(s.charCodeAt(segEnd)) & SEGMENT_DELIM) === 0) segEnd++;
    const next = segEnd < to ? s.charCodeAt(segEnd) : 0;
    if (next === 58 && s.charCodeAt(segEnd + 1) === 47 && s.charCodeAt(segEnd + 2) === 47) {
      // scheme://rest: the scheme stays, the rest is one value (host:port keeps its colon).
      let end = to;
      while (end > segEnd + 3 && isUrlTrail(s.charCodeAt(end - 1))) end--;
      const colon = s.lastIndexOf(':', end - 1);
      if (colon > segEnd + 3 && portEnd(s, colon, end) === end && isHostLike(s, segEnd + 3, colon)) {
        emitVar(segEnd + 3, colon);
        emitVar(colon + 1, end);
      } else if (end > segEnd + 3) emitVar(segEnd + 3, end);
      i = end;
      continue;
    }
    if (segEnd - i === 1 && next === 58 && s.charCodeAt(segEnd + 1) === 92 && (classOf(c) & ALPHA) !== 0) {
      // a drive path, C:\dir\file
      segEnd += 2;
      while (segEnd < to && (classOf(s.charCodeAt(segEnd)) & SEGMENT_DELIM) === 0) segEnd++;
      emitVar(i, segEnd);
      i = segEnd;
      continue;
    }
    if ((bits & PATHY) !== 0 && (isPathStart(s, i, segEnd) || isHostName(s, i, segEnd))) {
      emitVar(i, segEnd);
      i = segEnd;
      continue;
    }
    if ((bits & DIGIT) !== 0) {
      let slash = i + 1;
      while (slash < segEnd && s.charCodeAt(slash) !== 47) slash++;
      const hostEnd = slash < segEnd && isIPv4(s, slash + 1, segEnd) ? slash : next === 58 && portEnd(s, segEnd, to) > 0 ? segEnd : -1;
      if (hostEnd > 0 && isHostLike(s, i, hostEnd)) {
        // the host of host:port or host/ip
        emitVar(i, hostEnd);
        varEnd = -1;
        if (hostEnd < segEnd) maskPieces(hostEnd + 1, segEnd, bits);
        i = segEnd;
        continue;
      }
    }
    maskPieces(i, segEnd, bits);
    i = segEnd;
  }
}

/** End of `HTTP/1.1` at the start of `s[from, to)`, or -1. */
function httpVersionEnd(s: string, from: number, to: number): number {
  if (!s.startsWith('HTTP/', from)) return -1;
  let j = from + 5;
  while (j < to && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 46)) j++;
  return j > from + 5 ? j : -1;
}

/**
 * The skeleton of `message`: tokens split on whitespace, masked by shape (see the module comment), joined
 * by single spaces. Equal skeletons always belong to the same template.
 */
export function maskMessage(message: string): string {
  const n = message.length;
  src = message;
  out = '';
  let i = 0;
  while (i < n && (message.charCodeAt(i) < 128 ? CHAR_CLASS[message.charCodeAt(i)] === BLANK : false)) i++;
  copied = i;
  let prevEnd = -1;
  while (i < n) {
    let e = i;
    let bits = 0;
    for (; e < n; e++) {
      const c = message.charCodeAt(e);
      const cls = c < 128 ? CHAR_CLASS[c]! : ALPHA;
      if (cls === BLANK) break;
      bits |= cls;
    }
    const afterVar = varEnd === prevEnd && copied === prevEnd && prevEnd > 0;
    varEnd = -1;
    const first = message.charCodeAt(i);
    const dateEnd = first >= 65 && first <= 90 && e - i === 3 ? wordDateEnd(message, i, e) : -1;
    const protocol = afterVar && first === 72 ? httpVersionEnd(message, i, e) : -1;
    if (dateEnd > 0) emitText(i, (e = dateEnd), '<*>:<*>:<*>');
    else if (protocol > 0) emitText(prevEnd, protocol, '');
    else maskToken(i, e, bits);
    prevEnd = e;
    let j = e;
    while (j < n && message.charCodeAt(j) < 128 && CHAR_CLASS[message.charCodeAt(j)] === BLANK) j++;
    // irregular whitespace (several blanks, a tab) is written as one space
    if (j < n && (j - e !== 1 || message.charCodeAt(e) !== 32)) emitText(e, j, ' ');
    i = j;
  }
  let end = n;
  while (end > copied && message.charCodeAt(end - 1) < 128 && CHAR_CLASS[message.charCodeAt(end - 1)] === BLANK) end--;
  const skeleton = copied === 0 && end === n ? message : out + message.slice(copied, end);
  src = out = '';
  return skeleton;
}
