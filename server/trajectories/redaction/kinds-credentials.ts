/**
 * Generic credentials: passwords wherever they are written (URL and DSN user info, JDBC and libpq keywords,
 * assignments in env, YAML, JSON, INI and logfmt, command-line flags such as `mysql -pX`, `redis-cli -a X`,
 * `curl -u user:X`), and values assigned to names that say `secret`, `client_secret`, `token` or `api_key`.
 * Last comes the catch-all: a random-looking value next to a name that only mentions a secret (`key`, `auth`,
 * `signature`, `session`).
 */
import { assignedSpans } from './assignments';
import { regexSpans, type SecretKind, type Span } from './secret-kind';
import { isNonSecretValue } from './value-shapes';

const SCHEME = /(?<![\w+.-])[A-Za-z][\w+.-]{0,30}:\/\//g;
const URL_STOP = /[\s"'<>`]/g;

/** Password spans of `scheme://user:password@host` URLs. One forward pass: the next stop and `@` are remembered. */
function urlPasswords(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('://')) return out;
  let stop = -1;
  let at = -1;
  SCHEME.lastIndex = 0;
  for (let m = SCHEME.exec(text); m !== null; m = SCHEME.exec(text)) {
    const p = SCHEME.lastIndex;
    if (stop < p) {
      URL_STOP.lastIndex = p;
      stop = URL_STOP.exec(text)?.index ?? text.length;
    }
    if (at < p) {
      at = text.indexOf('@', p);
      if (at < 0) at = text.length;
    }
    if (at >= stop || at - p > 1024) continue;
    const userinfo = text.slice(p, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0 || /[?#]/.test(userinfo)) continue;
    const password = userinfo.slice(colon + 1);
    const slash = userinfo.indexOf('/');
    if (slash >= 0 && (slash < colon || /^\d{1,5}(?:\/|$)/.test(password))) continue;
    if (password.length === 0 || isNonSecretValue(decodeSafe(password), 'password', true)) continue;
    out.push([p + colon + 1, at]);
  }
  return out;
}

/** `decodeURIComponent` that returns its input when it is not valid percent-encoding. */
function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Command-line and special-syntax password forms, each with the password as group 1. */
const COMMAND_PASSWORDS: readonly RegExp[] = [
  /(?<![\w-])(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlpump|mariadb|mariadb-dump)\b[^\n|;&]{0,300}?[ \t]-p([^\s'"-][^\s'"]*|'[^'\n]+'|"[^"\n]+")/dg,
  /(?<![\w-])redis-cli\b[^\n|;&]{0,300}?[ \t]-a[ \t]+([^\s'"-][^\s'"]*|'[^'\n]+'|"[^"\n]+")/dg,
  /(?<![\w-])sshpass[ \t]+-p[ \t]*([^\s'"-][^\s'"]*|'[^'\n]+'|"[^"\n]+")/dg,
  /(?<![\w-])(?:curl|wget|http)\b[^\n|;&]{0,300}?[ \t](?:-u|--user|--http-user)[ \t=]+['"]?[^\s:'"]+:([^\s'"@]+)/dg,
  /(?<![\w-])jdbc:oracle:[a-z]+:[^\s/@:"']+\/([^\s@"']+)@/dg,
];

/** Passwords: URL user info, assignments to password names, and the command-line forms. */
export const password: SecretKind = {
  id: 'password',
  description:
    'Password: in URL or DSN user info (scheme://user:PASSWORD@), JDBC and libpq password= keywords, assignments to password-like names, and command lines (--password X, mysql -pX, redis-cli -a X, sshpass -p X, curl -u user:X).',
  detect: (text) => {
    const out = [...urlPasswords(text), ...assignedSpans(text, 'password')];
    for (const re of COMMAND_PASSWORDS) {
      for (const [s, e] of regexSpans(text, re, 1)) {
        const quoted = text[s] === "'" || text[s] === '"';
        const span: Span = quoted ? [s + 1, e - 1] : [s, e];
        if (!isNonSecretValue(text.slice(span[0], span[1]), 'password', quoted)) out.push(span);
      }
    }
    return out;
  },
};

/** A kind whose values are the secret assignments to names that give it. */
function assignedKind(id: string, description: string): SecretKind {
  return { id, description, detect: (text) => assignedSpans(text, id) };
}

/** OAuth client secrets by name. */
export const clientSecret = assignedKind('client-secret', 'OAuth or OIDC client secret: the value of a name such as client_secret or clientSecret.');
/** Other secrets by name. */
export const secret = assignedKind('secret', 'Secret: the value of a name ending in secret or naming a secret, private, signing or encryption key (JWT_SECRET, SECRET_KEY, signing_key).');
/** Tokens by name. */
export const token = assignedKind('token', 'Token: the value of a name ending in token (access_token, refresh_token, auth-token, _authToken).');
/** API keys by name. */
export const apiKey = assignedKind('api-key', 'API key: the value of a name such as api_key, apiKey, x-api-key or access_key.');
/** Random-looking values next to names that mention a secret. */
export const highEntropy = assignedKind(
  'high-entropy',
  'High-entropy value (16+ random-looking token characters) next to a name that mentions key, token, secret, credential, auth, pass, signature, session or private.',
);

/** The generic credential kinds, the catch-all last. */
export const CREDENTIAL_KINDS: readonly SecretKind[] = [password, clientSecret, secret, token, apiKey, highEntropy];
