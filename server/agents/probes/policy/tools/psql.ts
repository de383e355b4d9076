/**
 * psql and pg_isready. psql runs exactly one `-c` whose SQL is a single read (sql-read-only.ts), with
 * connection and formatting flags. Refused: scripts (`-f`), output and log files (`-o`, `-L`), variables
 * (`-v`/`--set`, interpolated after the policy read the SQL), psql meta-commands in the SQL (`\!`, `\copy`,
 * `\o`, `\w`, `\gexec`, ...), and connection strings carrying options (`options=-c ...`), service files or
 * key files. psql without `-c` would read commands from stdin or a terminal and is left out.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, optionalValue, parseArgv, refuseFlag, usesOf, withValue, type FlagDef } from '../argv-parser';
import { hostName, integer, port, text, word } from '../values';
import { sqlIssues } from '../sql-read-only';

const refuse = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue });
const CONNINFO_KEYS = /^(host|hostaddr|port|dbname|user|sslmode|connect_timeout|application_name|target_session_attrs|gssencmode|keepalives\w*)$/;

/** A database name, a postgres:// URI or a key=value connection string holding only plain connection keys. */
export const dbTarget = (v: string, flag: string): Issue | undefined => {
  if (/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(v)) return undefined;
  const uri = /^postgres(?:ql)?:\/\/[^\s?#]*(?:\?(.*))?$/.exec(v);
  const pairs = uri ? (uri[1] ?? '').split('&').filter(Boolean).map((p) => p.split('=')[0]!) : /^(\s*\w+\s*=\s*('[^']*'|\S+))+\s*$/.test(v) ? [...v.matchAll(/(\w+)\s*=/g)].map((m) => m[1]!) : undefined;
  if (!pairs) return invalid(`${flag} "${v}" is not a database name or connection string`);
  const bad = pairs.find((k) => !CONNINFO_KEYS.test(k));
  return bad ? hard(`${flag} connection parameter ${bad} is refused (it can set session options, or read service, password or key files)`) : undefined;
};

const PSQL = new FlagTable([
  withValue('-c --command', text),
  withValue('-d --dbname', dbTarget),
  withValue('-h --host', (v, f) => (v.startsWith('/') ? undefined : hostName(v, f))),
  withValue('-p --port', port),
  withValue('-U --username', word),
  withValue('-P --pset', (v, f) => (/^[a-z_]+(=.*)?$/s.test(v) ? undefined : invalid(`${f} "${v}" is not a print option`))),
  withValue('-F --field-separator', text),
  withValue('-R --record-separator', text),
  withValue('-T --table-attr', text),
  optionalValue('-? --help'),
  ...['-l --list', '-V --version', '-X --no-psqlrc', '-1 --single-transaction', '-a --echo-all', '-b --echo-errors', '-e --echo-queries', '-E --echo-hidden', '-n --no-readline',
    '-q --quiet', '-S --single-line', '-A --no-align', '--csv', '-H --html', '-t --tuples-only', '-x --expanded', '-z --field-separator-zero', '-0 --record-separator-zero',
    '-w --no-password'].map(bool),
  refuse('-f --file', 'runs a script file the policy has not seen'),
  refuse('-o --output', 'writes query results to a file'),
  refuse('-L --log-file', 'writes a log file'),
  refuse('-v --set --variable', 'sets variables interpolated into the SQL after the policy read it'),
  refuseFlag('-s --single-step', 'asks on a terminal before each command', { severity: 'unlisted' }),
  refuseFlag('-W --password', 'prompts for a password on a terminal', { severity: 'unlisted' }),
]);

/** Checks a psql argv (without "psql"). */
export const checkPsql: ToolCheck = (args) => {
  const parsed = parseArgv(args, PSQL, { tool: 'psql', abbreviations: true });
  const issues = [...parsed.issues];
  const commands = usesOf(parsed, '--command');
  if (commands.length > 1) issues.push(invalid('psql takes one -c (each -c runs on its own)'));
  for (const c of commands) if (c.value !== undefined) issues.push(...sqlIssues(c.value, `psql ${c.spelled}`));
  const [db, user, extra] = parsed.positionals;
  if (db !== undefined) {
    const bad = dbTarget(db, 'psql');
    if (bad) issues.push(bad);
  }
  if (user !== undefined && word(user, 'psql')) issues.push(invalid(`psql "${user}" is not a user name`));
  if (extra !== undefined) issues.push(invalid(`psql "${extra}" is one argument too many`));
  if (commands.length === 0 && !['--list', '--version', '--help'].some((f) => hasFlag(parsed, f))) {
    issues.push(unlisted('psql without -c reads commands from standard input or a terminal'));
  }
  return { issues, reads: commands.length ? 'psql runs one read-only query' : 'psql lists databases or prints its version' };
};

const PG_ISREADY = new FlagTable([
  withValue('-d --dbname', dbTarget),
  withValue('-h --host', (v, f) => (v.startsWith('/') ? undefined : hostName(v, f))),
  withValue('-p --port', port),
  withValue('-U --username', word),
  withValue('-t --timeout', integer()),
  ...['-q --quiet', '-V --version', '-? --help'].map(bool),
]);

/** Checks a pg_isready argv (without "pg_isready"). */
export const checkPgIsReady: ToolCheck = (args) => {
  const parsed = parseArgv(args, PG_ISREADY, { tool: 'pg_isready', abbreviations: true });
  const issues = [...parsed.issues, ...parsed.positionals.map((p) => invalid(`pg_isready "${p}" is an argument it does not take`))];
  return { issues, reads: 'pg_isready checks that the server accepts connections' };
};
