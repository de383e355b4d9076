/**
 * Masking for the template miner: turns a message into its skeleton, the message with every value that is
 * a variable by its own shape written as `<*>` and whitespace runs written as one space. No regular
 * expressions and, for a skeleton seen before, no string: the message's char codes are copied once
 * (`loadMessage`), each token is classified in one pass over them, and the skeleton is kept as parts of the
 * message with its hash (`scanSkeleton`), which the miner looks up and checks (`skeletonIs`).
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
 *
 * No rule asks of a digit more than that it is one, so messages that differ only in digits are masked at the
 * same places. Two caches use that: the token memo here (`maskTokenHashed`), and the miner's message memo
 * (`writeMessagePattern`).
 */
import * as shapes from './token-shapes';

// Module-local copies: a loader that turns imports into property reads (tsx, CommonJS) would otherwise pay
// for one on every char.
const { ALPHA, BLANK, CODES_PADDING, DIGIT, HEX, PATHY, PIECE_DELIM, SEGMENT_DELIM, SLASH, CHAR_CLASS } = shapes;
const { fixedShapeEnd, foldDigit, hasValueWord, httpVersionEnd, isBlankCode, isHostLike, isHostName, isIPv4, isMinusSign, isPathStart } = shapes;
const { isUrlTrail, isValueWord, isVariablePiece, portEnd, wordDateEnd } = shapes;

/** The variable marker of skeletons and templates. */
export const VAR = '<*>';

// The loaded message, `src`, and its char codes, `codes`, which `bytes` views as a Buffer so that Node copies
// them natively. The skeleton being written, as parts rather than a string: `parts[2k], parts[2k + 1]` is a
// range of `src` copied as it is, or, when `parts[2k]` is negative, one of the `*_PART` markers. Text is copied
// lazily: `copied` is where the next copy starts, so a token left as it is writes no part. `varEnd` is where
// the last variable of the current token ended, to fold `<*>.<*>` and `<*><*>` into one `<*>`.
let src = '';
let codes: shapes.CharCodes = new Uint16Array(256);
let bytes = Buffer.from(codes.buffer);
let parts = new Int32Array(64);
let partCount = 0;
let copied = 0;
let varEnd = -1;

/** Markers of `parts`, indexes into `PART_TEXT`. */
const VAR_PART = -1;
const SPACE_PART = -2;
const DATE_PART = -3;
const PART_TEXT = ['', VAR, ' ', '<*>:<*>:<*>'];

/** Whether typed arrays are little-endian here, as Node's `utf16le` encoding writes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Loads `message` for `scanSkeleton` and the functions after it, and returns its key: the hash of its text
 * with every digit read as `0`.
 */
export function loadMessage(message: string): number {
  const n = message.length;
  src = message;
  if (codes.length < n + CODES_PADDING) {
    codes = new Uint16Array(Math.max(n + CODES_PADDING, codes.length * 2));
    bytes = Buffer.from(codes.buffer);
  }
  const s = codes;
  if (LITTLE_ENDIAN) bytes.write(message, 'utf16le');
  else for (let j = 0; j < n; j++) s[j] = message.charCodeAt(j);
  for (let j = n; j < n + CODES_PADDING; j++) s[j] = 0;
  let h = FNV_OFFSET;
  // two chars a step: the multiplications, one after the other, set the pace
  let j = 0;
  for (; j + 1 < n; j += 2) h = Math.imul(h ^ foldDigit(s[j]!, CHAR_CLASS[s[j]!]!) ^ (foldDigit(s[j + 1]!, CHAR_CLASS[s[j + 1]!]!) << 16), FNV_PRIME);
  if (j < n) h = Math.imul(h ^ foldDigit(s[j]!, CHAR_CLASS[s[j]!]!), FNV_PRIME);
  return finish(h);
}

/** The length of the loaded message. */
export const messageLength = (): number => src.length;

/** Appends the part `[a, b)`: a range of `src`, or a marker with b = 0. */
function pushPart(a: number, b: number): void {
  if (partCount + 2 > parts.length) {
    const grown = new Int32Array(parts.length * 2);
    grown.set(parts);
    parts = grown;
  }
  parts[partCount++] = a;
  parts[partCount++] = b;
}

/** Writes the marker `part` (or nothing, for 0) instead of `src[a, b)`. */
function replace(a: number, b: number, part: number): void {
  if (a > copied) pushPart(copied, a);
  if (part !== 0) pushPart(part, 0);
  copied = b;
}

