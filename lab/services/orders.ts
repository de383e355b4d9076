/**
 * orders: places and reads orders in PostgreSQL (DATABASE_URL, pool DB_POOL_MAX / DB_POOL_TIMEOUT_MS) and writes
 * a receipt per order into RECEIPTS_DIR (a volume). FEATURE_BUNDLE_PRICING turns on the bundle-price code path.
 */
import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { readJson, send, type Reply } from './http-util';
import { errorFields, type Logger } from './log';
import { LabResolver } from './lab-resolver';
import { required } from './settings';
import { bundlePrice } from './bundle-pricing';

export async function startOrders(log: Logger): Promise<http.Server> {
  const port = Number(required('PORT'));
  const db = new URL(required('DATABASE_URL'));
  const receipts = required('RECEIPTS_DIR');
  const bundles = process.env.FEATURE_BUNDLE_PRICING === 'true';
  const resolver = new LabResolver(required('DNS_SERVER'));
  const host = await resolver.resolve(db.hostname);
  const pool = new pg.Pool({
    host,
    port: Number(db.port || 5432),
    user: decodeURIComponent(db.username),
    password: decodeURIComponent(db.password),
    database: db.pathname.slice(1),
    max: Number(process.env.DB_POOL_MAX ?? 8),
    connectionTimeoutMillis: Number(process.env.DB_POOL_TIMEOUT_MS ?? 2000),
    idleTimeoutMillis: 10000,
  });
  pool.on('error', (err) => log.error('idle database connection failed', errorFields(err)));

  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<T>> => {
    try {
      return await pool.query<T>(sql, params);
    } catch (err) {
      log.error('database query failed', { database: db.pathname.slice(1), ...errorFields(err) });
      throw Object.assign(new Error('database unavailable'), { status: 503 });
    }
  };

  const routes = async (req: http.IncomingMessage): Promise<Reply> => {
    const path = new URL(req.url ?? '/', 'http://orders').pathname;
    if (req.method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (req.method === 'POST' && path === '/orders') {
      const o = (await readJson(req)) as { productId: string; quantity: number; unitPrice: number };
      let total = o.unitPrice * o.quantity;
      if (bundles) total = bundlePrice(o.productId, o.quantity, o.unitPrice);
      const r = await query<{ id: number; created_at: Date }>('INSERT INTO orders (product_id, quantity, total) VALUES ($1, $2, $3) RETURNING id, created_at', [o.productId, o.quantity, total]);
      const row = r.rows[0]!;
      try {
        await writeFile(join(receipts, `order-${row.id}.json`), JSON.stringify({ id: row.id, productId: o.productId, quantity: o.quantity, total, at: row.created_at }) + '\n');
      } catch (err) {
        log.error('failed to write receipt', { order: row.id, dir: receipts, ...errorFields(err) });
        throw Object.assign(new Error('receipt not written'), { status: 500 });
      }
      return { status: 201, body: { id: row.id, total } };
    }
    const id = /^\/orders\/(\d+)$/.exec(path);
    if (req.method === 'GET' && id) {
      const r = await query('SELECT id, product_id, quantity, total FROM orders WHERE id = $1', [Number(id[1])]);
      return r.rows[0] ? { status: 200, body: r.rows[0] } : { status: 404, body: { error: `no order ${id[1]}` } };
    }
    return { status: 404, body: { error: `no route ${req.method} ${path}` } };
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    void routes(req)
      .catch((err: Error & { status?: number }) => {
        if (!err.status) log.error('unhandled error', { path: req.url, error: err.message, stack: err.stack });
        return { status: err.status ?? 500, body: { error: err.message } };
      })
      .then((reply) => {
        send(res, reply.status, reply.body);
        log.info('request completed', { method: req.method, path: req.url, status: reply.status, ms: Math.round(performance.now() - started) });
      });
  });
  server.listen(port, '127.0.0.1', () => log.info('orders listening', { port, database: `${db.hostname}:${db.port}${db.pathname}`, poolMax: Number(process.env.DB_POOL_MAX ?? 8) }));
  return server;
}
