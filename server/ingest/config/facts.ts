/**
 * What config files say, as facts with positions: components that exist, ports they listen on, endpoints
 * they call, raw settings, and Kubernetes Services and workloads. Parsers produce these; the topology and
 * analyzers interpret them.
 */
import type { Evidence } from '../../protocol';

/** Where a listening port was declared. */
export type ListenSource =
  | 'container-port'
  | 'service-port'
  | 'compose-expose'
  | 'compose-ports'
  | 'nginx-listen'
  | 'image-default'
  | 'command'
  | 'healthcheck'
  | 'setting'
  | 'log';

/** A component listens on a port. */
export interface PortListener {
  component: string;
  port: number;
  source: ListenSource;
  evidence: Evidence;
}

/** A component calls `host:port` (an nginx upstream, a URL in a setting, ...). */
export interface EndpointReference {
  /** The calling component, whose configuration holds the reference. */
  from: string;
  host: string;
  port: number;
  /** False when the port is the scheme's default (no port written). */
  explicitPort: boolean;
  /** How the reference is written, for explanations: "nginx upstream orders_backend". */
  via: string;
  evidence: Evidence;
}

/** A component declared by a manifest or compose file. */
export interface ComponentDecl {
  name: string;
  /** Other names it answers to: container_name, hostname, network aliases, `app` labels, image names. */
  aliases: string[];
  origin: 'kubernetes' | 'compose' | 'config';
  evidence: Evidence;
}

/** One key and value of a config file (env var, YAML key, INI entry), with the component it belongs to. */
export interface SettingFact {
  /** The component whose configuration this is; undefined when the file names none. */
  owner: string | undefined;
  /** Dotted key path: `server.port`, `LEDGER_URL`, `env.REDIS_URL`. */
  key: string;
  value: string;
  evidence: Evidence;
}

/** One port of a Kubernetes Service. */
export interface ServicePortFact {
  port: number;
  /** A number, or the name of a container port. */
  targetPort: number | string;
  /** False when targetPort was omitted (it then equals `port`). */
  targetPortExplicit: boolean;
  name?: string;
  /** The targetPort line, or the port line when targetPort is omitted. */
  evidence: Evidence;
}

/** A Kubernetes Service. */
export interface ServiceFact {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: ServicePortFact[];
  clusterIP?: string;
  evidence: Evidence;
}

/** One declared port of a container. */
export interface ContainerPortFact {
  port: number;
  name?: string;
  evidence: Evidence;
}

/** A Kubernetes workload (Deployment, StatefulSet, DaemonSet, Pod, ...) and its pod template. */
export interface WorkloadFact {
  kind: string;
  name: string;
  namespace: string;
  /** Labels of the pods it creates. */
  podLabels: Record<string, string>;
  containers: { name: string; image?: string; ports: ContainerPortFact[] }[];
  evidence: Evidence;
}

/** Every fact of a folder's configs. */
export interface ConfigFacts {
  components: ComponentDecl[];
  listeners: PortListener[];
  references: EndpointReference[];
  settings: SettingFact[];
  services: ServiceFact[];
  workloads: WorkloadFact[];
}

/** An empty set of facts. */
export function emptyFacts(): ConfigFacts {
  return { components: [], listeners: [], references: [], settings: [], services: [], workloads: [] };
}

/** Appends every fact of `from` to `into`. */
export function mergeFacts(into: ConfigFacts, from: ConfigFacts): void {
  into.components.push(...from.components);
  into.listeners.push(...from.listeners);
  into.references.push(...from.references);
  into.settings.push(...from.settings);
  into.services.push(...from.services);
  into.workloads.push(...from.workloads);
}
