/**
 * web-api: the shop's public API behind the gateway. Reads the catalogue and reserves stock at inventory
 * (HTTPS, trusting INVENTORY_CA_FILE), places and reads orders at orders. Dependency failures answer 502 (504
 * on a timeout) and are logged with the dependency's name, URL and error.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { call, readJson, send, type Reply } from './http-util';
import { errorFields, type Logger } from './log';
import { LabResolver } from './lab-resolver';
import { required } from './settings';

export function startWebApi(log: Logger): http.Server {
  const port = Number(required('PORT'));
  const ordersUrl = required('ORDERS_URL');
  const inventoryUrl = required('INVENTORY_URL');
  const timeoutMs = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 1500);
  const caFile = process.env.INVENTORY_CA_FILE;
  const ca = caFile ? readFileSync(caFile) : undefined;
  const resolver = new LabResolver(required('DNS_SERVER'));

  const upstream = async (name: string, base: string, path: string, method = 'GET', body?: unknown): Promise<Reply> => {
    const url = `${base}${path}`;
    try {
      return await call(url, { method, body, timeoutMs, resolver, ...(ca && name === 'inventory' ? { ca } : {}) });
    } catch (err) {
      log.error('upstream request failed', { upstream: name, method, url, ...errorFields(err) });
      const status = (err as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? 504 : 502;
      throw Object.assign(new Error(`${name} unavailable`), { status });
    }
  };

  const routes = async (req: http.IncomingMessage): Promise<Reply> => {
    const url = new URL(req.url ?? '/', 'http://web-api');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (req.method === 'GET' && path === '/api/products') return upstream('inventory', inventoryUrl, '/products');
    const product = /^\/api\/products\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && product) return upstream('inventory', inventoryUrl, `/products/${product[1]}`);
    if (req.method === 'POST' && path === '/api/orders') {
      const order = (await readJson(req)) as { productId?: string; quantity?: number };
      if (!order.productId || !Number.isInteger(order.quantity) || order.quantity! < 1) return { status: 400, body: { error: 'productId and a positive integer quantity are required' } };
      const reserved = await upstream('inventory', inventoryUrl, '/reserve', 'POST', { productId: order.productId, quantity: order.quantity });
      if (reserved.status !== 200) {
        if (reserved.status >= 500) log.error('stock reservation failed', { upstream: 'inventory', status: reserved.status, productId: order.productId });
        return reserved;
      }
      const price = (reserved.body as { unitPrice: number }).unitPrice;
      const placed = await upstream('orders', ordersUrl, '/orders', 'POST', { productId: order.productId, quantity: order.quantity, unitPrice: price });
      if (placed.status >= 500) log.error('order placement failed', { upstream: 'orders', status: placed.status, productId: order.productId });
      return placed;
    }
    const orderId = /^\/api\/orders\/(\d+)$/.exec(path);
    if (req.method === 'GET' && orderId) return upstream('orders', ordersUrl, `/orders/${orderId[1]}`);
    return { status: 404, body: { error: `no route ${req.method} ${path}` } };
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    void routes(req)
      .catch((err: Error & { status?: number }) => ({ status: err.status ?? 500, body: { error: err.message } }))
      .then((reply) => {
        send(res, reply.status, reply.body);
        const fields = { method: req.method, path: req.url, status: reply.status, ms: Math.round(performance.now() - started) };
        if (reply.status >= 500) log.warn('request failed', fields);
        else log.info('request completed', fields);
      });
  });
  server.listen(port, '127.0.0.1', () => log.info('web-api listening', { port, orders: ordersUrl, inventory: inventoryUrl }));
  return server;
}
