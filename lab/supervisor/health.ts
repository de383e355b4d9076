/** Health checks of the shop's parts: an HTTP(S) GET that must answer 2xx within a second. */
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabPaths } from '../paths';
import { serviceHost, type ShopPorts } from '../shop';
import { postgresReady, redisReady } from './datastores';

/** Resolves when `url` answers 2xx; for HTTPS, `tls` names the CA to trust and the name to verify. */
export function httpOk(url: string, tls?: { ca: Buffer; servername: string }, timeoutMs = 1000): Promise<void> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(u, { timeout: timeoutMs, agent: false, ...(tls ?? {}) }, (res) => {
      res.resume();
      if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) resolve();
      else reject(new Error(`${url} answered ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
  });
}

/** Every part answers: the gateway, each app's /health (inventory over HTTPS, verified), Redis, PostgreSQL. */
export async function shopHealthy(paths: LabPaths, ports: ShopPorts): Promise<void> {
  await httpOk(`http://127.0.0.1:${ports.gateway}/healthz`);
  await httpOk(`http://127.0.0.1:${ports.pod['web-api']}/health`);
  await httpOk(`http://127.0.0.1:${ports.pod.orders}/health`);
  const ca = readFileSync(join(paths.workspace, 'certs', 'ca.crt'));
  await httpOk(`https://127.0.0.1:${ports.pod.inventory}/health`, { ca, servername: serviceHost('inventory') });
  await redisReady(ports);
  await postgresReady(paths, ports);
}
