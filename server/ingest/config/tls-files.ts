/**
 * Settings that name a certificate, private key or CA file: env vars (`SSL_CERT_FILE`, `NODE_EXTRA_CA_CERTS`,
 * `REQUESTS_CA_BUNDLE`, `*_CA_FILE`), application config keys (`tls.ca`, `server.ssl.certificate`),
 * libpq's `sslrootcert`, postgresql.conf `ssl_cert_file` / `ssl_key_file` / `ssl_ca_file`, redis.conf
 * `tls-cert-file` / `tls-ca-cert-file`, and any value that is a `.pem` / `.crt` path.
 */
import type { SettingFact, TlsFileReference } from './facts';

/** Normalized keys (lowercase, `_` for `-` and `.`) naming a CA file or bundle. */
const CA_KEY = /(?:^|_)ca_?(?:certs?|bundle|file|path|certificates?)?(?:_?(?:file|path))?$|(?:^|_)(?:sslrootcert|root_?certs?|root_?certificates?|trusted_?certificates?|trust_?certificates?|certificate_authorities)(?:_?(?:file|path))?$/;
/** Normalized keys naming a private key file. */
const KEY_KEY = /(?:^|_)(?:ssl|tls|https|private|server|client)?_?key(?:_?file|_?path)?$|(?:^|_)(?:sslkey|keyfile)$/;
/** Normalized keys naming a certificate file. */
const CERT_KEY = /(?:^|_)(?:ssl|tls|https|server|client|x509)?_?(?:cert|certificate|crt)(?:_?chain)?(?:_?file|_?path)?$|(?:^|_)(?:sslcert|certfile)$/;

/**
 * The TLS file references among `settings`: the setting's owner is the component ('' when it has none), the
 * value the path and the setting's evidence the evidence. A value must look like a file path (no spaces,
 * not a URL, not inline PEM). A key-like name needs a TLS word in the key or a `.key` / `.pem` value, so
 * `API_KEY=/run/secrets/api` is not a TLS key.
 */
export function tlsFileReferences(settings: SettingFact[]): TlsFileReference[] {
  const out: TlsFileReference[] = [];
  for (const s of settings) {
    const path = s.value.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!looksLikePath(path)) continue;
    const role = roleOf(s.key, path);
    if (role) out.push({ component: s.owner ?? '', role, path, evidence: s.evidence });
  }
  return out;
}

function roleOf(key: string, path: string): TlsFileReference['role'] | undefined {
  // OpenSSL's SSL_CERT_FILE env var is the CA bundle; postgresql.conf's ssl_cert_file is the server certificate.
  if (key === 'SSL_CERT_FILE' || key.endsWith('.SSL_CERT_FILE')) return 'ca';
  const normalized = key.toLowerCase().replace(/[-.]/g, '_');
  const pemLike = /\.(pem|crt|cer|key|ca-bundle)$/i.test(path);
  const tlsWord = /ssl|tls|https|x509|cert|private/.test(normalized);
  if (CA_KEY.test(normalized)) return 'ca';
  if (KEY_KEY.test(normalized) && (tlsWord || /\.(key|pem)$/i.test(path))) return 'key';
  if (CERT_KEY.test(normalized)) return 'certificate';
  if (!/\.(pem|crt|cer)$/i.test(path) || !pemLike) return undefined;
  if (/key/.test(normalized) || /\.key\.pem$|[-_.]key\.pem$/i.test(path)) return 'key';
  if (/(?:^|_)ca(?:_|$)|bundle|trust|root/.test(normalized) || /(?:^|[/_.-])ca[-_.]|bundle/i.test(path)) return 'ca';
  return 'certificate';
}

function looksLikePath(value: string): boolean {
  if (value === '' || /\s/.test(value) || value.includes('://') || value.startsWith('-----')) return false;
  return value.includes('/') || /\.(pem|crt|cer|key|ca-bundle)$/i.test(value);
}
