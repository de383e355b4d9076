/**
 * `kubectl describe` blocks of pods, deployments (and statefulsets, daemonsets), nodes, services and
 * claims, one after another: each opens with `Name:` at the start of a line and ends with its Events.
 */
import { stripPodSuffix } from '../owners';
import type { CommandLine } from './command-line';
import { child, parseDescribeTree, valueLines, valueOf, type DescribeNode } from './describe-tree';
import { isDescribeStart } from './headers';
import { readDescribeEvents } from './kubectl-events';
import { TERMINATED_REASONS } from './kubectl-get';
import type { ReadContext } from './read-context';
import type { ContainerState, NodeState, PodState, WorkloadState } from './state';
import { kubeCpuMilli, kubeMemoryBytes, parseCount, parsePercent } from './units';

/** The kinds of describe block read into state. */
export type DescribeKind = 'pod' | 'deployment' | 'statefulset' | 'daemonset' | 'node' | 'service' | 'persistentvolumeclaim' | 'other';

/** Reads the describe block that starts at 0-based `index`; returns the index after it. */
export function readDescribeBlock(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  let end = index + 1;
  while (end < lines.length && !isDescribeStart(lines[end]!) && !ctx.isBoundary(end)) end++;
  while (end > index + 1 && lines[end - 1]!.trim() === '') end--;
  const nodes = parseDescribeTree(lines, index, end);
  const kind = describeKind(nodes, ctx.command);
  const name = valueOf(nodes, 'Name');
  const namespace = valueOf(nodes, 'Namespace') || ctx.command?.namespace || undefined;
  if (kind === 'pod') ctx.state.pods.push(describePod(ctx, nodes));
  else if (kind === 'deployment' || kind === 'statefulset' || kind === 'daemonset') ctx.state.workloads.push(describeWorkload(ctx, nodes, kind));
  else if (kind === 'node') ctx.state.nodes.push(describeNode(ctx, nodes));
  else if (kind === 'service') describeService(ctx, nodes);
  else if (kind === 'persistentvolumeclaim') describeClaim(ctx, nodes);

  const events = child(nodes, 'Events');
  if (!events) {
    ctx.problems.push({ line: end, message: `kubectl describe ${kind === 'other' ? '' : `${kind} `}${name}: output cut off before its Events section` });
  } else if (events.value === '' && events.children.length > 0) {
    const object = kind === 'other' ? undefined : { kind, name };
    readDescribeEvents(ctx, events.line, object, kind === 'node' ? undefined : namespace);
  }
  return end;
}

function describeKind(nodes: DescribeNode[], command: CommandLine | undefined): DescribeKind {
  const known: DescribeKind[] = ['pod', 'deployment', 'statefulset', 'daemonset', 'node', 'service', 'persistentvolumeclaim'];
  const asked = command?.verb === 'describe' && command.resources.length === 1 ? command.resources[0] : undefined;
  if (asked && (known as string[]).includes(asked)) return asked as DescribeKind;
  const has = (key: string): boolean => child(nodes, key) !== undefined;
  if (has('Containers') && (has('Node') || has('IP') || has('Status'))) return 'pod';
  if (has('Replicas') && has('StrategyType')) return 'deployment';
  if (has('Desired Number of Nodes Scheduled')) return 'daemonset';
  if (has('Replicas') && (has('Update Strategy') || has('Pods Status')) && !has('Controlled By')) return 'statefulset';
  if ((has('Roles') || has('Taints')) && (has('Capacity') || has('System Info') || has('Unschedulable'))) return 'node';
  if (has('Selector') && has('Type') && (has('IP') || has('Port') || has('Endpoints') || has('TargetPort'))) return 'service';
  if (has('StorageClass') && (has('Access Modes') || has('Volume')) && has('Status')) return 'persistentvolumeclaim';
  return 'other';
}

function resources(node: DescribeNode | undefined): { memoryBytes?: number; cpuMilli?: number } | undefined {
  if (!node) return undefined;
  const out: { memoryBytes?: number; cpuMilli?: number } = {};
  const memory = kubeMemoryBytes(valueOf(node.children, 'memory'));
  if (memory !== undefined) out.memoryBytes = memory;
  const cpu = kubeCpuMilli(valueOf(node.children, 'cpu'));
  if (cpu !== undefined) out.cpuMilli = cpu;
  return Object.keys(out).length > 0 ? out : undefined;
}

