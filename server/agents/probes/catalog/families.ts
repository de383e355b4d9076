/**
 * Which probes the observer proposes for a hypothesis, per fault family: the reads an engineer would run
 * first to confirm or rule it out, filled with the names the evidence gives (namespace, workload, container,
 * unit, endpoint, datastore). Analyzers that know more (the port believed right, a certificate file) add
 * their own from the same templates.
 */
import type { FaultLabel } from '../../../protocol';
import * as k8s from './kubernetes';
import * as net from './network';
import * as store from './datastores';
import * as host from './host';
import * as docker from './docker';
import type { ProbeIdea } from './probe';
import type { ProbeTarget, Technology } from './target';

/** What the evidence adds for some families: a DNS name that failed, a certificate file, a log file. */
export interface FamilyDetails {
  /** dns_failure: the name that did not resolve. */
  name?: string;
  /** tls_failure: certificate files the configs point at. */
  certificates?: string[];
}

/** The probes for a hypothesis of `fault` about `t`, most telling first. */
export function familyProbes(fault: FaultLabel, t: ProbeTarget, details: FamilyDetails = {}): ProbeIdea[] {
  const kube = t.platform === 'kubernetes';
  const compose = t.platform === 'compose';
  const logs = (tail: number, why: string, options: { previous?: boolean; since?: string } = {}): ProbeIdea =>
    kube ? k8s.logs(t, { ...options, tail }, why) : compose ? docker.containerLogs(t, tail, why) : host.unitJournal(t, why);
  switch (fault) {
    case 'service_down':
      return [
        ...reachability(t),
        ...(kube ? [k8s.rolloutState(t), k8s.serviceEndpoints(t), k8s.pods(t)] : compose ? [docker.containers(t)] : [host.unitStatus(t), host.listeningSockets(t, `shows whether anything listens on ${t.component}'s port`)]),
      ];
    case 'crash_loop':
      return kube
        ? [k8s.logs(t, { previous: true, tail: 100 }, `shows how ${t.component}'s last run ended`), k8s.describePods(t, `shows the exit code and reason of ${t.component}'s last termination`)]
        : compose
          ? [docker.containerLogs(t, 100, `shows how ${t.component}'s last run ended`), docker.containerState(t)]
          : [host.unitStatus(t, `shows ${t.component}'s restart count and last exit`), host.unitJournal(t, `shows how ${t.component}'s last runs ended`)];
    case 'oom':
      return kube
        ? [k8s.describePods(t, `shows Last State: OOMKilled and the memory limit of ${t.component}'s containers`), k8s.top(t)]
        : compose
          ? [docker.containerState(t), host.memory(t)]
          : [host.kernelOom(t), host.memory(t)];
    case 'disk_full':
      return [host.diskUse(t), ...(kube ? [k8s.claims(t)] : []), ...(t.technology === 'redis' ? [store.redisInfo(t, 'persistence')] : [])];
    case 'network_delay':
    case 'network_loss': {
      const where = t.endpoint ?? { host: t.component, port: 80 };
      const path = t.technology === 'redis' ? [store.redisPing(t), store.redisSlowlog(t)] : t.technology === 'postgres' ? [store.pgReady(t), store.pgQuery(t, 'long-transactions')] : [net.httpTiming(t, t.endpoint ? net.urlOf(where.host, where.port) : `http://${t.component}/`)];
      return [...path, net.roundTrips(t, where.host, fault === 'network_delay' ? 'latency' : 'loss')];
    }
    case 'dns_failure': {
      const name = details.name ?? t.endpoint?.host ?? t.component;
      return [net.hostLookup(t, name), net.dnsLookup(t, name)];
    }
    case 'tls_failure': {
      const where = t.endpoint && t.endpoint.port !== 80 ? t.endpoint : { host: t.component, port: 443 };
      return [net.tlsHandshake(t, where.host, where.port), ...(details.certificates ?? []).slice(0, 2).map((f) => net.certificateDates(t, f))];
    }
    case 'resource_exhaustion':
      if (t.technology === 'postgres') return [store.pgQuery(t, 'connections-by-state'), store.pgQuery(t, 'max-connections'), store.pgQuery(t, 'connections-by-client')];
      if (t.technology === 'redis') return [store.redisInfo(t, 'clients'), store.redisConfig(t, 'maxclients'), store.redisClients(t)];
      return kube ? [k8s.top(t), logs(200, `shows ${t.component}'s pool and limit messages`)] : [host.processes(t), logs(200, `shows ${t.component}'s pool and limit messages`)];
    case 'auth_failure':
      if (t.technology === 'postgres') return [store.pgQuery(t, 'login-roles'), store.pgQuery(t, 'database-privileges')];
      if (t.technology === 'redis') return [store.redisPing(t)];
      return [logs(200, `shows ${t.component}'s side of the rejected logins (which user, which rule)`)];
    case 'app_misconfig':
      return [logs(200, `shows ${t.component}'s startup lines, where config errors are reported`), ...(t.technology === 'http' && !kube && !compose ? [host.nginxConfig(t)] : [])];
    case 'scheduling_failure':
      return [k8s.events(t, 'FailedScheduling', `shows why the scheduler cannot place ${t.component}'s pods`), k8s.nodeLabels(t), k8s.describePods(t, `shows the pending pods' conditions and events`)];
    case 'image_pull_failure':
      return [k8s.events(t, 'Failed', `shows the registry's answer to the pull of ${t.component}'s image`), k8s.templateField(t, '.spec.template.spec.containers[*].image', `shows the image tag ${t.component} asks for`)];
    case 'code_defect':
      return [logs(500, `shows the stack traces of ${t.component} and the requests that trigger them`, { since: '1h' })];
    case 'port_misconfig':
      return kube ? [k8s.serviceEndpoints(t), k8s.describeService(t)] : [host.listeningSockets(t, `on ${t.component}'s host: lists the ports that are really listening`)];
    case 'none':
      return [];
  }
}

/** A direct check that the service answers where callers reach it, by what it is. */
function reachability(t: ProbeTarget): ProbeIdea[] {
  if (!t.endpoint) return [];
  if (t.technology === 'redis') return [store.redisPing(t)];
  if (t.technology === 'postgres') return [store.pgReady(t)];
  if (t.technology === 'http') return [net.httpHead(t, net.urlOf(t.endpoint.host, t.endpoint.port), `checks whether ${t.component} answers on ${t.endpoint.host}:${t.endpoint.port}`)];
  return [];
}

/**
 * Whether the service answers on the port believed right, where callers do not call it: an answer supports
 * port_misconfig of `t` (the side whose port setting is wrong).
 */
export function answersOnPort(t: ProbeTarget, server: { name: string; host: string; port: number; technology?: Technology }): ProbeIdea {
  const why = `checks that ${server.name} answers on port ${server.port}`;
  const at: ProbeTarget = { ...t, endpoint: { host: server.host, port: server.port } };
  if (server.technology === 'redis') return store.redisPing(at, why, store.ALTERNATIVE_PORT);
  if (server.technology === 'postgres') return store.pgReady(at, why, store.ALTERNATIVE_PORT);
  return net.httpHead(t, net.urlOf(server.host, server.port), why, store.ALTERNATIVE_PORT);
}
