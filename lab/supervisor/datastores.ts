/**
 * The shop's datastores as the supervisor runs them: PostgreSQL (as the `postgres` user when the lab runs as
 * root, since PostgreSQL refuses to run as root) and Redis, each with its readiness check and seed data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { LabPaths } from '../paths';
import type { ShopPorts } from '../shop';
import { LAB_SECRETS } from '../workspace/files';

/** The products the shop sells (stock is plentiful: the workload never runs a product out). */
export const PRODUCTS = [
  { id: 'sku-1001', name: 'Espresso beans 1kg', price: 24.5 },
  { id: 'sku-1002', name: 'Burr grinder', price: 129 },
  { id: 'sku-1003', name: 'Milk jug', price: 14.9 },
  { id: 'sku-1004', name: 'Paper filters (200)', price: 6.5 },
  { id: 'sku-1005', name: 'Digital scale', price: 39 },
  { id: 'sku-1006', name: 'Gooseneck kettle', price: 79 },
];

/** The directory of PostgreSQL's programs (Debian's /usr/lib/postgresql/<major>/bin), the newest installed. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const found = majors.map((m) => join(root, m, 'bin')).find((b) => existsSync(join(b, 'postgres')));
  return found;
}

/**
 * Polls `check` until it resolves or `timeoutMs` passes; the last error is the failure's cause, with the last
 * line of `log` (the part's own log) when given.
 */
export async function waitFor(what: string, check: () => Promise<unknown>, timeoutMs: number, log?: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      await check();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const tail = log && existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').pop() : undefined;
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s: ${(last as Error)?.message ?? last}${tail ? ` (${basename(log!)}: ${tail})` : ''}`);
}

/** A superuser connection over the lab's socket. */
export function adminClient(paths: LabPaths, ports: ShopPorts, database = 'postgres'): pg.Client {
  return new pg.Client({ host: paths.pgsocket, port: ports.pod.postgres, user: 'lab', database });
}

export async function postgresReady(paths: LabPaths, ports: ShopPorts): Promise<void> {
  const c = adminClient(paths, ports);
  await c.connect();
  await c.end();
}

/** The orders role, the shop database and its table; run once, after initdb (faults change roles later). */
export async function seedPostgres(paths: LabPaths, ports: ShopPorts): Promise<void> {
  const c = adminClient(paths, ports);
  await c.connect();
  try {
    await c.query(`CREATE ROLE orders LOGIN PASSWORD '${LAB_SECRETS.ordersDb}'`);
    await c.query('CREATE DATABASE shop OWNER orders');
  } finally {
    await c.end();
  }
  const s = adminClient(paths, ports, 'shop');
  await s.connect();
  try {
    await s.query('CREATE TABLE orders (id serial PRIMARY KEY, product_id text NOT NULL, quantity integer NOT NULL, total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
    await s.query('ALTER TABLE orders OWNER TO orders');
  } finally {
    await s.end();
  }
}

function adminRedis(ports: ShopPorts): Redis {
  return new Redis({ host: '127.0.0.1', port: ports.pod.redis, username: 'admin', password: LAB_SECRETS.redisAdmin, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
}

export async function redisReady(ports: ShopPorts): Promise<void> {
  const r = adminRedis(ports);
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } finally {
    r.disconnect();
  }
}

/** Products and stock (Redis keeps no snapshot, so this runs after every Redis start). */
export async function seedRedis(ports: ShopPorts): Promise<void> {
  const r = adminRedis(ports);
  r.on('error', () => undefined);
  try {
    await r.connect();
    const m = r.multi();
    for (const p of PRODUCTS) {
      m.hset(`product:${p.id}`, { id: p.id, name: p.name, price: String(p.price) });
      m.sadd('product:ids', p.id);
      m.set(`stock:${p.id}`, '1000000000');
    }
    await m.exec();
  } finally {
    r.disconnect();
  }
}
