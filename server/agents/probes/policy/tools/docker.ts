/**
 * docker: the commands that read containers, images, networks and volumes (ps, logs, inspect, stats
 * --no-stream, top, port, diff, history, images, version, info, system df, the ls/inspect of each object
 * group). Every command that runs, stops, removes, copies, builds, pulls, pushes, logs in or prunes is
 * refused by name, and an unknown command is a CLI plugin and refused too. Global flags (only before the
 * command, as docker reads them) that switch the daemon or its credentials (`-H`/`--host`, `--context`,
 * `--config`, `--tls*`) are refused unless a settings entry names them. `logs -f` and `stats` without
 * `--no-stream` never end and are left out.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, neverEnds, parseArgv, refuseFlag, withValue, type FlagDef, type ParsedArgv } from '../argv-parser';
import { integer, text, timeSpec, word } from '../values';
import { checkPs } from './host-state';

const override = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue, severity: 'unlisted' });
const GLOBAL = new FlagTable([
  bool('-D --debug'),
  withValue('-l --log-level', word),
  bool('-v --version'),
  override('-H --host', 'talks to another Docker daemon'),
  override('-c --context', 'switches to another Docker context and its credentials'),
  override('--config', 'reads another client configuration and its credentials'),
  override('--tls', 'changes the daemon’s TLS settings', false),
  override('--tlsverify', 'changes the daemon’s TLS settings', false),
  override('--tlscacert', 'changes the daemon’s TLS settings'),
  override('--tlscert', 'presents another client certificate'),
  override('--tlskey', 'presents another client key'),
]);

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/;
const names =
  (min: number, max = Infinity) =>
  (p: ParsedArgv): Issue[] => {
    if (p.positionals.length < min) return [invalid('docker needs a container, image or object name')];
    if (p.positionals.length > max) return [invalid(`docker "${p.positionals[max]}" is one argument too many`)];
    return p.positionals.filter((n) => !NAME.test(n)).map((n) => invalid(`docker "${n}" is not a container, image or object name`));
  };

/** A reading command: its flags, what it reads and the check of its positionals. */
interface Leaf {
  flags: FlagDef[];
  reads: string;
  positionals: (p: ParsedArgv) => Issue[];
}
type Entry = Leaf | { children: Record<string, Entry> } | { refused: string } | { unlisted: string };

const FORMAT = withValue('-f --format', text);
const FILTER = withValue('-f --filter', text);
const ps: Leaf = {
  flags: [bool('-a --all'), FILTER, withValue('--format', text), withValue('-n --last', integer()), bool('-l --latest'), bool('--no-trunc'), bool('-q --quiet'), bool('-s --size')],
  reads: 'docker ps lists containers',
  positionals: names(0, 0),
};
const logs: Leaf = {
  flags: [bool('--details'), neverEnds('-f --follow'), withValue('--since', timeSpec), withValue('--until', timeSpec), withValue('-n --tail', (v, f) => (v === 'all' ? undefined : integer()(v, f))), bool('-t --timestamps')],
  reads: 'docker logs reads a container’s logs',
  positionals: names(1, 1),
};
const inspect: Leaf = { flags: [FORMAT, bool('-s --size'), withValue('--type', word)], reads: 'docker inspect reads objects', positionals: names(1) };
const stats: Leaf = {
  flags: [bool('-a --all'), withValue('--format', text), bool('--no-stream'), bool('--no-trunc')],
  reads: 'docker stats reads resource usage',
  positionals: (p) => [...names(0)(p), ...(hasFlag(p, '--no-stream') ? [] : [unlisted('docker stats without --no-stream never ends', { kind: 'flag', word: '--stream' })])],
};
const top: Leaf = { flags: [], reads: 'docker top lists a container’s processes', positionals: (p) => [...names(1, 1)({ ...p, positionals: p.positionals.slice(0, 1) }), ...checkPs(p.positionals.slice(1)).issues] };
const port: Leaf = { flags: [], reads: 'docker port reads port mappings', positionals: names(1, 2) };
const diff: Leaf = { flags: [], reads: 'docker diff lists a container’s changed files', positionals: names(1, 1) };
const history: Leaf = { flags: [bool('-H --human'), bool('--no-trunc'), bool('-q --quiet'), withValue('--format', text)], reads: 'docker history reads image layers', positionals: names(1, 1) };
const images: Leaf = {
  flags: [bool('-a --all'), bool('--digests'), FILTER, withValue('--format', text), bool('--no-trunc'), bool('-q --quiet'), bool('--tree')],
  reads: 'docker images lists images',
  positionals: names(0, 1),
};
const list = (what: string): Leaf => ({ flags: [FILTER, withValue('--format', text), bool('--no-trunc'), bool('-q --quiet')], reads: `docker ${what} ls lists ${what}s`, positionals: names(0, 0) });
const objectInspect = (what: string): Leaf => ({ flags: [FORMAT, bool('-v --verbose')], reads: `docker ${what} inspect reads ${what}s`, positionals: names(1) });
const refuseAll = (why: string, cmds: string): Record<string, Entry> => Object.fromEntries(cmds.split(/\s+/).map((c) => [c, { refused: why }]));

