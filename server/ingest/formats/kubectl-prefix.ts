/**
 * The prefix `kubectl logs --timestamps` puts before every line, whatever the format after it:
 * an RFC 3339 time with a `T` and a zone (`2026-11-20T10:00:00.123456789Z `), then one space. Loki's
 * `logcli query` writes the same time followed by the stream's labels (`{app="cart", pod="cart-7d9..."} `),
 * which name the component that wrote the line.
 */
import type { LogResource } from '../log-record';
import { isoTimestampAt, type TimeMatch } from './timestamp';

/** The prefix's time, its `end` being the index of the space after it; undefined when the line has none. */
export function timestampPrefixOf(text: string): TimeMatch | undefined {
  if (text.charCodeAt(10) !== 84) return undefined;
  const time = isoTimestampAt(text, 0);
  // kubectl writes exactly one space; two (`2026-...Z  INFO 1 --- [main]`) is Spring Boot's own layout.
  if (!time || text.charCodeAt(time.end) !== 32 || text.charCodeAt(time.end + 1) === 32) return undefined;
  const last = text.charCodeAt(time.end - 1);
  const sign = text.charCodeAt(time.end - 6);
  return last === 90 || sign === 43 || sign === 45 ? time : undefined;
}

/** A label set `{k="v", ...}` at `start`, as logcli prints a stream: its text, the resource it names, and where the message starts. */
export interface StreamLabels {
  text: string;
  resource: LogResource;
  /** Index of the first character of the message. */
  end: number;
}

const LABEL = /\s*([A-Za-z_][\w.]*)="((?:[^"\\]|\\.)*)"\s*(,|\})/y;

/** The label set at `start`, or undefined when there is none. */
export function streamLabelsAt(text: string, start: number): StreamLabels | undefined {
  if (text.charCodeAt(start) !== 123) return undefined;
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    LABEL.lastIndex = i;
    const m = LABEL.exec(text);
    if (!m) return undefined;
    labels[m[1]!] = m[2]!;
    i = LABEL.lastIndex;
    if (m[3] === '}') break;
  }
  const resource: LogResource = {};
  const service = labels['service_name'] ?? labels['app'] ?? labels['app_kubernetes_io_name'] ?? labels['job'] ?? labels['unit'];
  if (service) resource.service = service.replace(/\.service$/, '');
  if (labels['pod']) resource.pod = labels['pod'];
  if (labels['container']) resource.container = labels['container'];
  if (labels['namespace']) resource.namespace = labels['namespace'];
  if (labels['host'] ?? labels['hostname']) resource.host = labels['host'] ?? labels['hostname']!;
  return { text: text.slice(start, i), resource, end: text.charCodeAt(i) === 32 ? i + 1 : i };
}

/** The prefix `docker compose logs` puts before each line: the container (`orders-api-2`), padding, `| `. */
export interface ComposePrefix {
  /** The compose service: the container name without its replica number. */
  service: string;
  container: string;
  /** Index of the first character of the message. */
  end: number;
}

const COMPOSE_PREFIX = /^([A-Za-z0-9][\w.-]*?)(?:[-_](\d+))?\s+\| ?/;

/** The compose prefix of `text`, or undefined. */
export function composePrefixOf(text: string): ComposePrefix | undefined {
  const m = COMPOSE_PREFIX.exec(text);
  if (!m) return undefined;
  const container = m[2] ? `${m[1]}-${m[2]}` : m[1]!;
  return { service: m[1]!, container, end: m[0].length };
}
