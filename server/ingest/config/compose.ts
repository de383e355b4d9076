/**
 * Facts from a Compose file (docker-compose.yml / compose.yaml): services and their names, the ports they
 * listen on (expose, published ports, command flags, health checks, well-known images), environment
 * variables as settings, which files of the folder each service mounts or loads as env_file, and each
 * service as a `ComposeService` workload (image, ports, limits, command, replicas) so analyzers can treat
 * Compose and Kubernetes workloads alike.
 */
import { posix } from 'node:path';
import { at, items, lastLineOf, text, type PNode, type Position } from './yaml-tree';
import { emptyFacts, type ConfigFacts, type ContainerFact, type QuantityFact, type ResourceFacts, type WorkloadFact } from './facts';
import { parseByteSize, parseQuantity } from './quantity';
import { findEndpoints, isLoopback, parsePort } from './endpoints';
import type { SourceText } from './source-text';
import type { Evidence } from '../../protocol';

/** Ports that official images listen on unless configured otherwise. */
const IMAGE_PORTS: Record<string, number> = {
  nginx: 80,
  httpd: 80,
  redis: 6379,
  valkey: 6379,
  postgres: 5432,
  mysql: 3306,
  mariadb: 3306,
  mongo: 27017,
  rabbitmq: 5672,
  memcached: 11211,
  elasticsearch: 9200,
  zookeeper: 2181,
};

/** Compose facts plus the folder files each service mounts or loads (relative path -> service). */
export interface ComposeFacts {
  facts: ConfigFacts;
  owners: Map<string, string>;
}

/** True when the document looks like a Compose file: a `services` map whose entries are maps. */
export function isComposeDocument(doc: PNode | null): boolean {
  const services = at(doc, 'services');
  return services?.kind === 'map' && [...services.entries.values()].every((s) => s.kind === 'map' || s.kind === 'scalar');
}

/** Extracts the facts of a Compose document. */
export function composeFacts(doc: PNode, src: SourceText): ComposeFacts {
  const facts = emptyFacts();
  const owners = new Map<string, string>();
  const services = at(doc, 'services');
  if (services?.kind !== 'map') return { facts, owners };
  const baseDir = posix.dirname(src.rel);

  for (const [name, svc] of services.entries) {
    const keyPos = services.keys.get(name)!;
    const aliases = new Set<string>();
    for (const key of ['container_name', 'hostname']) {
      const v = text(at(svc, key));
      if (v) aliases.add(v);
    }
    const networks = at(svc, 'networks');
    if (networks?.kind === 'map') for (const net of networks.entries.values()) for (const a of items(at(net, 'aliases'))) if (text(a)) aliases.add(text(a)!);
    const image = text(at(svc, 'image'));
    const imageName = image ? image.split('@')[0]!.split(':')[0]!.split('/').pop()! : undefined;
    if (imageName && imageName !== name) aliases.add(imageName);
    facts.components.push({ name, aliases: [...aliases], origin: 'compose', evidence: src.evidence(keyPos.line, keyPos.column) });

    const listen = (port: number | undefined, node: PNode, source: 'compose-expose' | 'compose-ports' | 'command' | 'healthcheck' | 'image-default'): void => {
      if (port !== undefined) facts.listeners.push({ component: name, port, source, evidence: src.evidence(node.line, node.column) });
    };
    for (const e of items(at(svc, 'expose'))) listen(parsePort(text(e) ?? ''), e, 'compose-expose');
    for (const p of items(at(svc, 'ports'))) {
      if (p.kind === 'map') listen(parsePort(text(at(p, 'target')) ?? ''), at(p, 'target') ?? p, 'compose-ports');
      else listen(containerSideOfPorts(text(p) ?? ''), p, 'compose-ports');
    }
    const command = at(svc, 'command');
    const commandText = command?.kind === 'seq' ? items(command).map((c) => text(c) ?? '').join(' ') : text(command);
    if (command && commandText) listen(portFromCommand(commandText), command, 'command');
    const test = at(svc, 'healthcheck', 'test');
    const testText = test?.kind === 'seq' ? items(test).map((c) => text(c) ?? '').join(' ') : text(test);
    if (test && testText) for (const ep of findEndpoints(testText)) if (isLoopback(ep.host)) listen(ep.port, test, 'healthcheck');
    if (imageName && IMAGE_PORTS[imageName] !== undefined) listen(IMAGE_PORTS[imageName], at(svc, 'image')!, 'image-default');

    for (const [key, value, node] of assignments(at(svc, 'environment'))) facts.settings.push({ owner: name, key, value, evidence: src.evidence(node.line, node.column) });
    // Labels configure what routes to the service (Traefik's `...loadbalancer.server.port`): settings of it.
    for (const [key, value, node] of assignments(at(svc, 'labels'))) facts.settings.push({ owner: name, key: `labels.${key}`, value, evidence: src.evidence(node.line, node.column) });
    // Resolver settings (`dns:`, `dns_search:`) are settings of the service: name resolution depends on them.
    for (const key of ['dns', 'dns_search']) {
      const node = at(svc, key);
      const list = node?.kind === 'seq' ? node.items : node ? [node] : [];
      list.forEach((item, i) => {
        const value = text(item);
        if (value !== undefined) facts.settings.push({ owner: name, key: `${key}.${i}`, value, evidence: src.evidence(item.line, item.column) });
      });
    }

    facts.workloads.push(composeWorkload(name, svc, keyPos, src));

    const envFiles = at(svc, 'env_file');
    const envFileNodes = envFiles?.kind === 'seq' ? envFiles.items : envFiles ? [envFiles] : [];
    for (const f of envFileNodes) {
      const path = text(f.kind === 'map' ? at(f, 'path') : f);
      if (path) owners.set(posix.normalize(posix.join(baseDir, path)), name);
    }
    for (const v of items(at(svc, 'volumes'))) {
      const source = v.kind === 'map' ? text(at(v, 'source')) : (text(v) ?? '').split(':')[0];
      if (source && !source.startsWith('/') && source.includes('/')) {
        owners.set(posix.normalize(posix.join(baseDir, source)), name);
      }
    }
  }
  return { facts, owners };
}

