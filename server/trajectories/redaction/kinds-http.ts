/**
 * Credentials carried by HTTP: JSON Web Tokens, `Authorization: Bearer` and `Basic` credentials (and the
 * base64 `auth` of a Docker `config.json` or `.npmrc`), and the values of `Cookie:` and `Set-Cookie:` headers.
 * The scheme words and cookie names stay; only the credentials go.
 */
import { assignmentsOf, nameIs } from './assignments';
import { regexSpans, type SecretKind, type Span } from './secret-kind';

/** JSON Web Tokens (and JWE compact forms): a base64url JSON header `eyJ...`, dot-separated parts. */
export const jwt: SecretKind = {
  id: 'jwt',
  description: 'JSON Web Token: base64url header starting eyJ, payload and signature separated by dots.',
  detect: (text) => (text.includes('eyJ') ? regexSpans(text, /(?<![\w-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){0,2}/dg) : []),
};

const BEARER = /(?<![\w-])bearer[ \t]+([A-Za-z0-9._~+/-]+=*)/dgi;
const AUTH_TOKEN = /authorization\\?["']?[ \t]*[:=][ \t]*\\?["']?token[ \t]+([A-Za-z0-9._~+/-]+=*)/dgi;

/** True for a credential after `Bearer`/`Token`, not an auth parameter (`realm=`) or a word of prose. */
function isBearerCredential(v: string): boolean {
  if (v.length < 8 || /^[A-Za-z_]+=$/.test(v)) return false;
  if (/^[A-Za-z]+$/.test(v) && (v.length < 16 || v === v.toLowerCase())) return false;
  return true;
}

/** Bearer tokens after `Bearer` (any header or log line) or after `Authorization: Token`. */
export const bearerToken: SecretKind = {
  id: 'bearer-token',
  description: 'Bearer token: the credential after "Bearer" or after "Authorization: Token".',
  detect: (text) => [...regexSpans(text, BEARER, 1, isBearerCredential), ...regexSpans(text, AUTH_TOKEN, 1, isBearerCredential)],
};

/** True when `v` is base64 of printable `user:password`. */
export function isBasicCredential(v: string): boolean {
  if (v.length < 6 || v.length > 2048 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

const BASIC = /(?<![\w-])basic[ \t]+([A-Za-z0-9+/]{6,}={0,2})(?![\w+/=])/dgi;

/** HTTP Basic credentials, and the base64 `auth`/`_auth` of Docker and npm configuration. */
export const basicAuth: SecretKind = {
  id: 'basic-auth',
  description: 'HTTP Basic credentials: base64 user:password after "Basic", or the auth/_auth value of a Docker or npm configuration.',
  detect: (text) => {
    const out: Span[] = regexSpans(text, BASIC, 1, isBasicCredential);
    for (const a of assignmentsOf(text)) if (nameIs(a, 'auth') && isBasicCredential(a.value)) out.push([a.start, a.end]);
    return out;
  },
};

const COOKIE_HEADER = /(?<![\w-])(set-)?cookie\\?["']?[ \t]*[:=][ \t]*\\?["']?/gi;
const COOKIE_STOP = /[\s;"'\\,]/;

/** The value spans of one `Cookie:`/`Set-Cookie:` header starting at `pos`; returns where parsing stopped. */
function cookieValues(text: string, pos: number, setCookie: boolean, out: Span[]): number {
  const bound = Math.min(text.length, pos + 8192);
  let i = pos;
  for (let first = true; i < bound; first = false) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const nameStart = i;
    while (i < bound && text[i] !== '=' && text[i] !== ';' && !COOKIE_STOP.test(text[i]!)) i++;
    let valueStart = nameStart;
    if (text[i] === '=') valueStart = ++i;
    else if (!first || i === nameStart) break;
    while (i < bound && !COOKIE_STOP.test(text[i]!)) i++;
    if (i > valueStart && (first || !setCookie)) out.push([valueStart, i]);
    if (text[i] !== ';') break;
    i++;
  }
  return i;
}

/** Cookie values of `Cookie:` headers, and the cookie (not its attributes) of `Set-Cookie:` headers. */
export const cookie: SecretKind = {
  id: 'cookie',
  description: 'Cookie or session id: every value of a Cookie: header, the first value of a Set-Cookie: header.',
  detect: (text) => {
    const out: Span[] = [];
    COOKIE_HEADER.lastIndex = 0;
    for (let m = COOKIE_HEADER.exec(text); m !== null; m = COOKIE_HEADER.exec(text)) {
      COOKIE_HEADER.lastIndex = Math.max(COOKIE_HEADER.lastIndex, cookieValues(text, COOKIE_HEADER.lastIndex, m[1] !== undefined, out));
    }
    return out;
  },
};

/** The HTTP kinds; bearer before JWT, so a JWT sent as a bearer token is named by how it was sent. */
export const HTTP_KINDS: readonly SecretKind[] = [bearerToken, basicAuth, jwt, cookie];
