/**
 * Prompt lines of pasted terminal sessions (`$ kubectl get pods -n shop`, `root@host:~# df -h`,
 * `# kubectl describe pod x`, `> systemctl status nginx`) and what their command asks for.
 */

/** The tools whose output the runtime readers know. */
export type Tool = 'kubectl' | 'docker' | 'compose' | 'systemctl' | 'journalctl' | 'df' | 'free' | 'ss' | 'netstat' | 'other';

/** A command read from a prompt line. */
export interface CommandLine {
  /** 1-based line of the prompt. */
  line: number;
  /** The command as typed, without the prompt. */
  text: string;
  tool: Tool;
  /** Arguments after the tool (and after `compose` for `docker compose`), flags included. */
  args: string[];
  /** kubectl / docker / systemctl subcommand: get, describe, top, rollout, events, ps, stats, status, list-units... */
  verb?: string;
  /** kubectl resource kinds, normalized to singular lower-case (`po,svc` -> pod, service); `all` kept. */
  resources: string[];
  /** Object names given after the kinds (`describe pod cart-1`, `deploy/cart`). */
  names: string[];
  /** `-n shop`, `--namespace=shop`. */
  namespace?: string;
  allNamespaces: boolean;
  /** Single-letter flags and long flags, without values (`-ltnp` -> l t n p; `--failed`). */
  flags: Set<string>;
}

const KNOWN_TOOLS = 'kubectl|k|oc|microk8s\\s+kubectl|k3s\\s+kubectl|docker|docker-compose|podman|podman-compose|systemctl|journalctl|df|free|ss|netstat';
const SUDO = '(?:sudo\\s+(?:-\\S+\\s+)*)?';
const KNOWN_COMMAND = new RegExp(`^${SUDO}(?:${KNOWN_TOOLS})(?:\\s|$)`);
/** A command typed without a prompt: only the forms an output file plausibly starts a section with. */
const BARE_COMMAND = new RegExp(
  `^${SUDO}(?:(?:kubectl|oc|microk8s\\s+kubectl|k3s\\s+kubectl)\\s+(?:-\\S+\\s+\\S+\\s+)*(?:get|describe|top|rollout|events)\\s|` +
    `(?:docker|podman)\\s+(?:ps|stats|compose\\s+ps)\\b|(?:docker|podman)-compose\\s+ps\\b|systemctl\\s+(?:status|list-units|--failed)\\b|` +
    `(?:df|free|ss|netstat)(?:\\s+-[\\w-]+)+\\s*$|(?:df|free)\\s*$)`,
);

/**
 * The command of a prompt line, or undefined when `text` is not one. Prompts with a user, host or path
 * (`user@host:~$`, `[root@db ~]#`, `billing-01$`, `$`, `PS C:\>`) may carry any command; a bare `#` or `>`
 * prompt, or no prompt at all, only a command of a known tool.
 */
export function parsePrompt(text: string, line: number): CommandLine | undefined {
  const command = promptCommand(text);
  return command === undefined ? undefined : parseCommand(command, line);
}

