/**
 * Character classes and token shapes for the template miner's masking: which characters split a token into
 * pieces, and the multi-character shapes (host names, MAC and PCI addresses, UUIDs, versions, random ids,
 * value words, calendar words) that mark a piece or a run of pieces as a variable. Every test here reads
 * the message's char codes (`CharCodes`) between two indices, so masking allocates nothing to ask them.
 */

/**
 * The UTF-16 char codes of a message, copied once (`loadMessage` in `token-mask.ts`): typed array reads are
 * cheaper than `charCodeAt`, and masking reads some chars several times. Past the message's length the array
 * holds at least `CODES_PADDING` zeros, so a test may look a few chars ahead (a zero equals no char a test
 * looks for, like `NaN` from `charCodeAt` past the end).
 */
export type CharCodes = Uint16Array;
export const CODES_PADDING = 4;

/** Bit flags of `CHAR_CLASS`. */
export const DIGIT = 1;
export const ALPHA = 2;
export const HEX = 4;
/** Splits a token into segments before paths are recognised: `, ! ; : = | " ' [ ] ( ) { }`. */
export const SEGMENT_DELIM = 8;
/** Splits a segment into pieces; each piece is a variable or a constant as a whole. */
export const PIECE_DELIM = 16;
/** May start a path or a host name: `/ \ . ~`. */
export const PATHY = 32;
/** Whitespace: splits a message into tokens. */
export const BLANK = 64;
/** `/`, so that a token's class bits tell whether it holds one. */
export const SLASH = 128;

/** Class bits of every UTF-16 char code; codes of 128 and above count as letters. A table of them all keeps lookups branch-free. */
export const CHAR_CLASS = new Uint8Array(65536).fill(ALPHA, 128);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = ALPHA | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = ALPHA | (c <= 102 ? HEX : 0);
for (const ch of ',!;:=|"\'[](){}') CHAR_CLASS[ch.charCodeAt(0)]! |= SEGMENT_DELIM | PIECE_DELIM;
for (const ch of '.-+@#$%&/') CHAR_CLASS[ch.charCodeAt(0)]! |= PIECE_DELIM;
for (const ch of '/\\.~') CHAR_CLASS[ch.charCodeAt(0)]! |= PATHY;
CHAR_CLASS[47]! |= SLASH;
for (const c of [9, 10, 11, 12, 13, 32]) CHAR_CLASS[c] = BLANK;

/** Class bits of one char code. */
export const classOf = (c: number): number => CHAR_CLASS[c]!;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexCode = (c: number): boolean => (CHAR_CLASS[c]! & HEX) !== 0;
const isAlnum = (c: number): boolean => (CHAR_CLASS[c]! & (DIGIT | ALPHA)) !== 0;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
/** Whether `c` is whitespace, which splits a message into tokens. */
export const isBlankCode = (c: number): boolean => CHAR_CLASS[c] === BLANK;
/** `c`, of class bits `cls`, with a digit read as `0` (branch-free: digits are 0x30 to 0x39). */
export const foldDigit = (c: number, cls: number): number => c & ~((cls & DIGIT) * 15);
/** Chars that may trail a URL without belonging to it: `] ) " ' , . ; > }`. */
export const isUrlTrail = (c: number): boolean => c === 93 || c === 41 || c === 34 || c === 39 || c === 44 || c === 46 || c === 59 || c === 62 || c === 125;

/** Whether `codes[from, to)` is one of `words` (all lower-case ASCII letters), ignoring ASCII case. */
function isWordIn(codes: CharCodes, from: number, to: number, words: readonly string[]): boolean {
  const n = to - from;
  if (codes[from]! >= 128 || (CHAR_CLASS[codes[from]!]! & ALPHA) === 0) return false;
  outer: for (const w of words) {
    if (w.length !== n) continue;
    for (let i = 0; i < n; i++) if (lower(codes[from + i]!) !== w.charCodeAt(i)) continue outer;
    return true;
  }
  return false;
}

/** Words that the Loghub-2.0 correction rules always treat as values (booleans, null, default users). */
const VALUE_WORDS = ['true', 'false', 'null', 'root', 'admin'];

/** Whether `codes[from, to)` is one of `VALUE_WORDS`, ignoring case. */
export function isValueWord(codes: CharCodes, from: number, to: number): boolean {
  const n = to - from;
  if (n < 4 || n > 5) return false;
  const c = lower(codes[from]!);
  return (c === 116 || c === 102 || c === 110 || c === 114 || c === 97) /* t f n r a */ && isWordIn(codes, from, to, VALUE_WORDS);
}

/** Whether a piece of `codes[from, to)` (split at piece delimiters) is a value word (`(root)`, `user=admin`). */
export function hasValueWord(codes: CharCodes, from: number, to: number): boolean {
  let start = from;
  for (let j = from; j <= to; j++) {
    if (j === to || (CHAR_CLASS[codes[j]!]! & PIECE_DELIM) !== 0) {
      if (isValueWord(codes, start, j)) return true;
      start = j + 1;
    }
  }
  return false;
}

