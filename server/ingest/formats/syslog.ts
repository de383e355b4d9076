/**
 * Syslog, both wire formats and the files written from them:
 * - RFC 5424: `<34>1 2026-11-20T10:00:00.003Z host app 123 ID47 [exampleSDID@32473 iut="3"] message`;
 * - RFC 3164: `<13>Nov 20 10:00:00 host app[123]: message`, and without `<PRI>` as /var/log/syslog and
 *   `journalctl` (short, short-iso, short-precise) write it, with an ISO time where rsyslog is set so.
 * The host and app become resource.host and resource.service; the severity comes from PRI as its keyword
 * (`err`, `warning`), the facility, process id, MSGID and structured-data params become attributes. The
 * message is parsed again (klog from the kubelet, JSON, logfmt, a leading level word): its body, attributes
 * and severity win over the envelope's.
 */
import type { LogFormat, LogRecord, LogResource } from '../log-record';
import { parseEmbeddedMessage } from './embedded';
import { newRecord } from './lazy-record';
import type { ParseContext } from './parse-context';
import { SYSLOG_SEVERITY_NAMES, severityOfWord } from './severity';
import { setAttribute } from './structured-fields';
import { isoTimestampAt, readIsoTimestamp, readTimestamp, timeReadMs } from './timestamp';

type Attributes = Record<string, string | number | boolean>;

const MAX_TAG = 128;

/** Parses an RFC 5424 line; undefined when the line does not start with `<PRI>VERSION `. */
export function parseSyslog5424Line(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  const pri = priAt(text);
  if (pri < 0) return undefined;
  let p = text.indexOf('>') + 1;
  const versionStart = p;
  while (isDigit(text.charCodeAt(p))) p++;
  if (p === versionStart || p - versionStart > 2 || text.charCodeAt(p) !== 32) return undefined;
  const fields: string[] = [];
  for (let k = 0; k < 5; k++) {
    const start = p + 1;
    p = text.indexOf(' ', start);
    if (p < 0) {
      if (k < 4) return undefined;
      p = text.length;
    }
    fields.push(text.slice(start, p));
  }
  const [timeText, host, app, procId, msgId] = fields as [string, string, string, string, string];
  const attributes: Attributes = {};
  const rec = envelope(pri, 'syslog-5424', attributes, lean);
  if (timeText !== '-') {
    const time = isoTimestampAt(timeText, 0);
    if (time && time.end === timeText.length) rec.timestamp = time.ms;
    rec.timeText = timeText;
  }
  if (!lean) {
    if (procId !== '-') attributes.pid = procId;
    if (msgId !== '-') attributes.msgid = msgId;
    if (host !== '-') (rec.resource ??= {}).host = host;
    if (app !== '-') (rec.resource ??= {}).service = app;
  }
  p = structuredDataEnd(text, p + 1, attributes);
  let message = text.slice(Math.min(p + 1, text.length));
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  return withMessage(rec, attributes, message, ctx, lean);
}

/** Parses an RFC 3164 / BSD line (PRI optional); undefined when it has no syslog time and host. */
export function parseSyslog3164Line(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  const pri = priAt(text);
  const start = pri < 0 ? 0 : text.indexOf('>') + 1;
  const c = text.charCodeAt(start);
  // rsyslog and journalctl write ISO times with a `T`; a space there is an application's own log line.
  const timeEnd = c >= 65 && c <= 90 ? readTimestamp(text, start, ctx) : text.charCodeAt(start + 10) === 84 ? readIsoTimestamp(text, start) : -1;
  if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 32) return undefined;
  const timeMs = timeReadMs();
  const hostStart = timeEnd + 1;
  const hostEnd = text.indexOf(' ', hostStart);
  if (hostEnd <= hostStart || hostEnd - hostStart > 255 || !isHostName(text, hostStart, hostEnd) || isLevelWord(text, hostStart, hostEnd)) return undefined;
  const attributes: Attributes = {};
  const rec = envelope(pri, 'syslog-3164', attributes, lean);
  if (Number.isFinite(timeMs)) rec.timestamp = timeMs;
  rec.timeText = text.slice(start, timeEnd);
  const resource: LogResource | undefined = lean ? undefined : (rec.resource = { host: text.slice(hostStart, hostEnd) });
  let p = hostEnd + 1;
  const tagStart = p;
  let tagEnd = -1;
  for (; p < text.length && p - tagStart <= MAX_TAG; p++) {
    const ch = text.charCodeAt(p);
    if (ch === 58 || ch === 91) {
      tagEnd = p;
      break;
    }
    if (!isTagChar(ch)) break;
  }
  let messageStart = tagStart;
  if (tagEnd > tagStart && isTagStart(text.charCodeAt(tagStart))) {
    let q = tagEnd;
    let pid: string | undefined;
    if (text.charCodeAt(q) === 91) {
      const close = text.indexOf(']', q);
      pid = close <= q ? undefined : lean ? '' : text.slice(q + 1, close);
      q = close + 1;
    }
    if (pid !== undefined && text.charCodeAt(q) === 58) {
      if (resource) {
        resource.service = text.slice(tagStart, tagEnd);
        attributes.pid = pid;
      }
      messageStart = q + 1;
    } else if (pid === undefined && text.charCodeAt(tagEnd) === 58) {
      if (resource) resource.service = text.slice(tagStart, tagEnd);
      messageStart = tagEnd + 1;
    }
    if (text.charCodeAt(messageStart) === 32) messageStart++;
  }
  return withMessage(rec, attributes, text.slice(messageStart), ctx, lean);
}

