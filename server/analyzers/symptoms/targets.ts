/**
 * Whom a log line is about: the dependency a caller was talking to when something failed, read from the
 * names the line writes (a host that did not resolve, an nginx upstream, `host:port`, a URL, a component's
 * name) and resolved to a component of the topology.
 */
import { findEndpoints, isLoopback } from '../../ingest/config/endpoints';
import type { Topology } from '../topology';

/** A dependency named in a line. */
export interface LineTarget {
  /** The name as written (host, IP or component name). */
  name: string;
  /** The component it resolves to, when it does. */
  component?: string;
  port?: number;
}

const IP = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/i;

/** Names written after the words that introduce a host in resolver and client errors. */
const NAMED_HOST = [
  /\blookup ([\w.-]+?)(?: on [\d.:[\]a-f]+)?:/i,
  /\blookup ([\w.-]+)/i,
  /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.-]+)/i,
  /could not translate host name "([^"]+)"/i,
  /UnknownHostException: ([\w.-]+)/i,
  /Could not resolve host:? "?([\w.-]+)/i,
  /host not found in upstream "([^":]+)/i,
  /(?:resolve|resolving) (?:host )?"?([\w-]+(?:\.[\w-]+)+|[a-z][\w-]+)"?/i,
  /upstream: "[a-z]+:\/\/([^":/]+)/i,
  /Name or service not known.*?\(([\w.-]+)\)/i,
  /connection to server at "([^"]+)"(?:[^,]*), port (\d+)/i,
  /connection to server at "([^"]+)"/i,
];

/**
 * The dependency `text` is about, other than `owner` itself; undefined when the line names none that the
 * topology knows and none that looks like a host.
 */
export function targetOf(text: string, topology: Topology, owner: string | undefined): LineTarget | undefined {
  const self = owner ? topology.componentFor(owner) : undefined;
  const candidates: LineTarget[] = [];
  for (const re of NAMED_HOST) {
    const m = re.exec(text);
    if (!m?.[1] || isLoopback(m[1])) continue;
    candidates.push(resolved(m[1], topology, m[2] ? Number(m[2]) : undefined));
  }
  for (const ep of findEndpoints(text)) {
    if (isLoopback(ep.host)) continue;
    candidates.push(resolved(ep.host, topology, ep.port));
  }
  for (const name of mentionedComponents(text, topology)) candidates.push({ name, component: name });
  const known = candidates.find((c) => c.component && c.component !== self);
  if (known) return known;
  return candidates.find((c) => !c.component && /[a-z]/i.test(c.name) && c.name !== owner) ?? soleDependency(text, topology, self);
}

/** Words that name a kind of dependency, and what its component or image is called. */
const TECHNOLOGIES: [RegExp, RegExp][] = [
  [/mysql|mariadb|jdbc:mysql|\bMY-\d{6}\b|errno 28/i, /mysql|maria/i],
  [/postgres|psql|pg_|\bpg\b|jdbc:postgresql|psycopg|asyncpg|sequelize|too many clients|connection slots/i, /postgres|\bpg\b|pgbouncer|\bdb\b|database/i],
  [/redis|valkey|NOAUTH|WRONGPASS|maxclients/i, /redis|valkey|keydb|cache/i],
  [/mongo/i, /mongo/i],
  [/kafka/i, /kafka/i],
  [/rabbit|amqp/i, /rabbit|amqp/i],
  [/elasticsearch|opensearch/i, /elastic|opensearch/i],
  [/sqlstate|jdbc|hikari|\bsql\b/i, /postgres|mysql|maria|\bpg\b|\bdb\b|database|sql/i],
];

/**
 * The dependency a line that names no host is about: among the components the owner calls, the one of the
 * technology the line speaks of (a PostgreSQL error from a service that calls one database), or the only one.
 */
export function soleDependency(text: string, topology: Topology, self: string | undefined): LineTarget | undefined {
  if (!self) return undefined;
  const targets = [...new Set(topology.references.filter((r) => topology.componentFor(r.from) === self).map((r) => topology.resolve(r.host)?.component).filter((c): c is string => !!c && c !== self))];
  const tech = TECHNOLOGIES.find(([words]) => words.test(text));
  // A line that names no technology: the one datastore the owner calls, if it calls exactly one.
  const matching = tech ? targets.filter((t) => tech[1].test(t)) : targets.filter((t) => TECHNOLOGIES.some(([, names]) => names.test(t)));
  if (matching.length === 1) return { name: matching[0]!, component: matching[0]! };
  return undefined;
}

/** Components whose names appear in `text` as whole words, longest names first. */
export function mentionedComponents(text: string, topology: Topology): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  for (const name of [...topology.components].sort((a, b) => b.length - a.length)) {
    if (name.length < 3) continue;
    const at = wordIndex(lower, name.toLowerCase());
    if (at >= 0 && !out.some((o) => o.includes(name))) out.push(name);
  }
  return out;
}

/** `name` resolved to a component; an address nothing names is tied to a component by its port when only one serves it. */
function resolved(name: string, topology: Topology, port?: number): LineTarget {
  const component = topology.resolve(name)?.component ?? (port !== undefined && IP.test(name) ? topology.componentOnPort(port) : undefined);
  const target: LineTarget = component ? { name, component } : { name };
  if (port !== undefined) target.port = port;
  return target;
}

function wordIndex(text: string, word: string): number {
  let from = 0;
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0) return -1;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + word.length] ?? ' ';
    if (!/[\w-]/.test(before) && !/[\w]/.test(after) && !(after === '-' && /[\w]/.test(text[i + word.length + 1] ?? ''))) return i;
    from = i + 1;
  }
}