/** Whether the `-` at `j` in `codes[from, to)` is the sign of a number (`-17`, `(-3)`), not a separator (`a-3`). */
export function isMinusSign(codes: CharCodes, j: number, from: number, to: number): boolean {
  return j + 1 < to && isDigit(codes[j + 1]!) && (j === from || !isAlnum(codes[j - 1]!));
}

/**
 * Whether the piece `codes[from, to)` is a variable by its own shape: it starts with a digit (numbers, numbers
 * with units, hex ids: `41C`, `0x1f`, `-17`, `<1`), it is a value word, an underscore id with a numeric part
 * (`job_1445_0020`, `blk_-42`, `rdd_2_1`), a long hex run (`ffff3000`), a version (`v1` before `.digit`),
 * or a random-looking mix of letters and digits (`jA9J1UvC0043`).
 */
export function isVariablePiece(codes: CharCodes, from: number, to: number): boolean {
  let i = from;
  while (i < to && !isAlnum(codes[i]!)) i++;
  if (i === to) return false;
  if (isDigit(codes[i]!)) return true;
  if (isValueWord(codes, from, to)) return true;
  // numbers (0 or 1) rather than booleans keep this loop cheap in optimised code
  let digits = 0;
  let hexBits = HEX;
  let transitions = 0;
  let prevDigit = 0;
  for (let j = i; j < to; j++) {
    const c = codes[j]!;
    const cls = classOf(c);
    const d = cls & DIGIT;
    if (c === 95 /* _ */) {
      // an underscore before a number (`blk_-42`): a digit follows, so the piece has one
      const n = j + 1 < to ? codes[j + 1]! : 0;
      if (isDigit(n) || (n === 45 /* - */ && j + 2 < to && isDigit(codes[j + 2]!))) return true;
    } else if (j > i && (cls & (DIGIT | ALPHA)) !== 0 && d !== prevDigit) transitions++;
    digits += d;
    hexBits &= cls;
    prevDigit = d;
  }
  if (digits === 0) return false;
  if (hexBits !== 0 && to - i >= 6) return true;
  if (transitions >= 3 && to - i >= 6) return true;
  const first = codes[i]!;
  return (first === 118 || first === 86) /* v V */ && to - i >= 2 && digits === to - i - 1 && codes[to] === 46 && isDigit(codes[to + 1]!);
}

/** Top-level domains that end host names: the generic ones, plus second levels used under country codes. */
const GENERIC_TLDS = ['com', 'net', 'org', 'edu', 'gov', 'mil', 'local', 'lan', 'internal', 'localdomain'];
/** Top-level domains that are also common words in code (`logger.info`): host names only after digits or dashes. */
const WORDY_TLDS = ['info', 'biz', 'io', 'me', 'tv', 'us', 'uk', 'de', 'fr', 'eu', 'ru', 'jp', 'cn', 'br', 'in'];
const SECOND_LEVELS = ['com', 'net', 'org', 'edu', 'gov', 'co', 'ac', 'or', 'ne', 'go'];

/**
 * Whether `codes[from, to)` is a DNS host name: dot-separated labels of letters, digits and `-`, ending in a
 * generic top-level domain (`proxy.example.com`) or a two-letter country code under a known second level
 * (`cuhk.edu.hk`, `amazonaws.com.cn`) or after labels with digits or dashes (`1-2-3-4.rev.example.eu`,
 * `p151.example.info`).
 * Java package names (`org.apache.Foo`) and property keys (`mapreduce.task.id`) do not end that way.
 */
export function isHostName(codes: CharCodes, from: number, to: number): boolean {
  let lastDot = to - 1;
  while (lastDot > from && codes[lastDot] !== 46) lastDot--;
  if (lastDot <= from || to - lastDot - 1 < 2 || to - lastDot - 1 > 11) return false;
  for (let j = lastDot + 1; j < to; j++) if ((classOf(codes[j]!) & ALPHA) === 0 || codes[j]! >= 128) return false;
  let dots = 0;
  let labelStart = from;
  let prevStart = -1;
  // whether a label before the last one holds a digit or a dash
  let marked = false;
  let markedSoFar = false;
  for (let j = from; j < to; j++) {
    const c = codes[j]!;
    if (c === 46) {
      if (j === labelStart) return false;
      dots++;
      prevStart = labelStart;
      labelStart = j + 1;
      marked = markedSoFar;
    } else if (isDigit(c) || c === 45) markedSoFar = true;
    else if (c >= 128 || (CHAR_CLASS[c]! & ALPHA) === 0) return false;
  }
  // the last label, [labelStart, to), is 2 to 11 ASCII letters (checked above)
  if (dots < 1 || labelStart >= to) return false;
  if (isWordIn(codes, labelStart, to, GENERIC_TLDS)) return true;
  if (marked && isWordIn(codes, labelStart, to, WORDY_TLDS)) return true;
  if (to - labelStart !== 2 || dots < 2) return false;
  return marked || isWordIn(codes, prevStart, labelStart - 1, SECOND_LEVELS);
}

