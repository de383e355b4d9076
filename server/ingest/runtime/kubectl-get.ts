/**
 * Tables of `kubectl get`: pods (plain, `-o wide`, `-A`), deployments, statefulsets, daemonsets,
 * replicasets, services, endpoints, claims, volumes and nodes, alone or mixed (`get svc,endpoints`,
 * `get all`) with `kind/name` rows.
 */
import { stripPodSuffix } from '../owners';
import type { TableKind } from './headers';
import { namespaceOf, type ReadContext } from './read-context';
import type { ClaimState, EndpointsState, NodeState, PodState, WorkloadState } from './state';
import { cell, cellColumn, readTable, type TableOptions, type TableRow } from './table';
import { kubeMemoryBytes, parseCount } from './units';

/** The kubectl get tables read here. */
export type KubectlGetKind = Extract<
  TableKind,
  'pods' | 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets' | 'services' | 'endpoints' | 'claims' | 'volumes' | 'nodes' | 'kubectl-other'
>;

/** Container waiting reasons that `kubectl get pods` shows as the pod's STATUS. */
export const WAITING_REASONS = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'ContainerCreating',
  'PodInitializing', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError',
  'PostStartHookError', 'RegistryUnavailable', 'SignatureValidationFailed',
]);

/** Container termination reasons that `kubectl get pods` shows as the pod's STATUS. */
export const TERMINATED_REASONS = new Set(['OOMKilled', 'Error', 'ContainerCannotRun', 'StartError', 'DeadlineExceeded']);