function promptCommand(text: string): string | undefined {
  const t = text.trimEnd();
  let m = /^\s*\$\s*(.*)$/.exec(t) ?? /^[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#]\s*(.*)$/.exec(t) ?? /^\[[^\]\n]+\]\s?[$#]\s*(.*)$/.exec(t);
  m ??= /^PS [A-Za-z]:\\[^>]*>\s*(.*)$/.exec(t) ?? /^[\w.-]+(?::[^\s$#]*)?[$#]\s+(\S.*)$/.exec(t);
  if (m) return m[1]!;
  m = /^\s*[#>%]\s*(.+)$/.exec(t);
  if (m && KNOWN_COMMAND.test(m[1]!)) return m[1]!;
  if (BARE_COMMAND.test(t)) return t;
  return undefined;
}

/** Splits a command line into words: quotes grouped, the first command of a pipeline or `&&` list kept. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '|' || c === ';' || c === '&' || c === '>') {
      break;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

const RESOURCE_ALIASES: Record<string, string> = {
  po: 'pod', pod: 'pod', pods: 'pod',
  deploy: 'deployment', deployment: 'deployment', deployments: 'deployment',
  sts: 'statefulset', statefulset: 'statefulset', statefulsets: 'statefulset',
  ds: 'daemonset', daemonset: 'daemonset', daemonsets: 'daemonset',
  rs: 'replicaset', replicaset: 'replicaset', replicasets: 'replicaset',
  svc: 'service', service: 'service', services: 'service',
  ep: 'endpoints', endpoint: 'endpoints', endpoints: 'endpoints',
  pvc: 'persistentvolumeclaim', persistentvolumeclaim: 'persistentvolumeclaim', persistentvolumeclaims: 'persistentvolumeclaim',
  pv: 'persistentvolume', persistentvolume: 'persistentvolume', persistentvolumes: 'persistentvolume',
  no: 'node', node: 'node', nodes: 'node',
  ev: 'event', event: 'event', events: 'event',
  all: 'all',
};

/** A resource word of kubectl normalized (`deploy`, `deployments.apps` -> deployment), or the word itself. */
export function normalizeResource(word: string): string {
  const base = word.toLowerCase().split('.')[0]!;
  return RESOURCE_ALIASES[base] ?? base;
}

/** Flags of kubectl that take a value in the next word. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '--sort-by', '--field-selector', '-c', '--container', '--context', '--kubeconfig', '-f', '--filename', '--format', '-p', '--project-name', '--timeout', '--since', '-u', '--unit', '--type', '--state', '--revision']);

/** Parses the words of a command (without its prompt). */
export function parseCommand(command: string, line: number): CommandLine {
  let words = shellWords(command);
  while (words[0] === 'sudo' || /^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    words = words.slice(1);
    while (words[0]?.startsWith('-')) words = words.slice(1);
  }
  if ((words[0] === 'microk8s' || words[0] === 'k3s') && words[1] === 'kubectl') words = words.slice(1);
  const first = words[0] ?? '';
  let tool: Tool;
  let args = words.slice(1);
  if (first === 'kubectl' || first === 'k' || first === 'oc') tool = 'kubectl';
  else if ((first === 'docker' || first === 'podman') && args[0] === 'compose') {
    tool = 'compose';
    args = args.slice(1);
  } else if (first === 'docker-compose' || first === 'podman-compose') tool = 'compose';
  else if (first === 'docker' || first === 'podman') tool = 'docker';
  else if (['systemctl', 'journalctl', 'df', 'free', 'ss', 'netstat'].includes(first)) tool = first as Tool;
  else tool = 'other';

  const flags = new Set<string>();
  const positional: string[] = [];
  let namespace: string | undefined;
  let allNamespaces = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-A' || a === '--all-namespaces') {
      allNamespaces = true;
      flags.add(a.replace(/^-+/, ''));
    } else if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split('=', 2) as [string, string | undefined];
      flags.add(name);
      const v = value ?? (VALUE_FLAGS.has(`--${name}`) && tool !== 'systemctl' ? args[++i] : undefined);
      if (name === 'namespace') namespace = v;
      if (name === 'output' && v) flags.add(`o=${v}`);
    } else if (a.startsWith('-') && a.length > 1) {
      if (tool === 'kubectl' && VALUE_FLAGS.has(a.slice(0, 2)) && a.length === 2) {
        const v = args[++i];
        if (a === '-n') namespace = v;
        if (a === '-o' && v) flags.add(`o=${v}`);
      } else if ((tool === 'systemctl' || tool === 'journalctl') && /^-[nupt]$/.test(a)) {
        i++;
      } else if (tool === 'kubectl' && /^-[no]\S/.test(a)) {
        if (a[1] === 'n') namespace = a.slice(2).replace(/^=/, '');
        else flags.add(`o=${a.slice(2).replace(/^=/, '')}`);
      } else {
        for (const c of a.slice(1)) flags.add(c);
      }
    } else {
      positional.push(a);
    }
  }
  const verb = positional[0];
  const resources: string[] = [];
  const names: string[] = [];
  if (tool === 'kubectl' && verb !== undefined) {
    const rest = positional.slice(verb === 'rollout' ? 2 : 1);
    if (verb === 'rollout' && positional[1]) flags.add(`rollout=${positional[1]}`);
    for (const [i, word] of rest.entries()) {
      if (word.includes('/')) {
        const [kind, name] = word.split('/', 2) as [string, string];
        resources.push(normalizeResource(kind));
        if (name) names.push(name);
      } else if (i === 0 && verb !== 'events') {
        resources.push(...word.split(',').filter(Boolean).map(normalizeResource));
      } else {
        names.push(word);
      }
    }
  } else if (tool === 'systemctl') {
    names.push(...positional.slice(1));
  }
  const cmd: CommandLine = { line, text: command.trim(), tool, args, resources, names, allNamespaces, flags };
  if (verb !== undefined) cmd.verb = verb;
  if (namespace) cmd.namespace = namespace;
  return cmd;
}