/**
 * A service as a workload of kind `ComposeService` (namespace '', no pod labels) with one container named
 * after the service: image, container-side ports, limits (`mem_limit`, `cpus`, `deploy.resources.limits`),
 * requests (`mem_reservation`, `deploy.resources.reservations`), entrypoint + command, health check,
 * mounts, and replicas from `deploy.replicas` or `scale`.
 */
export function composeWorkload(name: string, svc: PNode, keyPos: Position, src: SourceText): WorkloadFact {
  const ev = (node: PNode): Evidence => src.evidence(node.line, node.column);
  const container: ContainerFact = { name, ports: [] };
  const imageNode = at(svc, 'image');
  const image = text(imageNode);
  if (image && imageNode) {
    container.image = image;
    container.imageEvidence = ev(imageNode);
  }
  for (const e of items(at(svc, 'expose'))) {
    const port = parsePort(text(e) ?? '');
    if (port !== undefined) container.ports.push({ port, evidence: ev(e) });
  }
  for (const p of items(at(svc, 'ports'))) {
    const node = p.kind === 'map' ? (at(p, 'target') ?? p) : p;
    const port = p.kind === 'map' ? parsePort(text(at(p, 'target')) ?? '') : containerSideOfPorts(text(p) ?? '');
    if (port !== undefined && !container.ports.some((c) => c.port === port)) container.ports.push({ port, evidence: ev(node) });
  }
  const resources = (memoryPaths: string[][], cpuPaths: string[][]): ResourceFacts | undefined => {
    const out: ResourceFacts = {};
    const memoryNode = memoryPaths.map((path) => at(svc, ...path)).find((n) => text(n) !== undefined);
    if (memoryNode) out.memory = quantity(memoryNode, parseByteSize(text(memoryNode)!));
    const cpuNode = cpuPaths.map((path) => at(svc, ...path)).find((n) => text(n) !== undefined);
    if (cpuNode) out.cpu = quantity(cpuNode, parseQuantity(text(cpuNode)!, 'cpu'));
    return out.memory || out.cpu ? out : undefined;
  };
  const quantity = (node: PNode, value: number): QuantityFact => ({ text: text(node)!, value, evidence: ev(node) });
  const limits = resources([['mem_limit'], ['deploy', 'resources', 'limits', 'memory']], [['cpus'], ['deploy', 'resources', 'limits', 'cpus']]);
  if (limits) container.limits = limits;
  const requests = resources([['mem_reservation'], ['deploy', 'resources', 'reservations', 'memory']], [['deploy', 'resources', 'reservations', 'cpus']]);
  if (requests) container.requests = requests;
  const entrypoint = at(svc, 'entrypoint');
  const command = at(svc, 'command');
  const words = [...commandWords(entrypoint), ...commandWords(command)];
  if (words.length > 0) {
    container.command = words;
    container.commandEvidence = ev((entrypoint ?? command)!);
    const wordNodes = [entrypoint, command].flatMap((n) => (n?.kind === 'seq' ? n.items : []));
    if (wordNodes.length === words.length) container.commandWordEvidence = wordNodes.map(ev);
  }
  const test = at(svc, 'healthcheck', 'test');
  if (test && commandWords(test).length > 0) container.healthcheck = { command: commandWords(test), evidence: ev(test) };
  const mounts = items(at(svc, 'volumes')).flatMap((v) => {
    const [source, target] = v.kind === 'map' ? [text(at(v, 'source')), text(at(v, 'target'))] : (text(v) ?? '').split(':');
    return source && target ? [{ volume: source, path: target, evidence: ev(v) }] : [];
  });
  if (mounts.length > 0) container.mounts = mounts;
  const workload: WorkloadFact = { kind: 'ComposeService', name, namespace: '', podLabels: {}, containers: [container], lastLine: lastLineOf(svc), evidence: src.evidence(keyPos.line, keyPos.column) };
  const replicasNode = [at(svc, 'deploy', 'replicas'), at(svc, 'scale')].find((n) => /^\d+$/.test(text(n) ?? ''));
  if (replicasNode) workload.replicas = { value: Number(text(replicasNode)), evidence: ev(replicasNode) };
  return workload;
}