const RATIO = /^\d+\/\d+$/;
const OPTIONS: Record<KubectlGetKind, Omit<TableOptions, 'title'>> = {
  pods: { fits: (r) => RATIO.test(cell(r, 'READY')) },
  deployments: { fits: (r) => RATIO.test(cell(r, 'READY')) },
  statefulsets: { fits: (r) => RATIO.test(cell(r, 'READY')) },
  daemonsets: { fits: (r) => /^\d+$/.test(cell(r, 'DESIRED')) },
  replicasets: { fits: (r) => /^\d+$/.test(cell(r, 'DESIRED')) },
  services: { fits: (r) => /^(ClusterIP|NodePort|LoadBalancer|ExternalName)$/.test(cell(r, 'TYPE')) },
  endpoints: { optional: ['ENDPOINTS'] },
  claims: {
    fits: (r) => /^(Bound|Pending|Lost|Terminating)$/.test(cell(r, 'STATUS')),
    optional: ['VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'VOLUMEMODE'],
  },
  volumes: {
    fits: (r) => /^(Available|Bound|Released|Failed|Pending|Terminating)$/.test(cell(r, 'STATUS')),
    optional: ['CLAIM', 'STORAGECLASS', 'REASON', 'VOLUMEATTRIBUTESCLASS', 'VOLUMEMODE'],
  },
  nodes: { fits: (r) => /^(Ready|NotReady|Unknown)\b/.test(cell(r, 'STATUS')), optional: ['ROLES'] },
  'kubectl-other': {},
};

/** Reads the `kubectl get` table whose header is at 0-based `index`; returns the index after it. */
export function readKubectlGet(ctx: ReadContext, index: number, kind: KubectlGetKind): number {
  const base = OPTIONS[kind];
  const header = ctx.src.lines[index]!;
  const optional = kind === 'kubectl-other' ? header.trim().split(/\s{2,}/).slice(1) : base.optional;
  const { rows, end } = readTable(ctx, index, { ...base, ...(optional ? { optional } : {}), title: `kubectl get ${kind.replace('kubectl-other', 'output')}` });
  for (const row of rows) {
    if (kind === 'pods') ctx.state.pods.push(podOfRow(ctx, row));
    else if (kind === 'deployments' || kind === 'statefulsets' || kind === 'daemonsets' || kind === 'replicasets') ctx.state.workloads.push(workloadOfRow(ctx, row, kind));
    else if (kind === 'endpoints') ctx.state.endpoints.push(endpointsOfRow(ctx, row));
    else if (kind === 'claims' || kind === 'volumes') ctx.state.claims.push(claimOfRow(ctx, row, kind));
    else if (kind === 'nodes') ctx.state.nodes.push(nodeOfRow(ctx, row));
  }
  return end;
}

/** A NAME cell without its `kind/` prefix (`deployment.apps/cart` -> cart). */
export function bareName(name: string): string {
  return name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
}

/** `1/2` as numbers. */
export function parseRatio(text: string): { ready: number; total: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  return m ? { ready: Number(m[1]), total: Number(m[2]) } : undefined;
}

function podOfRow(ctx: ReadContext, row: TableRow): PodState {
  const name = bareName(cell(row, 'NAME'));
  const status = cell(row, 'STATUS');
  const restarts = parseCount(/^(\d+)/.exec(cell(row, 'RESTARTS'))?.[1]);
  const pod: PodState = {
    name,
    workload: stripPodSuffix(name),
    status,
    evidence: ctx.src.evidence(row.line, cellColumn(row, 'STATUS'), `pod ${name}: ${status}${restarts ? `, ${restarts} restarts` : ''}`),
  };
  const namespace = namespaceOf(ctx, cell(row, 'NAMESPACE'));
  if (namespace) pod.namespace = namespace;
  const ready = parseRatio(cell(row, 'READY'));
  if (ready) pod.ready = ready;
  if (restarts !== undefined) pod.restarts = restarts;
  const node = cell(row, 'NODE');
  if (node && node !== '<none>') pod.node = node;
  const reason = status.replace(/^Init:/, '');
  if (WAITING_REASONS.has(reason)) pod.waitingReason = reason;
  if (TERMINATED_REASONS.has(reason)) pod.lastTermination = { reason };
  return pod;
}

const WORKLOAD_KIND = { deployments: 'Deployment', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', replicasets: 'ReplicaSet' } as const;

function workloadOfRow(ctx: ReadContext, row: TableRow, kind: keyof typeof WORKLOAD_KIND): WorkloadState {
  const name = bareName(cell(row, 'NAME'));
  const desired = parseCount(cell(row, 'DESIRED'));
  const readyCount = parseCount(cell(row, 'READY'));
  const ready = parseRatio(cell(row, 'READY')) ?? (desired !== undefined && readyCount !== undefined ? { ready: readyCount, total: desired } : undefined);
  const w: WorkloadState = {
    kind: WORKLOAD_KIND[kind],
    name,
    evidence: ctx.src.evidence(row.line, cellColumn(row, 'READY'), ready ? `${WORKLOAD_KIND[kind]} ${name}: ${ready.ready}/${ready.total} ready` : undefined),
  };
  const namespace = namespaceOf(ctx, cell(row, 'NAMESPACE'));
  if (namespace) w.namespace = namespace;
  if (ready) w.ready = ready;
  const upToDate = parseCount(cell(row, 'UP-TO-DATE'));
  if (upToDate !== undefined) w.upToDate = upToDate;
  const available = parseCount(cell(row, 'AVAILABLE'));
  if (available !== undefined) w.available = available;
  const image = cell(row, 'IMAGES');
  if (image) w.image = image;
  return w;
}

function endpointsOfRow(ctx: ReadContext, row: TableRow): EndpointsState {
  const service = bareName(cell(row, 'NAME'));
  const text = cell(row, 'ENDPOINTS');
  const more = /\s*\+\s*(\d+)\s+more\.*\s*$/.exec(text);
  const listed = more ? text.slice(0, more.index) : text;
  const addresses = listed === '<none>' || listed === '' ? [] : listed.split(',').map((a) => a.trim()).filter(Boolean);
  const ep: EndpointsState = {
    service,
    addresses,
    evidence: ctx.src.evidence(row.line, cellColumn(row, 'ENDPOINTS'), addresses.length === 0 ? `service ${service} has no endpoints` : undefined),
  };
  const namespace = namespaceOf(ctx, cell(row, 'NAMESPACE'));
  if (namespace) ep.namespace = namespace;
  if (more) ep.moreAddresses = Number(more[1]);
  return ep;
}

function claimOfRow(ctx: ReadContext, row: TableRow, kind: 'claims' | 'volumes'): ClaimState {
  const name = bareName(cell(row, 'NAME'));
  const status = cell(row, 'STATUS');
  const claim: ClaimState = { name, status, evidence: ctx.src.evidence(row.line, cellColumn(row, 'STATUS'), `${kind === 'claims' ? 'claim' : 'volume'} ${name}: ${status}`) };
  const namespace = kind === 'claims' ? namespaceOf(ctx, cell(row, 'NAMESPACE')) : undefined;
  if (namespace) claim.namespace = namespace;
  const volume = kind === 'claims' ? cell(row, 'VOLUME') : name;
  if (volume) claim.volume = volume;
  const capacity = kubeMemoryBytes(cell(row, 'CAPACITY'));
  if (capacity !== undefined) claim.capacityBytes = capacity;
  const storageClass = cell(row, 'STORAGECLASS');
  if (storageClass && storageClass !== '<unset>') claim.storageClass = storageClass;
  if (kind === 'volumes') {
    claim.kind = 'PersistentVolume';
    const bound = cell(row, 'CLAIM');
    if (bound) claim.claim = bound;
  }
  return claim;
}

function nodeOfRow(ctx: ReadContext, row: TableRow): NodeState {
  const name = bareName(cell(row, 'NAME'));
  const status = cell(row, 'STATUS').split(',');
  const labels: Record<string, string> = {};
  const labelText = cell(row, 'LABELS');
  if (labelText && labelText !== '<none>') {
    for (const pair of labelText.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const node: NodeState = {
    name,
    labels,
    taints: [],
    conditions: status[0] === 'Ready' ? ['Ready'] : [],
    ready: status[0] === 'Ready',
    evidence: ctx.src.evidence(row.line, cellColumn(row, 'STATUS'), `node ${name}: ${cell(row, 'STATUS')}`),
  };
  if (status.includes('SchedulingDisabled')) node.unschedulable = true;
  return node;
}
