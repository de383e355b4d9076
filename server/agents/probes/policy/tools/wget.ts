/**
 * wget: GET and HEAD of http(s) URLs, with the response on stdout (`-O -`) or not fetched at all (`--spider`);
 * wget saves to a file by default, so one of the two is required. Refused like curl: other methods, bodies,
 * files written (logs, cookies, WARC, HSTS), recursion, `-e` wgetrc commands, credentials, other schemes.
 * wget, through getopt_long, accepts unambiguous abbreviations of long options.
 */
import { hard, invalid, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, parseArgv, refuseFlag, usesOf, withValue, type FlagDef } from '../argv-parser';
import { httpUrl, integer, readPath, seconds, text } from '../values';

const refuse = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue });
const other = (spec: string, takesValue = false): FlagDef => refuseFlag(spec, 'is not on the allowlist', { takesValue, severity: 'unlisted' });
const method = (v: string, flag: string) => (/^(GET|HEAD)$/i.test(v) ? undefined : hard(`${flag} ${v} sends a method other than GET or HEAD`));
const header = (v: string, flag: string) => (/^\s*(proxy-)?authorization\s*:|^\s*cookie\s*:/i.test(v) ? hard(`${flag} sends credentials (${v.split(':')[0]})`) : undefined);

const TABLE = new FlagTable([
  ...['-q --quiet', '-v --verbose', '--no-verbose', '-S --server-response', '--spider', '--no-check-certificate', '--https-only', '--content-on-error', '-d --debug',
    '--no-dns-cache', '--no-cache', '--no-cookies', '--no-hsts', '--no-config', '--no-http-keep-alive', '--no-iri', '--ignore-length', '--show-progress', '--retry-connrefused',
    '-4 --inet4-only', '-6 --inet6-only', '--no-proxy', '--no-netrc', '--no-glob', '-V --version', '-h --help', '--no-clobber'].map(bool),
  withValue('-n', (v, f) => (/^[vcdHp]$/.test(v) ? undefined : invalid(`${f}${v} is not a wget -n option`))),
  withValue('-O --output-document', (v, f) => (v === '-' ? undefined : hard(`${f} ${v} writes the response to a file (use -O -)`))),
  withValue('-T --timeout', seconds),
  withValue('--connect-timeout', seconds),
  withValue('--read-timeout', seconds),
  withValue('--dns-timeout', seconds),
  withValue('-t --tries', integer()),
  withValue('--waitretry', integer()),
  withValue('--retry-on-http-error', text),
  withValue('--header', header),
  withValue('-U --user-agent', text),
  withValue('--referer', text),
  withValue('--max-redirect', integer()),
  withValue('--method', method),
  withValue('--prefer-family', text),
  withValue('--ca-certificate', readPath),
  withValue('--ca-directory', readPath),
  withValue('--crl-file', readPath),
  withValue('--secure-protocol', text),
  withValue('--ciphers', text),
  withValue('--pinnedpubkey', text),
  withValue('--progress', text),
  withValue('--report-speed', text),
  withValue('--bind-address', text),
  withValue('--local-encoding', text),
  withValue('--remote-encoding', text),
  withValue('--compression', text),
  refuse('-e --execute', 'runs a wgetrc command'),
  refuse('--config', 'reads options from a file the policy has not seen'),
  refuse('--use-askpass', 'runs a program'),
  refuse('-o --output-file', 'writes its log to a file'),
  refuse('-a --append-output', 'writes its log to a file'),
  refuse('-i --input-file', 'reads URLs the policy has not seen from a file'),
  refuse('-P --directory-prefix', 'writes files into a folder'),
  refuse('-l --level', 'downloads recursively'),
  ...['-r --recursive', '-m --mirror', '-p --page-requisites'].map((s) => refuse(s, 'downloads recursively into files', false)),
  ...['-k --convert-links', '-K --backup-converted', '-N --timestamping', '-c --continue', '-x --force-directories', '--delete-after', '-E --adjust-extension', '--unlink',
    '--preserve-permissions', '--xattr', '--keep-session-cookies', '--save-headers'].map((s) => refuse(s, 'writes or changes files', false)),
  refuse('-b --background', 'runs in the background and writes wget-log', false),
  ...['--save-cookies', '--load-cookies', '--warc-file', '--warc-header', '--warc-max-size', '--warc-cdx', '--warc-dedup', '--warc-tempdir', '--rejected-log', '--hsts-file', '--backups'].map((s) =>
    refuse(s, 'reads or writes a file'),
  ),
  ...['--post-data', '--post-file', '--body-data', '--body-file'].map((s) => refuse(s, 'sends a request body')),
  ...['--user', '--password', '--http-user', '--http-password', '--ftp-user', '--ftp-password', '--proxy-user', '--proxy-password', '--certificate', '--private-key',
    '--certificate-type', '--private-key-type'].map((s) => refuse(s, 'sends credentials')),
  refuse('--ask-password', 'sends credentials', false),
  ...['-B --base', '-Q --quota', '-w --wait', '--random-wait', '-A --accept', '-R --reject', '-D --domains', '-I --include-directories', '-X --exclude-directories',
    '--accept-regex', '--reject-regex', '--regex-type', '--exclude-domains', '--follow-tags', '--ignore-tags', '--cut-dirs', '--default-page', '--restrict-file-names',
    '--limit-rate', '--start-pos'].map((s) => other(s, true)),
  ...['-F --force-html', '--content-disposition', '--trust-server-names', '-L --relative', '-H --span-hosts', '--no-parent', '--follow-ftp', '--ignore-case', '--auth-no-challenge',
    '--no-passive-ftp', '--retr-symlinks', '--strict-comments', '--no-remove-listing', '--no-use-server-timestamps', '--no-if-modified-since', '--protocol-directories',
    '--no-host-directories', '--no-directories', '--convert-file-only', '--ftps-implicit', '--ftps-resume-ssl', '--ftps-clear-data-connection', '--ftps-fallback-to-ftp',
    '--no-warc-compression', '--no-warc-digests', '--no-warc-keep-log'].map((s) => other(s)),
]);

/** Checks a wget argv (without "wget"). */
export const checkWget: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'wget', abbreviations: true });
  const issues = [...parsed.issues];
  for (const u of parsed.positionals) {
    const bad = httpUrl(u, 'wget');
    if (bad) issues.push(bad);
  }
  if (parsed.positionals.length === 0) issues.push(invalid('wget needs an http(s) URL'));
  if (!hasFlag(parsed, '--spider') && !usesOf(parsed, '--output-document').some((u) => u.value === '-')) {
    issues.push(hard('wget saves the response to a file (add -O - or --spider)'));
  }
  return { issues, reads: `wget reads ${parsed.positionals[0] ?? 'a URL'} with GET or HEAD` };
};
