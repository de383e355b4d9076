/**
 * openssl: `s_client` (connect and show the server's certificates), `x509` (print fields of a certificate
 * file), `verify` and `version`. openssl reads `-opt`, `--opt` and `-opt=value`, one option a word, up to the
 * first word that is not one. Refused: every option that writes a file (`-out`, `-sess_out`, `-keylogfile`,
 * `-msgfile`, `-writerand`), signs or presents credentials (`-signkey`, `-CA`, `-cert`, `-key`, `-pass`,
 * `-psk`), loads code (`-engine`, `-provider`), and the subcommands that create keys, requests,
 * certificates or encrypted files (req, genrsa, genpkey, ca, enc, pkcs12, ...). openssl runs an unknown
 * subcommand as a cipher or digest (`openssl aes-256-cbc -out f`), so unknown subcommands are refused too.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, refuseFlag, withValue, type FlagDef } from '../argv-parser';
import { hostName, hostPort, integer, readPath, text, word } from '../values';

const refuse = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue });
const other = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue, severity: 'unlisted' });

const COMMON_REFUSED = [
  refuse('-out', 'writes a file'),
  refuse('-engine', 'loads an engine (code)'),
  refuse('-provider', 'loads a provider (code)'),
  refuse('-provider-path', 'loads providers (code)'),
  refuse('-writerand', 'writes a file'),
  other('-rand', 'reads random data from files'),
  refuse('-passin', 'reads a password (credentials)'),
  refuse('-pass', 'reads a password (credentials)'),
  bool('-help'),
];
const VERIFY_FLAGS = [
  withValue('-CAfile', readPath), withValue('-CApath', readPath), withValue('-CAstore', text), ...['-no-CAfile', '-no-CApath', '-no-CAstore', '-x509_strict', '-partial_chain',
    '-trusted_first', '-check_ss_sig', '-crl_check', '-crl_check_all', '-ignore_critical', '-issuer_checks', '-policy_check', '-explicit_policy', '-inhibit_any', '-inhibit_map',
    '-no_check_time', '-no_alt_chains', '-use_deltas', '-extended_crl', '-suiteB_128', '-suiteB_128_only', '-suiteB_192', '-allow_proxy_certs'].map(bool),
  withValue('-verify_hostname', hostName), withValue('-verify_ip', text), withValue('-verify_email', text), withValue('-verify_depth', integer()), withValue('-purpose', word),
  withValue('-attime', integer()), withValue('-policy', text), withValue('-auth_level', integer()), withValue('-verify_name', word),
];

const S_CLIENT = new FlagTable([
  ...COMMON_REFUSED, ...VERIFY_FLAGS,
  withValue('-connect', hostPort), withValue('-host', hostName), withValue('-port', integer()), withValue('-servername', hostName), withValue('-verify', integer()),
  withValue('-alpn', text), withValue('-nextprotoneg', text), withValue('-starttls', word), withValue('-xmpphost', hostName), withValue('-name', hostName), withValue('-sigalgs', text),
  withValue('-client_sigalgs', text), withValue('-curves', text), withValue('-groups', text), withValue('-cipher', text), withValue('-ciphersuites', text), withValue('-keymatexport', text),
  withValue('-keymatexportlen', integer()), withValue('-maxfraglen', integer()), withValue('-max_send_frag', integer()), withValue('-split_send_frag', integer()),
  withValue('-max_pipelines', integer()), withValue('-read_buf', integer()), withValue('-bind', hostPort), withValue('-mtu', integer()), withValue('-min_protocol', word),
  withValue('-max_protocol', word), withValue('-dane_tlsa_domain', hostName), withValue('-dane_tlsa_rrdata', text), withValue('-CRL', readPath), withValue('-CRLform', word),
  ...['-noservername', '-brief', '-showcerts', '-verify_return_error', '-verify_quiet', '-status', '-msg', '-state', '-debug', '-prexit', '-quiet', '-no_ign_eof', '-crlf', '-nbio',
    '-4', '-6', '-tls1', '-tls1_1', '-tls1_2', '-tls1_3', '-no_tls1', '-no_tls1_1', '-no_tls1_2', '-no_tls1_3', '-no_ssl3', '-dtls', '-dtls1', '-dtls1_2', '-ct', '-noct', '-reconnect',
    '-tlsextdebug', '-nocommands', '-legacy_renegotiation', '-no_renegotiation', '-legacy_server_connect', '-no_legacy_server_connect', '-security_debug', '-security_debug_verbose',
    '-no_ticket', '-serverpref', '-prefer_no_dhe_kex', '-ignore_unexpected_eof', '-no_middlebox', '-enable_pha', '-trace', '-strict', '-showcerts', '-no_comp', '-comp', '-nbio_test',
    '-bugs', '-no_etm', '-no_ems', '-no_tx_cert_comp', '-no_rx_cert_comp', '-ktls', '-sctp', '-fallback_scsv', '-async', '-noservername'].map(bool),
  ...['-cert', '-key', '-cert_chain', '-chainCAfile', '-chainCApath', '-chainCAstore', '-psk', '-psk_identity', '-psk_session', '-srpuser', '-srppass', '-proxy_user', '-proxy_pass',
    '-certform', '-keyform', '-xkey', '-xcert', '-xchain', '-ssl_client_engine'].map((s) => refuse(s, 'presents credentials')),
  refuse('-sess_out', 'writes the session to a file'),
  refuse('-keylogfile', 'writes the TLS secrets to a file'),
  refuse('-msgfile', 'writes protocol messages to a file'),
  refuse('-early_data', 'sends a file’s contents to the server'),
  refuse('-unix', 'talks to a local socket'),
  other('-proxy', 'connects through another host'),
  other('-sess_in', 'reads a session file'),
  other('-requestCAfile', 'reads a file'),
  other('-ign_eof', 'keeps the connection open until the time limit', false),
]);

const X509 = new FlagTable([
  ...COMMON_REFUSED,
  withValue('-in', readPath), withValue('-inform', word), withValue('-outform', word), withValue('-ext', text), withValue('-checkend', integer()), withValue('-checkhost', hostName),
  withValue('-checkemail', text), withValue('-checkip', text), withValue('-nameopt', text), withValue('-certopt', text), withValue('-dateopt', word),
  ...['-noout', '-dates', '-startdate', '-enddate', '-subject', '-issuer', '-text', '-fingerprint', '-sha1', '-sha256', '-sha384', '-sha512', '-md5', '-serial', '-hash',
    '-subject_hash', '-issuer_hash', '-subject_hash_old', '-issuer_hash_old', '-ocsp_uri', '-ocspid', '-email', '-purpose', '-pubkey', '-modulus', '-alias', '-nocert',
    '-trustout', '-C', '-next_serial', '-ext_text'].map(bool),
  ...['-signkey', '-key', '-CA', '-CAkey', '-CAserial', '-set_serial', '-days', '-extfile', '-extensions', '-keyform', '-CAform', '-CAkeyform', '-sigopt', '-vfyopt',
    '-force_pubkey', '-subj', '-set_issuer', '-setalias', '-addtrust', '-addreject', '-not_before', '-not_after', '-copy_extensions'].map((s) => refuse(s, 'signs or changes a certificate')),
  ...['-req', '-x509toreq', '-new', '-CAcreateserial', '-preserve_dates', '-clrtrust', '-clrreject', '-badsig', '-clrext', '-selfsign'].map((s) => refuse(s, 'signs or changes a certificate', false)),
]);

const VERIFY = new FlagTable([...COMMON_REFUSED, ...VERIFY_FLAGS, withValue('-untrusted', readPath), withValue('-trusted', readPath), withValue('-CRLfile', readPath),
  ...['-show_chain', '-verbose', '-crl_download'].map(bool)]);
const VERSION = new FlagTable(['-a', '-v', '-b', '-o', '-f', '-p', '-d', '-e', '-c', '-r', '-help'].map(bool));

const SUBCOMMANDS: Record<string, { table: FlagTable; reads: string; files?: boolean }> = {
  s_client: { table: S_CLIENT, reads: 'openssl s_client reads a server’s TLS handshake and certificates' },
  x509: { table: X509, reads: 'openssl x509 reads a certificate' },
  verify: { table: VERIFY, reads: 'openssl verify checks a certificate chain', files: true },
  version: { table: VERSION, reads: 'openssl version reads its version' },
};
const READS_UNLISTED = new Set(['crl', 'ciphers', 'list', 'errstr', 'asn1parse', 'sess_id', 'help', 'ocsp', 'crl2pkcs7', 'nseq', 'prime']);
const WRITES: Record<string, string> = Object.fromEntries(
  ['req', 'genrsa', 'genpkey', 'gendsa', 'gendh', 'dhparam', 'dsaparam', 'ecparam', 'ca', 'enc', 'dgst', 'rsa', 'ec', 'dsa', 'pkey', 'pkeyparam', 'pkcs12', 'pkcs8', 'pkcs7', 'rand',
    's_server', 's_time', 'ts', 'cms', 'smime', 'srp', 'spkac', 'engine', 'pkeyutl', 'rsautl', 'kdf', 'mac', 'passwd', 'storeutl', 'fipsinstall', 'speed', 'cmp', 'info', 'base64']
    .map((c) => [c, 'creates keys, requests, certificates or encrypted files (or loads code)']),
);

/** Checks an openssl argv (without "openssl"). */
export const checkOpenssl: ToolCheck = (args) => {
  const [sub, ...rest] = args;
  if (sub === undefined) return { issues: [unlisted('openssl without a subcommand starts an interactive prompt')], reads: '' };
  const known = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!known) {
    if (Object.hasOwn(WRITES, sub)) return { issues: [hard(`openssl ${sub} ${WRITES[sub]}`)], reads: '' };
    if (!READS_UNLISTED.has(sub)) return { issues: [hard(`openssl ${sub} is not a subcommand the policy knows (openssl runs unknown names as ciphers or digests, which write files)`)], reads: '' };
  }
  const table = known?.table ?? new FlagTable(COMMON_REFUSED);
  const issues: Issue[] = known ? [] : [unlisted(`openssl ${sub} is not on the allowlist`, { kind: 'subcommand', word: sub })];
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (positionals.length > 0 || !a.startsWith('-') || a === '-' || a === '--') {
      if (a !== '--' || positionals.length > 0) positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const spelled = eq < 0 ? a : a.slice(0, eq);
    const name = spelled.replace(/^--/, '-');
    const def = table.get(name);
    const label = `openssl ${sub} ${spelled}`;
    let value = eq < 0 ? undefined : a.slice(eq + 1);
    if (def?.takesValue && value === undefined) {
      if (i + 1 < rest.length) value = rest[++i]!;
      else issues.push(invalid(`${label} needs a value`));
    }
    const issue = !def
      ? unlisted(`${label} is not an option the policy knows`, value === undefined ? { kind: 'flag', word: name } : { kind: 'flag', word: name, value })
      : def.refuse
        ? def.refuse(label, value)
        : def.takesValue && value !== undefined
          ? def.check?.(value, label)
          : value !== undefined
            ? invalid(`${label} takes no value`)
            : undefined;
    if (issue) issues.push(issue);
  }
  for (const p of positionals) {
    const bad = known?.files ? readPath(p, `openssl ${sub}`) : invalid(`openssl ${sub} "${p}" is an argument it does not take`);
    if (bad) issues.push(bad);
  }
  return { issues, reads: known?.reads ?? `openssl ${sub} reads` };
};
