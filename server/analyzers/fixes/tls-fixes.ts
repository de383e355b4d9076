/**
 * Fixes of tls_failure, each pointing a setting at a file the inputs show to be the right one:
 * - a client that does not trust a server's certificate gets the CA file that the other clients of that
 *   server use (and that holds the certificate's issuer, when the inputs have both); with no such clients,
 *   the one CA file beside its current one that holds the issuer;
 * - a server whose certificate has expired serves the certificate in the inputs for the same name(s) that is
 *   valid now.
 * Paths in settings are the service's own (`/certs/ca.pem`, `/etc/nginx/ssl/x.crt`); the inputs hold the files
 * at folder paths (`certs/ca.pem`, `host-01/etc/nginx/ssl/x.crt`): a path is matched by its file name and
 * mapped by the part the two share. Nothing is proposed when two files fit.
 */
import type { CertificateFact, TlsFileReference } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';

/** What the CA fix needs: the client's CA setting, its server's certificates, the CA settings of the others. */
export interface UntrustedServer {
  client: string;
  server: string;
  /** The client's CA setting. */
  ca: TlsFileReference;
  /** CA settings of the server's other clients, which do not report trust errors. */
  peers: readonly TlsFileReference[];
  /** The certificates the server serves (their issuers are what the client must trust). */
  served: readonly CertificateFact[];
  /** Every certificate in the inputs (CA files among them). */
  certificates: readonly CertificateFact[];
}

/** The client's CA setting pointed at the CA file that verifies the server, when one file does. */
export function caFileFix(u: UntrustedServer): FixIdea | undefined {
  const issuers = new Set(u.served.map((c) => c.issuer));
  const holdsIssuer = (file: string): boolean => u.certificates.some((c) => c.file === file && issuers.has(c.subject));
  const peerPaths = [...new Set(u.peers.map((p) => p.path))].filter((p) => p !== u.ca.path);
  let right: string | undefined;
  if (peerPaths.length === 1) {
    right = peerPaths[0]!;
    // A peer's bundle found in the inputs must hold the issuer; one not in the inputs is taken on the peers' word.
    const files = inputFiles(right, u.certificates);
    if (issuers.size > 0 && files.length > 0 && !files.some(holdsIssuer)) return undefined;
  } else if (peerPaths.length === 0 && issuers.size > 0) {
    const current = inputFiles(u.ca.path, u.certificates);
    if (current.length !== 1) return undefined;
    const dir = dirname(current[0]!);
    const beside = [...new Set(u.certificates.map((c) => c.file))].filter((f) => f !== current[0] && dirname(f) === dir && holdsIssuer(f));
    if (beside.length !== 1) return undefined;
    right = joinPath(dirname(u.ca.path), basename(beside[0]!));
  }
  if (right === undefined || !u.ca.evidence.text.includes(u.ca.path)) return undefined;
  const by = peerPaths.length === 1 ? `the CA file the other clients of ${u.server} use` : `the CA file beside it that holds the issuer of ${u.server}'s certificate`;
  return replaceValue(u.ca.evidence, u.ca.path, right, `${u.client} verifies ${u.server} with ${u.ca.path}, which does not hold the CA that issued ${u.server}'s certificate; ${right} is ${by}.`);
}

/**
 * The setting that serves `expired` pointed at the certificate in the inputs with the same common name and at
 * least the same names that is valid at `now`. The key setting must then name that certificate's key: the
 * inputs do not hold keys, so the `why` says so instead of guessing its path.
 */
export function renewedCertificateFix(expired: CertificateFact, served: TlsFileReference, certificates: readonly CertificateFact[], now: number): FixIdea | undefined {
  if (basename(served.path) !== basename(expired.file)) return undefined;
  const cn = commonName(expired.subject);
  const valid = certificates.filter((c) => c.file !== expired.file && c.validFrom <= now && c.validTo > now && commonName(c.subject) === cn && expired.names.every((n) => c.names.includes(n)));
  const files = [...new Set(valid.map((c) => c.file))];
  if (files.length !== 1) return undefined;
  const right = servicePath(served.path, expired.file, files[0]!);
  if (right === undefined || !served.evidence.text.includes(served.path)) return undefined;
  const renewed = valid.find((c) => c.file === files[0])!;
  return replaceValue(served.evidence, served.path, right, `${served.path} expired on ${expired.notAfter}; ${right} is a certificate for the same name(s) valid until ${renewed.notAfter}. Its private key must be the one the key setting names.`);
}

/** The certificates in the input file(s) that a service path (`/etc/app/tls/server.crt`) names. */
export function certificatesAt(path: string, certificates: readonly CertificateFact[]): CertificateFact[] {
  const files = new Set(inputFiles(path, certificates));
  return certificates.filter((c) => files.has(c.file));
}

/** The input files a service path may be: same file name, the longest shared path suffix wins. */
function inputFiles(path: string, certificates: readonly CertificateFact[]): string[] {
  const files = [...new Set(certificates.map((c) => c.file))].filter((f) => basename(f) === basename(path));
  const shared = (f: string): number => {
    const a = f.split('/').reverse();
    const b = path.split('/').reverse();
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const best = Math.max(0, ...files.map(shared));
  return files.filter((f) => shared(f) === best);
}

/**
 * Where `target` (a folder path) sits for the service that reads `path` as `current` (a folder path): by the
 * folder prefix that `current` adds to `path`, or in the same directory as `path` when `target` is beside
 * `current`.
 */
function servicePath(path: string, current: string, target: string): string | undefined {
  const absolute = path.startsWith('/');
  const p = absolute ? path : `/${path}`;
  const c = `/${current}`;
  if (c.endsWith(p)) {
    const root = c.slice(0, c.length - p.length);
    const t = `/${target}`;
    if (t.startsWith(`${root}/`)) {
      const mapped = t.slice(root.length);
      return absolute ? mapped : mapped.slice(1);
    }
  }
  return dirname(current) === dirname(target) ? joinPath(dirname(path), basename(target)) : undefined;
}

function commonName(subject: string): string {
  return /(?:^|[,/]\s*)CN=([^,/]+)/.exec(subject)?.[1]?.trim() ?? subject;
}

function basename(path: string): string {
  return path.split('/').pop()!;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : path.slice(0, i);
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
