/**
 * Tools that report the host's state and cannot write: ps, df, free, uptime, ss, netstat, ping, and nginx's
 * configuration test (`-t`, `-T`). What is refused: ps's BSD `e` (other processes' environments hold
 * secrets), ss `-K` (kills sockets) and `-D` (writes a file), nginx without a test flag (it would start the
 * server) or with `-s` (signals it), `-g`, `-c` or `-p` (another configuration, whose load_module runs code) or
 * `-e` (writes its error log elsewhere); ping `-f` (floods); repeating modes that never end (`free -s` without `-c`, `netstat -c`, `ss -E`, ping
 * without `-c` or `-w`) are left out.
 */
import { hard, invalid, unlisted, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, optionalValue, parseArgv, refuseFlag, withValue, neverEnds } from '../argv-parser';
import { integer, selector, text, word } from '../values';

/** A ps word after which the next word is a value (a format, a user, a pid list), not options. */
const PS_TAKES_VALUE = /^(-[A-Za-z]*[oOCuUgGpstq]|[A-Za-z]*[oOpUtkq]|--(format|sort|pid|ppid|user|group|cols|columns|lines|rows|sid|tty|quick-pid|Group|User))$/;

/** ps: its three option syntaxes are not getopt's, so words are checked one by one. */
export const checkPs: ToolCheck = (args) => {
  const issues = args.flatMap((a, i) => {
    if (!/^[-A-Za-z0-9_,:=%+.]+$/.test(a)) return [invalid(`ps "${a}" is not a ps option, format or process id`)];
    const isValue = i > 0 && PS_TAKES_VALUE.test(args[i - 1]!);
    if (!isValue && /^[A-Za-z]+$/.test(a) && a.includes('e')) return [hard(`ps ${a}: the BSD option e shows other processes’ environments, which hold secrets`)];
    return [];
  });
  return { issues, reads: 'ps lists processes' };
};

const DF = new FlagTable([
  ...['-a --all', '-h --human-readable', '-H --si', '-i --inodes', '-k', '-l --local', '--no-sync', '--sync', '-P --portability', '--total', '-T --print-type', '-v', '--help', '--version'].map(bool),
  withValue('-B --block-size', word),
  withValue('-t --type', word),
  withValue('-x --exclude-type', word),
  optionalValue('--output', selector),
]);

/** df: usage of file systems. */
export const checkDf: ToolCheck = (args) => {
  const parsed = parseArgv(args, DF, { tool: 'df', abbreviations: true });
  return { issues: parsed.issues, reads: 'df reads file system usage' };
};

const FREE = new FlagTable([
  ...['-b --bytes', '-k --kilo', '-m --mega', '-g --giga', '--tera', '--peta', '--kibi', '--mebi', '--gibi', '--tebi', '--pebi', '-h --human', '--si', '-l --lohi', '-L --line',
    '-t --total', '-v --committed', '-w --wide', '--help', '-V --version'].map(bool),
  withValue('-s --seconds', text),
  withValue('-c --count', integer({ max: 100 })),
]);

/** free: memory usage. */
export const checkFree: ToolCheck = (args) => {
  const parsed = parseArgv(args, FREE, { tool: 'free', abbreviations: true });
  const issues = [...parsed.issues, ...parsed.positionals.map((p) => invalid(`free "${p}" is an argument it does not take`))];
  if (hasFlag(parsed, '--seconds') && !hasFlag(parsed, '--count')) issues.push(unlisted('free -s without -c never ends', { kind: 'flag', word: '--seconds' }));
  return { issues, reads: 'free reads memory usage' };
};

const UPTIME = new FlagTable(['-p --pretty', '-s --since', '-h --help', '-V --version'].map(bool));

/** uptime: load and time since boot. */
export const checkUptime: ToolCheck = (args) => {
  const parsed = parseArgv(args, UPTIME, { tool: 'uptime', abbreviations: true });
  return { issues: [...parsed.issues, ...parsed.positionals.map((p) => invalid(`uptime "${p}" is an argument it does not take`))], reads: 'uptime reads load and uptime' };
};

