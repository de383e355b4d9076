/**
 * kubectl: the commands that only read the cluster (get, describe, logs, events, top, auth can-i,
 * api-resources, api-versions, version, explain, cluster-info, rollout status|history, config view and its
 * listings). Every writing command is refused by name; a word kubectl does not know is a plugin (a
 * `kubectl-<word>` binary from $PATH) and is refused too. Global flags that swap the cluster or the
 * credentials (`--server`, `--kubeconfig`, `--token`, `--as`, `--context`, ...) are refused unless a settings
 * entry names them.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, neverEnds, parseArgv, refuseFlag, withValue, type FlagDef, type ParsedArgv } from '../argv-parser';
import { duration, integer, k8sLabel, selector, text, timeSpec, word } from '../values';
import { objectNameIssue, outputFormat, readOneObject, readResources, resourceTypeIssue, secretValuesIssue } from './kubectl-resources';

const override = (spec: string, why: string, takesValue = true): FlagDef => refuseFlag(spec, why, { takesValue, severity: 'unlisted' });

const GLOBAL = new FlagTable([
  withValue('-n --namespace', k8sLabel),
  withValue('--request-timeout', duration),
  withValue('-v --v', integer({ max: 6 })),
  withValue('--log-flush-frequency', duration),
  bool('--match-server-version'),
  bool('--warnings-as-errors'),
  bool('--disable-compression'),
  override('--kubeconfig', 'reads another kubeconfig and its credentials'),
  override('-s --server', 'sends the credentials to another API server'),
  override('--token', 'replaces the credentials'),
  override('--as', 'impersonates another user'),
  override('--as-group', 'impersonates another group'),
  override('--as-uid', 'impersonates another user'),
  override('--user', 'switches to other credentials'),
  override('--username', 'replaces the credentials'),
  override('--password', 'replaces the credentials'),
  override('--context', 'switches to another context and its credentials'),
  override('--cluster', 'switches to another cluster'),
  override('--certificate-authority', 'trusts another certificate authority'),
  override('--client-certificate', 'replaces the credentials'),
  override('--client-key', 'replaces the credentials'),
  override('--tls-server-name', 'changes the server name TLS checks'),
  override('--insecure-skip-tls-verify', 'turns off the server’s certificate check', false),
  override('--cache-dir', 'moves the discovery cache'),
  override('--kuberc', 'reads another kubectl preferences file'),
  refuseFlag('--profile', 'writes a profile file', { takesValue: true }),
  refuseFlag('--profile-output', 'writes a profile file', { takesValue: true }),
]);

const OUTPUT = withValue('-o --output', outputFormat);
const SELECTOR = withValue('-l --selector', selector);
const ALL_NAMESPACES = bool('-A --all-namespaces');
const NO_HEADERS = bool('--no-headers');
const TEMPLATE = [withValue('--template', text), bool('--allow-missing-template-keys'), bool('--show-managed-fields')];
const FROM_FILES = [
  refuseFlag('-f --filename', 'reads objects from files or URLs', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('-k --kustomize', 'builds objects from a kustomization', { takesValue: true, severity: 'unlisted' }),
  bool('-R --recursive'),
];
const WATCH = neverEnds('-w --watch');

/** A command kubectl runs: its flags, what it reads, and the check of its positionals (none by default). */
interface Leaf {
  flags: FlagDef[];
  reads: string;
  positionals?: (p: ParsedArgv) => Issue[];
}
/** A reading command the allowlist leaves out; a settings entry may allow it, never its `refusedFlags`. */
interface UnlistedCommand {
  unlisted: string;
  refusedFlags?: FlagDef[];
}
type Entry = Leaf | { children: Record<string, Entry> } | { refused: string } | UnlistedCommand;

const writes = (why = 'writes to the cluster'): Entry => ({ refused: why });
const noPositionals = (p: ParsedArgv): Issue[] => (p.positionals.length ? [invalid(`kubectl "${p.positionals[0]}" is an argument this command does not take`)] : []);
const atMostOneName = (p: ParsedArgv): Issue[] =>
  p.positionals.length > 1 ? [invalid(`kubectl "${p.positionals[1]}" is one argument too many`)] : p.positionals.flatMap((n) => objectNameIssue(n) ?? []);

