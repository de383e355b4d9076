/** Small HTTP helpers of the shop's services: JSON bodies, JSON answers, calls to other services. */
import http from 'node:http';
import https from 'node:https';
import type { LabResolver } from './lab-resolver';

export async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An answer from another service. */
export interface Reply {
  status: number;
  body: unknown;
}

/** Calls `url` with an optional JSON body, resolving its host through the lab DNS, within `timeoutMs`. */
export function call(url: string, options: { method?: string; body?: unknown; timeoutMs: number; resolver: LabResolver; ca?: Buffer }): Promise<Reply> {
  const u = new URL(url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: options.method ?? 'GET',
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        lookup: options.resolver.lookup as never,
        ...(options.ca ? { ca: options.ca, servername: u.hostname } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error(`request to ${u.origin}${u.pathname} timed out after ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}
