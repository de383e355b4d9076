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
  /** A Dockerfile `EXPOSE` instruction: documents the port the image's process listens on. */
  | 'dockerfile-expose'
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
  /**
   * The component whose configuration holds the reference when it is not `from` (a Traefik label on the
   * target's own service tells the proxy which port to call): the side to change when the port is wrong.
   */
  configuredBy?: string;
  evidence: Evidence;
}

/** A component declared by a manifest or compose file. */
export interface ComponentDecl {
  name: string;
  /** Other names it answers to: container_name, hostname, network aliases, `app` labels, image names. */
  aliases: string[];
  /** Where it was declared; `log` for a component known only because it wrote logs. */
  origin: 'kubernetes' | 'compose' | 'config' | 'log';
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

/** A quantity as written (`512Mi`, `250m`) with its value in base units (bytes or millicores). */
export interface QuantityFact {
  text: string;
  /** Bytes for memory and storage, millicores for CPU; NaN when the text is not a valid quantity. */
  value: number;
  evidence: Evidence;
}

/** Resource limits or requests of a container. */
export interface ResourceFacts {
  memory?: QuantityFact;
  cpu?: QuantityFact;
  ephemeralStorage?: QuantityFact;
}

/** One container of a pod template (or a compose service, a systemd unit treated as one). */
export interface ContainerFact {
  name: string;
  image?: string;
  /** The `image:` value's position. */
  imageEvidence?: Evidence;
  ports: ContainerPortFact[];
  limits?: ResourceFacts;
  requests?: ResourceFacts;
  /** `command` + `args` (Kubernetes) or the entrypoint/command (compose), as written. */
  command?: string[];
  commandEvidence?: Evidence;
  /** The position of each word of `command`, in order, so a fix can change the line that holds one word. */
  commandWordEvidence?: Evidence[];
  /** Names of ConfigMaps / Secrets loaded with envFrom; `prefix` is prepended to every key when written. */
  envFrom?: { kind: 'ConfigMap' | 'Secret'; name: string; evidence: Evidence; prefix?: string }[];
  /** Volume mounts: volume name and mount path. */
  mounts?: { volume: string; path: string; evidence: Evidence }[];
  /**
   * Env vars read from one key of a ConfigMap or Secret (`valueFrom.configMapKeyRef` / `secretKeyRef`):
   * the variable, the object and its key; evidence at the variable's `name:`.
   */
  envRefs?: { variable: string; kind: 'ConfigMap' | 'Secret'; name: string; key: string; evidence: Evidence }[];
  /** True for a Kubernetes init container (it runs to completion before the others start). */
  init?: boolean;
  /** The health check command (compose `healthcheck.test`, Dockerfile `HEALTHCHECK CMD`), as written. */
  healthcheck?: { command: string[]; evidence: Evidence };
}

/** A volume of a pod template. */
export interface VolumeFact {
  name: string;
  /** `persistentVolumeClaim.claimName`, `configMap.name`, `secret.secretName`, `emptyDir`, `hostPath.path`. */
  source: { kind: 'pvc' | 'configMap' | 'secret' | 'emptyDir' | 'hostPath' | 'other'; ref?: string; sizeLimit?: QuantityFact };
  evidence: Evidence;
}

/** A toleration of a pod template. */
export interface TolerationFact {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** One required node-affinity expression (`key In [a, b]`). */
export interface NodeAffinityTerm {
  key: string;
  operator: string;
  values: string[];
  evidence: Evidence;
  /**
   * Index of the `nodeSelectorTerms` entry it comes from, present only when there are several: terms of
   * different alternatives are ORed, so the list is ANDed only within one alternative.
   */
  alternative?: number;
}

/** A Kubernetes workload (Deployment, StatefulSet, DaemonSet, Pod, ...) and its pod template. */
export interface WorkloadFact {
  kind: string;
  name: string;
  namespace: string;
  /** Labels of the pods it creates. */
  podLabels: Record<string, string>;
  containers: ContainerFact[];
  /** `spec.replicas` when written (Deployments, StatefulSets, ReplicaSets). */
  replicas?: { value: number; evidence: Evidence };
  /** `values`: the position of each label's value, by key, so a fix can change one of them. */
  nodeSelector?: { labels: Record<string, string>; evidence: Evidence; values?: Record<string, Evidence> };
  /** Required node-affinity terms (`requiredDuringSchedulingIgnoredDuringExecution`), ANDed. */
  nodeAffinity?: NodeAffinityTerm[];
  tolerations?: TolerationFact[];
  volumes?: VolumeFact[];
  imagePullSecrets?: string[];
  /** Each `imagePullSecrets` entry's name with the position of that name, in order. */
  imagePullSecretRefs?: { name: string; evidence: Evidence }[];
  /** The pod template's `containers:` key: a pod-level field (imagePullSecrets) can be inserted above it. */
  containersKey?: Evidence;
  serviceAccount?: string;
  /** The last line of the workload's declaration (a Compose service's block), for a fix that removes it. */
  lastLine?: number;
  evidence: Evidence;
}

/** A PersistentVolumeClaim or PersistentVolume as declared. */
export interface VolumeClaimFact {
  kind: 'PersistentVolumeClaim' | 'PersistentVolume';
  name: string;
  namespace: string;
  storageClass?: string;
  size?: QuantityFact;
  evidence: Evidence;
}

/** A ConfigMap or Secret. Secret values are never kept: only keys. */
export interface ConfigObjectFact {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace: string;
  /** A Secret's `type` (`Opaque`, `kubernetes.io/tls`, ...) when written. */
  secretType?: string;
  /** Keys with the position of each; `value` only for ConfigMaps. */
  entries: { key: string; value?: string; evidence: Evidence }[];
  evidence: Evidence;
}

/** An Ingress rule's backend. */
export interface IngressBackendFact {
  ingress: string;
  namespace: string;
  host?: string;
  path?: string;
  service: string;
  /** A number or a port name. */
  port: number | string;
  tlsSecret?: string;
  evidence: Evidence;
}

/** A HorizontalPodAutoscaler. */
export interface AutoscalerFact {
  name: string;
  namespace: string;
  /** The scaled workload's name (`scaleTargetRef.name`). */
  target: string;
  /** The scaled workload's kind (`scaleTargetRef.kind`: Deployment, StatefulSet, ...). */
  targetKind?: string;
  minReplicas?: number;
  maxReplicas?: number;
  /** Target average CPU utilization in percent (v1 `targetCPUUtilizationPercentage`, v2 cpu metric). */
  targetCPUUtilization?: number;
  /** The `maxReplicas` value, or the name when it is not written. */
  evidence: Evidence;
}

/** A NetworkPolicy: the pods it selects and the sources its ingress rules admit. */
export interface NetworkPolicyFact {
  name: string;
  namespace: string;
  podSelector: Record<string, string>;
  policyTypes: string[];
  /** Pod label selectors admitted by the ingress rules (an empty list admits nothing). */
  ingressFrom: Record<string, string>[];
  /** True when some ingress rule admits every source. */
  ingressAll: boolean;
  ingressPorts: (number | string)[];
  evidence: Evidence;
}

/** A TLS certificate file (PEM), read with node:crypto. */
export interface CertificateFact {
  file: string;
  subject: string;
  issuer: string;
  /** DNS names and IPs of subjectAltName (and the CN when there is no SAN). */
  names: string[];
  notBefore: string;
  notAfter: string;
  /** Epoch ms of notBefore / notAfter. */
  validFrom: number;
  validTo: number;
  selfSigned: boolean;
  evidence: Evidence;
}

/** A config setting that names a certificate, key or CA file (nginx ssl_certificate, a TLS_CA env var, ...). */
export interface TlsFileReference {
  component: string;
  role: 'certificate' | 'key' | 'ca';
  path: string;
  evidence: Evidence;
}

/** One rule of pg_hba.conf. */
export interface HbaRuleFact {
  type: string;
  database: string;
  user: string;
  /** An address, CIDR or host name; a separate netmask is folded into the CIDR (`127.0.0.1/32`). */
  address?: string;
  method: string;
  /** Auth options after the method (`clientcert=verify-full`). */
  options?: Record<string, string>;
  evidence: Evidence;
}

/**
 * A network fault injected on purpose by a declared object: an Istio VirtualService route's `fault` (delay or
 * abort) or a chaos experiment object (Chaos Mesh `NetworkChaos`). Removing it is the fix.
 */
export interface TrafficFaultFact {
  /** The declaring object's kind as written: `VirtualService`, `NetworkChaos`. */
  kind: string;
  name: string;
  namespace: string;
  /** What it does to traffic: added latency, dropped packets, failed requests, or something else. */
  effect: 'delay' | 'loss' | 'abort' | 'other';
  /** Hosts the fault applies to (VirtualService `hosts`, route destinations); empty for a chaos object. */
  hosts: string[];
  /** Pod labels a chaos object selects (`selector.labelSelectors`); empty for a VirtualService. */
  selector: Record<string, string>;
  /** Namespaces a chaos object's selector picks pods in (`selector.namespaces`); its own when empty. */
  targetNamespaces: string[];
  /** Lines of the injecting block: the route's `fault:` key to its last line, or the whole chaos object. */
  block: { fromLine: number; toLine: number };
  /** The fault's key (`fault:`) or the object's name. */
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
  claims: VolumeClaimFact[];
  configObjects: ConfigObjectFact[];
  ingresses: IngressBackendFact[];
  autoscalers: AutoscalerFact[];
  networkPolicies: NetworkPolicyFact[];
  certificates: CertificateFact[];
  tlsFiles: TlsFileReference[];
  hbaRules: HbaRuleFact[];
  trafficFaults: TrafficFaultFact[];
}

/** An empty set of facts. */
export function emptyFacts(): ConfigFacts {
  return {
    components: [],
    listeners: [],
    references: [],
    settings: [],
    services: [],
    workloads: [],
    claims: [],
    configObjects: [],
    ingresses: [],
    autoscalers: [],
    networkPolicies: [],
    certificates: [],
    tlsFiles: [],
    hbaRules: [],
    trafficFaults: [],
  };
}

/** Appends every fact of `from` to `into`. */
export function mergeFacts(into: ConfigFacts, from: ConfigFacts): void {
  into.components.push(...from.components);
  into.listeners.push(...from.listeners);
  into.references.push(...from.references);
  into.settings.push(...from.settings);
  into.services.push(...from.services);
  into.workloads.push(...from.workloads);
  into.claims.push(...from.claims);
  into.configObjects.push(...from.configObjects);
  into.ingresses.push(...from.ingresses);
  into.autoscalers.push(...from.autoscalers);
  into.networkPolicies.push(...from.networkPolicies);
  into.certificates.push(...from.certificates);
  into.tlsFiles.push(...from.tlsFiles);
  into.hbaRules.push(...from.hbaRules);
  into.trafficFaults.push(...from.trafficFaults);
}
