/**
 * Fixes of auth_failure:
 * - a client's password (a URL's password part, or a password setting) set to the one the datastore is
 *   configured with, after `.env` interpolation; when both sides read a variable, the client reads the
 *   datastore's variable instead of writing the value;
 * - a datastore's ACL user that is switched off (`user sessions off ...`, Redis ACL syntax) switched on.
 * A fix is proposed only when the right value is unambiguous: the datastore has one configured password,
 * and it can be written into the client's file without quoting or escaping. The diff necessarily holds the
 * password (a reviewer sees it); the `why` never does.
 */
import type { SettingFact } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';

/** What the password fix needs to know of one client and its datastore. */
export interface PasswordMismatch {
  client: string;
  server: string;
  /** The client's setting that carries the wrong password (a URL or a password key). */
  clientSetting: SettingFact;
  /** The datastore's password setting, as written (`${POSTGRES_PASSWORD}` or a literal). */
  serverSetting: SettingFact;
  /** Every distinct password the datastore's settings configure, interpolated; one makes the fix unambiguous. */
  serverPasswords: string[];
}

/** A URL's password part: `scheme://user:PASSWORD@`. */
const URL_PASSWORD = /:\/\/[^:/@\s]+:([^@\s]+)@/;
/** A bare variable reference: `${NAME}`, `${NAME:-fallback}` or `$NAME`, nothing else. */
const REFERENCE = /^\$(?:\{\w+(?::?-[^}]*)?\}|\w+)$/;
/** Characters a password may hold to be written as is into an env file, YAML or INI value. */
const PLAIN = /^[A-Za-z0-9][\w.~+\-=!%*^,/]*$/;

/** The client's password replaced by the datastore's, or undefined when that cannot be done without a guess. */
export function passwordFix(m: PasswordMismatch): FixIdea | undefined {
  if (m.serverPasswords.length !== 1) return undefined;
  const password = m.serverPasswords[0]!;
  const raw = m.clientSetting.value;
  const serverRaw = m.serverSetting.value.trim();
  const why = `${m.client}'s ${m.clientSetting.key} presents a password that ${m.server} rejects; ${m.server} is configured with the one in ${m.serverSetting.key}, so the client must present that one.`;
  const url = URL_PASSWORD.exec(raw);
  const wrong = url ? url[1]! : raw.trim();
  let right: string;
  if (REFERENCE.test(wrong)) {
    // Both sides read variables: the client reads the datastore's variable, the value stays out of the file.
    if (!REFERENCE.test(serverRaw) || serverRaw === wrong) return undefined;
    right = serverRaw;
  } else {
    if (wrong.includes('$') || !PLAIN.test(password)) return undefined;
    right = url ? encodeURIComponent(password) : password;
  }
  const from = url ? `:${wrong}@` : wrong;
  const to = url ? `:${right}@` : right;
  if (!m.clientSetting.evidence.text.includes(from)) return undefined;
  return replaceValue(m.clientSetting.evidence, from, to, why);
}

/**
 * A Redis ACL rule (`user <name> ... off ...`) of `user` switched on: its `off` flag becomes `on`. Undefined
 * when the rule is no ACL line, has no `off` flag, or also says `on` (then something else is wrong).
 */
export function aclUserOnFix(rule: SettingFact, user: string, server: string): FixIdea | undefined {
  const text = rule.evidence.text;
  if (!/^\s*user\s/.test(text)) return undefined;
  const tokens = [...text.matchAll(/\S+/g)].map((t) => ({ word: t[0], at: t.index }));
  if (tokens[1]?.word !== user) return undefined;
  const flags = tokens.slice(2).map((t) => t.word);
  if (!flags.includes('off') || flags.includes('on')) return undefined;
  const off = tokens.slice(2).find((t) => t.word === 'off')!;
  // From the user's name through its `off` flag: unique on the line, whatever else the rule holds.
  const from = text.slice(tokens[1]!.at, off.at + 3);
  const to = `${from.slice(0, -3)}on`;
  return replaceValue(rule.evidence, from, to, `${server}'s ACL rule for user ${user} is switched off, so every login as ${user} is refused; switching it on restores the user with its password and permissions unchanged (read on restart or ACL LOAD).`);
}
