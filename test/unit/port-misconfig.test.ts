import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../server/diagnose';
import { makeTree } from '../helpers/tree';

const top = async (files: Record<string, string>) => {
  const d = await diagnose(makeTree(files));
  return { d, h: d.hypotheses[0]! };
};

const NGINX = (port: number) => `events {}
http {
  upstream api { server api:${port}; }
  server { listen 80; location / { proxy_pass http://api; } }
}
`;
const COMPOSE = `services:
  proxy:
    image: nginx:1.27
    volumes: ["./proxy/nginx.conf:/etc/nginx/nginx.conf:ro"]
  api:
    image: example/api:2.1
    environment:
      LISTEN_ADDR: ":5000"
`;

test('nginx upstream on a port the service does not listen on blames the proxy, with both sides as evidence', async () => {
  const { d, h } = await top({ 'docker-compose.yml': COMPOSE, 'proxy/nginx.conf': NGINX(5001) });
  assert.equal(d.detected, true);
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'proxy');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Misconfiguration' });
  assert.deepEqual(h.evidence.map((e) => `${e.file}:${e.line}`), ['proxy/nginx.conf:3', 'docker-compose.yml:8']);
  assert.match(h.explanation, /proxy calls api:5001 \(nginx upstream api\), but api listens on port 5000/);
});

test('consistent ports give none', async () => {
  const { d, h } = await top({ 'docker-compose.yml': COMPOSE, 'proxy/nginx.conf': NGINX(5000), 'logs/api.log': 'INFO api listening on :5000\nINFO GET /x 200\n' });
  assert.equal(d.detected, false);
  assert.equal(h.fault, 'none');
  assert.equal(d.hypotheses.length, 1);
});

test('refused connections in the logs raise the confidence of the matching config finding', async () => {
  const quiet = (await top({ 'docker-compose.yml': COMPOSE, 'proxy/nginx.conf': NGINX(5001) })).h.confidence;
  const lines = Array.from({ length: 50 }, (_, i) => `2026/11/20 10:${String(i).padStart(2, '0')}:00 [error] 7#7: *${i} connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: , request: "GET / HTTP/1.1", upstream: "http://172.19.0.3:5001/", host: "x"`);
  const { h } = await top({ 'docker-compose.yml': COMPOSE, 'proxy/nginx.conf': NGINX(5001), 'logs/proxy/error.log': lines.join('\n') });
  assert.equal(h.component, 'proxy');
  assert.ok(h.confidence > quiet, `${h.confidence} > ${quiet}`);
  const refused = h.evidence.find((e) => e.file === 'logs/proxy/error.log')!;
  assert.equal(refused.line, 1);
  assert.equal(refused.count, 50);
});

test('a Service whose named targetPort matches no container port', async () => {
  const { h } = await top({
    'k8s/all.yaml': `apiVersion: v1
kind: Service
metadata: { name: payments, namespace: pay }
spec:
  selector: { app: payments }
  ports: [{ port: 80, targetPort: web }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: payments, namespace: pay }
spec:
  template:
    metadata: { labels: { app: payments } }
    spec:
      containers:
        - name: app
          image: pay:1
          ports: [{ name: http, containerPort: 9000 }]
`,
  });
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'payments');
  assert.equal(h.evidence[0]!.file, 'k8s/all.yaml');
  assert.equal(h.evidence[0]!.line, 6);
  assert.match(h.explanation, /named port "web"/);
});

test('a Service in another namespace does not pick the pods', async () => {
  const { h } = await top({
    'svc.yaml': `apiVersion: v1
kind: Service
metadata: { name: web, namespace: a }
spec: { selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: b }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1, ports: [{ containerPort: 9090 }] }] }
`,
  });
  assert.equal(h.fault, 'none');
});

test('a DB_HOST/DB_PORT pair in an env file pointing at the wrong port blames the owner of the env file', async () => {
  const { h } = await top({
    'docker-compose.yml': `services:
  worker:
    image: example/worker:1
    env_file: ./worker/worker.env
  db:
    image: postgres:16
`,
    'worker/worker.env': 'DB_HOST=db\nDB_PORT=5433\nDB_NAME=jobs\n',
  });
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'worker');
  assert.deepEqual(h.evidence.map((e) => `${e.file}:${e.line}`), ['worker/worker.env:2', 'docker-compose.yml:6']);
});

test('callers that agree on a port blame the one service that listens elsewhere', async () => {
  const { h } = await top({
    'docker-compose.yml': `services:
  a: { image: x/a:1, environment: { SEARCH_URL: "http://search:9200" } }
  b: { image: x/b:1, environment: { SEARCH_URL: "http://search:9200" } }
  search: { image: x/search:1, command: "search-server --port 9300" }
`,
  });
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'search');
});

test('an application log of refused connections plus the target’s own config', async () => {
  const { h } = await top({
    'ledger/ledger.toml': '[server]\nport = 7070\n',
    'logs/billing.log': Array.from({ length: 12 }, (_, i) => `2026-11-20 10:00:${String(i).padStart(2, '0')},001 ERROR billing.client - POST failed: HTTPConnectionPool(host='ledger.internal', port=7071): Max retries exceeded ([Errno 111] Connection refused)`).join('\n'),
  });
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'billing');
  assert.deepEqual(h.evidence.map((e) => `${e.file}:${e.line}`), ['logs/billing.log:1', 'ledger/ledger.toml:2']);
});
