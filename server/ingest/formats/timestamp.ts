/**
 * Reads the timestamps log lines start with, by hand: no regular expression, so no backtracking, and nothing
 * allocated but the result. Forms: ISO 8601 / RFC 3339 (`T` or space, `.` or `,` fraction, `Z`, `±HH:MM`,
 * `±HHMM`, ` UTC`), `2026/11/20 10:00:00`, common log's `20/Nov/2026:10:00:00 +0000`, `20 Nov 2026 10:00:00`,
 * syslog's `Nov 20 10:00:00`, ctime's `Thu Nov 20 10:00:00 2026`, RFC 1123's `Thu, 20 Nov 2026 10:00:00 GMT`,
 * `10.30 16:49:06`, logcat's `11-20 10:00:00.123`, epoch seconds or milliseconds, and a bare `10:00:00.123`.
 * Times without a zone are read as UTC; times without a year are placed by the context's reference time.
 */
import type { ParseContext } from './parse-context';

/** A timestamp found in a text. */
export interface TimeMatch {
  /** Index just after the timestamp, its zone included. */
  end: number;
  /** Epoch milliseconds; NaN for a time of day without a date (`10:00:00.123`). */
  ms: number;
}

const DAY_MS = 86_400_000;

// Results of clockAt, zoneAt and the read... functions live in module variables so the hot path allocates nothing.
let foundMs = 0;
let clockEnd = 0;
let clockMs = 0;
let zoneEnd = 0;
let zoneOffsetMs = 0;
// Date.UTC of the last day seen: consecutive lines mostly share it.
let lastDayKey = -1;
let lastDayMs = 0;

/** Reads the timestamp that starts at `i` of `s`, in any of the forms above, or returns undefined. */
export function timestampAt(s: string, i: number, ctx: ParseContext): TimeMatch | undefined {
  const end = readTimestamp(s, i, ctx);
  return end < 0 ? undefined : { end, ms: foundMs };
}

/** Reads an ISO 8601 / RFC 3339 date-time (`2026-11-20T10:00:00.123Z`, `2026-11-20 10:00:00,123`) at `i`. */
export function isoTimestampAt(s: string, i: number): TimeMatch | undefined {
  const end = readIsoTimestamp(s, i);
  return end < 0 ? undefined : { end, ms: foundMs };
}

/** klog's `MMDD HH:MM:SS.uuuuuu` (month and day run together, no year) at `i`. */
export function compactMonthDayAt(s: string, i: number, ctx: ParseContext): TimeMatch | undefined {
  const end = readCompactMonthDay(s, i, ctx);
  return end < 0 ? undefined : { end, ms: foundMs };
}

/** The epoch ms of the time the last successful `read...` call read. */
export function timeReadMs(): number {
  return foundMs;
}

/**
 * `timestampAt` without the result object, for the hot paths: the index just after the timestamp, or -1;
 * `timeReadMs()` then gives its epoch ms.
 */
export function readTimestamp(s: string, i: number, ctx: ParseContext): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    const c2 = s.charCodeAt(i + 2);
    const c4 = s.charCodeAt(i + 4);
    if (c4 === 45) return readIsoTimestamp(s, i);
    if (c4 === 47) return slashDateAt(s, i);
    if (c2 === 47) return commonLogDateAt(s, i);
    if (c2 === 46 || c2 === 45) return yearlessNumericAt(s, i, ctx);
    if (c2 === 58) return clockAt(s, i) ? ((foundMs = NaN), clockEnd) : -1;
    if (c2 === 32 || s.charCodeAt(i + 1) === 32) return dayMonthYearAt(s, i);
    return epochAt(s, i);
  }
  if (c >= 65 && c <= 90) {
    if (isWeekdayAt(s, i)) {
      const next = s.charCodeAt(i + 3);
      if (next === 44 && s.charCodeAt(i + 4) === 32) return dayMonthYearAt(s, i + 5);
      if (next === 32) return monthFirstAt(s, i + 4, ctx);
      return -1;
    }
    return monthFirstAt(s, i, ctx);
  }
  return -1;
}

