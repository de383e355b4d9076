/**
 * Datastore probes: redis-cli read commands (PING, INFO, CONFIG GET, CLIENT LIST, SLOWLOG GET) and
 * PostgreSQL's pg_isready and single SELECT/SHOW statements through psql. The runner gives psql a
 * read-only session (default_transaction_read_only) besides the policy's SELECT-only check.
 */
import { idea, type AnswerMeaning, type ProbeIdea } from './probe';
import type { AnswerKind } from './answers';
import type { ProbeTarget } from './target';

const redis = (t: ProbeTarget): string[] => (t.endpoint ? ['redis-cli', '-h', t.endpoint.host, '-p', String(t.endpoint.port)] : ['redis-cli']);
const psql = (t: ProbeTarget): string[] => (t.endpoint ? ['psql', '-X', '-h', t.endpoint.host, '-p', String(t.endpoint.port)] : ['psql', '-X']);

/** What an answer means when the port probed is one believed right instead of the configured one. */
export const ALTERNATIVE_PORT: Partial<Record<AnswerKind, AnswerMeaning>> = { answered: { supports: ['port_misconfig'] }, 'rejected login': { supports: ['port_misconfig'] }, refused: { rulesOut: ['port_misconfig'] } };

/** Whether Redis answers, and whether it asks for a password; `meaning` replaces what the answers say. */
export function redisPing(t: ProbeTarget, why = `shows whether ${t.component} answers${t.endpoint ? ` on ${t.endpoint.port}` : ''}`, meaning?: Partial<Record<AnswerKind, AnswerMeaning>>): ProbeIdea {
  return idea('redis.ping', t.component, [...redis(t), 'PING'], why, {
    reader: 'connect',
    meaning: meaning ?? {
      answered: { rulesOut: ['service_down', 'network_loss'] },
      refused: { supports: ['service_down'] },
      'rejected login': { supports: ['auth_failure'], rulesOut: ['service_down'] },
      'timed out': { supports: ['network_loss', 'network_delay'] },
    },
  });
}

/** One INFO section: `clients`, `memory`, `persistence`, `stats`. */
export function redisInfo(t: ProbeTarget, section: 'clients' | 'memory' | 'persistence' | 'stats'): ProbeIdea {
  const why = { clients: 'shows connected and blocked clients against maxclients', memory: 'shows used memory against maxmemory and the eviction policy', persistence: 'shows whether the last save failed (a full disk stops writes)', stats: 'shows rejected connections and evictions' }[section];
  return idea(`redis.info-${section}`, t.component, [...redis(t), 'INFO', section], why);
}

/** One configuration value, e.g. `maxclients`, `maxmemory`. */
export function redisConfig(t: ProbeTarget, key: string): ProbeIdea {
  return idea('redis.config-get', t.component, [...redis(t), 'CONFIG', 'GET', key], `shows ${t.component}'s ${key}`);
}

/** The connected clients, with their age and last command. */
export function redisClients(t: ProbeTarget): ProbeIdea {
  return idea('redis.client-list', t.component, [...redis(t), 'CLIENT', 'LIST'], `lists who holds ${t.component}'s connections and what they last ran`);
}

/** The slowest recent commands. */
export function redisSlowlog(t: ProbeTarget): ProbeIdea {
  return idea('redis.slowlog', t.component, [...redis(t), 'SLOWLOG', 'GET', '10'], `shows the slowest recent commands on ${t.component}`);
}

/** Whether PostgreSQL accepts connections; `meaning` replaces what the answers say. */
export function pgReady(t: ProbeTarget, why = `shows whether ${t.component} accepts connections`, meaning?: Partial<Record<AnswerKind, AnswerMeaning>>): ProbeIdea {
  const argv = t.endpoint ? ['pg_isready', '-h', t.endpoint.host, '-p', String(t.endpoint.port)] : ['pg_isready'];
  return idea('postgres.isready', t.component, argv, why, {
    reader: 'connect',
    meaning: meaning ?? { answered: { rulesOut: ['service_down', 'network_loss'] }, refused: { supports: ['service_down'] } },
  });
}

/** The read-only statements the catalog asks PostgreSQL, each one SELECT or SHOW. */
export const PG_QUERIES = {
  'connections-by-state': { sql: 'SELECT count(*), state FROM pg_stat_activity GROUP BY state', why: 'counts the connections held on {c}, by state' },
  'connections-by-client': { sql: "SELECT usename, application_name, count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2 ORDER BY 3 DESC", why: 'shows which clients hold {c}\'s connections' },
  'max-connections': { sql: 'SHOW max_connections', why: 'shows how many connections {c} allows' },
  'login-roles': { sql: 'SELECT rolname, rolcanlogin, rolvaliduntil FROM pg_roles WHERE rolcanlogin ORDER BY 1', why: 'lists the roles that may log in to {c}, and until when' },
  'database-privileges': { sql: "SELECT datname, has_database_privilege(datname, 'CONNECT') AS can_connect FROM pg_database WHERE NOT datistemplate ORDER BY 1", why: 'shows which databases of {c} the probe user may connect to' },
  'long-transactions': { sql: "SELECT pid, state, now() - xact_start AS age, left(query, 80) AS query FROM pg_stat_activity WHERE xact_start IS NOT NULL ORDER BY xact_start LIMIT 10", why: 'shows the oldest open transactions on {c}' },
} as const;

/** One catalog statement through psql. */
export function pgQuery(t: ProbeTarget, name: keyof typeof PG_QUERIES): ProbeIdea {
  const q = PG_QUERIES[name];
  return idea(`postgres.${name}`, t.component, [...psql(t), '-c', q.sql], q.why.replace('{c}', t.component));
}
