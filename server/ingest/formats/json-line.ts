/**
 * JSON lines: one JSON object per line, as zap, pino, bunyan, logrus, slog, Serilog, ECS loggers, GCP
 * structured logging and `journalctl -o json` write them. The message field is the body; the time, level and
 * resource fields are read by name (structured-fields.ts); every other field becomes an attribute. Nested
 * objects are flattened with dotted names (`error.message`), pino's `err` object under `error.`; arrays and
 * objects nested deeper than three levels are kept as compact JSON text.
 */
import type { LogRecord } from '../log-record';
import type { ParseContext } from './parse-context';
import { isTimeField, StructuredFields } from './structured-fields';

const MAX_DEPTH = 3;
const MAX_JSON_TEXT = 512;
const fields = new StructuredFields();

/** Parses a JSON-object line; undefined when the line is not one. */
export function parseJsonLine(text: string, ctx: ParseContext): LogRecord | undefined {
  const obj = parseObject(text);
  if (obj === undefined) return undefined;
  fields.reset();
  visit(obj, '', 0);
  return fields.toRecord(text, 'json', ctx);
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
