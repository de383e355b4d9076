/**
 * What a value found next to a secret-like name looks like: a real value, a reference to one kept elsewhere
 * (`${DB_PASSWORD}`, `{{ .Values.password }}`, `os.environ["X"]`), a mask someone already applied (`****`,
 * `[REDACTED]`), or a flag (`YES`, `false`). Only real values are redacted, so a diagnosis keeps the references
 * that explain where a secret comes from.
 */

/** Shannon entropy of `s` in bits per character (0 for the empty string). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const FLAG_WORDS = new Set(['', 'null', 'nil', 'none', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off', '~', 'n/a', 'na', 'empty', 'unset', 'required', 'optional']);
const MASKS = /^(?:[*x•#.?-]{1,}|\[(?:redacted|filtered|hidden|masked|removed|secret)\]|\((?:redacted|hidden|masked)\)|redacted|filtered|masked|hidden|<[^<>]*>)$/i;
const REFERENCE = /^(?:\$\{[^}]*\}?|\$\(|\$[A-Za-z_]\w*$|\{\{.*\}?\}?|#\{[^}]*\}|%\(?[\w.]*\)?[sdv]$|%[sdv]$|\{\d*\}$|\?$|:[A-Za-z_]\w*$|@[A-Za-z_]\w*$|<%=?.*%?>?|(?:env|secret|vault|ssm|aws-sm|gcp-sm|azure-kv|op|file|ref)\+?:\/\/|secretref:|keyvault:)/i;
/** How `kubectl describe` shows a value taken from elsewhere: `<set to the key 'password' in secret 'db'>`. */
const DESCRIBED_SOURCE = /^<set to the key '[^']*' (?:in secret|of config map) '[^']*'>/;
const CODE = /^(?:(?:process|os|env|config|cfg|conf|settings|self|this|secrets|vars|params|args|opts|options|props|creds|ctx|context|values|Values|inputs|req|request|System|Environment)\.[\w$.]+|[A-Za-z_$][\w$.]*[([].*)$/;

/**
 * True when `value`, found next to a name that always holds a secret, is not one itself: empty, a flag, a
 * number under four digits, a mask, a reference to a variable, template or secret store, or (unquoted) a code
 * expression such as `os.getenv("X")` or `config.db.password`. `name` is the name it was assigned to:
 * `password=password` (a keyword argument passed on) is not a value either.
 */
export function isNonSecretValue(value: string, name: string, quoted: boolean): boolean {
  const v = value.trim();
  if (FLAG_WORDS.has(v.toLowerCase())) return true;
  if (/^\d{1,3}$/.test(v)) return true;
  if (MASKS.test(v) || REFERENCE.test(v) || DESCRIBED_SOURCE.test(v)) return true;
  if (v.includes('<secret:') || v.startsWith('-----BEGIN ')) return true;
  if (!quoted && CODE.test(v)) return true;
  if (v.toLowerCase() === name.toLowerCase()) return true;
  // `PWD=/home/deploy` (sudo logs, env dumps) is the working directory, not a password.
  if (/^(?:old)?pwd$/i.test(name) && /^[~/]/.test(v)) return true;
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_CHARS = /^[A-Za-z0-9+/_.~%-]+=*$/;
const KEBAB_NAME = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/;
/** Slash-separated segments holding `_`, `.` or `-`, which base64 never mixes with `/`: an object key or file path. */
const PATH = /^[\w.-]+(?:\/[\w.-]+)+$/;

/** True for a UUID in its 8-4-4-4-12 form. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/**
 * True when `value` looks randomly generated: 16 or more token characters (base64, base64url, hex, URL
 * encoding), letters and digits both, and a Shannon entropy close to that of random text of its length and
 * alphabet. UUIDs, lower-case dashed names (`cart-7c9f6d8b5d-x2kqp`), paths and URLs do not count.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || value.length > 4096 || !TOKEN_CHARS.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (isUuid(value) || KEBAB_NAME.test(value)) return false;
  if (PATH.test(value) && /[_.-]/.test(value)) return false;
  const hexOnly = /^[0-9a-f]+$/i.test(value);
  const ceiling = Math.log2(Math.min(value.length, hexOnly ? 16 : 64));
  return shannonEntropy(value) >= Math.min(hexOnly ? 3.2 : 3.5, ceiling - 0.75);
}
