/**
 * Character classes and token shapes for the template miner's masking: which characters split a token into
 * pieces, and the multi-character shapes (host names, MAC and PCI addresses, UUIDs, versions, random ids,
 * value words, calendar words) that mark a piece or a run of pieces as a variable. Every test here reads
 * char codes of the original string between two indices, so masking allocates nothing to ask them.
 */

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

/** Class bits of every ASCII char code; codes of 128 and above count as letters. */
export const CHAR_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = ALPHA | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = ALPHA | (c <= 102 ? HEX : 0);
for (const ch of ',!;:=|"\'[](){}') CHAR_CLASS[ch.charCodeAt(0)]! |= SEGMENT_DELIM | PIECE_DELIM;
for (const ch of '.-+@#$%&/') CHAR_CLASS[ch.charCodeAt(0)]! |= PIECE_DELIM;
for (const ch of '/\\.~') CHAR_CLASS[ch.charCodeAt(0)]! |= PATHY;
for (const c of [9, 10, 11, 12, 13, 32]) CHAR_CLASS[c] = BLANK;

/** Class bits of one char code. */
export const classOf = (c: number): number => (c < 128 ? CHAR_CLASS[c]! : ALPHA);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexCode = (c: number): boolean => c < 128 && (CHAR_CLASS[c]! & HEX) !== 0;
const isAlnum = (c: number): boolean => c >= 128 || (CHAR_CLASS[c]! & (DIGIT | ALPHA)) !== 0;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const isBlankCode = (c: number): boolean => c < 128 && CHAR_CLASS[c] === BLANK;

/** Words that the Loghub-2.0 correction rules always treat as values (booleans, null, default users). */
const VALUE_WORDS = ['true', 'false', 'null', 'root', 'admin'];

/** Whether `s[from, to)` is one of `VALUE_WORDS`, ignoring case. */
export function isValueWord(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < 4 || n > 5) return false;
  outer: for (const w of VALUE_WORDS) {
    if (w.length !== n) continue;
    for (let i = 0; i < n; i++) if (lower(s.charCodeAt(from + i)) !== w.charCodeAt(i)) continue outer;
    return true;
  }
  return false;
}

/**
 * Whether the piece `s[from, to)` is a variable by its own shape: it starts with a digit (numbers, numbers
 * with units, hex ids: `41C`, `0x1f`, `-17`, `<1`), it is a value word, an underscore id with a numeric part
 * (`job_1445_0020`, `blk_-42`, `rdd_2_1`), a long hex run (`ffff3000`), a version (`v1` before `.digit`),
 * or a random-looking mix of letters and digits (`jA9J1UvC0043`).
 */
export function isVariablePiece(s: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && !isAlnum(s.charCodeAt(i))) i++;
  if (i === to) return false;
  if (isDigit(s.charCodeAt(i))) return true;
  if (isValueWord(s, from, to)) return true;
  let digits = 0;
  let hexOnly = true;
  let transitions = 0;
  let underscoreNumber = false;
  let prevDigit = false;
  for (let j = i; j < to; j++) {
    const c = s.charCodeAt(j);
    const d = isDigit(c);
    if (d) digits++;
    if (!isHexCode(c)) hexOnly = false;
    if (c === 95 /* _ */) {
      const n = j + 1 < to ? s.charCodeAt(j + 1) : 0;
      if (isDigit(n) || (n === 45 /* - */ && j + 2 < to && isDigit(s.charCodeAt(j + 2)))) underscoreNumber = true;
    } else if (j > i && isAlnum(c) && d !== prevDigit) transitions++;
    prevDigit = d;
  }
  if (digits === 0) return false;
  if (underscoreNumber) return true;
  if (hexOnly && to - i >= 6) return true;
  if (transitions >= 3 && to - i >= 6) return true;
  const first = s.charCodeAt(i);
  return (first === 118 || first === 86) /* v V */ && to - i >= 2 && digits === to - i - 1 && s.charCodeAt(to) === 46 && isDigit(s.charCodeAt(to + 1));
}

/** Top-level domains that end host names: the generic ones, plus second levels used under country codes. */
const GENERIC_TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'local', 'lan', 'internal', 'localdomain']);
/** Top-level domains that are also common words in code (`logger.info`): host names only after digits or dashes. */
const WORDY_TLDS = new Set(['info', 'biz', 'io', 'me', 'tv', 'us', 'uk', 'de', 'fr', 'eu', 'ru', 'jp', 'cn', 'br', 'in']);
const SECOND_LEVELS = new Set(['com', 'net', 'org', 'edu', 'gov', 'co', 'ac', 'or', 'ne', 'go']);

