/**
 * Writes a realistic mixed-format log set for the ingest benchmark: one file per format (JSON lines,
 * logfmt, klog, nginx access, syslog, Java with stack traces), from a seeded generator, streamed to disk in
 * large chunks so that generating a gigabyte needs little memory.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { seeded } from '../../test/helpers/seeded';

type LineMaker = (rnd: () => number, t: number) => string;

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const hex = (rnd: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const ip = (rnd: () => number): string => `10.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`;
const iso = (t: number): string => new Date(t).toISOString();
const PATHS = ['/api/orders', '/api/cart/items', '/api/catalog/search', '/healthz', '/api/users/me', '/static/app.js', '/api/payments/charge'];
const SERVICES = ['orders', 'cart', 'catalog', 'payments', 'inventory'];

const MAKERS: Record<string, LineMaker> = {
  'json.log': (r, t) => {
    const roll = r();
    if (roll < 0.85) return `{"level":"info","ts":"${iso(t)}","logger":"http","msg":"request completed","method":"${pick(r, ['GET', 'POST'])}","path":"${pick(r, PATHS)}/${Math.floor(r() * 1e5)}","status":200,"duration_ms":${(r() * 300).toFixed(2)},"request_id":"${hex(r, 16)}"}`;
    if (roll < 0.97) return `{"level":"warn","ts":"${iso(t)}","logger":"${pick(r, SERVICES)}client","msg":"upstream slow, retrying","attempt":${1 + Math.floor(r() * 3)},"backoff":"${Math.floor(r() * 500)}ms"}`;
    return `{"level":"error","ts":"${iso(t)}","logger":"db","msg":"query failed","error":"pq: canceling statement due to statement timeout","query_id":${Math.floor(r() * 1e6)}}`;
  },
  'logfmt.log': (r, t) => {
    const roll = r();
    if (roll < 0.9) return `time=${iso(t)} level=info msg="cache lookup" key=user:${Math.floor(r() * 1e6)} hit=${r() < 0.8} took=${(r() * 5).toFixed(3)}ms`;
    return `time=${iso(t)} level=error msg="redis command failed" cmd=GET err="dial tcp ${ip(r)}:6379: connect: connection refused"`;
  },
  'klog.log': (r, t) => {
    const d = new Date(t);
    const prefix = `${pick(r, ['I', 'I', 'I', 'W', 'E'])}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 23)}000       1`;
    return pick(r, [
      `${prefix} controller.go:${100 + Math.floor(r() * 50)}] "Syncing deployment" deployment="shop/${pick(r, SERVICES)}" resourceVersion="${Math.floor(r() * 1e7)}"`,
      `${prefix} reflector.go:${300 + Math.floor(r() * 20)}] Watch close - *v1.Pod total ${Math.floor(r() * 500)} items received`,
      `${prefix} event.go:294] "Event occurred" object="shop/${pick(r, SERVICES)}-${hex(r, 9)}-${hex(r, 5)}" kind="Pod" reason="Pulled" message="Container image already present on machine"`,
    ]);
  },
  'nginx-access.log': (r, t) => {
    const d = new Date(t);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const ts = `${String(d.getUTCDate()).padStart(2, '0')}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
    return `${ip(r)} - - [${ts}] "${pick(r, ['GET', 'GET', 'POST'])} ${pick(r, PATHS)}?page=${Math.floor(r() * 50)} HTTP/1.1" ${pick(r, [200, 200, 200, 304, 404, 502])} ${Math.floor(r() * 20000)} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${120 + Math.floor(r() * 10)}.0 Safari/537.36"`;
  },
  'syslog.log': (r, t) => {
    const d = new Date(t);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const ts = `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
    return pick(r, [
      `${ts} node-${Math.floor(r() * 8)} kernel: [${(r() * 1e6).toFixed(6)}] eth0: renamed from veth${hex(r, 7)}`,
      `${ts} node-${Math.floor(r() * 8)} systemd[1]: Started Session ${Math.floor(r() * 9999)} of user deploy.`,
      `${ts} node-${Math.floor(r() * 8)} sshd[${Math.floor(r() * 65000)}]: Accepted publickey for deploy from ${ip(r)} port ${1024 + Math.floor(r() * 60000)} ssh2`,
      `${ts} node-${Math.floor(r() * 8)} kubelet[${Math.floor(r() * 9000)}]: E1120 ${d.toISOString().slice(11, 23)} pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" with CrashLoopBackOff" pod="shop/${pick(r, SERVICES)}-${hex(r, 5)}"`,
    ]);
  },
  'java.log': (r, t) => {
    const head = `${iso(t).replace('T', ' ').replace('Z', '')} `;
    if (r() < 0.995) return `${head}INFO  [http-nio-8080-exec-${1 + Math.floor(r() * 200)}] c.s.o.OrderController - Order ${Math.floor(r() * 1e7)} placed by customer ${Math.floor(r() * 1e5)} total=${(r() * 500).toFixed(2)} EUR`;
    return [
      `${head}ERROR [http-nio-8080-exec-${1 + Math.floor(r() * 200)}] c.s.o.PaymentClient - Payment call failed for order ${Math.floor(r() * 1e7)}`,
      'org.springframework.web.client.ResourceAccessException: I/O error on POST request for "http://payments:8080/charge": Connection refused',
      '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)',
      '\tat org.springframework.web.client.RestTemplate.execute(RestTemplate.java:717)',
      '\tat com.shop.orders.PaymentClient.charge(PaymentClient.java:54)',
      'Caused by: java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
      '\t... 42 more',
    ].join('\n');
  },
};

/** Writes about `totalBytes` of logs spread over one file per format into `dir`; returns the file paths. */
export async function writeMixedLogs(dir: string, totalBytes: number, seed = 42): Promise<string[]> {
  const names = Object.keys(MAKERS);
  const perFile = Math.ceil(totalBytes / names.length);
  const files: string[] = [];
  for (const [i, name] of names.entries()) {
    const rnd = seeded(seed + i);
    const path = join(dir, name);
    files.push(path);
    const out = createWriteStream(path);
    let written = 0;
    let t = Date.parse('2026-11-20T00:00:00Z');
    while (written < perFile) {
      const lines: string[] = [];
      let size = 0;
      while (size < 4 << 20) {
        t += Math.floor(rnd() * 40);
        const line = MAKERS[name]!(rnd, t);
        lines.push(line);
        size += line.length + 1;
      }
      const chunk = `${lines.join('\n')}\n`;
      written += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return files;
}
