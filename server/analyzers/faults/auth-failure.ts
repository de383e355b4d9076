/**
 * auth_failure: credentials or permissions are wrong, revoked or missing. Who must change decides the
 * component:
 * - the datastore, when it says the user or role does not exist, lacks a privilege, or has no access rule
 *   (pg_hba) for the client: a grant or a user must be restored there;
 * - the client, when it presents a password the datastore rejects and its configured password differs from
 *   the one the datastore is configured with (values are compared, never shown).
 * - the client, when pg_hba.conf rejects it and names the right user or database: a URL naming a database
 *   the rules do not admit its user to is app_misconfig of the client; a user the rules do not admit to the
 *   database is auth_failure of the client (fixes/hba-fixes.ts).
 * Without either distinction, the dependency that rejects the client is named, and the client second.
 * Fixes (fixes/auth-fixes.ts): the client's password set to the datastore's; a switched-off ACL user on.
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { cause, context, groupFinding, groupHits, reporters, times, type HitGroup } from '../symptom-findings';
import { proposals } from '../probe-target';
import { aclUserOnFix, passwordFix } from '../fixes/auth-fixes';
import { hbaMismatch, ruleEvidence } from '../fixes/hba-fixes';

const SERVER_SIDE = /does not exist|not found|not authorized on|permission denied for|no pg_hba\.conf entry|NOPERM|insufficient privilege|must be owner|command not allowed for user|UserNotFound/i;
const SECRET_KEY = /(pass(word)?|passwd|pwd|secret|requirepass|auth|token|credential)s?$/i;
const URL_PASSWORD = /:\/\/[^:/@\s]+:([^@\s]+)@/;

/** Findings of auth_failure. */
export function analyzeAuthFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'auth_failure', (h) => subject(incident, h))) {
    const serverSide = group.hits.some((h) => SERVER_SIDE.test(h.text));
    const hba = serverSide ? hbaMismatch(incident, group.component, [...clientsOf(group), ...referrers(incident, group.component)], group.hits.map((h) => h.text)) : undefined;
    if (hba) {
      // pg_hba.conf names the right user or database: the client's URL is what must change.
      const what = hba.part === 'database' ? `asks ${group.component} for database ${hba.wrong}, which pg_hba.conf does not admit it to` : `logs in to ${group.component} as ${hba.wrong}, a user pg_hba.conf does not admit`;
      findings.push({
        fault: hba.part === 'database' ? 'app_misconfig' : 'auth_failure',
        component: hba.client,
        strength: Math.min(0.95, group.strength + 0.2),
        summary: `${hba.client} ${what}${hba.right ? ` (it admits ${hba.part} ${hba.right})` : ''}; ${times(group.count)} rejected.`,
        evidence: [cause(redacted(hba.setting), `${hba.setting.key}: ${hba.part} ${hba.wrong}`), ...ruleEvidence(hba), ...group.hits.slice(0, 2).map((h) => h.evidence)],
        ...(hba.fix ? { fix: hba.fix } : {}),
      });
      findings.push(groupFinding('auth_failure', group, `${group.component} refuses ${hba.client}: no access rule for its ${hba.part} ${hba.wrong}.`, proposals(incident, 'auth_failure', group.component), group.strength * 0.5));
      continue;
    }
    const mismatch = serverSide ? undefined : passwordMismatch(incident, group);
    if (mismatch) {
      const fix = passwordFix({ ...mismatch, server: group.component });
      findings.push({
        fault: 'auth_failure',
        component: mismatch.client,
        strength: Math.min(0.95, group.strength + 0.2),
        summary: `${mismatch.client} logs in to ${group.component} with a password that differs from the one ${group.component} is configured with (${times(group.count)} rejected).`,
        evidence: [cause(redacted(mismatch.clientSetting), `${mismatch.clientSetting.key}: password differs from ${group.component}'s`), context(redacted(mismatch.serverSetting), `${group.component}'s configured password`), ...group.hits.slice(0, 2).map((h) => h.evidence)],
        ...(fix ? { fix } : {}),
      });
      findings.push(groupFinding('auth_failure', group, `${group.component} rejects ${mismatch.client}'s credentials.`, proposals(incident, 'auth_failure', group.component), group.strength * 0.5));
      continue;
    }
    const who = reporters(group) === group.component ? 'its clients' : reporters(group);
    const summary = serverSide
      ? `${group.component} refuses ${who}: the user or its privileges are missing there (${times(group.count)}).`
      : `${group.component} rejects the credentials of ${who} (${times(group.count)}).`;
    findings.push(groupFinding('auth_failure', group, summary, proposals(incident, 'auth_failure', group.component)));
    const rule = accessRule(incident, group);
    if (rule) {
      const fix = rule.disabled && rule.setting ? aclUserOnFix(rule.setting, rule.user, group.component) : undefined;
      findings.push({ fault: 'auth_failure', component: group.component, strength: 0.3, summary: `${group.component}'s access rule for user ${rule.user} is ${rule.disabled ? 'disabled' : 'here'}.`, evidence: [cause(rule.evidence, `access rule for user ${rule.user}${rule.disabled ? ' (disabled)' : ''}`)], ...(fix ? { fix } : {}) });
    }
    if (!serverSide && !rule?.disabled) {
      for (const client of clientsOf(group)) findings.push({ ...groupFinding('auth_failure', group, `${client}'s credentials for ${group.component} may be the wrong ones.`, [], group.strength * 0.55), component: client });
    }
  }
  return findings;
}