/** `isoTimestampAt` without the result object: the end index or -1, the ms in `timeReadMs()`. */
export function readIsoTimestamp(s: string, i: number): number {
  const y = digitsAt(s, i, 4);
  if (y < 0 || s.charCodeAt(i + 4) !== 45) return -1;
  const mo = digitsAt(s, i + 5, 2);
  if (mo < 1 || mo > 12 || s.charCodeAt(i + 7) !== 45) return -1;
  const d = digitsAt(s, i + 8, 2);
  if (d < 1 || d > 31) return -1;
  const sep = s.charCodeAt(i + 10);
  if ((sep !== 84 && sep !== 32) || !clockAt(s, i + 11)) return -1;
  zoneAt(s, clockEnd);
  foundMs = dayMs(y, mo, d) + clockMs - zoneOffsetMs;
  return zoneEnd;
}

/** Epoch ms from a number that is epoch seconds, milliseconds, microseconds or nanoseconds; NaN otherwise. */
export function epochMsOf(n: number): number {
  if (!Number.isFinite(n) || n < 1e8) return NaN;
  if (n < 1e11) return Math.round(n * 1000);
  if (n < 1e14) return Math.round(n);
  if (n < 1e17) return Math.round(n / 1e3);
  return Math.round(n / 1e6);
}

/** Epoch ms of a month, day and time of day without a year: the latest year not more than a day after the reference. */
function yearlessMs(ctx: ParseContext, month: number, day: number, msOfDay: number): number {
  const t = dayMs(ctx.referenceYear, month, day) + msOfDay;
  return t > ctx.referenceTime + DAY_MS ? dayMs(ctx.referenceYear - 1, month, day) + msOfDay : t;
}

/** `compactMonthDayAt` without the result object: the end index or -1, the ms in `timeReadMs()`. */
export function readCompactMonthDay(s: string, i: number, ctx: ParseContext): number {
  const mo = digitsAt(s, i, 2);
  const d = digitsAt(s, i + 2, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(i + 4) !== 32 || !clockAt(s, i + 5)) return -1;
  foundMs = yearlessMs(ctx, mo, d, clockMs);
  return clockEnd;
}

/** Reads `HH:MM:SS` with an optional `.` or `,` fraction at `i` into clockEnd and clockMs. */
function clockAt(s: string, i: number): boolean {
  const h = digitsAt(s, i, 2);
  if (h < 0 || h > 23 || s.charCodeAt(i + 2) !== 58) return false;
  const m = digitsAt(s, i + 3, 2);
  if (m < 0 || m > 59 || s.charCodeAt(i + 5) !== 58) return false;
  const sec = digitsAt(s, i + 6, 2);
  if (sec < 0 || sec > 60) return false;
  let p = i + 8;
  let frac = 0;
  const c = s.charCodeAt(p);
  if ((c === 46 || c === 44) && isDigit(s.charCodeAt(p + 1))) {
    p++;
    // Milliseconds from the first three digits; the rest are read past.
    let d = s.charCodeAt(p) - 48;
    for (let k = 0; d >= 0 && d <= 9; k++) {
      if (k < 3) frac += d * (k === 0 ? 100 : k === 1 ? 10 : 1);
      d = s.charCodeAt(++p) - 48;
    }
  } else if (isDigit(c)) return false;
  clockEnd = p;
  clockMs = ((h * 60 + m) * 60 + sec) * 1000 + frac;
  return true;
}

