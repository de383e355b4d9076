/**
 * An incident about a Redis on a loopback port, for probe tests against a real redis-server: an API whose
 * settings point at 127.0.0.1:PORT logs refused connections to it, so the engine suspects the Redis is down
 * and proposes `redis-cli -h 127.0.0.1 -p PORT PING`. Whether that holds is up to the real server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The probe the engine proposes for the incident's Redis. */
export function pingArgv(port: number): string[] {
  return ['redis-cli', '-h', '127.0.0.1', '-p', String(port), 'PING'];
}

/** Writes the incident into `folder` (created), for a Redis on `port`. */
export function writeRedisIncident(folder: string, port: number): void {
  const start = Date.parse('2026-11-20T10:00:00Z');
  const log = Array.from({ length: 40 }, (_, i) => {
    const ts = new Date(start + i * 15_000).toISOString();
    return i < 5 ? `${ts} INFO api listening on :8080` : `${ts} ERROR api cache lookup failed: Error: connect ECONNREFUSED 127.0.0.1:${port}`;
  });
  const files: Record<string, string> = {
    'etc/api/api.env': `REDIS_HOST=127.0.0.1\nREDIS_PORT=${port}\nPORT=8080\n`,
    'etc/redis/redis.conf': `bind 127.0.0.1\nport ${port}\nmaxclients 1000\n`,
    'logs/api.log': `${log.join('\n')}\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, rel)), { recursive: true });
    writeFileSync(join(folder, rel), text);
  }
}
