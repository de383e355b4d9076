/**
 * service_down through `diagnose()`: callers refused on the port a service is configured to listen on name
 * the service, and what says it is not running (replicas: 0, an exited container, an inactive unit) is the
 * cause. A refusal on a port the service does not listen on is a port_misconfig instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy } from '../helpers/diagnosis';


/** inventory scaled to `replicas`, its Service sending port 8080 to `targetPort`, storefront calling it. */
const shop = (replicas: number, targetPort: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: inventory
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: inventory }
  template:
    metadata:
      labels: { app: inventory }
    spec:
      containers:
        - name: inventory
          image: shop/inventory:3.3.0
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: inventory
  namespace: shop
spec:
  selector: { app: inventory }
  ports:
    - port: 8080
      targetPort: ${targetPort}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
  namespace: shop
spec:
  replicas: 3
  template:
    metadata:
      labels: { app: storefront }
    spec:
      containers:
        - name: web
          image: shop/storefront:9.1.2
          env:
            - name: INVENTORY_URL
              value: http://inventory:8080
`;
/** Refusals as a Python client writes them: the host is named. */
const pyRefused = Array.from(
  { length: 40 },
  (_, i) => `2026-03-10 09:02:${String(i % 60).padStart(2, '0')},118 ERROR storefront.stock: lookup failed: HTTPConnectionPool(host='inventory', port=8080): Max retries exceeded with url: /api/stock/sku-${i} (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a>: Failed to establish a new connection: [Errno 111] Connection refused'))`,
).join('\n');
/** Refusals as Go's net/http writes them: the URL names the host, the refusal names the Service IP. */
const goRefused = Array.from({ length: 40 }, (_, i) => `2026-03-10T09:02:${String(i % 60).padStart(2, '0')}Z ERROR storefront stock lookup failed: Get "http://inventory:8080/api/stock/sku-${i}": dial tcp 10.96.41.7:8080: connect: connection refused`).join('\n');

test('refusals on the configured port of a Deployment with replicas: 0: service_down, the replicas line is the cause', async () => {
  const { d, h, ranking } = await run({ 'k8s/shop.yaml': shop(0, 8080), 'logs/storefront.log': pyRefused });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(h.component, 'inventory');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Operation Error' });
  assert.equal(at(causeOf(d)), 'k8s/shop.yaml:7');
  assert.ok(h.evidence.some((e) => at(e) === 'logs/storefront.log:1' && e.count === 40), JSON.stringify(h.evidence));
});

test(
  'the same with Go clients, whose refusal names the Service IP and the URL names the host',
  async () => {
    const { d, h, ranking } = await run({ 'k8s/shop.yaml': shop(0, 8080), 'logs/storefront.log': goRefused });
    assert.equal(h.fault, 'service_down', ranking);
    assert.equal(h.component, 'inventory');
    assert.equal(at(causeOf(d)), 'k8s/shop.yaml:7');
  },
);

test('a caller log and a saved docker ps -a on another path: the exited container is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  checkout:
    image: acme/checkout:1
    environment:
      PAYMENTS_URL: http://payments:7000
  payments:
    image: acme/payments:1
    environment:
      PORT: "7000"
`,
    'state/docker-ps-a.txt': `CONTAINER ID   IMAGE              COMMAND                  CREATED        STATUS                     PORTS     NAMES
0c1d2e3f4a5b   acme/checkout:1    "node server.js"         2 days ago     Up 2 days                            shop-checkout-1
6a7b8c9d0e1f   acme/payments:1    "node server.js"         2 days ago     Exited (0) 47 minutes ago            shop-payments-1
`,
    'logs/checkout.log': Array.from({ length: 25 }, (_, i) => `2026-03-10T09:03:${String(i).padStart(2, '0')}.000Z error checkout: request to http://payments:7000/charge failed, reason: connect ECONNREFUSED payments:7000`).join('\n'),
  });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(h.component, 'payments');
  assert.equal(at(causeOf(d)), 'state/docker-ps-a.txt:3');
});

test('refusals where the Service targets a port the pods do not listen on are port_misconfig, not service_down', async () => {
  const { d, h, ranking } = await run({ 'k8s/shop.yaml': shop(2, 8081), 'logs/storefront.log': pyRefused });
  assert.equal(h.fault, 'port_misconfig', ranking);
  assert.equal(h.component, 'inventory');
  assert.equal(at(causeOf(d)), 'k8s/shop.yaml:29');
});

test(
  'nginx refused on a loopback upstream while the unit listening there is inactive',
  async () => {
    const { d, h, ranking } = await run({
      'etc/nginx/nginx.conf': `events {}
http {
  upstream catalog_api { server 127.0.0.1:9100; }
  server { listen 80; location /api/ { proxy_pass http://catalog_api; } }
}
`,
      'etc/catalog-api/catalog-api.env': 'LISTEN_PORT=9100\n',
      'checks/systemctl-status.txt': `× catalog-api.service - Catalog API
     Loaded: loaded (/etc/systemd/system/catalog-api.service; enabled; preset: enabled)
     Active: inactive (dead) since Tue 2026-03-10 08:58:11 UTC; 12min ago
   Main PID: 1422 (code=exited, status=0/SUCCESS)
`,
      'log/nginx/error.log': Array.from({ length: 30 }, (_, i) => `2026/03/10 09:0${Math.floor(i / 10)}:${String(i).padStart(2, '0')} [error] 811#811: *${i + 1} connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.3.4, server: _, request: "GET /api/items HTTP/1.1", upstream: "http://127.0.0.1:9100/api/items", host: "shop.example.com"`).join('\n'),
    });
    assert.equal(h.fault, 'service_down', ranking);
    assert.equal(h.component, 'catalog-api');
    assert.equal(at(causeOf(d)), 'checks/systemctl-status.txt:3');
  },
);

test('one refusal while a dependency was still starting, then healthy traffic, is not service_down', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': `services:
  checkout:
    image: acme/checkout:1
    environment:
      PAYMENTS_URL: http://payments:7000
  payments:
    image: acme/payments:1
    environment:
      PORT: "7000"
`,
    'logs/checkout.log': `2026-03-10T09:00:00.000Z info checkout starting\n2026-03-10T09:00:01.000Z error checkout: request to http://payments:7000/health failed, reason: connect ECONNREFUSED payments:7000\n${healthy('checkout', 300, 2)}`,
    'logs/payments.log': `2026-03-10T09:00:02.000Z INFO payments listening on :7000\n${healthy('payments', 300, 3)}`,
  });
  assert.ok(h.fault !== 'service_down' || h.confidence < 0.5, ranking);
});
