/**
 * Finds network endpoints (`host:port`, URLs, DSNs) inside config values and log lines.
 */

/** A host and port found in text. */
export interface Endpoint {
  host: string;
  port: number;
  /** False when the port is the scheme's default. */
  explicitPort: boolean;
  scheme?: string;
  /** Offset of the host in the text it was found in. */
  index: number;
}

/** Default ports of URL schemes seen in service configs. */
const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  grpc: 443,
  redis: 6379,
  rediss: 6379,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
  nats: 4222,
  memcached: 11211,
  kafka: 9092,
  ldap: 389,
};

const HOST = String.raw`(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*)`;
const URL_RE = new RegExp(String.raw`\b([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^\s/@'"]*@)?(${HOST})(?::(\d{1,5}))?`, 'g');
const HOST_PORT_RE = new RegExp(String.raw`(?<![\w.:/@-])(${HOST}):(\d{1,5})(?![\w.]|:\d)`, 'g');

/** Every endpoint written in `text`: URLs first, then bare `host:port` pairs outside of URLs. */
export function findEndpoints(text: string): Endpoint[] {
  const found: Endpoint[] = [];
  const covered: [number, number][] = [];
  for (const m of text.matchAll(URL_RE)) {
    const scheme = m[1]!.toLowerCase();
    const host = stripBrackets(m[2]!);
    const explicit = m[3] !== undefined;
    const port = explicit ? Number(m[3]) : SCHEME_PORTS[scheme.split('+')[0]!];
    covered.push([m.index, m.index + m[0].length]);
    if (port === undefined || !validPort(port)) continue;
    found.push({ host, port, explicitPort: explicit, scheme, index: m.index + m[0].indexOf(m[2]!) });
  }
  for (const m of text.matchAll(HOST_PORT_RE)) {
    if (covered.some(([s, e]) => m.index >= s && m.index < e)) continue;
    const host = stripBrackets(m[1]!);
    const port = Number(m[2]);
    if (!validPort(port) || !plausibleHost(host)) continue;
    found.push({ host, port, explicitPort: true, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Parses a port written alone ("8080", ":8080", "0.0.0.0:8080", "8080/tcp"); undefined if it is not one. */
export function parsePort(value: string): number | undefined {
  const m = /^(?:(?:\[[0-9a-fA-F:.]+\]|[\w.-]*):)?(\d{1,5})(?:\/(?:tcp|udp))?$/.exec(value.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  return validPort(port) ? port : undefined;
}

/** True for 1..65535. */
export function validPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port <= 65535;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** Rejects `host:port` look-alikes that are times, versions or image tags. */
function plausibleHost(host: string): boolean {
  if (/^\d{1,2}$/.test(host)) return false; // 10:30 is a time
  if (/^\d+(\.\d+){1,2}$/.test(host)) return false; // 1.2.3:4 is a version, not an address
  return true;
}

/** True when `host` names this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '0.0.0.0' || host.startsWith('127.');
}