const TOP_POD: Leaf = {
  flags: [ALL_NAMESPACES, SELECTOR, withValue('--field-selector', selector), NO_HEADERS, bool('--containers'), withValue('--sort-by', word), bool('--sum'), bool('--use-protocol-buffers')],
  reads: 'kubectl top pod reads resource usage',
  positionals: atMostOneName,
};
const TOP_NODE: Leaf = {
  flags: [SELECTOR, NO_HEADERS, withValue('--sort-by', word), bool('--show-capacity'), bool('--use-protocol-buffers')],
  reads: 'kubectl top node reads resource usage',
  positionals: atMostOneName,
};

const COMMANDS: Record<string, Entry> = {
  get: {
    flags: [OUTPUT, SELECTOR, withValue('--field-selector', selector), ALL_NAMESPACES, NO_HEADERS, ...TEMPLATE, ...FROM_FILES, WATCH, neverEnds('--watch-only'), bool('--show-labels'),
      withValue('-L --label-columns', selector), withValue('--sort-by', text), withValue('--chunk-size', integer()), bool('--ignore-not-found'), bool('--show-kind'),
      bool('--server-print'), bool('--output-watch-events'), withValue('--subresource', word),
      refuseFlag('--raw', 'reads any API path, Secrets included', { takesValue: true })],
    reads: 'kubectl get reads from the cluster',
    positionals: (p) => {
      const { types, issues } = readResources(p.positionals);
      const secret = secretValuesIssue(types, p);
      return secret ? [secret, ...issues] : issues;
    },
  },
  describe: {
    flags: [SELECTOR, ALL_NAMESPACES, ...FROM_FILES, withValue('--chunk-size', integer()), bool('--show-events')],
    reads: 'kubectl describe reads from the cluster',
    positionals: (p) => readResources(p.positionals).issues,
  },
  logs: {
    flags: [withValue('-c --container', k8sLabel), withValue('--tail', integer({ allowMinusOne: true })), withValue('--since', duration), withValue('--since-time', timeSpec),
      bool('-p --previous'), bool('--timestamps'), bool('--all-containers'), bool('--all-pods'), bool('--prefix'), SELECTOR, withValue('--max-log-requests', integer()),
      withValue('--limit-bytes', integer()), bool('--ignore-errors'), withValue('--pod-running-timeout', duration), neverEnds('-f --follow'),
      override('--insecure-skip-tls-verify-backend', 'turns off the kubelet’s certificate check', false)],
    reads: 'kubectl logs reads container logs',
    positionals: (p) => {
      if (p.positionals.length === 0) return [];
      const [object, container, extra] = p.positionals;
      const issues = readOneObject([object!], 1);
      const badContainer = container === undefined ? undefined : k8sLabel(container, 'kubectl logs container');
      if (badContainer) issues.push(badContainer);
      if (extra !== undefined) issues.push(invalid(`kubectl "${extra}" is one argument too many`));
      return issues;
    },
  },
  events: {
    flags: [ALL_NAMESPACES, withValue('--for', (v) => readOneObject([v], 1)[0]), withValue('--types', (v, f) => (/^[A-Za-z,]+$/.test(v) ? undefined : invalid(`${f} "${v}" is not a list of event types`))),
      OUTPUT, NO_HEADERS, ...TEMPLATE, WATCH, withValue('--chunk-size', integer())],
    reads: 'kubectl events reads events',
    positionals: noPositionals,
  },
  top: { children: { pod: TOP_POD, pods: TOP_POD, po: TOP_POD, node: TOP_NODE, nodes: TOP_NODE, no: TOP_NODE } },
  auth: {
    children: {
      'can-i': {
        flags: [ALL_NAMESPACES, bool('--list'), NO_HEADERS, bool('-q --quiet'), withValue('--subresource', word)],
        reads: 'kubectl auth can-i asks the API server about a permission',
        positionals: (p) => {
          const [verb, resource, name, extra] = p.positionals;
          const issues: Issue[] = [];
          if (verb !== undefined && !/^[a-z*]+$/.test(verb)) issues.push(invalid(`kubectl "${verb}" is not a verb`));
          if (resource !== undefined && !resource.startsWith('/')) issues.push(...readResources([resource]).issues);
          if (resource?.startsWith('/') && !/^\/[\w./*-]*$/.test(resource)) issues.push(invalid(`kubectl "${resource}" is not a URL path`));
          const badName = name === undefined ? undefined : objectNameIssue(name);
          if (badName) issues.push(badName);
          if (extra !== undefined) issues.push(invalid(`kubectl "${extra}" is one argument too many`));
          return issues;
        },
      },
      whoami: { flags: [OUTPUT], reads: 'kubectl auth whoami reads the current identity', positionals: noPositionals },
      reconcile: writes('writes RBAC objects to the cluster'),
    },
  },
  'api-resources': {
    flags: [withValue('--api-group', (v, f) => (/^[a-z0-9.-]*$/.test(v) ? undefined : invalid(`${f} "${v}" is not an API group`))), bool('--cached'), withValue('--categories', selector),
      bool('--namespaced'), NO_HEADERS, OUTPUT, withValue('--sort-by', word), withValue('--verbs', selector)],
    reads: 'kubectl api-resources reads the API discovery',
    positionals: noPositionals,
  },
  'api-versions': { flags: [], reads: 'kubectl api-versions reads the API discovery', positionals: noPositionals },
  version: { flags: [bool('--client'), OUTPUT], reads: 'kubectl version reads versions', positionals: noPositionals },
  explain: {
    flags: [withValue('--api-version', word), withValue('-o --output', (v, f) => (/^plaintext(-openapiv2)?$/.test(v) ? undefined : invalid(`${f} "${v}" is not an explain format`))), bool('--recursive')],
    reads: 'kubectl explain reads the API schema',
    positionals: (p) =>
      p.positionals.length === 1 ? (resourceTypeIssue(p.positionals[0]!) ? [invalid(`kubectl "${p.positionals[0]}" is not a resource or field path`)] : []) : [invalid('kubectl explain takes one resource or field path')],
  },
  'cluster-info': {
    children: {
      '': { flags: [], reads: 'kubectl cluster-info reads the cluster’s endpoints', positionals: noPositionals },
      dump: { unlisted: 'dumps every object and log of the cluster', refusedFlags: [refuseFlag('--output-directory', 'writes files', { takesValue: true })] },
    },
  },
  rollout: {
    children: {
      status: {
        flags: [...FROM_FILES, SELECTOR, withValue('--revision', integer()), withValue('--timeout', duration), bool('-w --watch')],
        reads: 'kubectl rollout status reads a rollout’s progress',
        positionals: (p) => readOneObject(p.positionals, 2),
      },
      history: {
        flags: [...FROM_FILES, SELECTOR, withValue('--revision', integer()), OUTPUT, ...TEMPLATE],
        reads: 'kubectl rollout history reads a rollout’s revisions',
        positionals: (p) => readOneObject(p.positionals, 2),
      },
      restart: writes('restarts the pods of a workload'),
      undo: writes('rolls a workload back'),
      pause: writes('pauses a rollout'),
      resume: writes('resumes a rollout'),
    },
  },
  config: {
    children: {
      view: {
        flags: [bool('--minify'), bool('--merge'), OUTPUT, ...TEMPLATE, refuseFlag('--raw', 'prints the kubeconfig’s credentials'), refuseFlag('--flatten', 'embeds certificates and keys in the output')],
        reads: 'kubectl config view reads the kubeconfig with its credentials redacted',
        positionals: noPositionals,
      },
      'get-contexts': { flags: [OUTPUT, NO_HEADERS], reads: 'kubectl config get-contexts lists the kubeconfig’s contexts', positionals: (p) => p.positionals.flatMap((n) => objectNameIssue(n) ?? []) },
      'current-context': { flags: [], reads: 'kubectl config current-context reads the kubeconfig', positionals: noPositionals },
      'get-clusters': { flags: [], reads: 'kubectl config get-clusters lists the kubeconfig’s clusters', positionals: noPositionals },
      'get-users': { flags: [], reads: 'kubectl config get-users lists the kubeconfig’s users', positionals: noPositionals },
      ...Object.fromEntries(
        ['set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'use', 'delete-cluster', 'delete-context', 'delete-user', 'rename-context'].map((c) => [c, writes('writes the kubeconfig')]),
      ),
    },
  },
  apply: writes(),
  create: writes(),
  delete: writes('deletes objects from the cluster'),
  edit: writes(),
  patch: writes(),
  replace: writes(),
  scale: writes('changes the replicas of a workload'),
  autoscale: writes('creates an autoscaler'),
  label: writes('changes the labels of objects'),
  annotate: writes('changes the annotations of objects'),
  set: writes('changes objects in the cluster'),
  taint: writes('changes the taints of nodes'),
  expose: writes('creates a service'),
  run: writes('starts a pod'),
  exec: writes('runs a command in a container'),
  attach: writes('attaches to a running container'),
  cp: writes('copies files into or out of a container'),
  'port-forward': writes('opens a tunnel into the cluster'),
  proxy: writes('opens a proxy to the API server'),
  drain: writes('evicts the pods of a node'),
  cordon: writes('changes the scheduling of a node'),
  uncordon: writes('changes the scheduling of a node'),
  debug: writes('starts a debugging container or pod'),
  certificate: writes('approves or denies certificate requests'),
  diff: writes('runs an external diff program on a server-side dry run'),
  wait: { unlisted: 'waits on a condition for as long as it takes' },
  kustomize: { unlisted: 'builds manifests from local files or remote repositories', refusedFlags: [refuseFlag('-o --output', 'writes files', { takesValue: true })] },
  plugin: { unlisted: 'lists or inspects plugins on $PATH' },
  completion: { unlisted: 'prints shell completion code' },
  alpha: { unlisted: 'runs alpha features' },
  options: { unlisted: 'prints help' },
  help: { unlisted: 'prints help' },
};

/** Splits at the first word that is not a global flag or its value; a non-global flag before it is refused. */
function splitAtCommand(args: readonly string[], path: string): { before: string[]; word?: string; after: string[]; issue?: Issue } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { before: args.slice(0, i), after: args.slice(i + 1), issue: invalid(`kubectl${path} -- before a subcommand`) };
    if (!a.startsWith('-') || a === '-') return { before: args.slice(0, i), word: a, after: args.slice(i + 1) };
    const name = a.startsWith('--') ? a.split('=')[0]! : a.slice(0, 2);
    const def = GLOBAL.get(name);
    if (!def) return { before: args.slice(0, i), after: args.slice(i), issue: invalid(`kubectl${path} ${name} before the subcommand is not a global flag`) };
    const attached = a.startsWith('--') ? a.includes('=') : a.length > 2;
    if (def.takesValue && !attached) i++;
  }
  return { before: [...args], after: [] };
}

/** Checks a kubectl argv (without "kubectl"). */
export const checkKubectl: ToolCheck = (args) => {
  let entry: Entry = { children: COMMANDS };
  let path = '';
  let rest = [...args];
  const before: string[] = [];
  while ('children' in entry) {
    const split = splitAtCommand(rest, path);
    before.push(...split.before);
    if (split.issue) return { issues: [split.issue], reads: '' };
    const children: Record<string, Entry> = entry.children;
    const w = split.word;
    const next: Entry | undefined = w === undefined ? children[''] : Object.hasOwn(children, w) ? children[w] : undefined;
    if (!next) {
      if (w === undefined) return { issues: [invalid(`kubectl${path} needs a subcommand`)], reads: '' };
      if (path === '') return { issues: [hard(`kubectl ${w} is not a kubectl command: kubectl would run the plugin kubectl-${w} from $PATH`)], reads: '' };
      return { issues: [invalid(`kubectl${path} ${w} is not a subcommand the policy knows`)], reads: '' };
    }
    path += w === undefined ? '' : ` ${w}`;
    rest = split.after;
    entry = next;
  }
  if ('refused' in entry) return { issues: [hard(`kubectl${path} ${entry.refused}`)], reads: '' };
  if ('unlisted' in entry) {
    const parsed = parseArgv([...before, ...rest], GLOBAL.with(entry.refusedFlags ?? []), { tool: `kubectl${path}`, pflag: true });
    return { issues: [unlisted(`kubectl${path} ${entry.unlisted}`, { kind: 'subcommand', word: path.trim() }), ...parsed.issues], reads: `kubectl${path} reads from the cluster` };
  }
  const parsed = parseArgv([...before, ...rest], GLOBAL.with(entry.flags), { tool: `kubectl${path}`, pflag: true });
  return { issues: [...parsed.issues, ...(entry.positionals ?? noPositionals)(parsed)], reads: entry.reads };
};
