/**
 * What saved command outputs say about the running system: pods and containers with their state and
 * restarts, cluster events, nodes, resource usage, rollouts, claims, endpoints, systemd units, disks and
 * sockets. Readers of `kubectl`, `docker`, `systemctl`, `df`, `free` and `ss` output (and of status-bearing
 * Kubernetes objects in `-o yaml|json` dumps) produce these; analyzers interpret them.
 */
import type { Evidence } from '../../protocol';

/** A pod, or a container of docker / docker compose, with its state as the output showed it. */
export interface PodState {
  name: string;
  namespace?: string;
  /** The workload or compose service it belongs to: `cart-5d8f7b9c6-k4v9z` -> `cart`. */
  workload: string;
  /** STATUS as shown: Running, Pending, CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error, Restarting, Exited... */
  status: string;
  ready?: { ready: number; total: number };
  restarts?: number;
  node?: string;
  /** A container is waiting for this reason (CrashLoopBackOff, ErrImagePull, ContainerCreating...). */
  waitingReason?: string;
  /** The last termination of a container (Last State: Terminated). */
  lastTermination?: { reason?: string; exitCode?: number; at?: string };
  /** The health check result docker shows in STATUS (`Up 2 hours (unhealthy)`). */
  health?: 'healthy' | 'unhealthy' | 'starting';
  /** Messages the output attached (`Back-off pulling image ...`). */
  message?: string;
  /** Resource limits shown by `describe pod`, per container: bytes / millicores. */
  limits?: { memoryBytes?: number; cpuMilli?: number };
  image?: string;
  /** Each container as `describe pod` or a Pod object showed it, when the output went into that detail. */
  containers?: ContainerState[];
  evidence: Evidence;
}

/** One container of a pod (`describe pod`, Pod objects' `status.containerStatuses`). */
export interface ContainerState {
  name: string;
  image?: string;
  /** Running, Waiting, Terminated. */
  state?: string;
  /** Why it is waiting (CrashLoopBackOff...) or terminated (OOMKilled, Error, Completed). */
  reason?: string;
  ready?: boolean;
  restarts?: number;
  lastTermination?: { reason?: string; exitCode?: number; at?: string };
  limits?: { memoryBytes?: number; cpuMilli?: number };
  requests?: { memoryBytes?: number; cpuMilli?: number };
  /** The line that tells the most about the container (its last termination reason, else its state, else its name). */
  evidence: Evidence;
}

/** One cluster event (`kubectl get events`, the Events section of `describe`, `kind: Event` objects). */
export interface ClusterEvent {
  type?: string;
  reason: string;
  /** The object the event is about: kind (lower-case, as kubectl prints it: pod, deployment...) and name. */
  object?: { kind: string; name: string };
  /** The workload the object belongs to (pod and ReplicaSet names without their hash suffixes). */
  workload?: string;
  message: string;
  /** How many times it happened (`x5`, COUNT column), 1 when not shown. */
  count: number;
  /** LAST SEEN / time as written. */
  age?: string;
  /** The namespace of the object (NAMESPACE column, `-n`, the described object's namespace, metadata). */
  namespace?: string;
  evidence: Evidence;
}

/** A node (`describe node`, `get nodes --show-labels|-o wide|-o yaml`). */
export interface NodeState {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  allocatable?: { memoryBytes?: number; cpuMilli?: number };
  capacity?: { memoryBytes?: number; cpuMilli?: number };
  /** Conditions with status True (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
  conditions: string[];
  ready?: boolean;
  unschedulable?: boolean;
  /** `describe node` Allocated resources: what the pods on it request and limit, in total and in % of allocatable. */
  allocated?: {
    requests: { memoryBytes?: number; cpuMilli?: number; memoryPercent?: number; cpuPercent?: number };
    limits: { memoryBytes?: number; cpuMilli?: number; memoryPercent?: number; cpuPercent?: number };
  };
  evidence: Evidence;
}

/** Resource usage from `kubectl top pods|nodes` or `docker stats`. */
export interface UsageSample {
  kind: 'pod' | 'node' | 'container';
  name: string;
  namespace?: string;
  workload?: string;
  cpuMilli?: number;
  memoryBytes?: number;
  /** MEM % when the output shows one (docker stats, top nodes). */
  memoryPercent?: number;
  /** CPU % when the output shows one: of one core for docker stats (can pass 100), of the node for top nodes. */
  cpuPercent?: number;
  /** The memory limit docker stats shows after the usage (`8.5MiB / 256MiB`). */
  memoryLimitBytes?: number;
  /** The container of a pod (`kubectl top pods --containers`). */
  container?: string;
  evidence: Evidence;
}

