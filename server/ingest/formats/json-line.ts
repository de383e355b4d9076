/**
 * JSON lines: one JSON object per line, as zap, pino, bunyan, logrus, slog, Serilog, ECS loggers, GCP
 * structured logging and `journalctl -o json` write them. The message field is the body; the time, level and
 * resource fields are read by name (structured-fields.ts); every other field becomes an attribute. Nested
 * objects are flattened with dotted names (`error.message`), pino's `err` object under `error.`; arrays and
 * objects nested deeper than three levels are kept as compact JSON text.
 *
 * Speed: a flat object (scalar values only, the common log line) is read by a scanner that checks the JSON
 * grammar as it goes and hands each field over without building the object; it gives up, and `JSON.parse`
 * reads the line, on anything it does not read exactly as `JSON.parse` would (a nested value, an escaped key, a
 * key that may be an array index, a repeated key). A line the scanner finds to be invalid JSON is one
 * `JSON.parse` rejects too.
 */
import type { LogRecord } from '../log-record';
import { FIELD_SLOTS, fieldNameOf, fieldSlotAt, startLine } from './field-names';
import type { ParseContext } from './parse-context';
import { isTimeField, mayCarryRecordField, StructuredFields } from './structured-fields';

const MAX_DEPTH = 3;
const MAX_JSON_TEXT = 512;
const fields = new StructuredFields();

