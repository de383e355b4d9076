/**
 * What a name says about the value assigned to it. Names are split into lower-case words (`AWS_SECRET_ACCESS_KEY`,
 * `secretAccessKey` and `aws.secret-access.key` all read `aws secret access key`) and the last word decides:
 * a name that ends in a secret word (`password`, `token`, `secret`, `api key`) always holds one; a name that only
 * mentions one (`auth`, `signature`, `session`, a bare `key`) holds one when the value looks random; a name that
 * ends in a word describing the secret rather than holding it (`secret_name`, `PASSWORD_FILE`, `token_count`,
 * `secretKeyRef`) holds none.
 */

/** How sure a name makes the scanner: `always` redacts any real value, `entropy` only random-looking ones. */
export type NameTier = 'always' | 'entropy';

/** The kind and tier a name gives its value. */
export interface NameClass {
  /** The secret kind id for the placeholder. */
  kind: string;
  tier: NameTier;
}

/** The lower-case words of a name: split at camelCase humps, digits-to-letters and any non-alphanumeric. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pw', 'requirepass', 'masterauth', 'userpass']);
const SECRET_KEY_PREFIXES = new Set(['secret', 'private', 'signing', 'sign', 'encryption', 'encrypt', 'master', 'hmac', 'jwt', 'session', 'cookie', 'webhook', 'crypt', 'cipher', 'aes', 'shared', 'root', 'decryption', 'symmetric']);
const API_KEY_PREFIXES = new Set(['api', 'access', 'app', 'application', 'client', 'account', 'license', 'licence', 'service', 'subscription', 'auth', 'consumer', 'developer', 'ingest', 'ingestion', 'write', 'read', 'admin', 'management', 'integration', 'partner', 'customer', 'project', 'user']);
const API_KEY_WORDS = new Set(['apikey', 'accesskey', 'appkey', 'licensekey', 'authkey', 'clientkey', 'servicekey', 'subscriptionkey']);
const SECRET_KEY_WORDS = new Set(['secretkey', 'privatekey', 'signingkey', 'encryptionkey', 'masterkey', 'hmackey', 'jwtkey', 'sessionkey']);

/** Last words that describe a secret rather than hold it. */
const DESCRIPTORS = new Set(
  ('name names file files path paths dir directory folder id ids type types kind count counts length len size ttl timeout expiry expires ' +
    'expiration expire expired version url uri urls host hostname port ref refs enabled enable disabled disable required mode policy format ' +
    'algorithm alg header prefix suffix field env source location store provider hint min max age strength rotation lifetime endpoint issuer ' +
    'audience scope scopes limit rate used usage total bytes bits index hash digest sha checksum fingerprint label labels selector namespace ' +
    'owner user username login email account arn kid jti iat exp nbf ok error errors status state success failed failure valid invalid ' +
    'missing present exists set changed reset mount volume annotation template class method strategy backend manager handler length level ' +
    'reason message msg description desc help title text placeholder prompt regex pattern rule rules check validation validator style')
    .split(' '),
);
/** Secret roots matched anywhere inside a word. */
const LONG_ROOTS = ['token', 'secret', 'credential', 'password', 'passwd', 'signature', 'private', 'cookie', 'session', 'apikey', 'passphrase'];
/** Secret roots matched only at the start or end of a word (`authorization`, `oauth`, `sigv4`). */
const SHORT_ROOTS = ['key', 'auth', 'pass', 'pwd', 'sig', 'salt', 'hmac', 'cred', 'creds'];

const mentionsSecret = (w: string): boolean => LONG_ROOTS.some((r) => w.includes(r)) || SHORT_ROOTS.some((r) => w.startsWith(r) || w.endsWith(r));

/** The kind a name with context-specific vendor words gives, or undefined. */
function vendorKind(name: string, words: readonly string[], has: (w: string) => boolean): string | undefined {
  const last = words[words.length - 1]!;
  const joined = words.join('');
  if ((has('secret') && has('access') && last === 'key') || (has('aws') && has('secret') && (last === 'key' || last === 'secret'))) return 'aws-secret-key';
  if (last === 'token' && (has('session') || has('security')) && (has('aws') || has('amz') || name === 'SessionToken')) return 'aws-session-token';
  if ((has('dd') || has('datadog')) && last === 'key') {
    if (has('app') || has('application')) return 'datadog-app-key';
    if (has('api')) return 'datadog-api-key';
  }
  if (has('heroku') && (last === 'key' || last === 'token')) return 'heroku-api-key';
  if (has('twilio') && (last === 'token' || last === 'secret')) return 'twilio-auth-token';
  if (joined === 'accountkey' || (has('azure') && (has('storage') || has('account')) && last === 'key') || (has('storage') && has('account') && last === 'key')) return 'azure-storage-key';
  if (joined === 'sharedaccesskey' || (has('azure') && has('shared') && last === 'key')) return 'azure-shared-access-key';
  if (has('client') && (last === 'secret' || joined.endsWith('clientsecret'))) return 'client-secret';
  return undefined;
}

/** The kind of a name whose last word holds a secret, or undefined. */
function alwaysKind(words: readonly string[]): string | undefined {
  const last = words[words.length - 1]!;
  const prev = words.length > 1 ? words[words.length - 2]! : '';
  if (PASSWORD_WORDS.has(last) || /(?:password|passwd|passphrase)$/.test(last)) return 'password';
  if (last === 'token' || (last.endsWith('token') && last.length > 5)) return 'token';
  if (last === 'secret' || (last.endsWith('secret') && last.length > 6)) return 'secret';
  if (last === 'key' && SECRET_KEY_PREFIXES.has(prev)) return 'secret';
  if (SECRET_KEY_WORDS.has(last)) return 'secret';
  if (last === 'base' && prev === 'key' && words.includes('secret')) return 'secret';
  if (last === 'key' && API_KEY_PREFIXES.has(prev)) return 'api-key';
  if (API_KEY_WORDS.has(last) || last.endsWith('apikey')) return 'api-key';
  return undefined;
}

/** Classifies a name without the memo. */
function classifyFresh(name: string): NameClass | null {
  const words = nameWords(name);
  if (words.length === 0 || words.includes('public') || words.includes('pub')) return null;
  const has = (w: string): boolean => words.includes(w);
  const vendor = vendorKind(name, words, has);
  if (vendor) return { kind: vendor, tier: 'always' };
  const always = alwaysKind(words);
  if (always) return { kind: always, tier: 'always' };
  if (DESCRIPTORS.has(words[words.length - 1]!)) return null;
  return words.some(mentionsSecret) ? { kind: 'high-entropy', tier: 'entropy' } : null;
}

const memo = new Map<string, NameClass | null>();
const CHEAP_HINT = /pass|pwd|pw$|secret|token|key|auth|cred|sig|priv|cookie|session|salt|hmac/i;

/**
 * What `name` says about its value: null when nothing, else the kind for the placeholder and whether any
 * real value (`always`) or only a random-looking one (`entropy`) is redacted. Memoised per name.
 */
export function classifyName(name: string): NameClass | null {
  if (name.length > 128 || !CHEAP_HINT.test(name)) return null;
  const known = memo.get(name);
  if (known !== undefined) return known;
  const found = classifyFresh(name);
  if (memo.size > 4096) memo.clear();
  memo.set(name, found);
  return found;
}
