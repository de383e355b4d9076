/**
 * Fixes of a PostgreSQL `no pg_hba.conf entry for host "H", user "U", database "D"` rejection, where the
 * client's connection URL names U and D and pg_hba.conf tells which part is wrong:
 * - the rules name U, each for databases named explicitly, none of them D, and no rule names D: the client
 *   asks for a database that is not the one it is admitted to (an app setting, app_misconfig of the
 *   client); with exactly one such database, the URL's database becomes it;
 * - the rules name D, each for users named explicitly, none of them U, and no rule names U: the client logs
 *   in as a user the datastore does not admit for D (auth_failure); with exactly one such user, the URL's
 *   user becomes it.
 * `all`, `sameuser`, `samerole`, `replication`, `+group` and `@file` name nobody in particular, so they
 * leave the choice open. No fix when the client's URL cannot be found, or when the choice is not unique.
 */
import type { HbaRuleFact, SettingFact } from '../../ingest/config/facts';
import type { Evidence } from '../../protocol';
import type { Incident } from '../incident';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';

/** What pg_hba.conf shows about a rejected connection. */
export interface HbaMismatch {
  /** `database`: the client asks for the wrong database; `user`: it logs in as a user not admitted. */
  part: 'database' | 'user';
  client: string;
  /** The client's URL setting that names the wrong part. */
  setting: SettingFact;
  wrong: string;
  /** The one right value, when unambiguous. */
  right?: string;
  /** The rules that name the part that is right. */
  rules: HbaRuleFact[];
  fix?: FixIdea;
}

/** PostgreSQL's rejection: `no pg_hba.conf entry for host "127.0.0.1", user "app", database "shop"`. */
const REJECT = /no pg_hba\.conf entry for (?:replication connection from )?host "[^"]*", user "([^"]+)", database "([^"]+)"/;
/** A URL with a user and a database: `postgres://user[:password]@host[:port]/database[?options]`. */
const URL = /^(?:postgres(?:ql)?|jdbc:postgresql):\/\/([^:@/\s]+)(?::[^@\s]*)?@[^/\s]+\/([^?\s#]+)/;
/** Fields of a rule that name nobody in particular. */
const GENERIC = /^(all|sameuser|samerole|samegroup|replication)$|^[+@]/;

/**
 * The mismatch behind `lines` (rejections of `datastore`) by one of `clients`, or undefined when the lines
 * are no pg_hba rejections, the clients' URLs do not name the rejected user and database, or pg_hba.conf
 * does not tell which part is wrong.
 */
export function hbaMismatch(incident: Incident, datastore: string, clients: readonly string[], lines: readonly string[]): HbaMismatch | undefined {
  if (incident.facts.hbaRules.length === 0) return undefined;
  const pairs = new Set<string>();
  for (const l of lines) {
    const m = REJECT.exec(l.replace(/\\"/g, '"'));
    if (m) pairs.add(`${m[1]}\u0000${m[2]}`);
  }
  for (const pair of pairs) {
    const [user, database] = pair.split('\u0000') as [string, string];
    const found = mismatchOf(incident, datastore, clients, user, database);
    if (found) return found;
  }
  return undefined;
}

function mismatchOf(incident: Incident, datastore: string, clients: readonly string[], user: string, database: string): HbaMismatch | undefined {
  const urls = incident.facts.settings.filter((s) => {
    const m = URL.exec(s.value.trim());
    return !!s.owner && m?.[1] === user && decodeURIComponent(m[2]!) === database && clients.includes(incident.topology.componentFor(s.owner)) && incident.topology.componentFor(s.owner) !== datastore;
  });
  const owners = new Set(urls.map((s) => incident.topology.componentFor(s.owner!)));
  if (urls.length === 0 || owners.size !== 1) return undefined;
  const setting = urls[0]!;
  const client = [...owners][0]!;
  const rules = incident.facts.hbaRules.filter((r) => r.type !== 'local' && !/reject/i.test(r.method));
  const names = (field: string): string[] => field.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
  const explicit = (field: string): boolean => names(field).every((n) => !GENERIC.test(n));
  const forUser = rules.filter((r) => names(r.user).includes(user));
  const forDatabase = rules.filter((r) => names(r.database).includes(database));
  if (forUser.length > 0 && forDatabase.length === 0 && forUser.every((r) => explicit(r.database))) {
    const right = [...new Set(forUser.flatMap((r) => names(r.database)))];
    return withFix({ part: 'database', client, setting, wrong: database, ...(right.length === 1 ? { right: right[0]! } : {}), rules: forUser }, datastore);
  }
  if (forDatabase.length > 0 && forUser.length === 0 && forDatabase.every((r) => explicit(r.user))) {
    const right = [...new Set(forDatabase.flatMap((r) => names(r.user)))];
    return withFix({ part: 'user', client, setting, wrong: user, ...(right.length === 1 ? { right: right[0]! } : {}), rules: forDatabase }, datastore);
  }
  return undefined;
}

/** The rule lines as context evidence. */
export function ruleEvidence(m: HbaMismatch): Evidence[] {
  return m.rules.slice(0, 2).map((r) => ({ ...r.evidence, note: `pg_hba.conf admits user ${names1(r.user)} to database ${names1(r.database)}`, role: 'context' as const }));
}

function names1(field: string): string {
  return field.replace(/,/g, ', ');
}

function withFix(m: HbaMismatch, datastore: string): HbaMismatch {
  if (!m.right || !/^[\w.-]+$/.test(m.right)) return m;
  const value = m.setting.value;
  const from = m.part === 'database' ? `/${m.wrong}` : `://${m.wrong}`;
  const to = m.part === 'database' ? `/${m.right}` : `://${m.right}`;
  // The database is the URL path's last part: followed by the end, options or a quote.
  const at = (m.part === 'database' ? new RegExp(`${escape(from)}(?=$|[?#"'\\s])`) : new RegExp(escape(from))).exec(value);
  const column = m.setting.evidence.column;
  if (!at || column === undefined || !m.setting.evidence.text.includes(from)) return m;
  const database = URL.exec(value.trim())?.[2] ?? '';
  const why = m.part === 'database'
    ? `${datastore}'s pg_hba.conf admits ${m.client}'s user only to database ${m.right} and names no database ${m.wrong}, which the URL asks for.`
    : `${datastore}'s pg_hba.conf admits only user ${m.right} to database ${database} and names no user ${m.wrong}, whom the URL logs in as.`;
  return { ...m, fix: replaceValue({ ...m.setting.evidence, column: column + at.index }, from, to, why) };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
