/**
 * nginx's two logs.
 * - Access log, `combined` format (Apache's `common` too, and extra fields after the user agent):
 *   `10.1.2.3 - alice [20/Nov/2026:10:00:00 +0000] "GET /api/cart HTTP/1.1" 502 157 "-" "curl/8.5.0"`.
 *   The fields become attributes under nginx's variable names (`remote_addr`, `status`, `http_user_agent`...);
 *   the body is `"GET /api/cart HTTP/1.1" 502` so that templates group by method, path and status. Access logs
 *   carry no severity: 5xx gives severityNumber 17 (ERROR), 4xx 13 (WARN), others 9 (INFO), without severityText.
 * - Error log: `2026/11/20 10:14:03 [error] 31#31: *8 connect() failed (111: Connection refused) while connecting
 *   to upstream, client: 10.1.2.3, server: shop, request: "GET / HTTP/1.1", upstream: "http://10.1.2.9:8080/"`.
 *   The severity is the bracketed level; the body is the message before `, client: `; pid, tid, connection and
 *   the trailing `key: value` context become attributes.
 */
import type { LogRecord } from '../log-record';
import { closingQuote } from './logfmt';
import { newRecord } from './lazy-record';
import type { ParseContext } from './parse-context';
import { severityOfWord } from './severity';
import { setAttribute } from './structured-fields';
import { readTimestamp, timeReadMs } from './timestamp';

type Attributes = Record<string, string | number | boolean>;

/** The context keys nginx writes; a key read from a line is swapped for its constant (cheaper as a property key). */
const CONTEXT_KEYS = ['client', 'server', 'request', 'upstream', 'host', 'referrer', 'subrequest'];

/** Parses a combined/common access-log line; undefined when the line is not one. */
export function parseNginxAccessLine(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  const addrEnd = text.indexOf(' ');
  if (addrEnd <= 0 || addrEnd > 64) return undefined;
  const identEnd = text.indexOf(' ', addrEnd + 1);
  const userEnd = identEnd < 0 ? -1 : text.indexOf(' ', identEnd + 1);
  if (userEnd < 0 || text.charCodeAt(userEnd + 1) !== 91) return undefined;
  const timeEnd = readTimestamp(text, userEnd + 2, ctx);
  if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 93 || text.charCodeAt(timeEnd + 1) !== 32 || text.charCodeAt(timeEnd + 2) !== 34) return undefined;
  const timeMs = timeReadMs();
  const requestStart = timeEnd + 3;
  const requestEnd = closingQuote(text, requestStart);
  if (requestEnd >= text.length || text.charCodeAt(requestEnd + 1) !== 32) return undefined;
  const statusStart = requestEnd + 2;
  const status = threeDigits(text, statusStart);
  if (status < 0 || text.charCodeAt(statusStart + 3) !== 32) return undefined;
  // The body, `"${request}" ${status}`, is written as such in the line unless the status has a leading zero.
  const body = status >= 100 ? text.slice(requestStart - 1, statusStart + 3) : `"${text.slice(requestStart, requestEnd)}" ${status}`;
  const rec = newRecord('nginx-access', body, lean);
  rec.timestamp = timeMs;
  rec.timeText = text.slice(userEnd + 2, timeEnd);
  rec.severityNumber = status >= 500 ? 17 : status >= 400 ? 13 : 9;
  if (!lean) rec.attributes = accessAttributes(text, addrEnd, identEnd, userEnd, requestStart, requestEnd, status);
  return rec;
}

/** The fields of an access-log line, under nginx's variable names. */
function accessAttributes(text: string, addrEnd: number, identEnd: number, userEnd: number, requestStart: number, requestEnd: number, status: number): Attributes {
  let p = requestEnd + 6;
  const bytesStart = p;
  while (p < text.length && text.charCodeAt(p) !== 32) p++;
  const bytesText = text.slice(bytesStart, p);
  const request = text.slice(requestStart, requestEnd);
  const attributes: Attributes = { remote_addr: text.slice(0, addrEnd) };
  const user = text.slice(identEnd + 1, userEnd);
  if (user !== '-') attributes.remote_user = user;
  attributes.request = request;
  const methodEnd = request.indexOf(' ');
  if (methodEnd > 0) {
    attributes.method = request.slice(0, methodEnd);
    const pathEnd = request.indexOf(' ', methodEnd + 1);
    attributes.path = request.slice(methodEnd + 1, pathEnd < 0 ? request.length : pathEnd);
    if (pathEnd > 0) attributes.protocol = request.slice(pathEnd + 1);
  }
  attributes.status = status;
  attributes.body_bytes_sent = bytesText === '-' ? 0 : Number(bytesText) || 0;
  p = quotedField(text, p, attributes, 'http_referer');
  p = quotedField(text, p, attributes, 'http_user_agent');
  const extra = text.slice(p).trim();
  if (extra !== '') attributes.extra = extra;
  return attributes;
}