/** Writes `src[a, b)` as a variable; records the range for the token memo. */
function emitVar(a: number, b: number): void {
  if (varEnd >= 0 && (a === varEnd || (a === varEnd + 1 && codes[varEnd] === 46))) {
    varEnd = copied = b;
    if (rangeCount <= MEMO_RANGES) rangeEnds[rangeCount - 1] = b;
    return;
  }
  replace(a, b, VAR_PART);
  varEnd = b;
  if (rangeCount < MEMO_RANGES) {
    rangeStarts[rangeCount] = a;
    rangeEnds[rangeCount] = b;
  }
  rangeCount++;
}

/** Whether the current skeleton is `text`. */
export function skeletonIs(text: string): boolean {
  const s = codes;
  let at = 0;
  for (let k = 0; k < partCount; k += 2) {
    const a = parts[k]!;
    if (a < 0) {
      const marker = PART_TEXT[-a]!;
      if (!text.startsWith(marker, at)) return false;
      at += marker.length;
      continue;
    }
    const b = parts[k + 1]!;
    if (at + b - a > text.length) return false;
    for (let j = a; j < b; j++) if (text.charCodeAt(at++) !== s[j]) return false;
  }
  return at === text.length;
}

/** The text of the current skeleton, a flat string that keeps no reference to the message. */
export function skeletonText(): string {
  const out: string[] = [];
  for (let k = 0; k < partCount; k += 2) {
    const a = parts[k]!;
    out.push(a >= 0 ? src.slice(a, parts[k + 1]) : PART_TEXT[-a]!);
  }
  return out.join('');
}

/**
 * The length of the pattern of the loaded message (`writeMessagePattern`): its length, and two more per digit
 * that the current skeleton (of this message) keeps.
 */
export function messagePatternLength(): number {
  let length = src.length;
  for (let k = 0; k < partCount; k += 2) {
    const a = parts[k]!;
    if (a >= 0) for (let j = a; j < parts[k + 1]!; j++) length += (CHAR_CLASS[codes[j]!]! & DIGIT) * 2;
  }
  return length;
}

/**
 * Writes the pattern of the loaded message (of at most 65535 chars) at `pattern[at]`, which has room for
 * `messagePatternLength()`: its chars with every digit read as `0`, then the position and the char of each
 * digit that the current skeleton (of this message) keeps. Masking reads digits only as digits, so every
 * message that matches the pattern (`messageMatches`) has this skeleton.
 */
export function writeMessagePattern(pattern: Uint16Array, at: number): void {
  const s = codes;
  const n = src.length;
  for (let j = 0; j < n; j++) pattern[at + j] = foldDigit(s[j]!, CHAR_CLASS[s[j]!]!);
  let kept = at + n;
  for (let k = 0; k < partCount; k += 2) {
    const a = parts[k]!;
    if (a < 0) continue;
    for (let j = a; j < parts[k + 1]!; j++) {
      if ((CHAR_CLASS[s[j]!]! & DIGIT) === 0) continue;
      pattern[kept++] = j;
      pattern[kept++] = s[j]!;
    }
  }
}

/** Whether the loaded message matches the pattern `pattern[at, at + length)` (see `writeMessagePattern`). */
export function messageMatches(pattern: Uint16Array, at: number, length: number): boolean {
  const s = codes;
  const n = src.length;
  // the kept digits first: patterns that share a key mostly differ there (`node_A3`, `node_A4`)
  for (let k = at + n; k < at + length; k += 2) if (s[pattern[k]!] !== pattern[k + 1]) return false;
  for (let j = 0; j < n; j++) if (foldDigit(s[j]!, CHAR_CLASS[s[j]!]!) !== pattern[at + j]) return false;
  return true;
}

// The skeleton hash: each token's text in the skeleton (its output: no output holds a space, so the
// skeleton is its outputs joined by spaces) hashed with 32-bit FNV-1a, and those hashes combined in order the
// same way. The offset is written as an int32, so that hashes stay untagged integers in optimised code.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** `h` continued over the chars of `src[a, b)`. */
function hashRange(h: number, a: number, b: number): number {
  const s = codes;
  for (let j = a; j < b; j++) h = Math.imul(h ^ s[j]!, FNV_PRIME);
  return h;
}

/** `h` continued over the chars of `VAR`. */
const hashVar = (h: number): number => Math.imul(Math.imul(Math.imul(h ^ 60, FNV_PRIME) ^ 42, FNV_PRIME) ^ 62, FNV_PRIME);

/** `h` continued over the chars of `text`. */
function hashText(h: number, text: string): number {
  for (let j = 0; j < text.length; j++) h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
  return h;
}