function container(ctx: ReadContext, node: DescribeNode): ContainerState {
  const c = node.children;
  const stateNode = child(c, 'State');
  const lastNode = child(c, 'Last State');
  const reasonNode = child(stateNode?.children, 'Reason');
  const lastReasonNode = child(lastNode?.children, 'Reason');
  const telling = lastReasonNode ?? reasonNode ?? stateNode ?? node;
  const out: ContainerState = { name: node.key!, evidence: ctx.src.evidence(telling.line, telling.valueColumn || undefined, `container ${node.key}`) };
  const image = valueOf(c, 'Image');
  if (image) out.image = image;
  if (stateNode?.value) out.state = stateNode.value;
  if (reasonNode?.value) out.reason = reasonNode.value;
  const ready = valueOf(c, 'Ready');
  if (ready) out.ready = ready === 'True';
  const restarts = parseCount(valueOf(c, 'Restart Count'));
  if (restarts !== undefined) out.restarts = restarts;
  const termination = lastNode?.value === 'Terminated' ? lastNode : stateNode?.value === 'Terminated' ? stateNode : undefined;
  if (termination) {
    const t: { reason?: string; exitCode?: number; at?: string } = {};
    const reason = valueOf(termination.children, 'Reason');
    if (reason) t.reason = reason;
    const exitCode = parseCount(valueOf(termination.children, 'Exit Code'));
    if (exitCode !== undefined) t.exitCode = exitCode;
    const at = valueOf(termination.children, 'Finished');
    if (at) t.at = at;
    out.lastTermination = t;
  }
  const limits = resources(child(c, 'Limits'));
  if (limits) out.limits = limits;
  const requests = resources(child(c, 'Requests'));
  if (requests) out.requests = requests;
  return out;
}

function describePod(ctx: ReadContext, nodes: DescribeNode[]): PodState {
  const name = valueOf(nodes, 'Name');
  const containers = (child(nodes, 'Containers')?.children ?? []).filter((n) => n.key !== undefined).map((n) => container(ctx, n));
  const inits = (child(nodes, 'Init Containers')?.children ?? []).filter((n) => n.key !== undefined).map((n) => container(ctx, n));
  const phase = valueOf(nodes, 'Status').split(/\s/)[0] ?? '';
  const podReason = valueOf(nodes, 'Reason');
  const failingInit = inits.find((c) => c.state === 'Waiting' && c.reason && c.reason !== 'PodInitializing') ?? inits.find((c) => c.state === 'Terminated' && c.reason && c.reason !== 'Completed');
  const waiting = containers.find((c) => c.state === 'Waiting' && c.reason);
  const terminated = containers.find((c) => c.state === 'Terminated' && c.reason && TERMINATED_REASONS.has(c.reason));
  const status = podReason || (failingInit ? `Init:${failingInit.reason}` : (waiting?.reason ?? terminated?.reason ?? (valueOf(nodes, 'Status').startsWith('Terminating') ? 'Terminating' : phase)));
  const focus = failingInit ?? waiting ?? terminated ?? containers.find((c) => c.lastTermination || (c.restarts ?? 0) > 0) ?? containers[0];
  const statusNode = child(nodes, 'Status');
  const evidenceLine = focus && (focus.lastTermination || focus.reason) ? focus.evidence : statusNode ? ctx.src.evidence(statusNode.line, statusNode.valueColumn || undefined) : ctx.src.evidence(child(nodes, 'Name')!.line);
  const pod: PodState = { name, workload: stripPodSuffix(name), status, evidence: { ...evidenceLine, note: `pod ${name}: ${status}` }, containers: [...inits, ...containers] };
  const namespace = valueOf(nodes, 'Namespace') || ctx.command?.namespace;
  if (namespace) pod.namespace = namespace;
  if (containers.length > 0 && containers.every((c) => c.ready !== undefined)) pod.ready = { ready: containers.filter((c) => c.ready).length, total: containers.length };
  if (containers.some((c) => c.restarts !== undefined)) pod.restarts = containers.reduce((sum, c) => sum + (c.restarts ?? 0), 0);
  const node = valueOf(nodes, 'Node').split('/')[0];
  if (node && node !== '<none>') pod.node = node;
  if (focus?.state === 'Waiting' && focus.reason) pod.waitingReason = focus.reason;
  if (focus?.lastTermination) pod.lastTermination = focus.lastTermination;
  const message = valueOf(nodes, 'Message');
  if (message) pod.message = message;
  if (focus?.limits) pod.limits = focus.limits;
  if (focus?.image) pod.image = focus.image;
  return pod;
}

