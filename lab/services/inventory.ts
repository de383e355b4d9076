/**
 * inventory: the catalogue and stock counts, over HTTPS (TLS_CERT_FILE / TLS_KEY_FILE), kept in Redis
 * (REDIS_URL). At start it warms an in-memory catalogue cache of CACHE_WARM_MB, which must fit the heap its
 * memory limit leaves.
 */
import https from 'node:https';
import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { readJson, send, type Reply } from './http-util';
import { errorFields, type Logger } from './log';
import { LabResolver } from './lab-resolver';
import { required } from './settings';

/** Keeps the warmed cache reachable so the collector cannot free it. */
const warmed: unknown[] = [];

function warmCache(mb: number): void {
  // About 1 MiB of JS heap per step: many small objects, as a parsed catalogue is.
  for (let i = 0; i < mb; i++) {
    const page: { sku: string; name: string; tags: string[] }[] = [];
    for (let j = 0; j < 4096; j++) page.push({ sku: `sku-${i}-${j}`, name: `catalogue entry ${i}/${j} `.repeat(4), tags: ['warm', String(j)] });
    warmed.push(page);
  }
}

export async function startInventory(log: Logger): Promise<https.Server> {
  const port = Number(required('PORT'));
  const redisUrl = new URL(required('REDIS_URL'));
  const cert = readFileSync(required('TLS_CERT_FILE'));
  const key = readFileSync(required('TLS_KEY_FILE'));
  const resolver = new LabResolver(required('DNS_SERVER'));
  const mb = Number(process.env.CACHE_WARM_MB ?? 0);
  log.info('warming catalogue cache', { mb });
  warmCache(mb);
  const redis = new Redis({
    host: await resolver.resolve(redisUrl.hostname),
    port: Number(redisUrl.port || 6379),
    username: decodeURIComponent(redisUrl.username) || undefined,
    password: decodeURIComponent(redisUrl.password) || undefined,
    db: Number(redisUrl.pathname.slice(1) || 0),
    maxRetriesPerRequest: 1,
    // The inventory ACL user may not run INFO, which ioredis's ready check sends.
    enableReadyCheck: false,
    connectTimeout: 1500,
    commandTimeout: 1500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', (err) => log.error('redis connection error', { redis: `${redisUrl.hostname}:${redisUrl.port}`, ...errorFields(err) }));

  const command = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      log.error('redis command failed', { command: what, ...errorFields(err) });
      throw Object.assign(new Error('stock store unavailable'), { status: 503 });
    }
  };

  const product = async (id: string): Promise<Record<string, string> | undefined> => {
    const p = await command('HGETALL', () => redis.hgetall(`product:${id}`));
    return Object.keys(p).length > 0 ? p : undefined;
  };

  const routes = async (req: http.IncomingMessage): Promise<Reply> => {
    const path = new URL(req.url ?? '/', 'https://inventory').pathname;
    if (req.method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (req.method === 'GET' && path === '/products') {
      const ids = await command('SMEMBERS', () => redis.smembers('product:ids'));
      const items = await Promise.all(ids.sort().map((id) => product(id)));
      return { status: 200, body: items.filter(Boolean) };
    }
    const one = /^\/products\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const p = await product(one[1]!);
      return p ? { status: 200, body: p } : { status: 404, body: { error: `no product ${one[1]}` } };
    }
    if (req.method === 'POST' && path === '/reserve') {
      const r = (await readJson(req)) as { productId: string; quantity: number };
      const p = await product(r.productId);
      if (!p) return { status: 404, body: { error: `no product ${r.productId}` } };
      const left = await command('DECRBY', () => redis.decrby(`stock:${r.productId}`, r.quantity));
      if (left < 0) {
        await command('INCRBY', () => redis.incrby(`stock:${r.productId}`, r.quantity));
        return { status: 409, body: { error: `not enough stock of ${r.productId}` } };
      }
      return { status: 200, body: { productId: r.productId, unitPrice: Number(p.price), left } };
    }
    return { status: 404, body: { error: `no route ${req.method} ${path}` } };
  };

  const server = https.createServer({ cert, key }, (req, res) => {
    const started = performance.now();
    void routes(req)
      .catch((err: Error & { status?: number }) => ({ status: err.status ?? 500, body: { error: err.message } }))
      .then((reply) => {
        send(res, reply.status, reply.body);
        log.info('request completed', { method: req.method, path: req.url, status: reply.status, ms: Math.round(performance.now() - started) });
      });
  });
  // A client that connects and leaves without a handshake (a TCP readiness check) is no failure.
  server.on('tlsClientError', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') log.warn('TLS handshake failed', errorFields(err));
  });
  server.listen(port, '127.0.0.1', () => log.info('inventory listening', { port, redis: `${redisUrl.hostname}:${redisUrl.port}`, tls: process.env.TLS_CERT_FILE }));
  return server;
}
