/**
 * redis-cli: one command from the read list (redis-commands.ts), in any case, with connection flags.
 * redis-cli reads its flags up to the first word that is not one; that word and everything after it is the
 * command. Refused: writing and admin commands, CONFIG GET of password parameters, ACL LIST (password
 * hashes), and the modes that run scripts, read commands from stdin or write files (`--eval`, `-x`, `--pipe`,
 * `--rdb`, `--cluster`). Keyspace scans (`--bigkeys`, `--memkeys`) and modes that never end (`--stat`,
 * `--latency`, `MONITOR`) are left out of the allowlist; settings may allow them.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, parseArgv, refuseFlag, withValue, type FlagDef } from '../argv-parser';
import { hostName, integer, port, readPath, text, word } from '../values';
import { ACL_SECRETS, READ, REFUSED, REFUSED_SUBCOMMANDS, redisGlobMatches, SECRET_PARAMETERS, UNLISTED } from './redis-commands';

const refuse = (spec: string, why: string, takesValue = false): FlagDef => refuseFlag(spec, why, { takesValue });
const other = (spec: string, why: string, takesValue = false): FlagDef => refuseFlag(spec, why, { takesValue, severity: 'unlisted' });

const TABLE = new FlagTable([
  withValue('-h', hostName),
  withValue('-p', port),
  withValue('-s', readPath),
  withValue('-a', text),
  withValue('--user', word),
  withValue('--pass', text),
  withValue('-u', (v, f) => (/^rediss?:\/\/\S+$/.test(v) ? undefined : invalid(`${f} "${v}" is not a redis:// URI`))),
  withValue('-n', integer()),
  withValue('-d', text),
  withValue('-D', text),
  withValue('--sni', hostName),
  withValue('--cacert', readPath),
  withValue('--cacertdir', readPath),
  withValue('--tls-ciphers', text),
  withValue('--tls-ciphersuites', text),
  withValue('--pattern', text),
  withValue('--quoted-pattern', text),
  withValue('--count', integer()),
  ...['-2', '-3', '-c', '-e', '--tls', '--insecure', '--raw', '--no-raw', '--quoted-input', '--csv', '--json', '--quoted-json', '--no-auth-warning', '--verbose', '--help',
    '--version', '--scan', '--show-pushes'].map(bool),
  refuse('-x', 'takes the last argument from standard input, which the policy has not seen'),
  refuse('-X', 'takes an argument from standard input, which the policy has not seen', true),
  refuse('--eval', 'runs a Lua script', true),
  refuse('--ldb', 'debugs a Lua script'),
  refuse('--ldb-sync-mode', 'debugs a Lua script'),
  refuse('--pipe', 'sends raw commands from standard input'),
  refuse('--pipe-timeout', 'sends raw commands from standard input', true),
  refuse('--rdb', 'writes a dump of the dataset to a file', true),
  refuse('--functions-rdb', 'writes a dump of the functions to a file', true),
  refuse('--cluster', 'manages the cluster (create, fix, reshard, rebalance, import)', true),
  refuse('--lru-test', 'writes test keys', true),
  refuse('--cert', 'presents a client certificate (credentials)', true),
  refuse('--key', 'presents a client key (credentials)', true),
  other('--askpass', 'prompts for a password'),
  other('-r', 'repeats the command', true),
  other('-i', 'repeats the command at an interval', true),
  ...['--stat', '--latency', '--latency-history', '--latency-dist', '--replica', '--slave'].map((s) => other(s, 'never ends')),
  other('--intrinsic-latency', 'runs a CPU test for a while', true),
  ...['--bigkeys', '--memkeys', '--hotkeys', '--keystats'].map((s) => other(s, 'scans the whole keyspace (heavy on a large instance)')),
  other('--memkeys-samples', 'scans the whole keyspace (heavy on a large instance)', true),
]);

const SCANS = ['--scan', '--bigkeys', '--memkeys', '--hotkeys', '--keystats', '--stat', '--latency', '--latency-history', '--latency-dist', '--intrinsic-latency', '--replica', '--slave'];

/** The problems of the command words (the first is the command). */
function commandIssues(words: readonly string[]): Issue[] {
  const cmd = words[0]!.toUpperCase();
  const sub = words[1]?.toUpperCase();
  const label = `redis-cli ${words[0]}`;
  if (Object.hasOwn(REFUSED, cmd)) return [hard(`${label} ${REFUSED[cmd]}`)];
  if (Object.hasOwn(UNLISTED, cmd)) return [unlisted(`${label} ${UNLISTED[cmd]}`, { kind: 'subcommand', word: cmd })];
  if (!Object.hasOwn(READ, cmd)) return [unlisted(`${label} is not on the read list`, { kind: 'subcommand', word: cmd })];
  const allowed = READ[cmd]!;
  if (allowed === true) return [];
  if (sub === undefined) return [invalid(`${label} needs a subcommand`)];
  const subLabel = `${label} ${words[1]}`;
  const refused = REFUSED_SUBCOMMANDS[cmd]?.[sub];
  if (refused) return [hard(`${subLabel} ${refused}`)];
  if (cmd === 'ACL' && ACL_SECRETS.has(sub)) return [hard(`${subLabel} shows password hashes`)];
  if (cmd === 'ACL' && sub === 'LOG' && words[2]?.toUpperCase() === 'RESET') return [hard(`${subLabel} RESET clears the ACL log`)];
  if (!allowed.includes(sub)) {
    if (cmd === 'CLUSTER') return [hard(`${subLabel} changes the cluster`)];
    return [unlisted(`${subLabel} is not on the read list`, { kind: 'subcommand', word: `${cmd} ${sub}` })];
  }
  if (cmd === 'CONFIG') {
    return words.slice(2).flatMap((p) => {
      const secret = SECRET_PARAMETERS.find((s) => redisGlobMatches(p, s));
      return secret ? [hard(`${subLabel} ${p} returns the password in ${secret}`)] : [];
    });
  }
  return [];
}

/** Checks a redis-cli argv (without "redis-cli"). */
export const checkRedisCli: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'redis-cli', stopAtPositional: true });
  const issues = [...parsed.issues];
  if (parsed.positionals.length > 0) issues.push(...commandIssues(parsed.positionals));
  else if (!SCANS.some((s) => hasFlag(parsed, s)) && !hasFlag(parsed, '--help') && !hasFlag(parsed, '--version')) {
    issues.push(unlisted('redis-cli without a command starts an interactive session'));
  }
  const [cmd, sub] = parsed.positionals.map((w) => w.toUpperCase());
  const what = cmd === undefined ? 'a keyspace scan' : Array.isArray(READ[cmd]) && sub !== undefined ? `${cmd} ${sub}` : cmd;
  return { issues, reads: `redis-cli ${what} reads server state` };
};