/** A Deployment (or StatefulSet/DaemonSet) as `kubectl get deploy` / `describe deployment` / `rollout status` showed it. */
export interface WorkloadState {
  kind: string;
  name: string;
  namespace?: string;
  /** READY column or the Replicas line: ready / desired. */
  ready?: { ready: number; total: number };
  upToDate?: number;
  available?: number;
  /** `rollout status` and deployment conditions: `Waiting for deployment "x" rollout to finish: 1 old replicas are pending termination...` */
  rollout?: string;
  /** True when the rollout is reported stuck (ProgressDeadlineExceeded, `exceeded its progress deadline`). */
  stalled?: boolean;
  image?: string;
  evidence: Evidence;
}

/** A PVC as `kubectl get pvc` / `describe pvc` showed it. */
export interface ClaimState {
  name: string;
  namespace?: string;
  /** Bound, Pending, Lost. */
  status: string;
  volume?: string;
  capacityBytes?: number;
  storageClass?: string;
  /** Set when the row is a PersistentVolume (`get pv`): then `name` and `volume` are the volume. */
  kind?: 'PersistentVolume';
  /** The claim a PersistentVolume is bound to (`shop/data-redis-0`). */
  claim?: string;
  evidence: Evidence;
}

/** A Service's endpoints (`kubectl get endpoints`, `describe service`). */
export interface EndpointsState {
  service: string;
  namespace?: string;
  /** `ip:port` entries; empty when the output said `<none>`. */
  addresses: string[];
  /** How many more addresses kubectl left out of the list (`+ 3 more...`). */
  moreAddresses?: number;
  evidence: Evidence;
}

/** A systemd unit (`systemctl status`, `systemctl list-units`). */
export interface UnitState {
  name: string;
  /** active, inactive, failed, activating, deactivating. */
  active: string;
  /** running, dead, exited, auto-restart, failed... */
  sub?: string;
  since?: string;
  /** Main process exit: `code=exited, status=1/FAILURE` -> 1; `code=killed, signal=KILL` -> 137. */
  exitCode?: number;
  /** Result as systemd writes it: `oom-kill`, `exit-code`, `signal`, `core-dump`. */
  result?: string;
  /** The restart counter (`restart counter is at 5`). */
  restarts?: number;
  memoryBytes?: number;
  memoryMaxBytes?: number;
  /** The description after the unit name (`nginx.service - A high performance web server`). */
  description?: string;
  /** `loaded`, `not-found`, `masked`... */
  load?: string;
  evidence: Evidence;
}

/** A filesystem from `df -h` / `df -i`. */
export interface DiskState {
  filesystem: string;
  mount: string;
  sizeBytes?: number;
  usedBytes?: number;
  availBytes?: number;
  /** Use% (or IUse% for `df -i`). */
  usePercent: number;
  inodes: boolean;
  /** Inode counts of `df -i` (the byte fields stay unset there). */
  inodesTotal?: number;
  inodesUsed?: number;
  inodesFree?: number;
  evidence: Evidence;
}

/** Memory from `free -m|-h|-b`. */
export interface MemoryState {
  totalBytes: number;
  usedBytes: number;
  availableBytes?: number;
  swapTotalBytes?: number;
  swapUsedBytes?: number;
  evidence: Evidence;
}

/** A listening socket from `ss -ltnp` / `netstat -ltnp`. */
export interface SocketState {
  address: string;
  port: number;
  process?: string;
  /** The process id (`users:(("java",pid=1187,fd=41))`, `1187/java`). */
  pid?: number;
  /** `tcp` or `udp` (`tcp6`/`udp6` folded), when the output or its command says. */
  protocol?: 'tcp' | 'udp';
  evidence: Evidence;
}

/** One revision of a workload's rollout history (`kubectl rollout history deployment/x`). */
export interface RevisionState {
  /** Kind of the workload (Deployment, StatefulSet, DaemonSet). */
  kind: string;
  name: string;
  namespace?: string;
  revision: number;
  /** CHANGE-CAUSE as written; undefined for `<none>`. */
  cause?: string;
  evidence: Evidence;
}

/** Everything the command outputs of a folder said. */
export interface RuntimeState {
  pods: PodState[];
  events: ClusterEvent[];
  nodes: NodeState[];
  usage: UsageSample[];
  workloads: WorkloadState[];
  claims: ClaimState[];
  endpoints: EndpointsState[];
  units: UnitState[];
  disks: DiskState[];
  memory: MemoryState[];
  sockets: SocketState[];
  revisions: RevisionState[];
}

/** An empty runtime state. */
export function emptyRuntimeState(): RuntimeState {
  return { pods: [], events: [], nodes: [], usage: [], workloads: [], claims: [], endpoints: [], units: [], disks: [], memory: [], sockets: [], revisions: [] };
}

/** Appends everything of `from` to `into`. */
export function mergeRuntimeState(into: RuntimeState, from: RuntimeState): void {
  for (const key of Object.keys(into) as (keyof RuntimeState)[]) (into[key] as unknown[]).push(...(from[key] as unknown[]));
}