/** Parses a JSON-object line; undefined when the line is not one. */
export function parseJsonLine(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  let first = 0;
  let last = text.length - 1;
  while (first <= last && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
  while (last > first && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
  if (first >= last || text.charCodeAt(first) !== 123 || text.charCodeAt(last) !== 125) return undefined;
  fields.reset(lean);
  const scanned = scanFlatObject(text, first, lean);
  if (scanned === NOT_JSON) return undefined;
  if (scanned === GAVE_UP) {
    const obj = parseObject(text);
    if (obj === undefined) return undefined;
    fields.reset(lean);
    visit(obj, '', 0);
  }
  return fields.toRecord(text, 'json', ctx);
}

const READ = 0;
const NOT_JSON = 1;
const GAVE_UP = 2;

// Which slots of field-names.ts the current line used (the line's stamp), to see a repeated key.
const seenIn = new Int32Array(FIELD_SLOTS);
let lineStamp = 0;

/**
 * Reads the object that starts at `first` (a `{`) into `fields` when its values are all scalars; READ,
 * NOT_JSON (JSON.parse would throw), or GAVE_UP (read it with JSON.parse). A lean read hands over only the
 * fields that may carry the time, level or message, and leaves the other values unread (but checked). No
 * `charCodeAt` reads past the end of the text: the engine answers those on a slower path from then on.
 */
function scanFlatObject(text: string, first: number, lean: boolean): number {
  startLine();
  if (++lineStamp === 0x7fffffff) {
    seenIn.fill(0);
    lineStamp = 1;
  }
  const n = text.length;
  // A line without backslashes and control characters (the common case) has strings that end at the next quote,
  // found by indexOf instead of a loop over their characters.
  const plain = text.indexOf('\\', first) < 0 && !CONTROL_CHARACTER.test(text);
  let p = skipSpace(text, first + 1, n);
  if (p < n && text.charCodeAt(p) === 125) return skipSpace(text, p + 1, n) === n ? READ : NOT_JSON;
  for (;;) {
    if (p >= n || text.charCodeAt(p) !== 34) return NOT_JSON;
    const keyStart = p + 1;
    let q = keyStart;
    if (plain) {
      q = text.indexOf('"', keyStart);
      if (q < 0) return NOT_JSON;
    } else {
      let c = -1;
      // Most characters of a key are letters, `_` or digits: one or two tests each.
      while (q < n && ((c = text.charCodeAt(q)) > 92 || (c > 34 && c !== 92))) q++;
      if (q >= n) return NOT_JSON;
      if (c !== 34) return c === 92 ? GAVE_UP : c === 32 || c === 33 ? keyTail(text, q) : NOT_JSON;
    }
    let slot = -1;
    if (!lean || mayCarryRecordField(text, keyStart, q)) {
      // A key that may be an array index comes first in JSON.parse's object, whatever its place in the line.
      const k0 = text.charCodeAt(keyStart);
      if (k0 >= 48 && k0 <= 57) return GAVE_UP;
      slot = fieldSlotAt(text, keyStart, q);
      if (slot < 0 || seenIn[slot] === lineStamp) return GAVE_UP;
      seenIn[slot] = lineStamp;
    }
    // Compact JSON (`"key":value,`) goes straight on; the rest skips white space.
    p = q + 1;
    if (p < n && text.charCodeAt(p) === 58) p++;
    else {
      p = skipSpace(text, p, n);
      if (p >= n || text.charCodeAt(p) !== 58) return NOT_JSON;
      p++;
    }
    if (p < n && text.charCodeAt(p) !== 34) p = skipSpace(text, p, n);
    if (p >= n) return NOT_JSON;
    const c = text.charCodeAt(p);
    if (c === 34) {
      const start = p + 1;
      let escaped = false;
      if (plain) q = text.indexOf('"', start);
      else {
        q = stringEnd(text, start, n);
        escaped = stringEscaped;
      }
      if (q < 0) return NOT_JSON;
      if (slot >= 0) {
        const value = escaped ? unescapeJson(text, start, q) : text.slice(start, q);
        if (value === undefined) return NOT_JSON;
        fields.add(fieldNameOf(slot), value, slot);
      } else if (escaped && !validEscapes(text, start, q)) return NOT_JSON;
      p = q + 1;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const end = numberEnd(text, p, n);
      if (end < 0) return NOT_JSON;
      if (slot >= 0) fields.add(fieldNameOf(slot), numberValue(text, p, end), slot);
      p = end;
    } else if (c === 116) {
      if (!text.startsWith('true', p)) return NOT_JSON;
      if (slot >= 0) fields.add(fieldNameOf(slot), true, slot);
      p += 4;
    } else if (c === 102) {
      if (!text.startsWith('false', p)) return NOT_JSON;
      if (slot >= 0) fields.add(fieldNameOf(slot), false, slot);
      p += 5;
    } else if (c === 110) {
      if (!text.startsWith('null', p)) return NOT_JSON;
      p += 4;
    } else if (c === 123 || c === 91) return GAVE_UP;
    else return NOT_JSON;
    if (p >= n) return NOT_JSON;
    let sep = text.charCodeAt(p);
    if (sep !== 44 && sep !== 125) {
      p = skipSpace(text, p, n);
      if (p >= n) return NOT_JSON;
      sep = text.charCodeAt(p);
    }
    if (sep === 44) {
      p++;
      if (p < n && text.charCodeAt(p) !== 34) p = skipSpace(text, p, n);
      continue;
    }
    if (sep === 125) return skipSpace(text, p + 1, n) === n ? READ : NOT_JSON;
    return NOT_JSON;
  }
}

/** Any character JSON does not allow unescaped in a string. */
const CONTROL_CHARACTER = /[\u0000-\u001f]/;
// Whether the string `stringEnd` read last holds an escape.
let stringEscaped = false;

/**
 * The index of the quote that ends the JSON string whose text starts at `start`, or -1 when it is not ended or
 * holds a control character; sets `stringEscaped`.
 */
function stringEnd(text: string, start: number, n: number): number {
  let q = start;
  stringEscaped = false;
  for (;;) {
    let d = -1;
    // Most characters are letters, digits, spaces or punctuation other than `"` and `\`: one to four tests each.
    while (q < n && ((d = text.charCodeAt(q)) > 92 || (d > 34 && d !== 92) || d === 32 || d === 33)) q++;
    if (q >= n || d !== 92) return q < n && d === 34 ? q : -1;
    stringEscaped = true;
    q += 2;
  }
}

/** A key with a space or `!` in it: rare, so read by the careful path (JSON.parse) unless it is broken. */
function keyTail(text: string, i: number): number {
  for (let q = i; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c === 34 || c === 92) return GAVE_UP;
    if (c < 32) return NOT_JSON;
  }
  return NOT_JSON;
}

/** Skips JSON's white space (space, tab, CR, LF) from `i`, up to `n`. */
function skipSpace(text: string, i: number, n: number): number {
  let p = i;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return p;
    p++;
  }
  return p;
}

/** The index after the JSON number at `i` (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`), or -1. */
function numberEnd(text: string, i: number, n: number): number {
  let p = i;
  if (text.charCodeAt(p) === 45) p++;
  const c = p < n ? text.charCodeAt(p) : -1;
  if (c === 48) p++;
  else if (c >= 49 && c <= 57) p = digitsEnd(text, p + 1, n);
  else return -1;
  if (p < n && text.charCodeAt(p) === 46) {
    const f = digitsEnd(text, p + 1, n);
    if (f === p + 1) return -1;
    p = f;
  }
  const e = p < n ? text.charCodeAt(p) : -1;
  if (e === 101 || e === 69) {
    p++;
    const sign = p < n ? text.charCodeAt(p) : -1;
    if (sign === 43 || sign === 45) p++;
    const x = digitsEnd(text, p, n);
    if (x === p) return -1;
    p = x;
  }
  return p;
}