/** Length of a hex run starting at `i` (at most `max` chars) before `to`. */
function hexRun(codes: CharCodes, i: number, to: number, max: number): number {
  let n = 0;
  while (i + n < to && n < max && isHexCode(codes[i + n]!)) n++;
  return n;
}

/**
 * The end of a fixed-shape identifier starting at `i`, or -1: a MAC address (`00:11:43:e3:ba:c3`), a PCI
 * address (`0000:00:1f.0`) or a UUID (`b9000564-fe1a-409b-b8cc-1e88b294cd1d`). These are one variable
 * although their parts would read as several.
 */
export function fixedShapeEnd(codes: CharCodes, i: number, to: number): number {
  // the cheap tests first, small enough to inline where most positions fail them
  return to - i >= 12 && isHexCode(codes[i]!) && (i === 0 || !isAlnum(codes[i - 1]!)) ? fixedShapeFrom(codes, i, to) : -1;
}

/** `fixedShapeEnd` past its first tests. */
function fixedShapeFrom(codes: CharCodes, i: number, to: number): number {
  const first = hexRun(codes, i, to, 9);
  let end = -1;
  if (first === 2) {
    let j = i + 2;
    let groups = 1;
    const sep = codes[j]!;
    while (groups < 6 && (sep === 58 || sep === 45) && codes[j] === sep && hexRun(codes, j + 1, to, 3) === 2) {
      j += 3;
      groups++;
    }
    if (groups === 6) end = j;
  } else if (first === 4 && codes[i + 4] === 58 && hexRun(codes, i + 5, to, 3) === 2 && codes[i + 7] === 58 && hexRun(codes, i + 8, to, 3) === 2 && codes[i + 10] === 46 && hexRun(codes, i + 11, to, 2) === 1) {
    end = i + 12;
  } else if (first === 8) {
    let j = i + 8;
    for (const len of [4, 4, 4, 12]) {
      if (codes[j] !== 45 || hexRun(codes, j + 1, to, len + 1) !== len) return -1;
      j += len + 1;
    }
    end = j;
  }
  if (end < 0 || (end < to && isAlnum(codes[end]!))) return -1;
  return end;
}

/** Three ASCII char codes packed into one number, or -1 when one is not ASCII. */
const pack3 = (a: number, b: number, c: number): number => ((a | b | c) < 128 ? (a << 14) | (b << 7) | c : -1);
const code3 = (codes: CharCodes, i: number): number => pack3(codes[i]!, codes[i + 1]!, codes[i + 2]!);
const code3Of = (w: string): number => pack3(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2));
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map(code3Of);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(code3Of);

/** Whether `codes[from, to)` is an English weekday abbreviation (`Fri`). */
export const isWeekday = (codes: CharCodes, from: number, to: number): boolean => to - from === 3 && WEEKDAYS.includes(code3(codes, from));
/** Whether `codes[from, to)` is an English month abbreviation (`Jun`). */
export const isMonth = (codes: CharCodes, from: number, to: number): boolean => to - from === 3 && MONTHS.includes(code3(codes, from));

/** Whether `codes[from, to)` is all digits and between `min` and `max` chars long. */
export function isNumber(codes: CharCodes, from: number, to: number, min: number, max: number): boolean {
  if (to - from < min || to - from > max) return false;
  for (let j = from; j < to; j++) if (!isDigit(codes[j]!)) return false;
  return true;
}

/** Whether `codes[from, to)` is a clock time `h:mm:ss` or `hh:mm:ss`. */
export function isClock(codes: CharCodes, from: number, to: number): boolean {
  const n = to - from;
  if (n !== 7 && n !== 8) return false;
  const h = n - 6;
  return isNumber(codes, from, from + h, 1, 2) && codes[from + h] === 58 && isNumber(codes, from + h + 1, from + h + 3, 2, 2) && codes[from + h + 3] === 58 && isNumber(codes, from + h + 4, to, 2, 2);
}

/** Source file extensions: `Foo.java:12` is a file and a line, not a host and a port. */
const SOURCE_EXTENSIONS = ['java', 'scala', 'kt', 'groovy', 'c', 'cc', 'cpp', 'cxx', 'h', 'hpp', 'm', 'mm', 'swift', 'go', 'rs', 'py', 'rb', 'js', 'mjs', 'cjs', 'ts', 'cs', 'php', 'pl', 'lua', 'ex', 'erl', 'hs', 'clj'];

