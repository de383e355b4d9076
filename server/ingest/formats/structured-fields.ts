/**
 * Turns the named fields of a structured line (JSON keys, logfmt pairs) into a record: which names carry the
 * time, the level, the message and the resource, across zap, pino, bunyan, logrus, slog, Serilog (plain and
 * compact), python-json-logger, structlog, log4j2's JsonLayout, ECS, GCP, journald, GELF, MongoDB and fluentd's
 * Kubernetes metadata. Every other field becomes an attribute under its own name.
 */
import type { LogFormat, LogRecord, LogResource } from '../log-record';
import { fieldTagOf, setFieldTag } from './field-names';
import { newRecord } from './lazy-record';
import type { ParseContext } from './parse-context';
import { severityOfLevelNumber, severityOfWord } from './severity';
import { epochMsOf, readTimestamp, timeReadMs } from './timestamp';

/** A scalar field value. */
export type FieldValue = string | number | boolean;

const TIME = 1;
const LEVEL = 2;
const MESSAGE = 3;
const RESOURCE = 4;

/** What a field name stands for. */
interface FieldRole {
  role: number;
  rank: number;
  resource?: keyof LogResource;
}

/** Field names by role; within a role, a name of rank 1 wins over one of rank 2, and the first of a rank wins. */
const ROLES = new Map<string, FieldRole>();
const add = (role: number, rank: number, names: string[], resource?: keyof LogResource): void => {
  for (const name of names) ROLES.set(name, resource ? { role, rank, resource } : { role, rank });
};
add(TIME, 1, ['time', 'ts', 'timestamp', '@timestamp', '@t', 'Timestamp', 'datetime', 'timeMillis', 'instant', 'asctime', 'eventTime', 'TimeGenerated', '__REALTIME_TIMESTAMP', 'time_iso8601']);
add(TIME, 2, ['date', 't', 'created', 'time_local']);
add(LEVEL, 1, ['level', 'lvl', 'severity', 'levelname', '@l', 'Level', 'log.level', 'loglevel', 'log_level', 'PRIORITY', 'Severity', 'severity_text', 'levelStr']);
add(LEVEL, 2, ['s', 'at']);
add(MESSAGE, 1, ['msg', 'message', '@m', 'RenderedMessage', 'MESSAGE', 'Message', 'textPayload', 'short_message']);
add(MESSAGE, 2, ['event', '@mt', 'MessageTemplate', 'log', 'body']);
add(RESOURCE, 1, ['service', 'service.name', 'serviceName', 'service_name', 'SYSLOG_IDENTIFIER', 'app', 'application'], 'service');
add(RESOURCE, 1, ['host', 'hostname', 'host.name', '_HOSTNAME', 'kubernetes.host', 'k8s.node.name'], 'host');
add(RESOURCE, 1, ['namespace', 'kubernetes.namespace_name', 'kubernetes.namespace', 'kubernetes.namespace.name', 'k8s.namespace.name'], 'namespace');
add(RESOURCE, 1, ['pod', 'pod_name', 'kubernetes.pod_name', 'kubernetes.pod.name', 'k8s.pod.name'], 'pod');
add(RESOURCE, 1, ['container', 'container_name', 'kubernetes.container_name', 'kubernetes.container.name', 'container.name', 'k8s.container.name'], 'container');
add(RESOURCE, 1, ['stream'], 'stream');

/**
 * Names of a time, level or message role, by length and first character, and by length and last character (a
 * bit per pair): most other names are told apart with two look-ups, without reading them
 * (`mayCarryRecordField`).
 */
const RECORD_FIELD_FIRSTS = new Uint8Array(64 * 128);
const RECORD_FIELD_LASTS = new Uint8Array(64 * 128);
for (const [name, role] of ROLES) {
  if (role.role === RESOURCE) continue;
  RECORD_FIELD_FIRSTS[name.length * 128 + name.charCodeAt(0)] = 1;
  RECORD_FIELD_LASTS[name.length * 128 + name.charCodeAt(name.length - 1)] = 1;
}

/**
 * Whether the name written at `start`..`end` of `text` may carry the time, level or message of a record: false
 * means it is an attribute or a resource field, which a lean read leaves out.
 */
export function mayCarryRecordField(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len <= 0 || len >= 64) return false;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  return first < 128 && last < 128 && RECORD_FIELD_FIRSTS[len * 128 + first] === 1 && RECORD_FIELD_LASTS[len * 128 + last] === 1;
}

/** Whether `name` is a field name that carries a time (so an object under it may be a time object). */
export function isTimeField(name: string): boolean {
  return ROLES.get(name)?.role === TIME;
}

/**
 * Collects the fields of one line, then builds its record. One instance is reused line after line
 * (`reset`), so parsing allocates only what the record keeps. A lean collection (see `LineParser`) keeps only
 * the time, level and message: attributes and resource are left out.
 */