const DATE_HASH = hashText(FNV_OFFSET, PART_TEXT[-DATE_PART]!);

/**
 * The hash of the output of the token `src[from, to)`, masked into the parts from `firstPart` on. `key` is
 * the token's hash with digits read as `0`: its output hash when it has no digit and no part.
 */
function outputHash(from: number, to: number, bits: number, key: number, firstPart: number): number {
  if (partCount === firstPart) return (bits & DIGIT) === 0 ? key : hashRange(FNV_OFFSET, from, to);
  let h = FNV_OFFSET;
  for (let k = firstPart; k < partCount; k += 2) {
    const a = parts[k]!;
    // the first copy may start before the token, at the end of the last part written
    h = a >= 0 ? hashRange(h, a < from ? from : a, parts[k + 1]!) : a === VAR_PART ? hashVar(h) : hashText(h, PART_TEXT[-a]!);
  }
  return hashRange(h, copied < from ? from : copied, to);
}

/** The final hash: its bits mixed (murmur3's finaliser), so that any of them can index a table. */
function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Masks the pieces of the segment `[from, to)`; `bits` are the class bits of the token. */
function maskPieces(from: number, to: number, bits: number): void {
  const s = codes;
  let j = from;
  while (j < to) {
    const fixed = (bits & DIGIT) !== 0 ? fixedShapeEnd(s, j, to) : -1;
    if (fixed > 0) {
      emitVar(j, fixed);
      j = fixed;
      continue;
    }
    const c = s[j]!;
    let pieceBits = CHAR_CLASS[c]!;
    if ((pieceBits & PIECE_DELIM) !== 0 && !(c === 45 && isMinusSign(s, j, from, to))) {
      j++;
      continue;
    }
    let k = j + 1;
    for (; k < to; k++) {
      const d = s[k]!;
      const cls = CHAR_CLASS[d]!;
      if ((cls & PIECE_DELIM) !== 0 && !(d === 45 && s[k - 1] === 95)) break;
      pieceBits |= cls;
    }
    // a piece without digits is a variable only as a value word
    if ((pieceBits & DIGIT) !== 0 ? isVariablePiece(s, j, k) : isValueWord(s, j, k)) emitVar(j, k);
    j = k;
  }
}

/**
 * Masks the token `src[from, to)`. `bits` are the class bits of its chars or'ed together: a token without
 * digits or path chars can only hold a value word.
 */
