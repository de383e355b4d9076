/**
 * The topology of the incident: which components exist, the names they answer to, the ports they listen
 * on and the endpoints they call. Built from config facts and log announcements; settings are interpreted
 * here (a `PORT` is a listener, a `LEDGER_URL` a reference, `DB_HOST` + `DB_PORT` a reference).
 */
import type { ComponentDecl, ConfigFacts, EndpointReference, PortListener, ServiceFact, SettingFact } from '../ingest/config/facts';
import { findEndpoints, isLoopback, parsePort } from '../ingest/config/endpoints';
import { stripPodSuffix } from '../ingest/owners';
import type { ListenAnnouncement } from './log-signals';

/** Keys (lowercased, separators removed, last two path segments) that set the port a service listens on. */
const LISTEN_KEYS = new Set([
  'port', 'serverport', 'httpport', 'httpsport', 'listenport', 'appport', 'grpcport', 'listen', 'listenaddr',
  'listenaddress', 'bind', 'bindaddr', 'bindaddress', 'httplisten', 'serveraddr', 'serveraddress', 'httpaddr',
  'serverlisten', 'serverhttpport', 'webport',
]);
const HOST_SUFFIXES = ['host', 'hostname', 'server', 'addr', 'address'];
/** Labels that tell a proxy which port of the labelled service to call (Traefik, Caddy-docker-proxy). */
const PROXY_PORT_LABEL = /^labels\.(traefik\..*\.loadbalancer\.server\.port|caddy(_\d+)?\.reverse_proxy\.port|.*\.upstream[._]port)$/i;

/** What a host name resolved to. */
export interface ResolvedHost {
  component: string;
  /** The Kubernetes Service the name designates, when it is one: callers reach the Service's ports. */
  service?: ServiceFact;
}

/** Components, their names, listeners and references. */
export class Topology {
  /** Every known component name. */
  readonly components = new Set<string>();
  readonly references: EndpointReference[] = [];
  private readonly names = new Map<string, string>();
  private readonly listeners = new Map<string, PortListener[]>();
  private readonly services = new Map<string, ServiceFact>();

  /**
   * `logComponents` are components known only because they wrote logs: each becomes a component, or one more
   * name of a component the configs declare (see `addComponent`).
   */
  constructor(facts: ConfigFacts, announcements: ListenAnnouncement[] = [], logComponents: ComponentDecl[] = []) {
    for (const c of facts.components) {
      this.addName(c.name, c.name);
      for (const alias of c.aliases) this.addName(alias, c.name);
    }
    for (const s of facts.services) {
      this.services.set(s.name, s);
      if (s.clusterIP) this.names.set(s.clusterIP, s.name);
    }
    for (const l of facts.listeners) this.addListener(l);
    this.references.push(...facts.references);
    this.interpretSettings(facts.settings);
    for (const decl of logComponents) this.addComponent(decl);
    for (const a of announcements) {
      const owner = a.owner && this.resolve(a.owner)?.component;
      if (owner) this.addListener({ component: owner, port: a.port, source: 'log', evidence: a.evidence });
    }
  }

  /**
   * The component a host name (or IP) designates: exact names, aliases, DNS forms, pod names, and Compose
   * container names (`shop-orders-1` is the service `orders` of project `shop`).
   */
  resolve(host: string): ResolvedHost | undefined {
    const lower = host.toLowerCase();
    const candidates = [lower, lower.replace(/\.svc(\.cluster\.local)?\.?$/, ''), lower.split('.')[0]!, stripPodSuffix(lower.split('.')[0]!)];
    const exact = candidates.length;
    // Compose names containers `<project>-<service>-<n>`: the service is a suffix of the name.
    // A DNS name never; a one-word service only behind a replica number (`shop-api-1`, not `orders-api`).
    if (!lower.includes('.')) {
      const container = /^(.+?)[-_](\d+)$/.exec(lower);
      const parts = (container?.[1] ?? lower).split(/[-_]/);
      for (let i = 1; i < parts.length; i++) {
        if (parts.length - i >= 2 || container) candidates.push(parts.slice(i).join('-'), parts.slice(i).join('_'));
      }
    }
    for (const [i, name] of candidates.entries()) {
      const component = i < exact || name.length >= 3 ? this.names.get(name) : undefined;
      if (component) {
        const service = this.services.get(component);
        return service ? { component, service } : { component };
      }
    }
    return undefined;
  }