export class StructuredFields {
  private lean = false;
  private timeKey = '';
  private timeValue: FieldValue | undefined;
  private timeRank = 9;
  private levelKey = '';
  private levelValue: FieldValue | undefined;
  private levelRank = 9;
  private messageKey = '';
  private messageValue: FieldValue | undefined;
  private messageRank = 9;
  private resource: LogResource | undefined;
  private attributes: Record<string, FieldValue> | undefined;

  /** Forgets the previous line's fields; the next line's collection is lean or not. */
  reset(lean = false): void {
    this.lean = lean;
    this.timeValue = this.levelValue = this.messageValue = undefined;
    this.timeRank = this.levelRank = this.messageRank = 9;
    this.resource = this.attributes = undefined;
  }

  /** Adds one field; `slot`, when not -1, is the slot of `name` in field-names.ts (which keeps its role). */
  add(name: string, value: FieldValue, slot = -1): void {
    const role = slot < 0 ? ROLES.get(name) : roleOfSlot(slot, name);
    if (role === undefined) {
      this.attribute(name, value);
      return;
    }
    switch (role.role) {
      case TIME:
        if (role.rank < this.timeRank) {
          if (this.timeValue !== undefined) this.attribute(this.timeKey, this.timeValue);
          this.timeKey = name;
          this.timeValue = value;
          this.timeRank = role.rank;
        } else this.attribute(name, value);
        return;
      case LEVEL:
        if (role.rank < this.levelRank && (role.rank === 1 || levelNumber(value) !== undefined)) {
          if (this.levelValue !== undefined) this.attribute(this.levelKey, this.levelValue);
          this.levelKey = name;
          this.levelValue = value;
          this.levelRank = role.rank;
        } else this.attribute(name, value);
        return;
      case MESSAGE:
        if (role.rank < this.messageRank && typeof value === 'string') {
          if (this.messageValue !== undefined) this.attribute(this.messageKey, this.messageValue);
          this.messageKey = name;
          this.messageValue = value;
          this.messageRank = role.rank;
        } else this.attribute(name, value);
        return;
      default: {
        if (this.lean) return;
        const slot = role.resource!;
        if (this.resource?.[slot] !== undefined || typeof value === 'boolean') this.attribute(name, value);
        else (this.resource ??= {})[slot] = String(value);
      }
    }
  }

  /** The record of the collected fields; `line` is the whole line, the body when there is no message field. */
  toRecord(line: string, format: LogFormat, ctx: ParseContext): LogRecord {
    const rec = newRecord(format, this.messageValue === undefined ? line : String(this.messageValue), this.lean);
    if (this.timeValue !== undefined) {
      const ms = timeMs(this.timeValue, ctx);
      if (Number.isFinite(ms)) rec.timestamp = ms;
      rec.timeText = String(this.timeValue);
    }
    if (this.levelValue !== undefined) {
      rec.severityText = String(this.levelValue);
      const n = levelNumber(this.levelValue);
      if (n !== undefined) rec.severityNumber = n;
    }
    if (this.attributes) rec.attributes = this.attributes;
    if (this.resource) rec.resource = this.resource;
    return rec;
  }

  private attribute(name: string, value: FieldValue): void {
    if (!this.lean) setAttribute((this.attributes ??= {}), name, value);
  }
}

/** Roles by the tag field-names.ts keeps with a name: 0 not looked up yet, 1 none, 2 + index in this list. */
const ROLE_LIST = [...new Set(ROLES.values())];
const ROLE_TAGS = new Map(ROLE_LIST.map((role, i) => [role, i + 2]));

function roleOfSlot(slot: number, name: string): FieldRole | undefined {
  let tag = fieldTagOf(slot);
  if (tag === 0) {
    const role = ROLES.get(name);
    tag = role === undefined ? 1 : ROLE_TAGS.get(role)!;
    setFieldTag(slot, tag);
  }
  return tag === 1 ? undefined : ROLE_LIST[tag - 2];
}

/** Sets `attributes[name]` as an own property, even when the name read from a line is `__proto__`. */
export function setAttribute(attributes: Record<string, FieldValue>, name: string, value: FieldValue): void {
  if (name === '__proto__') Object.defineProperty(attributes, name, { value, enumerable: true, writable: true, configurable: true });
  else attributes[name] = value;
}

function levelNumber(value: FieldValue): number | undefined {
  if (typeof value === 'number') return severityOfLevelNumber(value);
  if (typeof value !== 'string') return undefined;
  const word = severityOfWord(value);
  if (word !== undefined) return word;
  // journald writes PRIORITY as a string digit.
  return value.length === 1 ? severityOfLevelNumber(value.charCodeAt(0) - 48) : undefined;
}

function timeMs(value: FieldValue, ctx: ParseContext): number {
  if (typeof value === 'number') return epochMsOf(value);
  if (typeof value !== 'string') return NaN;
  if (readTimestamp(value, 0, ctx) >= 0) return timeReadMs();
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? epochMsOf(n) : NaN;
}
