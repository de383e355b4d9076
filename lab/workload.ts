/**
 * The workload: shoppers driving traffic through the gateway for a while (browse the catalogue, look at a
 * product, place an order, look at an order), `concurrency` at a time. Reports the success rate (2xx answers)
 * and latency percentiles; a request that gets no answer within `timeoutMs` counts as failed.
 */
import http from 'node:http';
import { PRODUCTS } from './supervisor/datastores';

export interface WorkloadResult {
  requests: number;
  ok: number;
  successRate: number;
  p50Ms: number;
  p95Ms: number;
  /** Failed requests by what went wrong (`502`, `timeout`, `ECONNREFUSED`). */
  failures: Record<string, number>;
}

export interface WorkloadOptions {
  gatewayPort: number;
  durationMs: number;
  concurrency?: number;
  timeoutMs?: number;
  /** A pseudo-random source (0..1) for the request mix, so runs can be repeated. */
  random?: () => number;
}

interface Shot {
  method: string;
  path: string;
  body?: unknown;
}

function request(port: number, shot: Shot, timeoutMs: number): Promise<{ status: number; body: string }> {
  const payload = shot.body === undefined ? undefined : JSON.stringify(shot.body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: shot.method, path: shot.path, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function runWorkload(o: WorkloadOptions): Promise<WorkloadResult> {
  const random = o.random ?? Math.random;
  const timeoutMs = o.timeoutMs ?? 6000;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const orderIds: number[] = [];
  let requests = 0;
  let ok = 0;
  const until = Date.now() + o.durationMs;
  const next = (): Shot => {
    const r = random();
    const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!.id;
    if (r < 0.35) return { method: 'GET', path: '/api/products' };
    if (r < 0.55) return { method: 'GET', path: `/api/products/${product}` };
    if (r < 0.9 || orderIds.length === 0) return { method: 'POST', path: '/api/orders', body: { productId: product, quantity: 1 + Math.floor(random() * 4) } };
    return { method: 'GET', path: `/api/orders/${orderIds[Math.floor(random() * orderIds.length)]}` };
  };
  const shopper = async (): Promise<void> => {
    while (Date.now() < until) {
      const shot = next();
      const started = performance.now();
      requests++;
      try {
        const r = await request(o.gatewayPort, shot, timeoutMs);
        latencies.push(performance.now() - started);
        if (r.status >= 200 && r.status < 300) {
          ok++;
          if (shot.method === 'POST') {
            const id = (JSON.parse(r.body) as { id?: number }).id;
            if (id !== undefined) orderIds.push(id);
          }
        } else {
          failures[String(r.status)] = (failures[String(r.status)] ?? 0) + 1;
          await pause(50);
        }
      } catch (err) {
        latencies.push(performance.now() - started);
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        failures[code] = (failures[code] ?? 0) + 1;
        await pause(100);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, shopper));
  latencies.sort((a, b) => a - b);
  const pct = (q: number): number => (latencies.length === 0 ? 0 : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!));
  return { requests, ok, successRate: requests === 0 ? 0 : ok / requests, p50Ms: pct(0.5), p95Ms: pct(0.95), failures };
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
