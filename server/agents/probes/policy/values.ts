/**
 * Checks of the values probes carry: Kubernetes names and namespaces, numbers and durations, host names,
 * http(s) URLs, file paths. Each returns a problem naming the value, or undefined. No shell ever reads these
 * values, so shell metacharacters are harmless; what is refused is what the tool itself would read as more
 * than a value (a credential in a URL, a scheme that is not HTTP, a file holding secrets).
 */
import { posix } from 'node:path';
import { hard, invalid, type Issue } from './decision';

/** A value check: the value and the "tool flag" it came with. */
export type ValueCheck = (value: string, flag: string) => Issue | undefined;

const matching =
  (re: RegExp, what: string): ValueCheck =>
  (v, flag) =>
    re.test(v) ? undefined : invalid(`${flag} "${v}" is not ${what}`);

/** A DNS-1123 label: a Kubernetes namespace or container name. */
export const k8sLabel = matching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a Kubernetes name (DNS-1123 label)');

/** A DNS-1123 subdomain: the name of most Kubernetes objects. */
export const k8sName: ValueCheck = (v, flag) =>
  v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) ? undefined : invalid(`${flag} "${v}" is not a Kubernetes name`);

/** A label or field selector: keys, values, operators, commas and set parentheses. */
export const selector = matching(/^[A-Za-z0-9_./=!,()\s:-]*[A-Za-z0-9)]$/, 'a selector');

/** A non-negative integer (or -1 where `allowMinusOne`). */
export const integer =
  (opts: { allowMinusOne?: boolean; max?: number } = {}): ValueCheck =>
  (v, flag) => {
    const ok = /^\d{1,9}$/.test(v) || (opts.allowMinusOne === true && v === '-1');
    if (!ok) return invalid(`${flag} "${v}" is not a number`);
    return opts.max !== undefined && Number(v) > opts.max ? invalid(`${flag} ${v} is more than ${opts.max}`) : undefined;
  };

/** A decimal number of seconds (curl's --max-time). */
export const seconds = matching(/^\d{1,6}(\.\d{1,3})?$/, 'a number of seconds');