const CONTAINER_WRITES = 'run exec rm kill stop start restart pause unpause cp create commit export update rename attach prune';
const COMMANDS: Record<string, Entry> = {
  ps, logs, inspect, stats, top, port, diff, history, images,
  version: { flags: [FORMAT], reads: 'docker version reads versions', positionals: names(0, 0) },
  info: { flags: [FORMAT], reads: 'docker info reads the daemon’s state', positionals: names(0, 0) },
  container: { children: { ls: ps, list: ps, ps, logs, inspect, stats, top, port, diff, ...refuseAll('changes containers', CONTAINER_WRITES), wait: { unlisted: 'waits for a container to stop' } } },
  image: { children: { ls: images, list: images, inspect: objectInspect('image'), history, ...refuseAll('changes images', 'rm prune pull push build load save import tag') } },
  network: { children: { ls: list('network'), list: list('network'), inspect: objectInspect('network'), ...refuseAll('changes networks', 'create rm prune connect disconnect') } },
  volume: { children: { ls: list('volume'), list: list('volume'), inspect: objectInspect('volume'), ...refuseAll('changes volumes', 'create rm prune update') } },
  system: {
    children: {
      df: { flags: [bool('-v --verbose'), withValue('--format', text)], reads: 'docker system df reads disk usage', positionals: names(0, 0) },
      info: { flags: [FORMAT], reads: 'docker system info reads the daemon’s state', positionals: names(0, 0) },
      prune: { refused: 'deletes containers, images, networks and volumes' },
      'dial-stdio': { refused: 'proxies the daemon’s socket' },
      events: { unlisted: 'never ends' },
    },
  },
  context: { children: { ls: list('context'), list: list('context'), inspect: objectInspect('context'), show: { flags: [], reads: 'docker context show reads the current context', positionals: names(0, 0) }, ...refuseAll('changes Docker contexts', 'create rm update use import export') } },
  ...refuseAll('runs, changes or removes containers', CONTAINER_WRITES),
  ...refuseAll('changes images', 'rmi build buildx builder pull push load save import tag'),
  ...refuseAll('manages a swarm, its services or secrets', 'swarm service stack secret config node'),
  ...refuseAll('changes the daemon or credentials', 'login logout plugin trust manifest checkpoint init debug'),
  compose: { unlisted: 'reads compose files the policy has not seen' },
  events: { unlisted: 'never ends' },
  search: { unlisted: 'queries a registry' },
  wait: { unlisted: 'waits for a container to stop' },
};

/** Checks a docker argv (without "docker"). */
export const checkDocker: ToolCheck = (args) => {
  const head = parseArgv(args, GLOBAL, {
    tool: 'docker',
    pflag: true,
    stopAtPositional: true,
    unknownFlag: (flag) => invalid(`${flag} before the command is not a global flag`),
  });
  const issues = [...head.issues];
  let rest = head.positionals;
  let entry: Entry = { children: COMMANDS };
  let path = '';
  while ('children' in entry) {
    const w = rest[0];
    if (w === undefined) return { issues: [...issues, hasFlag(head, '--version') ? [] : invalid(`docker${path} needs a command`)].flat(), reads: 'docker reads its version' };
    if (w.startsWith('-')) return { issues: [...issues, invalid(`docker${path} ${w}: flags go after the command`)], reads: '' };
    const children: Record<string, Entry> = entry.children;
    if (!Object.hasOwn(children, w)) {
      return { issues: [...issues, path ? invalid(`docker${path} ${w} is not a command the policy knows`) : hard(`docker ${w} is not a docker command: docker would run the CLI plugin docker-${w}`)], reads: '' };
    }
    entry = children[w]!;
    path += ` ${w}`;
    rest = rest.slice(1);
  }
  if ('refused' in entry) return { issues: [...issues, hard(`docker${path} ${entry.refused}`)], reads: '' };
  if ('unlisted' in entry) {
    const parsed = parseArgv(rest, new FlagTable([]), { tool: `docker${path}`, pflag: true });
    return { issues: [...issues, unlisted(`docker${path} ${entry.unlisted}`, { kind: 'subcommand', word: path.trim() }), ...parsed.issues], reads: `docker${path} reads` };
  }
  const parsed = parseArgv(rest, new FlagTable(entry.flags), { tool: `docker${path}`, pflag: true });
  return { issues: [...issues, ...parsed.issues, ...entry.positionals(parsed)], reads: entry.reads };
};