function maskToken(from: number, to: number, bits: number): void {
  const s = codes;
  if ((bits & (DIGIT | PATHY)) === 0) {
    if ((bits & PIECE_DELIM) === 0) {
      if (isValueWord(s, from, to)) emitVar(from, to);
      return;
    }
    if (to - from < 4 || !hasValueWord(s, from, to)) return;
  }
  if ((bits & (ALPHA | PATHY)) === 0) {
    // digits and punctuation only (`42`, `(7),`, `-3`, `10:20:30`); digits alone are one variable
    if ((bits & ~(DIGIT | HEX)) === 0) emitVar(from, to);
    else maskPieces(from, to, bits);
    return;
  }
  let i = from;
  while (i < to) {
    const c = s[i]!;
    const fixed = (bits & DIGIT) !== 0 ? fixedShapeEnd(s, i, to) : -1;
    if (fixed > 0) {
      emitVar(i, fixed);
      i = fixed;
      continue;
    }
    if ((CHAR_CLASS[c]! & SEGMENT_DELIM) !== 0) {
      i++;
      continue;
    }
    // the segment [i, segEnd) and its class bits (the token's, when the token is one segment: more bits
    // than the segment's only cost a test that fails)
    let segEnd = to;
    let segBits = bits;
    if ((bits & SEGMENT_DELIM) !== 0) {
      segBits = CHAR_CLASS[c]!;
      for (segEnd = i + 1; segEnd < to; segEnd++) {
        const cls = CHAR_CLASS[s[segEnd]!]!;
        if ((cls & SEGMENT_DELIM) !== 0) break;
        segBits |= cls;
      }
    }
    const next = segEnd < to ? s[segEnd]! : 0;
    if (next === 58 && s[segEnd + 1] === 47 && s[segEnd + 2] === 47) {
      // scheme://rest: the scheme stays, the rest is one value (host:port keeps its colon).
      let end = to;
      while (end > segEnd + 3 && isUrlTrail(s[end - 1]!)) end--;
      let colon = end - 1;
      while (colon > segEnd + 3 && s[colon] !== 58) colon--;
      if (colon > segEnd + 3 && portEnd(s, colon, end) === end && isHostLike(s, segEnd + 3, colon)) {
        emitVar(segEnd + 3, colon);
        emitVar(colon + 1, end);
      } else if (end > segEnd + 3) emitVar(segEnd + 3, end);
      i = end;
      continue;
    }
    if (segEnd - i === 1 && next === 58 && s[segEnd + 1] === 92 && (CHAR_CLASS[c]! & ALPHA) !== 0) {
      // a drive path, C:\dir\file
      segEnd += 2;
      while (segEnd < to && (CHAR_CLASS[s[segEnd]!]! & SEGMENT_DELIM) === 0) segEnd++;
      emitVar(i, segEnd);
      i = segEnd;
      continue;
    }
    if ((segBits & PATHY) !== 0 && (isPathStart(s, i, segEnd) || isHostName(s, i, segEnd))) {
      emitVar(i, segEnd);
      i = segEnd;
      continue;
    }
    if ((bits & DIGIT) !== 0) {
      let slash = (segBits & SLASH) !== 0 ? i + 1 : segEnd;
      while (slash < segEnd && s[slash] !== 47) slash++;
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

// The token memo: how recent tokens were masked, by their text with every digit read as `0`, so that
// `10.0.0.1:80` and `10.2.3.4:81` share a slot; a log repeats few such shapes, and a hit costs a pass over
// the token instead of masking it. Direct-mapped: a slot holds the last token whose key led there.
/** Slots of the memo (2 ** MEMO_BITS), the longest token it holds, and the most variables per token. */
const MEMO_BITS = 11;
const MEMO_WIDTH = 64;
const MEMO_RANGES = 8;
const memoKeys = new Int32Array(1 << MEMO_BITS);
/** The token's length; 0 for a free slot. */
const memoLengths = new Uint8Array(1 << MEMO_BITS);
/** The token's chars, digits read as `0`. */
const memoChars = new Uint16Array((1 << MEMO_BITS) * MEMO_WIDTH);
/** The ranges written as variables, relative to the token's start, and where the last one ended (-1: none to fold into). */
const memoRangeCounts = new Uint8Array(1 << MEMO_BITS);
const memoRanges = new Uint8Array((1 << MEMO_BITS) * MEMO_RANGES * 2);
const memoVarEnds = new Int8Array(1 << MEMO_BITS);
/** The hash of the token's output, when the output keeps no digit (so that it is the same for every token the slot matches). */
const memoOutputs = new Int32Array(1 << MEMO_BITS);
const memoOutputKnown = new Uint8Array(1 << MEMO_BITS);
// The ranges `emitVar` wrote in the token being masked (past MEMO_RANGES, only counted).
const rangeStarts = new Int32Array(MEMO_RANGES);
const rangeEnds = new Int32Array(MEMO_RANGES);
let rangeCount = 0;

/** Whether memo slot `slot` holds the token `src[from, to)`, whose key is `key`. */
function memoHolds(slot: number, key: number, from: number, to: number): boolean {
  if (memoKeys[slot] !== key || memoLengths[slot] !== to - from) return false;
  const s = codes;
  const base = slot * MEMO_WIDTH - from;
  for (let j = from; j < to; j++) if (foldDigit(s[j]!, CHAR_CLASS[s[j]!]!) !== memoChars[base + j]) return false;
  return true;
}

/** Whether the token `src[from, to)` keeps a digit outside the `rangeCount` ranges written as variables. */
function keepsDigit(from: number, to: number): boolean {
  let j = from;
  for (let k = 0; k <= rangeCount; k++) {
    const gapEnd = k < rangeCount ? rangeStarts[k]! : to;
    for (; j < gapEnd; j++) if ((CHAR_CLASS[codes[j]!]! & DIGIT) !== 0) return true;
    if (k < rangeCount) j = rangeEnds[k]!;
  }
  return false;
}

/** Remembers in `slot` how the token `src[from, to)` was masked: the ranges `emitVar` recorded, and its output hash. */
function remember(slot: number, key: number, from: number, to: number, output: number): void {
  const s = codes;
  memoKeys[slot] = key;
  memoLengths[slot] = to - from;
  for (let j = from; j < to; j++) memoChars[slot * MEMO_WIDTH + j - from] = foldDigit(s[j]!, CHAR_CLASS[s[j]!]!);
  memoRangeCounts[slot] = rangeCount;
  for (let k = 0; k < rangeCount; k++) {
    memoRanges[slot * MEMO_RANGES * 2 + 2 * k] = rangeStarts[k]! - from;
    memoRanges[slot * MEMO_RANGES * 2 + 2 * k + 1] = rangeEnds[k]! - from;
  }
  memoVarEnds[slot] = varEnd < 0 ? -1 : varEnd - from;
  memoOutputKnown[slot] = keepsDigit(from, to) ? 0 : 1;
  memoOutputs[slot] = output;
}

/**
 * Masks the token `src[from, to)` as `maskToken` does and returns the hash of its output; through the memo
 * when the token has punctuation or path chars and fits a slot (a word, or digits alone, cost less to mask
 * than to look up). `key` is the token's hash with digits read as `0`.
 */
function maskTokenHashed(from: number, to: number, bits: number, key: number): number {
  const firstPart = partCount;
  rangeCount = 0;
  if (to - from > MEMO_WIDTH || (bits & (PATHY | PIECE_DELIM)) === 0) {
    maskToken(from, to, bits);
    return outputHash(from, to, bits, key, firstPart);
  }
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - MEMO_BITS);
  if (memoHolds(slot, key, from, to)) {
    const at = slot * MEMO_RANGES * 2;
    for (let k = 0; k < memoRangeCounts[slot]!; k++) replace(from + memoRanges[at + 2 * k]!, from + memoRanges[at + 2 * k + 1]!, VAR_PART);
    varEnd = memoVarEnds[slot]! < 0 ? -1 : from + memoVarEnds[slot]!;
    return memoOutputKnown[slot] === 1 ? memoOutputs[slot]! : outputHash(from, to, bits, key, firstPart);
  }
  maskToken(from, to, bits);
  const output = outputHash(from, to, bits, key, firstPart);
  if (rangeCount <= MEMO_RANGES) remember(slot, key, from, to, output);
  return output;
}

/**
 * Masks the loaded message into the current skeleton (see the module comment) and returns the skeleton's
 * hash, a function of its text alone. The functions above that read the current skeleton then read it
 * without masking again.
 */
export function scanSkeleton(): number {
  const n = src.length;
  const s = codes;
  partCount = 0;
  let i = 0;
  while (i < n && isBlankCode(s[i]!)) i++;
  copied = i;
  let prevEnd = -1;
  let h = FNV_OFFSET;
  // the hash before the last token's output, and that output's hash, for a protocol that extends it
  let hBeforeLast = h;
  let lastOutput = FNV_OFFSET;
  while (i < n) {
    // one pass over the token: its class bits, and its hash with digits read as `0`
    let e = i;
    let bits = 0;
    let key = FNV_OFFSET;
    for (; e < n; e++) {
      const c = s[e]!;
      const cls = CHAR_CLASS[c]!;
      if (cls === BLANK) break;
      bits |= cls;
      key = Math.imul(key ^ foldDigit(c, cls), FNV_PRIME);
    }
    const afterVar = varEnd === prevEnd && copied === prevEnd && prevEnd > 0;
    varEnd = -1;
    let output = key;
    // a word of letters alone stays as it is unless it is a date (3 letters) or a value word (4 or 5)
    if ((bits & (DIGIT | PATHY | PIECE_DELIM)) !== 0 || (e - i >= 3 && e - i <= 5)) {
      const first = s[i]!;
      const dateEnd = first >= 65 && first <= 90 && e - i === 3 ? wordDateEnd(s, n, i, e) : -1;
      const protocol = afterVar && first === 72 ? httpVersionEnd(s, i, e) : -1;
      if (dateEnd > 0) {
        replace(i, (e = dateEnd), DATE_PART);
        output = DATE_HASH;
      } else if (protocol > 0) {
        replace(prevEnd, protocol, 0);
        h = hBeforeLast;
        output = hashRange(lastOutput, protocol, e);
      } else output = maskTokenHashed(i, e, bits, key);
    }
    hBeforeLast = h;
    lastOutput = output;
    h = Math.imul(h ^ output, FNV_PRIME);
    prevEnd = e;
    let j = e + 1;
    while (j < n && isBlankCode(s[j]!)) j++;
    // irregular whitespace (several blanks, a tab) is written as one space
    if (j < n && (j - e !== 1 || s[e] !== 32)) replace(e, j, SPACE_PART);
    i = j;
  }
  let end = n;
  while (end > copied && isBlankCode(s[end - 1]!)) end--;
  if (end > copied) pushPart(copied, end);
  return finish(h);
}

/**
 * The skeleton of `message`: tokens split on whitespace, masked by shape (see the module comment), joined
 * by single spaces. Equal skeletons always belong to the same template.
 */
export function maskMessage(message: string): string {
  loadMessage(message);
  scanSkeleton();
  return skeletonText();
}
