/**
 * dns_failure through `diagnose()`: a known component's name that does not resolve is a DNS fault about it;
 * an unknown name resolved through a resolver the caller was configured with blames the caller and its
 * resolver setting; a name one edit away from a component is a typo (app_misconfig of the caller).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy, addedLines } from '../helpers/diagnosis';


test('the cluster name of a known Service does not resolve: dns_failure about that Service', async () => {
  const { h, ranking } = await run({
    'k8s/shop.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: checkout
          image: shop/checkout:1
          env:
            - { name: TAX_URL, value: "http://tax-engine.shop.svc.cluster.local:7000" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: tax-engine, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: tax
          image: shop/tax-engine:1
          ports: [{ containerPort: 7000 }]
`,
    'logs/checkout.log': Array.from({ length: 25 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}Z ERROR checkout tax lookup: Post "http://tax-engine.shop.svc.cluster.local:7000/v1/tax": dial tcp: lookup tax-engine.shop.svc.cluster.local on 10.96.0.10:53: no such host`).join('\n'),
    'logs/tax-engine.log': healthy('tax-engine', 50),
  });
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.equal(h.component, 'tax-engine');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Dependency Problem' });
  assert.ok(h.evidence.some((e) => e.file === 'logs/checkout.log' && e.line === 1 && e.count === 25));
});

test('an external name fails through the resolver a compose service was given: the dns: entry is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  crawler:
    image: acme/crawler:2
    dns:
      - 10.0.0.253
    environment:
      TARGET_FEED: https://feeds.example.org/rss
`,
    'logs/crawler.log': Array.from({ length: 25 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')},000 ERROR crawler fetch https://feeds.example.org/rss failed: HTTPSConnectionPool(host='feeds.example.org', port=443): Max retries exceeded (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object>: Failed to resolve 'feeds.example.org' ([Errno -3] Temporary failure in name resolution)"))`).join('\n'),
  });
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.equal(h.component, 'crawler');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:5');
});

test('a DB_HOST one transposition away from the database is app_misconfig of the caller, the env line is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': 'services:\n  orders:\n    image: shop/orders:3\n    env_file: orders.env\n  orders-db:\n    image: postgres:16\n',
    'orders.env': 'DB_HOST=orders-bd\nDB_PORT=5432\nDB_NAME=orders\nDB_PASSWORD=Saffron-Kite-12\n',
    'logs/orders.log': Array.from({ length: 20 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')},000 ERROR orders.db: psycopg2.OperationalError: could not translate host name "orders-bd" to address: Name or service not known`).join('\n'),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'orders');
  assert.equal(at(causeOf(d)), 'orders.env:1');
  assert.deepEqual(addedLines(d, 'orders.env'), ['DB_HOST=orders-db']);
  // The diff shows the file's neighbouring lines to the reviewer; everything else keeps the secret out.
  assert.ok(!JSON.stringify({ ...d, fixes: d.fixes.map(({ diff, ...shown }) => shown) }).includes('Saffron-Kite-12'));
});

test('one EAI_AGAIN during a resolver blip, then healthy calls, is not a confident dns_failure', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': 'services:\n  web:\n    image: a/web:1\n    environment:\n      API_URL: http://api:8000\n  api:\n    image: a/api:1\n',
    'logs/web.log': `${healthy('web', 300)}\n2026-03-10T09:05:30.000Z WARN web request to http://api:8000/ping failed, reason: getaddrinfo EAI_AGAIN api, retrying\n${healthy('web', 100, 301)}`,
  });
  assert.ok(h.fault !== 'dns_failure' || h.confidence < 0.5, ranking);
});

test(
  'the cluster DNS logs its own upstream timeouts for the names its clients cannot resolve: dns_failure of coredns',
  async () => {
    const { h, ranking } = await run({
      'k8s/apps.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: coredns, namespace: kube-system }
spec:
  template:
    spec:
      containers:
        - name: coredns
          image: registry.k8s.io/coredns/coredns:v1.11.1
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: mailer, namespace: app }
spec:
  template:
    spec:
      containers:
        - name: mailer
          image: app/mailer:1
          env:
            - { name: SMTP_HOST, value: "smtp.sendgrid.net" }
`,
      'logs/mailer.log': Array.from({ length: 25 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}Z ERROR mailer send failed: dial tcp: lookup smtp.sendgrid.net on 10.96.0.10:53: server misbehaving`).join('\n'),
      'logs/coredns.log': Array.from({ length: 25 }, (_, i) => `[ERROR] plugin/errors: 2 smtp.sendgrid.net. A: read udp 10.244.0.5:4${1000 + i}->8.8.8.8:53: i/o timeout`).join('\n'),
    });
    assert.equal(h.fault, 'dns_failure', ranking);
    assert.equal(h.component, 'coredns');
  },
);