/**
 * The datastore's own rule for the user the clients log in as (a Redis ACL `user` line, a pg_hba.conf rule,
 * a role in an init script): the place where a revoked or missing grant is fixed.
 */
function accessRule(incident: Incident, group: HitGroup): { user: string; disabled: boolean; evidence: SettingFact['evidence']; setting?: SettingFact } | undefined {
  const users = new Set<string>();
  for (const h of group.hits) for (const m of h.text.matchAll(/\b(?:user(?:name)?|role)[=:\s]+"?([\w.-]+)"?/gi)) users.add(m[1]!);
  const clients = new Set([...clientsOf(group), ...incident.topology.references.filter((r) => incident.topology.resolve(r.host)?.component === group.component).map((r) => incident.topology.componentFor(r.from))]);
  for (const s of incident.facts.settings) {
    if (!s.owner || !clients.has(incident.topology.componentFor(s.owner))) continue;
    if (/user(name)?$/i.test(s.key) && /^[\w.-]+$/.test(s.value)) users.add(s.value);
    const url = /:\/\/([\w.-]+)(?::[^@\s]*)?@/.exec(s.value);
    if (url) users.add(url[1]!);
  }
  users.delete('default');
  for (const user of users) {
    const word = new RegExp(`(^|[\\s"',=])${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s"',;])`);
    const setting = incident.facts.settings.find((s) => s.owner && incident.topology.componentFor(s.owner) === group.component && /(^|\.)(user|role|acl|grant)s?(\.\d+)?$/i.test(s.key) && word.test(s.value));
    if (setting) return { user, disabled: /\boff\b|nologin|disabled|revoked/i.test(setting.value) || aclFlagsOff(setting.evidence.text), evidence: { ...setting.evidence, text: setting.evidence.text.replace(/#[0-9a-f]{64}|>\S+/g, '<redacted>') }, setting };
    const hba = incident.facts.hbaRules.find((r) => r.user === user || r.user.split(',').includes(user));
    if (hba && /reject/i.test(hba.method)) return { user, disabled: true, evidence: hba.evidence };
  }
  return undefined;
}

/** A Redis ACL line (`user <name> <rules...>`) whose rules switch the user off, wherever `off` stands among them. */
function aclFlagsOff(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words[0] === 'user' && words.slice(2).includes('off') && !words.slice(2).includes('on');
}

/** A client-side line is about the dependency it names; a datastore's own line is about the datastore. */
function subject(incident: Incident, hit: SymptomHit): string | undefined {
  const owner = hit.owner;
  // A datastore's own line is about itself, even when the user it names is called like a client.
  if (owner && isDatastoreLike(incident, owner)) return owner;
  if (hit.target?.component) return hit.target.component;
  return hit.target?.name ?? owner;
}

function isDatastoreLike(incident: Incident, component: string): boolean {
  const w = incident.facts.workloads.find((x) => x.name === component);
  const image = w?.containers.map((c) => c.image ?? '').join(' ') ?? '';
  return /postgres|mysql|maria|mongo|redis|valkey|keydb|memcache|elastic|opensearch|rabbit|kafka|nats|ldap|vault|keycloak/i.test(`${component} ${image}`);
}

/** Components whose settings point at `component`. */
function referrers(incident: Incident, component: string): string[] {
  return incident.topology.references.filter((r) => incident.topology.resolve(r.host)?.component === component).map((r) => incident.topology.componentFor(r.from));
}

function clientsOf(group: HitGroup): string[] {
  return [...new Set(group.hits.map((h) => h.owner).filter((o): o is string => !!o && o !== group.component))].slice(0, 2);
}

/**
 * A client whose password setting for the dependency differs from the dependency's own password setting, with
 * every distinct password the dependency's settings configure (the fix needs exactly one).
 */
function passwordMismatch(incident: Incident, group: HitGroup): { client: string; clientSetting: SettingFact; serverSetting: SettingFact; serverPasswords: string[] } | undefined {
  const owned = (s: SettingFact, c: string): boolean => !!s.owner && incident.topology.componentFor(s.owner) === c;
  const secrets = incident.facts.settings.filter((s) => owned(s, group.component) && SECRET_KEY.test(s.key) && !/user(name)?$/i.test(s.key) && interpolated(incident, s.value) !== '');
  const serverSetting = secrets[0];
  if (!serverSetting) return undefined;
  const serverPasswords = [...new Set(secrets.map((s) => interpolated(incident, s.value)).filter((v): v is string => v !== undefined))];
  const serverValue = interpolated(incident, serverSetting.value);
  if (serverValue === undefined) return undefined;
  const candidates = new Set([...clientsOf(group), ...incident.topology.references.filter((r) => incident.topology.resolve(r.host)?.component === group.component).map((r) => incident.topology.componentFor(r.from))]);
  for (const client of candidates) {
    for (const s of incident.facts.settings.filter((x) => owned(x, client))) {
      const raw = interpolated(incident, s.value);
      const value = raw === undefined ? undefined : URL_PASSWORD.exec(raw)?.[1] ?? (SECRET_KEY.test(s.key) && mentionsDependency(s.key, group.component) ? raw : undefined);
      if (value === undefined) continue;
      if (safeDecode(value) !== serverValue) return { client, clientSetting: s, serverSetting, serverPasswords };
    }
  }
  return undefined;
}

/**
 * `value` with `${VAR}`, `${VAR:-default}` and `$VAR` replaced from the folder's unowned settings (a root
 * `.env`, as Compose interpolates it); undefined when a variable has no value anywhere.
 */
function interpolated(incident: Incident, value: string): string | undefined {
  let missing = false;
  const out = value.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const found = incident.facts.settings.find((s) => s.owner === undefined && s.key === name);
    if (found) return found.value;
    if (fallback !== undefined) return fallback;
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function mentionsDependency(key: string, component: string): boolean {
  const k = key.toLowerCase();
  return k.includes(component.toLowerCase().split('-')[0]!) || /^(db|database|pg|postgres|mysql|mongo|redis|cache)[._-]/.test(k);
}

/** Evidence for a secret-holding setting: its line with the value (or the URL's password) replaced. */
function redacted(s: SettingFact): SettingFact['evidence'] {
  const password = URL_PASSWORD.exec(s.value)?.[1];
  const secret = password ?? s.value;
  const text = secret ? s.evidence.text.split(secret).join('<redacted>') : s.evidence.text;
  return { ...s.evidence, text: text === s.evidence.text && secret ? `${s.key}=<redacted>` : text };
}