  /**
   * The one component reached on `port`: the only component listening on it or called on it by name.
   * Undefined when none or several are, so an address nothing names (a container IP) is tied to a component
   * only when the port leaves no doubt.
   */
  componentOnPort(port: number): string | undefined {
    const found = new Set<string>();
    for (const [component, list] of this.listeners) if (list.some((l) => l.port === port)) found.add(component);
    for (const r of this.references) {
      const target = r.port === port ? this.resolve(r.host) : undefined;
      if (target) found.add(target.component);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /**
   * Adds a component known from the logs: a name that already designates a component (a Compose
   * container name, a pod name) becomes one more name of it instead of a component of its own.
   */
  private addComponent(decl: ComponentDecl): void {
    const canonical = this.resolve(decl.name)?.component ?? decl.name;
    this.addName(decl.name, canonical);
    for (const alias of decl.aliases) this.addName(alias, canonical);
  }

  /** The canonical component for a name, adding it as a component of its own when unknown. */
  componentFor(name: string): string {
    return this.resolve(name)?.component ?? name;
  }

  /**
   * The ports a component listens on. A well-known image's default port counts only when nothing else
   * declares a port for that component.
   */
  listenersOf(component: string): PortListener[] {
    const all = this.listeners.get(component) ?? [];
    const declared = all.filter((l) => l.source !== 'image-default');
    return declared.length > 0 ? declared : all;
  }

  /** The ports a caller reaches when it connects to `target`: a Service's ports, or the component's listeners. */
  reachablePorts(target: ResolvedHost): { ports: Set<number>; listeners: PortListener[] } {
    const listeners = target.service
      ? this.listenersOf(target.component).filter((l) => l.source === 'service-port')
      : this.listenersOf(target.component).filter((l) => l.source !== 'service-port');
    return { ports: new Set(listeners.map((l) => l.port)), listeners };
  }

  private addName(name: string, component: string): void {
    this.components.add(component);
    const key = name.toLowerCase();
    if (!this.names.has(key)) this.names.set(key, component);
  }

  private addListener(l: PortListener): void {
    const component = this.componentFor(l.component);
    this.components.add(component);
    this.addName(component, component);
    const list = this.listeners.get(component) ?? [];
    list.push({ ...l, component });
    this.listeners.set(component, list);
  }

  private interpretSettings(settings: SettingFact[]): void {
    const byOwner = new Map<string, SettingFact[]>();
    for (const s of settings) {
      const owner = s.owner ?? this.ownerByInterpolation(s, settings);
      if (!owner) continue;
      const list = byOwner.get(owner) ?? [];
      list.push(s);
      byOwner.set(owner, list);
    }
    for (const [ownerName, list] of byOwner) {
      const owner = this.componentFor(ownerName);
      const used = new Set<SettingFact>();
      // A proxy's routing label on this service: the proxy calls this service on that port.
      for (const s of list) {
        const port = PROXY_PORT_LABEL.test(s.key) ? parsePort(s.value) : undefined;
        if (port === undefined) continue;
        const proxy = [...this.components].find((c) => /traefik|caddy|proxy|gateway|ingress/i.test(c)) ?? 'traefik';
        this.references.push({ from: proxy, host: owner, port, explicitPort: true, via: `label ${s.key.replace(/^labels\./, '')}`, evidence: s.evidence, configuredBy: owner });
        used.add(s);
      }
      // host + port pairs: DB_HOST=postgres with DB_PORT=5433, database.host with database.port
      for (const portSetting of list) {
        const m = /^(.*?)[._-]?port$/i.exec(portSetting.key);
        const port = parsePort(portSetting.value);
        if (!m || port === undefined || !m[1]) continue;
        const prefix = m[1];
        const hostSetting = list.find((s) => HOST_SUFFIXES.some((suf) => s.key.toLowerCase() === `${prefix}${sep(portSetting.key, prefix)}${suf}`.toLowerCase()));
        const hostValue = hostSetting?.value;
        if (hostSetting && hostValue && !isLoopback(hostValue) && !findEndpoints(hostValue).length) {
          this.references.push({ from: owner, host: hostValue, port, explicitPort: true, via: `settings ${hostSetting.key} and ${portSetting.key}`, evidence: portSetting.evidence });
          used.add(portSetting).add(hostSetting);
        } else if (!hostSetting) {
          const target = this.resolve(prefix.split(/[._-]/).pop()!);
          if (target && target.component !== owner) {
            this.references.push({ from: owner, host: prefix.split(/[._-]/).pop()!, port, explicitPort: true, via: `setting ${portSetting.key}`, evidence: portSetting.evidence });
            used.add(portSetting);
          }
        }
      }
      for (const s of list) {
        if (used.has(s)) continue;
        const endpoints = findEndpoints(s.value);
        const listenKey = LISTEN_KEYS.has(normalizedKey(s.key));
        for (const ep of endpoints) {
          if (isLoopback(ep.host)) {
            if (listenKey) this.addListener({ component: owner, port: ep.port, source: 'setting', evidence: s.evidence });
          } else if (this.resolve(ep.host)?.component !== owner) {
            this.references.push({ from: owner, host: ep.host, port: ep.port, explicitPort: ep.explicitPort, via: `setting ${s.key}`, evidence: s.evidence });
          }
        }
        if (endpoints.length === 0 && listenKey) {
          const port = parsePort(s.value);
          if (port !== undefined) this.addListener({ component: owner, port, source: 'setting', evidence: s.evidence });
        }
      }
    }
  }

  /** A setting without an owner (a root `.env`) belongs to the service whose settings interpolate it. */
  private ownerByInterpolation(setting: SettingFact, all: SettingFact[]): string | undefined {
    const re = new RegExp(String.raw`\$\{?${setting.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`);
    return all.find((s) => s.owner && re.test(s.value))?.owner;
  }
}

function normalizedKey(key: string): string {
  return key.split('.').slice(-2).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function sep(key: string, prefix: string): string {
  return key.slice(prefix.length, prefix.length + 1).match(/[._-]/) ? key[prefix.length]! : '';
}