/** The index after the digits from `i` on. */
function digitsEnd(text: string, i: number, n: number): number {
  let p = i;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c < 48 || c > 57) return p;
    p++;
  }
  return p;
}

/** The value of the valid JSON number at `start`..`end`: short integers by hand, the rest as `Number` reads it. */
function numberValue(text: string, start: number, end: number): number {
  const negative = text.charCodeAt(start) === 45;
  const digits = negative ? start + 1 : start;
  if (end - digits > 9) return Number(text.slice(start, end));
  let v = 0;
  for (let p = digits; p < end; p++) {
    const d = text.charCodeAt(p) - 48;
    if (d < 0 || d > 9) return Number(text.slice(start, end));
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/** The JSON string body at `start`..`end` with its escapes read; undefined on an escape JSON does not allow. */
function unescapeJson(text: string, start: number, end: number): string | undefined {
  let out = '';
  let from = start;
  let p = text.indexOf('\\', start);
  while (p >= 0 && p < end) {
    out += text.slice(from, p);
    const e = text.charCodeAt(p + 1);
    let next = p + 2;
    switch (e) {
      case 34:
        out += '"';
        break;
      case 92:
        out += '\\';
        break;
      case 47:
        out += '/';
        break;
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 117: {
        let code = 0;
        for (let k = 0; k < 4; k++) {
          const h = p + 2 + k < end ? hexValue(text.charCodeAt(p + 2 + k)) : -1;
          if (h < 0) return undefined;
          code = code * 16 + h;
        }
        out += String.fromCharCode(code);
        next = p + 6;
        break;
      }
      default:
        return undefined;
    }
    from = next;
    p = text.indexOf('\\', next);
  }
  return out + text.slice(from, end);
}

/** Whether the escapes of the JSON string body at `start`..`end` are all ones JSON allows. */
function validEscapes(text: string, start: number, end: number): boolean {
  let p = text.indexOf('\\', start);
  while (p >= 0 && p < end) {
    const e = text.charCodeAt(p + 1);
    if (e === 117) {
      for (let k = 2; k < 6; k++) if (p + k >= end || hexValue(text.charCodeAt(p + k)) < 0) return false;
      p = text.indexOf('\\', p + 6);
    } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
      p = text.indexOf('\\', p + 2);
    } else return false;
  }
  return true;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The object a line holds, or undefined when it is not a JSON object (checked cheaply before parsing). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  let first = 0;
  while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
  let last = text.length - 1;
  while (last > first && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
  if (text.charCodeAt(first) !== 123 || text.charCodeAt(last) !== 125) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function visit(obj: Record<string, unknown>, prefix: string, depth: number): void {
  for (const key in obj) {
    const value = obj[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'boolean':
        fields.add(name, value);
        break;
      case 'object': {
        if (value === null) break;
        if (Array.isArray(value)) {
          fields.add(name, compactJson(value));
          break;
        }
        const record = value as Record<string, unknown>;
        const time = isTimeField(name) ? timeOfObject(record) : undefined;
        if (time !== undefined) fields.add(name, time);
        else if (depth >= MAX_DEPTH) fields.add(name, compactJson(value));
        else visit(record, prefix === '' && key === 'err' ? 'error' : name, depth + 1);
        break;
      }
      default:
        break;
    }
  }
}

/** log4j2's `{"epochSecond":..,"nanoOfSecond":..}`, GCP's `{"seconds":..,"nanos":..}`, MongoDB's `{"$date":..}`. */
function timeOfObject(obj: Record<string, unknown>): number | string | undefined {
  const seconds = obj.epochSecond ?? obj.seconds;
  if (typeof seconds === 'number') {
    const nanos = obj.nanoOfSecond ?? obj.nanos;
    return seconds * 1000 + (typeof nanos === 'number' ? Math.floor(nanos / 1e6) : 0);
  }
  const date = obj.$date;
  if (typeof date === 'string' || typeof date === 'number') return date;
  const long = (date as Record<string, unknown> | undefined)?.$numberLong;
  return typeof long === 'string' ? Number(long) : undefined;
}

function compactJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    // Nesting too deep to write back (JSON.stringify recurses; JSON.parse did not).
    return '…';
  }
  return text.length > MAX_JSON_TEXT ? `${text.slice(0, MAX_JSON_TEXT)}…` : text;
}
