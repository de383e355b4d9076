/**
 * The first line of each output the runtime readers know: table headers of kubectl, docker, systemctl, df,
 * free, ss and netstat, the `Name:` line that opens a `kubectl describe` block, the `●` line of
 * `systemctl status`, and the lines of `kubectl rollout status`.
 */

/** What a header row is the header of. */
export type TableKind =
  | 'pods'
  | 'deployments'
  | 'statefulsets'
  | 'daemonsets'
  | 'replicasets'
  | 'services'
  | 'endpoints'
  | 'claims'
  | 'volumes'
  | 'nodes'
  | 'events'
  | 'top-pods'
  | 'top-containers'
  | 'top-nodes'
  | 'kubectl-other'
  | 'docker-ps'
  | 'compose-ps'
  | 'compose-ps-v1'
  | 'docker-stats'
  | 'unit-list'
  | 'df'
  | 'free'
  | 'sockets';

/** Column names of kubectl: upper-case words, units in parentheses (`CPU(cores)`). */
const UPPER_HEADER = /^[A-Z][A-Z0-9%/._:-]*(?:\([a-z%]+\))?(?: [A-Z][A-Z0-9%/._:-]*(?:\([a-z%]+\))?)*$/;

/** The kind of table whose header `text` is, or undefined when it is not a header the readers know. */
export function headerKind(text: string): TableKind | undefined {
  const h = text.trim().replace(/\s+/g, ' ');
  const atStart = !/^\s/.test(text);
  if (/^UNIT LOAD ACTIVE SUB( JOB)? DESCRIPTION$/.test(h)) return 'unit-list';
  if (/^Filesystem (?:Type )?(?:Size|Inodes|\d+[KMG]?-blocks|1K-blocks) .*Mounted on$/.test(h) && atStart) return 'df';
  if (/^total used free shared (?:buff\/cache|buffers cached)(?: available)?$/.test(h)) return 'free';
  if (/^(?:Netid )?State Recv-Q Send-Q Local Address:Port Peer Address:Port/.test(h) && atStart) return 'sockets';
  if (/^Proto Recv-Q Send-Q Local Address Foreign Address State/.test(h) && atStart) return 'sockets';
  if (/^Name Command State Ports$/.test(h)) return 'compose-ps-v1';
  if (!atStart) return undefined;
  if (/^CONTAINER(?: ID)? (?:NAME )?CPU % MEM USAGE \/ LIMIT/.test(h)) return 'docker-stats';
  if (/^CONTAINER ID IMAGE COMMAND/.test(h)) return 'docker-ps';
  if (!UPPER_HEADER.test(h)) return undefined;
  const has = (name: string): boolean => new RegExp(`(^| )${name.replace(/[()%/]/g, '\\$&')}( |$)`).test(h);
  if (/^(?:NAMESPACE )?LAST SEEN .*REASON/.test(h) || /^LAST SEEN FIRST SEEN COUNT NAME KIND/.test(h)) return 'events';
  if (!/^(?:NAMESPACE )?(?:POD )?NAME /.test(h)) return undefined;
  if (has('SERVICE') && has('STATUS') && (has('COMMAND') || has('IMAGE'))) return 'compose-ps';
  if (has('CPU(cores)') && has('MEMORY(bytes)')) {
    if (/^(?:NAMESPACE )?POD /.test(h)) return 'top-containers';
    return has('CPU%') || has('CPU(%)') ? 'top-nodes' : 'top-pods';
  }
  if (has('READY') && has('STATUS') && has('RESTARTS')) return 'pods';
  if (has('DESIRED') && has('UP-TO-DATE')) return 'daemonsets';
  if (has('READY') && has('UP-TO-DATE') && has('AVAILABLE')) return 'deployments';
  if (has('DESIRED') && has('CURRENT') && has('READY')) return 'replicasets';
  if (has('TYPE') && has('CLUSTER-IP')) return 'services';
  if (has('ENDPOINTS') && !has('ADDRESSTYPE')) return 'endpoints';
  if (has('STATUS') && has('VOLUME') && has('CAPACITY')) return 'claims';
  if (has('CAPACITY') && has('CLAIM')) return 'volumes';
  if (has('STATUS') && has('ROLES') && has('VERSION')) return 'nodes';
  if (/^(?:NAMESPACE )?NAME READY AGE(?: CONTAINERS IMAGES)?$/.test(h)) return 'statefulsets';
  return 'kubectl-other';
}

/** True for the `Name:` line that opens a `kubectl describe` block. */
export function isDescribeStart(text: string): boolean {
  return /^Name:\s+\S/.test(text);
}

/** The unit of the first line of a `systemctl status` block (`● nginx.service - A web server`), or undefined. */
export function statusUnitOf(text: string): string | undefined {
  return /^[●○×*↻]?\s?([\w@:.\\-]+\.(?:service|socket|timer|mount|target|scope|slice|path|device|swap))(?:\s+-\s|\s*$)/.exec(text)?.[1];
}

/** True for a line that `kubectl rollout status` prints. */
export function isRolloutLine(text: string): boolean {
  return /^(?:Waiting for (?:deployment|daemon set|statefulset|rollout|partitioned roll out|\d+ pods to be ready)\b|Waiting for deployment spec update|(?:deployment|daemon set|statefulset)(?:\.apps)? "[^"]+" successfully rolled out|error: (?:deployment|daemon set|statefulset) "[^"]+" exceeded its progress deadline|partitioned roll out complete|statefulset rolling update complete)/.test(
    text.trim(),
  );
}
