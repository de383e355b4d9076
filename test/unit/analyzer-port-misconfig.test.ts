/**
 * port_misconfig cases beyond port-misconfig.test.ts: a gRPC caller whose address names the wrong port of a
 * Service, its refusals logged against the Service IP; and consistent ports with one refusal at start-up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, at, addedLines, removedLines } from '../helpers/diagnosis';


test('a gRPC address one port off the Service’s, refused at the Service IP: the caller’s env line is the cause, and its fix', async () => {
  const { d, h, ranking } = await run({
    'k8s/fin.yaml': `apiVersion: v1
kind: Service
metadata: { name: ledger, namespace: fin }
spec:
  selector: { app: ledger }
  ports: [{ name: grpc, port: 9090, targetPort: 9090 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger, namespace: fin }
spec:
  template:
    metadata: { labels: { app: ledger } }
    spec:
      containers:
        - name: ledger
          image: fin/ledger:3
          ports: [{ containerPort: 9090, name: grpc }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: payouts, namespace: fin }
spec:
  template:
    spec:
      containers:
        - name: payouts
          image: fin/payouts:3
          env:
            - name: LEDGER_ADDR
              value: ledger.fin.svc.cluster.local:9091
`,
    'logs/payouts.log': Array.from({ length: 20 }, (_, i) => `{"level":"warn","ts":"2026-03-10T09:00:${String(i).padStart(2, '0')}Z","msg":"ledger unavailable","error":"rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial tcp 10.96.7.21:9091: connect: connection refused\\""}`).join('\n'),
  });
  assert.equal(h.fault, 'port_misconfig', ranking);
  assert.equal(h.component, 'payouts', 'the caller whose address is wrong, not ledger');
  assert.equal(at(h.evidence.find((e) => e.role === 'cause')), 'k8s/fin.yaml:31');
  assert.ok(h.evidence.some((e) => at(e) === 'logs/payouts.log:1' && e.count === 20));
  assert.ok(h.evidence.some((e) => at(e) === 'k8s/fin.yaml:6' && e.role === 'context'));
  assert.deepEqual(removedLines(d, 'k8s/fin.yaml'), ['              value: ledger.fin.svc.cluster.local:9091']);
  assert.deepEqual(addedLines(d, 'k8s/fin.yaml'), ['              value: ledger.fin.svc.cluster.local:9090']);
  assert.equal(d.fixes[0]!.fault, 'port_misconfig');
  assert.equal(d.fixes[0]!.component, 'payouts');
});

test('consistent ports and one refusal while the database was starting: none', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': 'services:\n  api:\n    image: a/api:1\n    environment:\n      PGHOST: db\n      PGPORT: "5432"\n  db:\n    image: postgres:16\n',
    'logs/api.log': `2026-03-10T09:00:00Z INFO api started\n2026-03-10T09:00:01Z ERROR api dial tcp 172.18.0.2:5432: connect: connection refused\n${Array.from({ length: 200 }, (_, i) => `2026-03-10T09:0${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}Z INFO api GET /x 200`).join('\n')}`,
  });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
  assert.deepEqual(d.fixes, [], 'nothing to fix in a healthy folder');
});

test('a target that listens on two ports: the fix takes the port other callers use, or none when it cannot tell', async () => {
  const files = (peer: string): Record<string, string> => ({
    'docker-compose.yml': `services:\n  billing:\n    image: a/billing:1\n    environment:\n      LEDGER_URL: http://ledger:7171\n${peer}  ledger:\n    image: a/ledger:1\n    volumes: ["./ledger/application.yaml:/app/application.yaml"]\n`,
    'ledger/application.yaml': 'server:\n  port: 7070\nmanagement:\n  server:\n    port: 7090\n',
    'logs/billing.log': Array.from({ length: 30 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}Z ERROR billing request to ledger failed: connect ECONNREFUSED 172.18.0.4:7171`).join('\n'),
  });
  const withPeer = await run(files('  reports:\n    image: a/reports:1\n    environment:\n      LEDGER_URL: http://ledger:7070\n'));
  assert.equal(withPeer.h.fault, 'port_misconfig', withPeer.ranking);
  assert.deepEqual(addedLines(withPeer.d, 'docker-compose.yml'), ['      LEDGER_URL: http://ledger:7070']);
  const alone = await run(files(''));
  assert.equal(alone.h.fault, 'port_misconfig', alone.ranking);
  assert.deepEqual(alone.d.fixes, [], '7171 is a digit from neither 7070 nor 7090 alone: no guess');
});

/** A front proxy and an API on one host's loopback: the API's pods on 7401, its Service on 7411. */
const LOOPBACK_K8S = `apiVersion: apps/v1
kind: Deployment
metadata: { name: edge, namespace: shop }
spec:
  template:
    metadata: { labels: { app: edge } }
    spec:
      containers:
        - name: edge
          image: nginx:1.27
          ports: [{ containerPort: 7400 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: catalog-api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: catalog-api } }
    spec:
      containers:
        - name: catalog-api
          image: shop/catalog-api:2
          ports: [{ containerPort: 7401 }]
---
apiVersion: v1
kind: Service
metadata: { name: catalog-api, namespace: shop }
spec:
  selector: { app: catalog-api }
  ports: [{ port: 7411, targetPort: 7401 }]
`;
const loopbackNginx = (port: number) => `events {}
http {
    upstream catalog_api {
        server 127.0.0.1:${port};
    }
    server {
        listen 127.0.0.1:7400;
        location / { proxy_pass http://catalog_api; }
    }
}
`;
const loopbackRefusals = (port: number) => Array.from({ length: 30 }, (_, i) => `2026/12/08 01:00:${String(i).padStart(2, '0')} [error] 31#31: *${700 + i} connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: _, request: "GET /items HTTP/1.1", upstream: "http://127.0.0.1:${port}/items", host: "127.0.0.1:7400"`).join('\n');

test('everything on loopback: an upstream named after a component, on a port nothing listens on, is pointed at its Service port', async () => {
  const { d, h, ranking } = await run({ 'k8s/shop.yaml': LOOPBACK_K8S, 'edge/nginx.conf': loopbackNginx(7481), 'logs/edge/error.log': loopbackRefusals(7481) });
  assert.equal(h.fault, 'port_misconfig', ranking);
  assert.equal(h.component, 'edge');
  assert.equal(at(h.evidence.find((e) => e.role === 'cause')), 'edge/nginx.conf:4');
  assert.deepEqual(removedLines(d, 'edge/nginx.conf'), ['        server 127.0.0.1:7481;']);
  assert.deepEqual(addedLines(d, 'edge/nginx.conf'), ['        server 127.0.0.1:7411;']);
});

test('everything on loopback: an upstream on a port that a component does listen on is left alone', async () => {
  const { d, h, ranking } = await run({ 'k8s/shop.yaml': LOOPBACK_K8S, 'edge/nginx.conf': loopbackNginx(7401) });
  assert.equal(h.fault, 'none', ranking);
  assert.deepEqual(d.fixes, []);
});