/**
 * Whether `s[from, to)` is a DNS host name: dot-separated labels of letters, digits and `-`, ending in a
 * generic top-level domain (`proxy.example.com`) or a two-letter country code under a known second level
 * (`cuhk.edu.hk`, `amazonaws.com.cn`) or after labels with digits or dashes (`1-2-3-4.rev.example.eu`,
 * `p151.example.info`).
 * Java package names (`org.apache.Foo`) and property keys (`mapreduce.task.id`) do not end that way.
 */
export function isHostName(s: string, from: number, to: number): boolean {
  let lastDot = to - 1;
  while (lastDot > from && s.charCodeAt(lastDot) !== 46) lastDot--;
  if (lastDot <= from || to - lastDot - 1 < 2 || to - lastDot - 1 > 11) return false;
  for (let j = lastDot + 1; j < to; j++) if ((classOf(s.charCodeAt(j)) & ALPHA) === 0 || s.charCodeAt(j) >= 128) return false;
  let dots = 0;
  let labelStart = from;
  let prevStart = -1;
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c === 46) {
      if (j === labelStart) return false;
      dots++;
      prevStart = labelStart;
      labelStart = j + 1;
    } else if (!(isAlnum(c) || c === 45) || c >= 128) return false;
  }
  if (dots < 1 || labelStart >= to) return false;
  const last = s.slice(labelStart, to).toLowerCase();
  if (GENERIC_TLDS.has(last)) return true;
  let marked = false;
  for (let j = from; j < labelStart && !marked; j++) marked = isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 45;
  if (WORDY_TLDS.has(last) && marked) return true;
  if (last.length !== 2 || dots < 2 || !/^[a-z]{2}$/.test(last)) return false;
  return marked || SECOND_LEVELS.has(s.slice(prevStart, labelStart - 1).toLowerCase());
}

/** Length of a hex run starting at `i` (at most `max` chars) before `to`. */
function hexRun(s: string, i: number, to: number, max: number): number {
  let n = 0;
  while (i + n < to && n < max && isHexCode(s.charCodeAt(i + n))) n++;
  return n;
}

/**
 * The end of a fixed-shape identifier starting at `i`, or -1: a MAC address (`00:11:43:e3:ba:c3`), a PCI
 * address (`0000:00:1f.0`) or a UUID (`b9000564-fe1a-409b-b8cc-1e88b294cd1d`). These are one variable
 * although their parts would read as several.
 */
export function fixedShapeEnd(s: string, i: number, to: number): number {
  if (!isHexCode(s.charCodeAt(i)) || to - i < 12 || (i > 0 && isAlnum(s.charCodeAt(i - 1)))) return -1;
  const first = hexRun(s, i, to, 9);
  let end = -1;
  if (first === 2) {
    let j = i + 2;
    let groups = 1;
    const sep = s.charCodeAt(j);
    while (groups < 6 && (sep === 58 || sep === 45) && s.charCodeAt(j) === sep && hexRun(s, j + 1, to, 3) === 2) {
      j += 3;
      groups++;
    }
    if (groups === 6) end = j;
  } else if (first === 4 && s.charCodeAt(i + 4) === 58 && hexRun(s, i + 5, to, 3) === 2 && s.charCodeAt(i + 7) === 58 && hexRun(s, i + 8, to, 3) === 2 && s.charCodeAt(i + 10) === 46 && hexRun(s, i + 11, to, 2) === 1) {
    end = i + 12;
  } else if (first === 8) {
    let j = i + 8;
    for (const len of [4, 4, 4, 12]) {
      if (s.charCodeAt(j) !== 45 || hexRun(s, j + 1, to, len + 1) !== len) return -1;
      j += len + 1;
    }
    end = j;
  }
  if (end < 0 || (end < to && isAlnum(s.charCodeAt(end)))) return -1;
  return end;
}

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** Whether `s[from, to)` is an English weekday abbreviation (`Fri`). */
export const isWeekday = (s: string, from: number, to: number): boolean => to - from === 3 && WEEKDAYS.has(s.slice(from, to));
/** Whether `s[from, to)` is an English month abbreviation (`Jun`). */
export const isMonth = (s: string, from: number, to: number): boolean => to - from === 3 && MONTHS.has(s.slice(from, to));

/** Whether `s[from, to)` is all digits and between `min` and `max` chars long. */
export function isNumber(s: string, from: number, to: number, min: number, max: number): boolean {
  if (to - from < min || to - from > max) return false;
  for (let j = from; j < to; j++) if (!isDigit(s.charCodeAt(j))) return false;
  return true;
}