/** Parses an error-log line; undefined when the line does not start with `YYYY/MM/DD HH:MM:SS [level] `. */
export function parseNginxErrorLine(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  if (text.charCodeAt(4) !== 47) return undefined;
  const timeEnd = readTimestamp(text, 0, ctx);
  if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 32 || text.charCodeAt(timeEnd + 1) !== 91) return undefined;
  const timeMs = timeReadMs();
  const levelEnd = text.indexOf('] ', timeEnd + 2);
  if (levelEnd < 0 || levelEnd - timeEnd > 12) return undefined;
  const severityText = text.slice(timeEnd + 2, levelEnd);
  const rec = newRecord('nginx-error', '', lean);
  rec.timestamp = timeMs;
  rec.timeText = text.slice(0, timeEnd);
  rec.severityText = severityText;
  const severityNumber = severityOfWord(severityText);
  if (severityNumber !== undefined) rec.severityNumber = severityNumber;
  const attributes: Attributes = {};
  let p = levelEnd + 2;
  const hash = text.indexOf('#', p);
  const colon = text.indexOf(': ', p);
  if (hash > p && colon > hash && colon - p < 24 && isDigits(text, p, hash) && isDigits(text, hash + 1, colon)) {
    if (!lean) {
      attributes.pid = Number(text.slice(p, hash));
      attributes.tid = Number(text.slice(hash + 1, colon));
    }
    p = colon + 2;
    if (text.charCodeAt(p) === 42) {
      const space = text.indexOf(' ', p);
      if (space > p + 1 && isDigits(text, p + 1, space)) {
        if (!lean) attributes.connection = Number(text.slice(p + 1, space));
        p = space + 1;
      }
    }
  }
  const context = text.indexOf(', client: ', p);
  rec.body = text.slice(p, context < 0 ? text.length : context);
  if (lean) return rec;
  if (context >= 0) readContext(text, context + 2, attributes);
  rec.attributes = attributes;
  return rec;
}

/** Reads nginx's `client: 10.1.2.3, server: shop, request: "GET / HTTP/1.1"` context from `i`. */
function readContext(text: string, i: number, attributes: Attributes): void {
  let p = i;
  while (p < text.length) {
    const sep = text.indexOf(': ', p);
    if (sep < 0) return;
    const key = text.slice(p, sep);
    let valueStart = sep + 2;
    let valueEnd: number;
    let next: number;
    if (text.charCodeAt(valueStart) === 34) {
      valueStart++;
      valueEnd = closingQuote(text, valueStart);
      next = valueEnd + 1;
    } else {
      valueEnd = text.indexOf(', ', valueStart);
      if (valueEnd < 0) valueEnd = text.length;
      next = valueEnd;
    }
    setAttribute(attributes, CONTEXT_KEYS.find((k) => k === key) ?? key, text.slice(valueStart, valueEnd));
    if (text.charCodeAt(next) !== 44 || text.charCodeAt(next + 1) !== 32) return;
    p = next + 2;
  }
}

/** Reads ` "value"` at `i` into `attributes[name]` unless it is `-`; returns the index after it (`i` when absent). */
function quotedField(text: string, i: number, attributes: Attributes, name: string): number {
  if (text.charCodeAt(i) !== 32 || text.charCodeAt(i + 1) !== 34) return i;
  const end = closingQuote(text, i + 2);
  if (end >= text.length) return i;
  const value = text.slice(i + 2, end);
  if (value !== '-') attributes[name] = value;
  return end + 1;
}

function threeDigits(text: string, i: number): number {
  let v = 0;
  for (let k = 0; k < 3; k++) {
    const c = text.charCodeAt(i + k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c < 48 || c > 57) return false;
  }
  return end > start;
}
