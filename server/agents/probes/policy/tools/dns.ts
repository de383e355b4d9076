/**
 * Name resolution: getent (hosts, ahosts, services, ... but never shadow or gshadow), dig, nslookup and host.
 * They only ask resolvers; what is refused is reading password databases, signing with TSIG keys given on the
 * command line or in files, batch files the policy has not seen, and nslookup's interactive mode.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, parseArgv, refuseFlag, withValue } from '../argv-parser';
import { hostName, integer, port, word } from '../values';

const NAME = /^[A-Za-z0-9_.:%@+*-]+$/;
const nameIssue = (tool: string, v: string): Issue | undefined => (NAME.test(v) ? undefined : invalid(`${tool} "${v}" is not a name or address`));

const GETENT_DATABASES = new Set(['hosts', 'ahosts', 'ahostsv4', 'ahostsv6', 'services', 'protocols', 'networks', 'passwd', 'group', 'initgroups', 'netgroup', 'rpc', 'ethers', 'aliases']);
const GETENT = new FlagTable([withValue('-s --service', word), ...['-i --no-idn', '-A --no-addrconfig', '-? --help', '--usage', '-V --version'].map(bool)]);

/** getent DATABASE [KEY...]. */
export const checkGetent: ToolCheck = (args) => {
  const parsed = parseArgv(args, GETENT, { tool: 'getent', abbreviations: true });
  const issues = [...parsed.issues];
  const [db, ...keys] = parsed.positionals;
  if (db === undefined) issues.push(invalid('getent needs a database such as hosts'));
  else if (/^g?shadow$/.test(db)) issues.push(hard(`getent ${db} reads password hashes`));
  else if (!GETENT_DATABASES.has(db)) issues.push(unlisted(`getent ${db} is not a database the policy knows`, { kind: 'subcommand', word: db }));
  for (const k of keys) {
    const bad = nameIssue('getent', k);
    if (bad) issues.push(bad);
  }
  return { issues, reads: `getent ${db ?? ''} reads name service entries`.replace('  ', ' ') };
};

const DIG = new FlagTable([
  ...['-4', '-6', '-m', '-u', '-r', '-h', '-v', '-i'].map(bool),
  withValue('-x', (v, f) => nameIssue(f, v)),
  withValue('-p', port),
  withValue('-t', word),
  withValue('-c', word),
  withValue('-q', (v, f) => nameIssue(f, v)),
  withValue('-b', (v, f) => nameIssue(f, v)),
  refuseFlag('-f', 'reads queries from a file the policy has not seen', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('-k', 'signs with a TSIG key file (credentials)', { takesValue: true }),
  refuseFlag('-y', 'carries a TSIG key on the command line (credentials)', { takesValue: true }),
]);

/** dig [@server] [name] [type] [class] [+option...]. */
export const checkDig: ToolCheck = (args) => {
  const parsed = parseArgv(args, DIG, { tool: 'dig' });
  const issues = [...parsed.issues];
  for (const p of parsed.positionals) {
    if (p.startsWith('@')) {
      const bad = hostName(p.slice(1), 'dig server');
      if (bad) issues.push(bad);
    } else if (p.startsWith('+')) {
      if (!/^\+[a-z0-9-]+(=[A-Za-z0-9.:_/-]*)?$/.test(p)) issues.push(invalid(`dig "${p}" is not a query option`));
    } else {
      const bad = nameIssue('dig', p);
      if (bad) issues.push(bad);
    }
  }
  return { issues, reads: 'dig queries DNS' };
};

const NSLOOKUP_VALUE = /^-(type|query|querytype|q|port|timeout|retry|domain|class|cl|ndots|srchlist)=[A-Za-z0-9.:_/-]+$/;
const NSLOOKUP_BOOL = /^-(no)?(debug|d2|vc|recurse|search|defname|fail|ignoretc)$/;

/** nslookup [-option...] name [server]; without a name it is interactive. */
export const checkNslookup: ToolCheck = (args) => {
  const issues: Issue[] = [];
  const positionals: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a !== '-') {
      if (!NSLOOKUP_VALUE.test(a) && !NSLOOKUP_BOOL.test(a)) issues.push(unlisted(`nslookup ${a} is not an option the policy knows`, { kind: 'flag', word: a.split('=')[0]! }));
    } else positionals.push(a);
  }
  const [name, server, extra] = positionals;
  if (name === undefined || name === '-') issues.push(unlisted('nslookup without a name starts an interactive session'));
  else {
    const bad = nameIssue('nslookup', name);
    if (bad) issues.push(bad);
  }
  if (server !== undefined) {
    const bad = hostName(server, 'nslookup server');
    if (bad) issues.push(bad);
  }
  if (extra !== undefined) issues.push(invalid(`nslookup "${extra}" is one argument too many`));
  return { issues, reads: 'nslookup queries DNS' };
};

const HOST = new FlagTable([
  ...['-a', '-A', '-C', '-d', '-l', '-r', '-s', '-T', '-U', '-v', '-V', '-w', '-4', '-6', '-i'].map(bool),
  withValue('-c', word),
  withValue('-N', integer()),
  withValue('-R', integer()),
  withValue('-t', word),
  withValue('-W', integer()),
  refuseFlag('-m', 'turns on memory debugging', { takesValue: true, severity: 'unlisted' }),
]);

/** host [options] name [server]. */
export const checkHost: ToolCheck = (args) => {
  const parsed = parseArgv(args, HOST, { tool: 'host' });
  const issues = [...parsed.issues];
  const [name, server, extra] = parsed.positionals;
  if (name === undefined) issues.push(invalid('host needs a name'));
  else {
    const bad = nameIssue('host', name);
    if (bad) issues.push(bad);
  }
  if (server !== undefined) {
    const bad = hostName(server, 'host server');
    if (bad) issues.push(bad);
  }
  if (extra !== undefined) issues.push(invalid(`host "${extra}" is one argument too many`));
  return { issues, reads: 'host queries DNS' };
};