/** The PRI value of a leading `<PRI>` (0-191), or -1. */
function priAt(text: string): number {
  if (text.charCodeAt(0) !== 60) return -1;
  let v = 0;
  let p = 1;
  for (; p < 5 && isDigit(text.charCodeAt(p)); p++) v = v * 10 + text.charCodeAt(p) - 48;
  return p > 1 && p < 5 && text.charCodeAt(p) === 62 && v <= 191 ? v : -1;
}

function envelope(pri: number, format: LogFormat, attributes: Attributes, lean: boolean): LogRecord {
  const rec = newRecord(format, '', lean);
  if (pri >= 0) {
    const severity = SYSLOG_SEVERITY_NAMES[pri & 7]!;
    rec.severityText = severity;
    rec.severityNumber = severityOfWord(severity)!;
    attributes.facility = pri >> 3;
  }
  return rec;
}

/** Reads `-` or `[id name="value" ...][id2 ...]` from `i` into `sd-id.name` attributes; returns the index after it. */
function structuredDataEnd(text: string, i: number, attributes: Attributes): number {
  if (text.charCodeAt(i) !== 91) return text.charCodeAt(i) === 45 ? i + 1 : i;
  let p = i;
  while (text.charCodeAt(p) === 91) {
    let q = p + 1;
    while (q < text.length && text.charCodeAt(q) !== 32 && text.charCodeAt(q) !== 93) q++;
    const id = text.slice(p + 1, q);
    while (text.charCodeAt(q) === 32) {
      const eq = text.indexOf('="', q);
      if (eq < 0) return text.length;
      let v = eq + 2;
      let value = '';
      while (v < text.length && text.charCodeAt(v) !== 34) {
        if (text.charCodeAt(v) === 92 && v + 1 < text.length) v++;
        value += text[v];
        v++;
      }
      setAttribute(attributes, `${id}.${text.slice(q + 1, eq)}`, value);
      q = v + 1;
    }
    if (text.charCodeAt(q) !== 93) return text.length;
    p = q + 1;
  }
  return p;
}

function withMessage(rec: LogRecord, attributes: Attributes, message: string, ctx: ParseContext, lean: boolean): LogRecord {
  const inner = parseEmbeddedMessage(message, ctx, lean);
  rec.body = inner.body;
  if (inner.severityNumber !== undefined) {
    rec.severityText = inner.severityText;
    rec.severityNumber = inner.severityNumber;
  }
  if (!lean) {
    if (inner.attributes) for (const key in inner.attributes) setAttribute(attributes, key, inner.attributes[key]!);
    if (inner.resource) rec.resource = { ...inner.resource, ...rec.resource };
  }
  if (rec.timestamp === undefined && inner.timestamp !== undefined) {
    rec.timestamp = inner.timestamp;
    rec.timeText = inner.timeText;
  }
  if (!lean && hasKeys(attributes)) rec.attributes = attributes;
  return rec;
}

/** An upper-case severity word (`INFO`, `ERROR`) where the host should be: an application's line, not syslog. */
function isLevelWord(text: string, start: number, end: number): boolean {
  if (end - start > 8) return false;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c < 65 || c > 90) return false;
  }
  return severityOfWord(text.slice(start, end)) !== undefined;
}

/** Whether `start`..`end` of `text` holds only host name characters. */
function isHostName(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (!isHostChar(text.charCodeAt(p))) return false;
  return true;
}

/** A syslog tag (program name) starts with a letter, `_`, `/` (a path) or `(` (`(sd-pam)`). */
function isTagStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 47 || c === 40;
}

/** Letters, digits and `_ . / - @ ( )`. */
function isTagChar(c: number): boolean {
  return isHostChar(c) || c === 47 || c === 64 || c === 40 || c === 41;
}

/** Letters, digits and `_ . - :` (an IPv6 address). */
function isHostChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45;
}

function hasKeys(obj: object): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key)) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