/**
 * Whether `[from, to)` is host-name-like for host:port: letters, digits, `.` and `-`, with a `.`, `-` or
 * digit, and not a source file name.
 */
export function isHostLike(codes: CharCodes, from: number, to: number): boolean {
  if (to <= from) return false;
  let marked = false;
  let lastDot = -1;
  for (let j = from; j < to; j++) {
    const c = codes[j]!;
    if (c === 46 || c === 45) {
      marked ||= j > from;
      if (c === 46) lastDot = j;
    } else if (isDigit(c)) marked = true;
    else if (c >= 128 || (classOf(c) & ALPHA) === 0) return false;
  }
  return marked && !(lastDot > 0 && isWordIn(codes, lastDot + 1, to, SOURCE_EXTENSIONS));
}

/** Whether `[from, to)` is a dotted IPv4 address. */
export function isIPv4(codes: CharCodes, from: number, to: number): boolean {
  let parts = 0;
  let start = from;
  for (let j = from; j <= to; j++) {
    if (j === to || codes[j] === 46) {
      if (!isNumber(codes, start, j, 1, 3)) return false;
      parts++;
      start = j + 1;
    }
  }
  return parts === 4;
}

/** End of the port after `:` at `colon`, or -1 unless 1-5 digits end the token or are followed by punctuation. */
export function portEnd(codes: CharCodes, colon: number, to: number): number {
  let j = colon + 1;
  while (j < to && isDigit(codes[j]!)) j++;
  const n = j - colon - 1;
  if (n < 1 || n > 5) return -1;
  if (j === to) return j;
  const c = codes[j]!;
  if (c === 58 || (classOf(c) & (ALPHA | DIGIT)) !== 0) return -1;
  if (c === 46 && j + 1 < to && isDigit(codes[j + 1]!)) return -1;
  return j;
}

/** Whether a path starts at `i`: `/x`, `./x`, `../x`, `~/x`, `\x...\` or a drive `C:\`. */
export function isPathStart(codes: CharCodes, i: number, segEnd: number): boolean {
  const c = codes[i]!;
  if (c === 47) return segEnd - i > 1 && codes[i + 1] !== 47;
  if (c === 46 || c === 126) {
    // `./`, `~/` or `../`, with more after it in the segment
    const slash = codes[i + 1] === 47 ? i + 1 : c === 46 && codes[i + 1] === 46 && codes[i + 2] === 47 ? i + 2 : -1;
    return slash > 0 && slash < segEnd - 1;
  }
  if (c === 92) {
    if (segEnd - i <= 2 || (classOf(codes[i + 1]!) & ALPHA) === 0) return false;
    for (let j = i + 1; j < segEnd; j++) if (codes[j] === 92) return true;
  }
  return false;
}

/** End of `HTTP/1.1` at the start of `codes[from, to)`, or -1. */
export function httpVersionEnd(codes: CharCodes, from: number, to: number): number {
  if (codes[from] !== 72 || codes[from + 1] !== 84 || codes[from + 2] !== 84 || codes[from + 3] !== 80 || codes[from + 4] !== 47) return -1;
  let j = from + 5;
  while (j < to && (isDigit(codes[j]!) || codes[j] === 46)) j++;
  return j > from + 5 ? j : -1;
}

/** Start of the token after position `end` (past blanks), or -1 at the end `n` of the message. */
function nextStart(codes: CharCodes, n: number, end: number): number {
  while (end < n && isBlankCode(codes[end]!)) end++;
  return end < n ? end : -1;
}

/** End of the token starting at `start`, in a message of length `n`. */
function tokenEnd(codes: CharCodes, n: number, start: number): number {
  while (start < n && !isBlankCode(codes[start]!)) start++;
  return start;
}

/** End of a date in words starting at token `[from, to)` (`[Fri ]Jun 17 07:07:00[ 2005]`) of a message of length `n`, or -1. */
export function wordDateEnd(codes: CharCodes, n: number, from: number, to: number): number {
  if (to - from !== 3) return -1;
  let start = from;
  let end = to;
  if (isWeekday(codes, start, end)) {
    if ((start = nextStart(codes, n, end)) < 0) return -1;
    end = tokenEnd(codes, n, start);
  }
  if (!isMonth(codes, start, end) || (start = nextStart(codes, n, end)) < 0 || !isNumber(codes, start, (end = tokenEnd(codes, n, start)), 1, 2)) return -1;
  if ((start = nextStart(codes, n, end)) < 0 || !isClock(codes, start, (end = tokenEnd(codes, n, start)))) return -1;
  const year = nextStart(codes, n, end);
  if (year < 0) return end;
  const yearEnd = tokenEnd(codes, n, year);
  return isNumber(codes, year, yearEnd, 4, 4) ? yearEnd : end;
}
