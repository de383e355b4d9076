/**
 * curl: GET and HEAD of http(s) URLs, the response on stdout. Refused: other methods, request bodies and
 * uploads, writing files (the response, headers, cookies, traces, HSTS or alt-svc caches), reading a config
 * file, proxies and Unix sockets (another destination), credentials, and every scheme but http and https.
 * curl accepts unambiguous abbreviations of long options (`--data-b`), so the table lists all of curl's long
 * options: an abbreviation that could mean a refused option is refused. No timeout flag is required: the
 * probe runner caps every probe's time.
 */
import { hard, invalid, type ToolCheck } from '../decision';
import { bool, FlagTable, parseArgv, refuseFlag, usesOf, withValue, type FlagDef } from '../argv-parser';
import { httpUrl, integer, readPath, seconds, text } from '../values';

const refuse = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue });
const other = (spec: string, takesValue = false): FlagDef => refuseFlag(spec, 'is not on the allowlist', { takesValue, severity: 'unlisted' });

const header = (v: string, flag: string) => {
  if (v.startsWith('@')) return hard(`${flag} ${v} reads headers from a file`);
  if (/^\s*(proxy-)?authorization\s*:|^\s*cookie\s*:/i.test(v)) return hard(`${flag} sends credentials (${v.split(':')[0]})`);
  return undefined;
};
const writeOut = (v: string, flag: string) => {
  if (v.startsWith('@')) return hard(`${flag} ${v} reads its format from a file`);
  if (/%\{?output\{/i.test(v)) return hard(`${flag} %output{} writes to a file`);
  return undefined;
};
const method = (v: string, flag: string) => (v === 'GET' || v === 'HEAD' ? undefined : hard(`${flag} ${v} sends a method other than GET or HEAD`));

const TABLE = new FlagTable([
  ...['-s --silent', '-S --show-error', '-L --location', '-I --head', '-i --include', '-v --verbose', '-k --insecure', '-f --fail', '--fail-with-body', '--fail-early',
    '-4 --ipv4', '-6 --ipv6', '-0 --http1.0', '--http1.1', '--http2', '--http2-prior-knowledge', '--http3', '--http3-only', '--http0.9', '--compressed', '-N --no-buffer',
    '--no-progress-meter', '-g --globoff', '-G --get', '--path-as-is', '--tcp-nodelay', '--tcp-fastopen', '--no-keepalive', '--no-sessionid', '--no-alpn', '--no-npn',
    '--ssl-no-revoke', '--ssl-revoke-best-effort', '-1 --tlsv1', '--tlsv1.0', '--tlsv1.1', '--tlsv1.2', '--tlsv1.3', '-2 --sslv2', '-3 --sslv3', '--cert-status',
    '--false-start', '--raw', '--ignore-content-length', '--suppress-connect-headers', '--retry-connrefused', '--retry-all-errors', '--styled-output', '-# --progress-bar',
    '-q --disable', '--trace-time', '-h --help', '-M --manual', '-V --version', '--disable-eprt', '--disable-epsv', '--compressed-ssh'].map(bool),
  withValue('-m --max-time', seconds),
  withValue('--connect-timeout', seconds),
  withValue('--retry', integer()),
  withValue('--retry-delay', integer()),
  withValue('--retry-max-time', integer()),
  withValue('--max-redirs', integer({ allowMinusOne: true })),
  withValue('--max-filesize', integer()),
  withValue('--keepalive-time', integer()),
  withValue('--expect100-timeout', seconds),
  withValue('--happy-eyeballs-timeout-ms', integer()),
  withValue('-Y --speed-limit', integer()),
  withValue('-y --speed-time', integer()),
  withValue('--limit-rate', text),
  withValue('-H --header', header),
  withValue('-A --user-agent', text),
  withValue('-e --referer', text),
  withValue('--resolve', text),
  withValue('--connect-to', text),
  withValue('-w --write-out', writeOut),
  withValue('--url', httpUrl),
  withValue('-r --range', text),
  withValue('-X --request', method),
  withValue('--cacert', readPath),
  withValue('--capath', readPath),
  withValue('--crlfile', readPath),
  withValue('--pinnedpubkey', text),
  withValue('--noproxy', text),
  withValue('--dns-servers', text),
  withValue('--dns-interface', text),
  withValue('--dns-ipv4-addr', text),
  withValue('--dns-ipv6-addr', text),
  withValue('--interface', text),
  withValue('--local-port', text),
  withValue('--proto', text),
  withValue('--proto-redir', text),
  withValue('--proto-default', (v, f) => (/^https?$/.test(v) ? undefined : hard(`${f} ${v} defaults to a scheme other than http(s)`))),
  withValue('--tls-max', text),
  withValue('--ciphers', text),
  withValue('--tls13-ciphers', text),
  withValue('--curves', text),
  ...['-d --data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--json', '-F --form', '--form-string'].map((s) => refuse(s, 'sends a request body')),
  refuse('-T --upload-file', 'uploads a file'),
  refuse('-o --output', 'writes the response to a file'),
  refuse('-O --remote-name', 'writes the response to a file', false),
  refuse('--remote-name-all', 'writes responses to files', false),
  refuse('-J --remote-header-name', 'writes the response to a file', false),
  refuse('--output-dir', 'writes files into a folder'),
  refuse('--create-dirs', 'creates folders', false),
  refuse('--create-file-mode', 'creates files'),
  refuse('--xattr', 'writes file attributes', false),
  refuse('-R --remote-time', 'changes the time of the output file', false),
  refuse('--remove-on-error', 'deletes the output file', false),
  refuse('-K --config', 'reads options from a file the policy has not seen'),
  refuse('-c --cookie-jar', 'writes cookies to a file'),
  refuse('-D --dump-header', 'writes the headers to a file'),
  refuse('--trace', 'writes a trace to a file'),
  refuse('--trace-ascii', 'writes a trace to a file'),
  refuse('--stderr', 'redirects errors to a file'),
  refuse('--libcurl', 'writes C source to a file'),
  refuse('--etag-save', 'writes an ETag to a file'),
  refuse('--etag-compare', 'reads an ETag file'),
  refuse('--hsts', 'reads and writes an HSTS cache file'),
  refuse('--alt-svc', 'reads and writes an alt-svc cache file'),
  refuse('--variable', 'reads variables from files or the environment'),
  refuse('--unix-socket', 'talks to a local socket (the Docker or containerd API) instead of the URL'),
  refuse('--abstract-unix-socket', 'talks to a local socket instead of the URL'),
  ...['-x --proxy', '--preproxy', '--socks4', '--socks4a', '--socks5', '--socks5-hostname', '--proxy-header', '--proxy-user', '-U', '--proxy-cacert', '--proxy-capath',
    '--proxy-cert', '--proxy-cert-type', '--proxy-ciphers', '--proxy-crlfile', '--proxy-key', '--proxy-key-type', '--proxy-pass', '--proxy-pinnedpubkey', '--proxy-service-name',
    '--proxy-tls13-ciphers', '--proxy-tlsauthtype', '--proxy-tlspassword', '--proxy-tlsuser', '--socks5-gssapi-service'].map((s) => refuse(s, 'sends the request through another host')),
  ...['-p --proxytunnel', '--proxy1.0', '--proxy-anyauth', '--proxy-basic', '--proxy-digest', '--proxy-negotiate', '--proxy-ntlm', '--proxy-insecure', '--proxy-ssl-allow-beast',
    '--proxy-ssl-auto-client-cert', '--proxy-tlsv1', '--socks5-basic', '--socks5-gssapi', '--socks5-gssapi-nec'].map((s) => refuse(s, 'sends the request through another host', false)),
  ...['-u --user', '--oauth2-bearer', '-b --cookie', '--netrc-file', '--aws-sigv4', '-E --cert', '--key', '--pass', '--key-type', '--cert-type', '--tlsuser', '--tlspassword',
    '--tlsauthtype', '--login-options', '--sasl-authzid', '--krb', '--service-name', '--delegation', '--mail-auth', '--ftp-account', '--ftp-alternative-to-user'].map((s) => refuse(s, 'sends credentials')),
  ...['-n --netrc', '--netrc-optional', '--negotiate', '--ntlm', '--ntlm-wb', '--digest', '--basic', '--anyauth', '--sasl-ir', '--location-trusted', '--ssl-auto-client-cert',
    '--ssl-allow-beast', '-j --junk-session-cookies'].map((s) => refuse(s, 'sends or manages credentials', false)),
  ...['--mail-from', '--mail-rcpt', '-Q --quote', '-t --telnet-option', '--engine', '--egd-file', '--random-file', '-z --time-cond', '-C --continue-at', '--doh-url',
    '--request-target', '--url-query', '-P --ftp-port', '--ftp-method', '--ftp-ssl-ccc-mode', '--tftp-blksize', '--hostpubmd5', '--hostpubsha256', '--pubkey', '--parallel-max',
    '--rate', '--trace-config', '--expand-url', '--expand-data', '--expand-header'].map((s) => (/^(--mail|-Q|-t|--engine)/.test(s) ? refuse(s, 'sends mail, server commands or loads code') : other(s, true))),
  ...['-a --append', '--ftp-create-dirs'].map((s) => refuse(s, 'writes on the server', false)),
  ...['--mail-rcpt-allowfails', '-: --next', '-Z --parallel', '--parallel-immediate', '-l --list-only', '-B --use-ascii', '--crlf', '--ftp-pasv', '--ftp-pret', '--ftp-skip-pasv-ip',
    '--ftp-ssl-ccc', '--ftp-ssl-control', '--ssl', '--ssl-reqd', '--tftp-no-options', '--tr-encoding', '--metalink', '--doh-insecure', '--doh-cert-status', '--haproxy-protocol',
    '--no-clobber', '--form-escape', '--disallow-username-in-url'].map((s) => other(s)),
]);

/** Checks a curl argv (without "curl"). */
export const checkCurl: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'curl', abbreviations: true });
  const issues = [...parsed.issues];
  const urls = [...parsed.positionals, ...usesOf(parsed, '--url').flatMap((u) => u.value ?? [])];
  for (const u of parsed.positionals) {
    const bad = httpUrl(u, 'curl');
    if (bad) issues.push(bad);
  }
  if (urls.length === 0) issues.push(invalid('curl needs an http(s) URL'));
  return { issues, reads: `curl reads ${urls[0] ?? 'a URL'} with GET or HEAD` };
};