/** A Go duration (5s, 1h30m) or a bare number of seconds. */
export const duration = matching(/^(\d{1,6}(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^\d{1,9}$/, 'a duration such as 30s or 1h');

/** A plain word: letters, digits and `._:-`. */
export const word = matching(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a plain word');

/** A host name or an IP address (IPv6 bare or in brackets). */
export const hostName = matching(/^([A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})|\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?\]?)$/, 'a host name or address');

/** host:port, with an IPv6 host in brackets. */
export const hostPort = matching(/^([A-Za-z0-9_][A-Za-z0-9_.-]{0,252}|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/, 'host:port');

/** A TCP port. */
export const port = matching(/^\d{1,5}$/, 'a port number');

/** An RFC 3339 time, or a date as journalctl reads it ("2024-01-02 10:00", "yesterday", "-1h"). */
export const timeSpec = matching(/^[A-Za-z0-9 :.+\-TZ]+$/, 'a time');

/** Free text that a tool only matches or prints (a grep pattern, a header value): anything printable. */
export const text: ValueCheck = () => undefined;

/** Cloud instance metadata endpoints: a GET there returns the machine's credentials. */
const METADATA_HOSTS = /^(169\.254\.169\.254|fd00:ec2::254|metadata\.google\.internal|metadata|100\.100\.100\.200|169\.254\.170\.2)$/i;

/** True when `host` is numeric but not a plain dotted quad (2852039166, 0xa9fea9fe, 0251.0376.0251.0376). */
const oddNumericHost = (host: string): boolean =>
  /^0x/i.test(host) || (/^[0-9.x]+$/i.test(host) && !/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(host));

/**
 * An http or https URL without credentials. Other schemes (file, gopher, dict, ftp, scp, ldap, telnet, ...)
 * are refused: they read local files or speak protocols that can write. Cloud metadata endpoints are refused
 * (they serve the machine's credentials), and so are IP addresses in numeric forms that hide them. curl's
 * URL globbing (`{a,b}`, `[1-9]`) is refused: one probe, one request. A name that resolves to a metadata
 * address is not caught here: egress rules are the guarantee.
 */
export const httpUrl: ValueCheck = (v, flag) => {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)/.exec(v)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return hard(`${flag} ${scheme}:// URLs are refused (only http and https are read-only)`);
  const m = /^https?:\/\/([^/?#]*)([/?#].*)?$/i.exec(v);
  if (!m) return invalid(`${flag} "${v}" is not an http(s):// URL`);
  const [, authority, rest = ''] = m;
  if (authority!.includes('@')) return hard(`${flag} "${v.replace(/\/\/[^/?#]*@/, '//***@')}" carries credentials in the URL`);
  if (!/^([A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(authority!)) return invalid(`${flag} "${v}" has no valid host`);
  const host = authority!.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (METADATA_HOSTS.test(host) || /169\.254\.169\.254|a9fe:a9fe/i.test(host)) return hard(`${flag} ${v} reads cloud instance metadata, which serves credentials`);
  if (oddNumericHost(host)) return invalid(`${flag} "${v}" writes its IP address in an unusual form`);
  if (/[{}[\]\\\s]/.test(rest)) return invalid(`${flag} "${v}" uses URL globbing or characters a URL cannot hold`);
  if (/[^\x21-\x7e]/.test(rest)) return invalid(`${flag} "${v}" holds characters a URL cannot hold`);
  return undefined;
};

/** Paths whose contents are credentials or never end, relative to any root (so `../../etc/shadow` matches). */
const SECRET_PATHS: [RegExp, string][] = [
  [/(^|\/)etc\/(g?shadow|sudoers)(-|\.d|$|\/)/, 'holds password hashes or sudo rules'],
  [/(^|\/)etc\/(ssl\/private|ssh\/ssh_host_[^/]*key|letsencrypt\/(live|archive))(\/|$)/, 'holds private keys'],
  [/(^|\/)\.ssh(\/|$)|(^|\/)id_(rsa|dsa|ecdsa|ed25519)[^/]*$/, 'holds SSH keys'],
  [/\.(key|p12|pfx|jks|keystore)$|(^|[-_./])(priv)?key\d*\.pem$/i, 'is a private key or key store'],
  [/(^|\/)(etc\/kubernetes\/pki|var\/lib\/kubelet\/pki)(\/|$)/, 'holds cluster keys'],
  [/(^|\/)\.kube\/config$|(^|\/)kubeconfig$|(^|\/)etc\/kubernetes\/[^/]+\.conf$|(^|\/)etc\/rancher\/k3s\/k3s\.yaml$/, 'holds cluster credentials'],
  [/(^|\/)\.(aws|gcloud|azure|docker)\/|(^|\/)\.config\/gcloud\/|(^|\/)\.(pgpass|netrc|git-credentials|my\.cnf|vault-token)$/, 'holds credentials'],
  [/^\/proc\/(.*\/)?(environ|mem|auxv)$|^\/proc\/kcore$/, 'exposes a process’s memory or environment'],
  [/^\/(dev|sys\/kernel\/debug)(\/|$)/, 'is a device file (it can block or never end)'],
  [/(^|\/)var\/run\/secrets(\/|$)|(^|\/)run\/secrets(\/|$)/, 'holds mounted secrets'],
];

const normalized = (p: string): string => posix.normalize(p).replace(/(.)\/+$/, '$1');

/**
 * A file or folder path the tool will read. Paths are judged lexically (normalized, not resolved): files
 * that hold credentials or never end are refused wherever they sit. A symlink can still point elsewhere,
 * which is why the probe runner's credentials, not this check, are the real guarantee.
 */
export const readPath: ValueCheck = (v, flag) => {
  if (v === '') return invalid(`${flag} an empty path`);
  const p = normalized(v);
  for (const [re, why] of SECRET_PATHS) if (re.test(p)) return hard(`${flag} ${v} ${why}`);
  return undefined;
};

/** The recursion roots that would read every file of the system (or special files that never end). */
export const isSystemRoot = (p: string): boolean => /^\/(proc|sys|dev)?$/.test(normalized(p));

/** Folders holding credentials: a recursive read of one of them, or of a folder above one, is refused. */
const SECRET_DIRS = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers.d', '/etc/ssl/private', '/etc/ssh', '/etc/kubernetes', '/etc/letsencrypt', '/etc/rancher', '/root',
  '/var/run/secrets', '/run/secrets', '/var/lib/kubelet', '/proc', '/sys', '/dev'];

/**
 * The problem of a recursive read (grep -r) rooted at `root`: the whole system, a folder holding credentials
 * or above one (/etc, /var, /root, a home folder), or a relative path climbing out of the working directory.
 */
export function recursiveRootIssue(root: string, flag: string): Issue | undefined {
  const p = normalized(root);
  if (isSystemRoot(p)) return invalid(`${flag} ${root} would read every file of the system (name a folder)`);
  if (p === '..' || p.startsWith('../')) return invalid(`${flag} ${root} climbs out of the working folder`);
  const above = SECRET_DIRS.find((d) => d === p || d.startsWith(`${p === '/' ? '' : p}/`));
  if (above) return hard(`${flag} ${root} would read ${above}, which holds credentials`);
  const inside = SECRET_DIRS.find((d) => p.startsWith(`${d}/`));
  if (inside) return hard(`${flag} ${root} is inside ${inside}, which holds credentials`);
  if (/^\/home(\/[^/]+)?$/.test(p)) return hard(`${flag} ${root} would read home folders (.ssh, .kube, .aws hold credentials)`);
  return readPath(root, flag);
}