/** The words of a command written as a list, or as a string split like a shell would (quotes kept together). */
function commandWords(node: PNode | undefined): string[] {
  if (node?.kind === 'seq') return node.items.map((i) => text(i) ?? '');
  const line = text(node);
  if (line === undefined) return [];
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The container side of a short-syntax `ports` entry: "8080:8000" -> 8000, "127.0.0.1:80:8080/tcp" -> 8080. */
function containerSideOfPorts(entry: string): number | undefined {
  const withoutProto = entry.split('/')[0]!;
  const last = withoutProto.split(':').pop()!;
  return last.includes('-') ? undefined : parsePort(last);
}

/** A port given on a command line: `--port 8000`, `--port=8000`, `-p 8000`, `--bind 0.0.0.0:8000`, `-b :8000`. */
export function portFromCommand(command: string): number | undefined {
  const m = /(?:^|\s)(?:--port|--listen-port|--http-port|-p|--bind|-b|--listen|--addr)(?:=|\s+)(\S+)/.exec(command);
  return m ? parsePort(m[1]!.replace(/^['"]|['"]$/g, '')) : undefined;
}

/** The `KEY: value` entries of a map, or the `KEY=value` items of a list (Compose accepts both for environment and labels). */
function assignments(node: PNode | undefined): [string, string, PNode][] {
  const out: [string, string, PNode][] = [];
  if (node?.kind === 'map') {
    for (const [key, valueNode] of node.entries) {
      const value = text(valueNode);
      if (value !== undefined) out.push([key, value, valueNode]);
    }
    return out;
  }
  for (const item of items(node)) {
    const entry = text(item);
    const eq = entry?.indexOf('=') ?? -1;
    if (entry && eq > 0) out.push([entry.slice(0, eq), entry.slice(eq + 1), item]);
  }
  return out;
}