/** Whether `s[from, to)` is a clock time `h:mm:ss` or `hh:mm:ss`. */
export function isClock(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n !== 7 && n !== 8) return false;
  const h = n - 6;
  return isNumber(s, from, from + h, 1, 2) && s.charCodeAt(from + h) === 58 && isNumber(s, from + h + 1, from + h + 3, 2, 2) && s.charCodeAt(from + h + 3) === 58 && isNumber(s, from + h + 4, to, 2, 2);
}

/** Source file extensions: `Foo.java:12` is a file and a line, not a host and a port. */
const SOURCE_EXTENSIONS = new Set(['java', 'scala', 'kt', 'groovy', 'c', 'cc', 'cpp', 'cxx', 'h', 'hpp', 'm', 'mm', 'swift', 'go', 'rs', 'py', 'rb', 'js', 'mjs', 'cjs', 'ts', 'cs', 'php', 'pl', 'lua', 'ex', 'erl', 'hs', 'clj']);

/**
 * Whether `[from, to)` is host-name-like for host:port: letters, digits, `.` and `-`, with a `.`, `-` or
 * digit, and not a source file name.
 */
export function isHostLike(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  let marked = false;
  let lastDot = -1;
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c === 46 || c === 45) {
      marked ||= j > from;
      if (c === 46) lastDot = j;
    } else if (isDigit(c)) marked = true;
    else if (c >= 128 || (classOf(c) & ALPHA) === 0) return false;
  }
  return marked && !(lastDot > 0 && SOURCE_EXTENSIONS.has(s.slice(lastDot + 1, to).toLowerCase()));
}

/** Whether `[from, to)` is a dotted IPv4 address. */
export function isIPv4(s: string, from: number, to: number): boolean {
  let parts = 0;
  let start = from;
  for (let j = from; j <= to; j++) {
    if (j === to || s.charCodeAt(j) === 46) {
      if (!isNumber(s, start, j, 1, 3)) return false;
      parts++;
      start = j + 1;
    }
  }
  return parts === 4;
}

/** End of the port after `:` at `colon`, or -1 unless 1-5 digits end the token or are followed by punctuation. */
export function portEnd(s: string, colon: number, to: number): number {
  let j = colon + 1;
  while (j < to && isDigit(s.charCodeAt(j))) j++;
  const n = j - colon - 1;
  if (n < 1 || n > 5) return -1;
  if (j === to) return j;
  const c = s.charCodeAt(j);
  if (c === 58 || (classOf(c) & (ALPHA | DIGIT)) !== 0) return -1;
  if (c === 46 && j + 1 < to && isDigit(s.charCodeAt(j + 1))) return -1;
  return j;
}

/** Whether a path starts at `i`: `/x`, `./x`, `../x`, `~/x`, `\x...\` or a drive `C:\`. */
export function isPathStart(s: string, i: number, segEnd: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 47) return segEnd - i > 1 && s.charCodeAt(i + 1) !== 47;
  if (c === 46 || c === 126) {
    const slash = s.indexOf('/', i);
    return slash > i && slash < segEnd - 1 && (s.slice(i, slash) === '.' || s.slice(i, slash) === '..' || s.slice(i, slash) === '~');
  }
  if (c === 92) return segEnd - i > 2 && (classOf(s.charCodeAt(i + 1)) & ALPHA) !== 0 && s.indexOf('\\', i + 1) > 0 && s.indexOf('\\', i + 1) < segEnd;
  return false;
}

/** Start of the token after position `end` (past blanks), or -1 at the end of `s`. */
function nextStart(s: string, end: number): number {
  while (end < s.length && isBlankCode(s.charCodeAt(end))) end++;
  return end < s.length ? end : -1;
}

/** End of the token starting at `start`. */
function tokenEnd(s: string, start: number): number {
  while (start < s.length && !isBlankCode(s.charCodeAt(start))) start++;
  return start;
}

/** End of a date in words starting at token `[from, to)` (`[Fri ]Jun 17 07:07:00[ 2005]`), or -1. */
export function wordDateEnd(s: string, from: number, to: number): number {
  if (to - from !== 3) return -1;
  let start = from;
  let end = to;
  if (isWeekday(s, start, end)) {
    if ((start = nextStart(s, end)) < 0) return -1;
    end = tokenEnd(s, start);
  }
  if (!isMonth(s, start, end) || (start = nextStart(s, end)) < 0 || !isNumber(s, start, (end = tokenEnd(s, start)), 1, 2)) return -1;
  if ((start = nextStart(s, end)) < 0 || !isClock(s, start, (end = tokenEnd(s, start)))) return -1;
  const year = nextStart(s, end);
  if (year < 0) return end;
  const yearEnd = tokenEnd(s, year);
  return isNumber(s, year, yearEnd, 4, 4) ? yearEnd : end;
}
