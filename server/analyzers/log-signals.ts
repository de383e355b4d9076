/**
 * Signals read from log lines, one line at a time and without I/O: refused connections (with the
 * endpoint that refused, when the line names it) and announcements of the port a service listens on.
 * Counts are kept per (log owner, endpoint) so a million refused lines cost one entry.
 */
import type { Evidence } from '../protocol';
import { findEndpoints, validPort, type Endpoint } from '../ingest/config/endpoints';
import { clip } from '../ingest/config/source-text';

/** Connections refused by `host:port`, seen in the logs of `owner`. */
export interface RefusedSignal {
  /** The component whose log this is (the caller), when known. */
  owner: string | undefined;
  host: string | undefined;
  port: number | undefined;
  count: number;
  first: Evidence;
  last: Evidence;
  firstTime?: string;
  lastTime?: string;
}

/** A log line saying the service listens on a port. */
export interface ListenAnnouncement {
  owner: string | undefined;
  port: number;
  evidence: Evidence;
}

/** Everything the log signals found. */
export interface LogSignals {
  refused: RefusedSignal[];
  listening: ListenAnnouncement[];
}

const QUICK = /refused|ECONNREFUSED|errno 111|listen|started|running on|ready to accept|serving|bound to/i;
const REFUSED = /connection refused|ECONNREFUSED|errno 111\b|actively refused|connect: refused/i;
const NGINX_UPSTREAM = /upstream: "([^"]+)"/;
const PY_POOL = /host='([^']+)',\s*port=(\d+)/;
const LISTEN_LINE = /\b(listening|listen on|started on port|running on|ready to accept connections|serving (?:http )?on|bound to|server started)\b/i;
const LISTEN_PORT = /(?:port[s]?\)?[:=\s]+|:)(\d{2,5})\b/i;
const FAILED = /\b(fail|failed|error|unable|cannot|could not|refused)\b/i;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/;

/** Accumulates log signals over the lines of many files. */
export class LogSignalCollector {
  private readonly refused = new Map<string, RefusedSignal>();
  private readonly listening = new Map<string, ListenAnnouncement>();

  /**
   * Looks at one line (or record text) of the log `file` owned by `owner`; `time` is the record's time as
   * written, `quote` what evidence quotes of the line (default: `text`).
   */
  observe(file: string, owner: string | undefined, text: string, line: number, time?: string, quote: string = text): void {
    if (!QUICK.test(text)) return;
    if (REFUSED.test(text)) {
      this.observeRefused(file, owner, text, line, time, quote);
      return;
    }
    if (LISTEN_LINE.test(text) && !FAILED.test(text)) {
      const m = LISTEN_PORT.exec(text.slice(text.search(LISTEN_LINE)));
      const port = m ? Number(m[1]) : NaN;
      if (validPort(port) && port >= 20) {
        const key = `${owner}|${port}`;
        if (!this.listening.has(key)) this.listening.set(key, { owner, port, evidence: evidence(file, line, quote, `listens on port ${port}`) });
      }
    }
  }

  /** The signals so far, most frequent refusals first. */
  result(): LogSignals {
    return {
      refused: [...this.refused.values()].sort((a, b) => b.count - a.count),
      listening: [...this.listening.values()],
    };
  }

  private observeRefused(file: string, owner: string | undefined, text: string, line: number, recordTime: string | undefined, quote: string): void {
    const target = refusedEndpoint(text);
    const key = `${owner}|${target?.host}|${target?.port}`;
    const ev = evidence(file, line, quote, target ? `connection to ${target.host}:${target.port} refused` : 'connection refused');
    const time = recordTime ?? TIMESTAMP.exec(text)?.[0];
    const seen = this.refused.get(key);
    if (seen) {
      seen.count++;
      seen.last = ev;
      if (time) seen.lastTime = time;
      return;
    }
    const signal: RefusedSignal = { owner, host: target?.host, port: target?.port, count: 1, first: ev, last: ev };
    if (time) {
      signal.firstTime = time;
      signal.lastTime = time;
    }
    this.refused.set(key, signal);
  }
}

/** The endpoint that refused the connection, as written in the line. */
export function refusedEndpoint(text: string): Pick<Endpoint, 'host' | 'port'> | undefined {
  const upstream = NGINX_UPSTREAM.exec(text);
  if (upstream) return findEndpoints(upstream[1]!)[0];
  const py = PY_POOL.exec(text);
  if (py) return { host: py[1]!, port: Number(py[2]) };
  const endpoints = findEndpoints(text).filter((e) => validPort(e.port));
  // The address nearest to the word "refused" is the one that refused.
  const at = text.search(REFUSED);
  endpoints.sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at));
  return endpoints[0];
}

function evidence(file: string, line: number, text: string, note: string): Evidence {
  return { file, line, text: clip(text.trim()), note };
}