/** The number written by the `n` (1, 2 or 4) digits at `i`, or -1 when one of them is not a digit. */
function digitsAt(s: string, i: number, n: 1 | 2 | 4): number {
  if (n === 2) return two(s, i);
  if (n === 4) {
    const hi = two(s, i);
    const lo = two(s, i + 2);
    return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
  }
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** 1-12 for the English month abbreviation at `i` (`Jan`...`Dec`), or -1. */
function monthAt(s: string, i: number): number {
  // Two character codes after the first tell the months apart: read them once instead of comparing strings.
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  switch (s.charCodeAt(i)) {
    case 74: // J
      return b === 97 ? (c === 110 ? 1 : -1) : b === 117 ? (c === 110 ? 6 : c === 108 ? 7 : -1) : -1;
    case 70:
      return b === 101 && c === 98 ? 2 : -1;
    case 77:
      return b === 97 ? (c === 114 ? 3 : c === 121 ? 5 : -1) : -1;
    case 65:
      return b === 112 ? (c === 114 ? 4 : -1) : b === 117 ? (c === 103 ? 8 : -1) : -1;
    case 83:
      return b === 101 && c === 112 ? 9 : -1;
    case 79:
      return b === 99 && c === 116 ? 10 : -1;
    case 78:
      return b === 111 && c === 118 ? 11 : -1;
    case 68:
      return b === 101 && c === 99 ? 12 : -1;
    default:
      return -1;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function dayMs(y: number, mo: number, d: number): number {
  const key = (y * 100 + mo) * 100 + d;
  if (key !== lastDayKey) {
    lastDayKey = key;
    lastDayMs = Date.UTC(y, mo - 1, d);
  }
  return lastDayMs;
}

/** Reads an optional zone at `i` into zoneEnd/zoneOffsetMs: `Z`, `±HH[:MM]`, or after a space `UTC`, `GMT`, `±HHMM`. */
function zoneAt(s: string, i: number): void {
  zoneEnd = i;
  zoneOffsetMs = 0;
  const c = s.charCodeAt(i);
  if (c === 90) zoneEnd = i + 1;
  else if (c === 43 || c === 45) signedOffsetAt(s, i);
  else if (c === 32) {
    const n = s.charCodeAt(i + 1);
    if ((n === 85 && s.startsWith('UTC', i + 1)) || (n === 71 && s.startsWith('GMT', i + 1))) {
      if (!isLetter(s.charCodeAt(i + 4))) zoneEnd = i + 4;
    } else if ((n === 43 || n === 45) && digitsAt(s, i + 2, 4) >= 0 && !isDigit(s.charCodeAt(i + 6))) signedOffsetAt(s, i + 1);
  }
}

function signedOffsetAt(s: string, i: number): void {
  const hh = digitsAt(s, i + 1, 2);
  if (hh < 0 || hh > 14) return;
  let p = i + 3;
  let mm = 0;
  if (s.charCodeAt(p) === 58) {
    mm = digitsAt(s, p + 1, 2);
    p += 3;
  } else if (isDigit(s.charCodeAt(p))) {
    mm = digitsAt(s, p, 2);
    p += 2;
  }
  if (mm < 0 || mm > 59 || isDigit(s.charCodeAt(p))) return;
  zoneOffsetMs = (s.charCodeAt(i) === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
  zoneEnd = p;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWeekdayAt(s: string, i: number): boolean {
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  switch (s.charCodeAt(i)) {
    case 77: // M
      return b === 111 && c === 110;
    case 84: // T
      return (b === 117 && c === 101) || (b === 104 && c === 117);
    case 87: // W
      return b === 101 && c === 100;
    case 70: // F
      return b === 114 && c === 105;
    case 83: // S
      return (b === 97 && c === 116) || (b === 117 && c === 110);
    default:
      return false;
  }
}

/** `2026/11/20 10:00:00` (nginx error log, Go's log package). */
function slashDateAt(s: string, i: number): number {
  const y = digitsAt(s, i, 4);
  const mo = digitsAt(s, i + 5, 2);
  const d = digitsAt(s, i + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(i + 7) !== 47) return -1;
  const sep = s.charCodeAt(i + 10);
  if ((sep !== 32 && sep !== 84) || !clockAt(s, i + 11)) return -1;
  zoneAt(s, clockEnd);
  foundMs = dayMs(y, mo, d) + clockMs - zoneOffsetMs;
  return zoneEnd;
}

/** `20/Nov/2026:10:00:00 +0000` (common and combined access logs). */
function commonLogDateAt(s: string, i: number): number {
  const d = digitsAt(s, i, 2);
  const mo = monthAt(s, i + 3);
  const y = digitsAt(s, i + 7, 4);
  if (d < 1 || d > 31 || mo < 0 || y < 0 || s.charCodeAt(i + 6) !== 47 || s.charCodeAt(i + 11) !== 58) return -1;
  if (!clockAt(s, i + 12)) return -1;
  zoneAt(s, clockEnd);
  foundMs = dayMs(y, mo, d) + clockMs - zoneOffsetMs;
  return zoneEnd;
}

/** `20 Nov 2026 10:00:00` and `5 Nov 2026 10:00:00`. */
function dayMonthYearAt(s: string, i: number): number {
  const one = s.charCodeAt(i + 1) === 32;
  const d = digitsAt(s, i, one ? 1 : 2);
  const p = i + (one ? 2 : 3);
  const mo = monthAt(s, p);
  const y = digitsAt(s, p + 4, 4);
  if (d < 1 || d > 31 || mo < 0 || y < 0 || s.charCodeAt(p + 3) !== 32 || s.charCodeAt(p + 8) !== 32) return -1;
  if (!clockAt(s, p + 9)) return -1;
  zoneAt(s, clockEnd);
  foundMs = dayMs(y, mo, d) + clockMs - zoneOffsetMs;
  return zoneEnd;
}

/** `10.30 16:49:06` and logcat's `11-20 10:00:00.123`: month and day, no year. */
function yearlessNumericAt(s: string, i: number, ctx: ParseContext): number {
  const mo = digitsAt(s, i, 2);
  const d = digitsAt(s, i + 3, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(i + 5) !== 32 || !clockAt(s, i + 6)) return -1;
  foundMs = yearlessMs(ctx, mo, d, clockMs);
  return clockEnd;
}

/** `Nov 20 10:00:00`, `Nov  5 10:00:00`, with an optional year after the time (ctime) or before it. */
function monthFirstAt(s: string, i: number, ctx: ParseContext): number {
  const mo = monthAt(s, i);
  if (mo < 0 || s.charCodeAt(i + 3) !== 32) return -1;
  let p = i + 4;
  if (s.charCodeAt(p) === 32) p++;
  const twoDigitDay = isDigit(s.charCodeAt(p + 1));
  const d = digitsAt(s, p, twoDigitDay ? 2 : 1);
  p += twoDigitDay ? 2 : 1;
  if (d < 1 || d > 31 || s.charCodeAt(p) !== 32) return -1;
  let year = -1;
  if (s.charCodeAt(p + 5) === 32 && digitsAt(s, p + 1, 4) >= 0) {
    year = digitsAt(s, p + 1, 4);
    p += 5;
  }
  if (!clockAt(s, p + 1)) return -1;
  let end = clockEnd;
  const msOfDay = clockMs;
  if (year < 0 && s.charCodeAt(end) === 32 && digitsAt(s, end + 1, 4) >= 0 && !isDigit(s.charCodeAt(end + 5))) {
    year = digitsAt(s, end + 1, 4);
    end += 5;
  }
  zoneAt(s, end);
  foundMs = year < 0 ? yearlessMs(ctx, mo, d, msOfDay) - zoneOffsetMs : dayMs(year, mo, d) + msOfDay - zoneOffsetMs;
  return zoneEnd;
}

/** Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits) standing alone. */
function epochAt(s: string, i: number): number {
  let p = i;
  while (isDigit(s.charCodeAt(p))) p++;
  const len = p - i;
  if (len !== 10 && len !== 13) return -1;
  if (len === 10 && s.charCodeAt(p) === 46 && isDigit(s.charCodeAt(p + 1))) {
    p++;
    while (isDigit(s.charCodeAt(p))) p++;
  }
  const next = s.charCodeAt(p);
  if (isLetter(next) || next === 95 || next === 45 || next === 58) return -1;
  foundMs = epochMsOf(Number(s.slice(i, p)));
  return p;
}