function conditionRows(nodes: DescribeNode[]): { type: string; status: string; reason?: string; node: DescribeNode }[] {
  const rows = (child(nodes, 'Conditions')?.children ?? []).filter((n) => n.key === undefined && !/^Type\s+Status/.test(n.value) && !/^-+(\s+-+)*$/.test(n.value));
  return rows.map((n) => {
    const [type = '', status = '', reason] = n.value.split(/\s+/);
    return { type, status, ...(reason && !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun),$/.test(reason) ? { reason } : {}), node: n };
  });
}

function describeWorkload(ctx: ReadContext, nodes: DescribeNode[], kind: 'deployment' | 'statefulset' | 'daemonset'): WorkloadState {
  const name = valueOf(nodes, 'Name');
  const kindName = { deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet' }[kind];
  const replicasNode = child(nodes, 'Replicas') ?? child(nodes, 'Desired Number of Nodes Scheduled') ?? child(nodes, 'Name')!;
  const w: WorkloadState = { kind: kindName, name, evidence: ctx.src.evidence(replicasNode.line, replicasNode.valueColumn || undefined) };
  const namespace = valueOf(nodes, 'Namespace') || ctx.command?.namespace;
  if (namespace) w.namespace = namespace;
  const replicas = valueOf(nodes, 'Replicas');
  const count = (word: string): number | undefined => parseCount(new RegExp(`(\\d+) ${word}`).exec(replicas)?.[1]);
  const pods = valueOf(nodes, 'Pods Status');
  const running = parseCount(/(\d+) Running/.exec(pods)?.[1]);
  if (kind === 'deployment') {
    const desired = count('desired');
    const available = count('available');
    if (desired !== undefined && available !== undefined) w.ready = { ready: available, total: desired };
    const updated = count('updated');
    if (updated !== undefined) w.upToDate = updated;
    if (available !== undefined) w.available = available;
  } else {
    const desired = kind === 'daemonset' ? parseCount(valueOf(nodes, 'Desired Number of Nodes Scheduled')) : count('desired');
    if (desired !== undefined && running !== undefined) w.ready = { ready: running, total: desired };
  }
  const stalled = conditionRows(nodes).find((r) => r.reason === 'ProgressDeadlineExceeded' || (r.type === 'Progressing' && r.status === 'False'));
  if (stalled) {
    w.stalled = true;
    w.rollout = `${stalled.type}=${stalled.status}${stalled.reason ? ` (${stalled.reason})` : ''}`;
    w.evidence = ctx.src.evidence(stalled.node.line, stalled.node.indent + 1, `${kindName} ${name}: ${stalled.reason ?? 'not progressing'}`);
  }
  const template = child(nodes, 'Pod Template')?.children;
  const first = (child(template, 'Containers')?.children ?? []).find((n) => n.key !== undefined);
  const image = valueOf(first?.children, 'Image');
  if (image) w.image = image;
  return w;
}

function describeNode(ctx: ReadContext, nodes: DescribeNode[]): NodeState {
  const name = valueOf(nodes, 'Name');
  const labels: Record<string, string> = {};
  for (const l of valueLines(child(nodes, 'Labels'))) {
    const eq = l.indexOf('=');
    if (eq > 0) labels[l.slice(0, eq)] = l.slice(eq + 1);
    else labels[l] = '';
  }
  const taints: NodeState['taints'] = [];
  for (const t of valueLines(child(nodes, 'Taints'))) {
    const m = /^([^=:\s]+)(?:=([^:]*))?:(\S+)$/.exec(t);
    if (m) taints.push({ key: m[1]!, ...(m[2] !== undefined ? { value: m[2] } : {}), effect: m[3]! });
  }
  const rows = conditionRows(nodes);
  const trueRows = rows.filter((r) => r.status === 'True');
  const ready = rows.find((r) => r.type === 'Ready');
  const pressure = trueRows.find((r) => r.type !== 'Ready');
  const telling = pressure?.node ?? (ready && ready.status !== 'True' ? ready.node : undefined) ?? child(nodes, 'Taints') ?? child(nodes, 'Name')!;
  const node: NodeState = { name, labels, taints, conditions: trueRows.map((r) => r.type), evidence: ctx.src.evidence(telling.line, telling.indent + 1, `node ${name}`) };
  if (ready) node.ready = ready.status === 'True';
  const unschedulable = valueOf(nodes, 'Unschedulable');
  if (unschedulable) node.unschedulable = unschedulable === 'true';
  const allocatable = resources(child(nodes, 'Allocatable'));
  if (allocatable) node.allocatable = allocatable;
  const capacity = resources(child(nodes, 'Capacity'));
  if (capacity) node.capacity = capacity;
  const allocated = child(nodes, 'Allocated resources');
  if (allocated) {
    const requests: NonNullable<NodeState['allocated']>['requests'] = {};
    const limits: NonNullable<NodeState['allocated']>['limits'] = {};
    for (const row of allocated.children) {
      const m = /^(cpu|memory)\s+(\S+)\s+\((\d+)%\)\s+(\S+)\s+\((\d+)%\)/.exec(row.value);
      if (!m) continue;
      if (m[1] === 'cpu') {
        Object.assign(requests, defined({ cpuMilli: kubeCpuMilli(m[2]!), cpuPercent: parsePercent(m[3]!) }));
        Object.assign(limits, defined({ cpuMilli: kubeCpuMilli(m[4]!), cpuPercent: parsePercent(m[5]!) }));
      } else {
        Object.assign(requests, defined({ memoryBytes: kubeMemoryBytes(m[2]!), memoryPercent: parsePercent(m[3]!) }));
        Object.assign(limits, defined({ memoryBytes: kubeMemoryBytes(m[4]!), memoryPercent: parsePercent(m[5]!) }));
      }
    }
    node.allocated = { requests, limits };
  }
  return node;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function describeService(ctx: ReadContext, nodes: DescribeNode[]): void {
  const service = valueOf(nodes, 'Name');
  const lines = nodes.filter((n) => n.key === 'Endpoints');
  if (lines.length === 0) return;
  const addresses = lines.flatMap((n) => n.value.split(/[,\n]/)).map((a) => a.trim()).filter((a) => a !== '' && a !== '<none>');
  const telling = lines.find((n) => n.value === '' || n.value === '<none>') ?? lines[0]!;
  const namespace = valueOf(nodes, 'Namespace') || ctx.command?.namespace;
  ctx.state.endpoints.push({
    service,
    addresses: [...new Set(addresses)],
    ...(namespace ? { namespace } : {}),
    evidence: ctx.src.evidence(telling.line, telling.valueColumn || undefined, addresses.length === 0 ? `service ${service} has no endpoints` : undefined),
  });
}

function describeClaim(ctx: ReadContext, nodes: DescribeNode[]): void {
  const statusNode = child(nodes, 'Status') ?? child(nodes, 'Name')!;
  const name = valueOf(nodes, 'Name');
  const namespace = valueOf(nodes, 'Namespace') || ctx.command?.namespace;
  const volume = valueOf(nodes, 'Volume');
  const capacity = kubeMemoryBytes(valueOf(nodes, 'Capacity'));
  const storageClass = valueOf(nodes, 'StorageClass');
  ctx.state.claims.push({
    name,
    status: valueOf(nodes, 'Status'),
    ...(namespace ? { namespace } : {}),
    ...(volume ? { volume } : {}),
    ...(capacity !== undefined ? { capacityBytes: capacity } : {}),
    ...(storageClass && storageClass !== '<unset>' ? { storageClass } : {}),
    evidence: ctx.src.evidence(statusNode.line, statusNode.valueColumn || undefined, `claim ${name}: ${valueOf(nodes, 'Status')}`),
  });
}
