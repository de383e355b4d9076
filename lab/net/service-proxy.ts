/**
 * The lab network: one TCP proxy per Service port, forwarding to the port of the pods the Service selects
 * (what kube-proxy does), and applying the NetworkChaos experiments that select those pods: a delay added to
 * every chunk the pod sends back (with jitter), or a share of connections reset as soon as they carry data.
 * As with kube-proxy, a Service whose target port has no listener has no endpoints: its port is closed, so
 * callers get connection refused (checked every 250 ms), not a connection that is accepted and then dropped.
 */
import net from 'node:net';
import type { ChaosSpec, Manifests } from './manifests';

interface Route {
  service: string;
  port: number;
  targetPort: number;
  chaos: ChaosSpec[];
}

export class ServiceProxies {
  private readonly servers = new Map<number, { server: net.Server; route: Route; listening: boolean }>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(private readonly log: (line: string) => void) {
    this.timer = setInterval(() => void this.checkEndpoints(), 250);
  }

  /** Opens the port of each Service whose target answers, closes the others. */
  private async checkEndpoints(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const [port, entry] of this.servers) {
        const up = await reachable(entry.route.targetPort);
        if (up === entry.listening || this.servers.get(port) !== entry) continue;
        if (up) await listen(entry.server, port).then(() => (entry.listening = true), () => undefined);
        else await new Promise<void>((r) => entry.server.close(() => r()));
        if (!up) entry.listening = false;
        this.log(`service ${entry.route.service}: ${up ? `endpoint 127.0.0.1:${entry.route.targetPort} ready` : `no ready endpoint on port ${entry.route.targetPort}; port ${port} closed`}`);
      }
    } finally {
      this.checking = false;
    }
  }

  /** Listens on every Service port the manifests declare and applies their chaos; stops the ports they no longer declare. */
  async apply(m: Manifests, deploymentLabels: (name: string) => Record<string, string>[]): Promise<void> {
    const wanted = new Map<number, Route>();
    for (const s of m.services) {
      const selects = (sel: Record<string, string>): boolean => {
        const keys = Object.entries(sel);
        if (keys.length === 0) return false;
        return deploymentLabels(s.name).some((l) => keys.every(([k, v]) => l[k] === v)) || keys.every(([k, v]) => s.selector[k] === v);
      };
      const chaos = m.chaos.filter((c) => c.action !== 'other' && selects(c.selector));
      for (const p of s.ports) wanted.set(p.port, { service: s.name, port: p.port, targetPort: p.targetPort, chaos });
    }
    for (const [port, entry] of this.servers) {
      if (!wanted.has(port)) {
        if (entry.listening) entry.server.close();
        this.servers.delete(port);
      }
    }
    for (const [port, route] of wanted) {
      const existing = this.servers.get(port);
      if (existing) {
        const before = describe(existing.route);
        existing.route = route;
        if (before !== describe(route)) this.log(`service ${route.service}: ${describe(route)}`);
        continue;
      }
      const entry = { server: net.createServer((client) => this.forward(client, entry.route)), route, listening: false };
      if (await reachable(route.targetPort)) {
        await listen(entry.server, port);
        entry.listening = true;
      }
      this.servers.set(port, entry);
      this.log(`service ${route.service}: ${describe(route)}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.servers.values()].filter((e) => e.listening).map((e) => new Promise<void>((r) => e.server.close(() => r()))));
    this.servers.clear();
  }

  private forward(client: net.Socket, route: Route): void {
    const upstream = net.connect(route.targetPort, '127.0.0.1');
    const loss = route.chaos.filter((c) => c.action === 'loss').reduce((p, c) => Math.max(p, c.loss), 0);
    const delays = route.chaos.filter((c) => c.action === 'delay');
    const drop = loss > 0 && Math.random() < loss;
    const fail = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk: Buffer) => {
      if (drop) {
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    if (delays.length === 0) {
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
      upstream.on('end', () => client.end());
      return;
    }
    // Delayed in order: each chunk, and the end, leaves no earlier than the one before it.
    let last = 0;
    const later = (f: () => void): void => {
      const extra = delays.reduce((ms, c) => ms + c.latencyMs + (c.jitterMs > 0 ? (Math.random() * 2 - 1) * c.jitterMs : 0), 0);
      last = Math.max(last, Date.now() + Math.max(0, extra));
      setTimeout(() => {
        if (!client.destroyed) f();
      }, last - Date.now());
    };
    upstream.on('data', (chunk: Buffer) => later(() => client.write(chunk)));
    upstream.on('end', () => later(() => client.end()));
  }
}

function describe(r: Route): string {
  const chaos = r.chaos.map((c) => (c.action === 'delay' ? `NetworkChaos ${c.name} delays ${c.latencyMs}ms` : `NetworkChaos ${c.name} drops ${Math.round(c.loss * 100)}%`));
  return `port ${r.port} -> ${r.targetPort}${chaos.length > 0 ? ` (${chaos.join(', ')})` : ''}`;
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