const SS = new FlagTable([
  ...['-h --help', '-V --version', '-n --numeric', '-r --resolve', '-a --all', '-l --listening', '-o --options', '-e --extended', '-m --memory', '-p --processes', '-T --threads',
    '-i --info', '--tipcinfo', '-s --summary', '--tos', '--cgroup', '-b --bpf', '-Z --context', '-z --contexts', '-4 --ipv4', '-6 --ipv6', '-0 --packet', '-t --tcp', '-M --mptcp',
    '-S --sctp', '-u --udp', '-d --dccp', '-w --raw', '-x --unix', '--tipc', '--vsock', '--xdp', '-H --no-header', '-O --oneline', '--inet-sockopt'].map(bool),
  withValue('-f --family', word),
  withValue('-A --query --socket', selector),
  refuseFlag('-K --kill', 'closes sockets'),
  refuseFlag('-D --diag', 'writes raw socket information to a file', { takesValue: true }),
  refuseFlag('-F --filter', 'reads a filter from a file', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('-N --net', 'switches network namespace', { takesValue: true, severity: 'unlisted' }),
  neverEnds('-E --events'),
]);

/** ss: sockets, with an optional filter expression (`state established '( dport = :443 )'`). */
export const checkSs: ToolCheck = (args) => {
  const parsed = parseArgv(args, SS, { tool: 'ss', abbreviations: true });
  const issues = [...parsed.issues];
  for (const p of parsed.positionals) if (!/^[A-Za-z0-9:._()=!<>[\]*/,-]+$/.test(p)) issues.push(invalid(`ss "${p}" is not part of a socket filter`));
  return { issues, reads: 'ss lists sockets' };
};

const NETSTAT = new FlagTable([
  ...['-r --route', '-i --interfaces', '-g --groups', '-s --statistics', '-M --masquerade', '-v --verbose', '-W --wide', '-n --numeric', '--numeric-hosts', '--numeric-ports',
    '--numeric-users', '-N --symbolic', '-e --extend', '-p --programs', '-o --timers', '-l --listening', '-a --all', '-F --fib', '-C --cache', '-Z --context', '-t --tcp', '-u --udp',
    '-U --udplite', '-S --sctp', '-w --raw', '-x --unix', '-4 --inet', '-6 --inet6', '-h --help', '-V --version'].map(bool),
  withValue('-A --protocol', word),
  neverEnds('-c --continuous'),
]);

/** netstat: sockets, routes, interfaces, statistics. */
export const checkNetstat: ToolCheck = (args) => {
  const parsed = parseArgv(args, NETSTAT, { tool: 'netstat', abbreviations: true });
  return { issues: [...parsed.issues, ...parsed.positionals.map((p) => invalid(`netstat "${p}" is an argument it does not take`))], reads: 'netstat lists sockets' };
};

const PING = new FlagTable([
  ...['-4', '-6', '-n', '-q', '-v', '-a', '-A', '-D', '-O', '-U', '-R', '-r', '-L', '-V', '-h'].map(bool),
  withValue('-c', integer()),
  withValue('-w', integer()),
  withValue('-W', text),
  withValue('-i', (v, f) => (/^\d+(\.\d+)?$/.test(v) && Number(v) >= 0.2 ? undefined : invalid(`${f} "${v}" is not an interval of at least 0.2 seconds`))),
  withValue('-s', integer({ max: 65507 })),
  withValue('-t', integer({ max: 255 })),
  withValue('-I', word),
  withValue('-M', word),
  withValue('-Q', word),
  withValue('-p', word),
  refuseFlag('-f', 'floods the network'),
  refuseFlag('-l', 'sends a burst of packets', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('-b', 'pings a broadcast address', { severity: 'unlisted' }),
]);

/** ping: a bounded number of echo requests (-c or -w) to one host. */
export const checkPing: ToolCheck = (args) => {
  const parsed = parseArgv(args, PING, { tool: 'ping' });
  const issues = [...parsed.issues];
  const [target, extra] = parsed.positionals;
  if (target === undefined) issues.push(invalid('ping needs a host'));
  else if (!/^[A-Za-z0-9_][A-Za-z0-9_.:%-]*$/.test(target)) issues.push(invalid(`ping "${target}" is not a host name or address`));
  if (extra !== undefined) issues.push(invalid(`ping "${extra}" is one argument too many`));
  if (!hasFlag(parsed, '-c') && !hasFlag(parsed, '-w')) issues.push(unlisted('ping without -c or -w never ends', { kind: 'flag', word: '-c' }));
  return { issues, reads: 'ping measures reachability and loss' };
};

const NGINX = new FlagTable([
  ...['-t', '-T', '-v', '-V', '-q', '-h', '-?'].map(bool),
  refuseFlag('-s', 'sends a signal to the running server (stop, quit, reload, reopen)', { takesValue: true }),
  refuseFlag('-g', 'adds global directives (load_module runs code)', { takesValue: true }),
  refuseFlag('-e', 'writes the error log to another file', { takesValue: true }),
  refuseFlag('-p', 'changes where relative includes and modules are read from (load_module runs code)', { takesValue: true }),
  refuseFlag('-c', 'tests another configuration file, whose load_module directives run code', { takesValue: true }),
]);

/** nginx: only the configuration test (-t, -T) and the version. */
export const checkNginx: ToolCheck = (args) => {
  const parsed = parseArgv(args, NGINX, { tool: 'nginx' });
  const issues = [...parsed.issues, ...parsed.positionals.map((p) => invalid(`nginx "${p}" is an argument it does not take`))];
  if (!['-t', '-T', '-v', '-V', '-h', '-?'].some((f) => hasFlag(parsed, f))) issues.push(hard('nginx without -t or -T starts the server'));
  return { issues, reads: 'nginx tests its configuration' };
};
