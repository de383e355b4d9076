/**
 * app_misconfig through `diagnose()`: a configuration error names the service that logs it, and the setting
 * the error names (or the URL setting behind 404s, or a host that is a typo of a component) is the cause.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy, addedLines } from '../helpers/diagnosis';


test('an invalid value the service names in its error: the env file line of that setting is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  checkout:
    image: acme/checkout:2.0
    env_file: ./checkout/checkout.env
  payments:
    image: acme/payments:2.0
`,
    'checkout/checkout.env': 'LOG_LEVEL=info\nCHECKOUT_DB_PASSWORD=Tr0ub4dor-77\nCHECKOUT_CURRENCY_MODE=eu-only\nPAYMENTS_URL=http://payments:8080\n',
    'logs/checkout.log': Array.from(
      { length: 4 },
      (_, i) => `2026-03-10 09:0${i}:00,101 ERROR [main] checkout.settings: invalid value for CHECKOUT_CURRENCY_MODE: "eu-only" (expected one of: single, multi)\n2026-03-10 09:0${i}:00,102 INFO [main] checkout exiting with status 78`,
    ).join('\n'),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'checkout');
  assert.deepEqual(h.rca, { system_level: 'Application', fault_type: 'Misconfiguration' });
  assert.equal(at(causeOf(d)), 'checkout/checkout.env:3');
  assert.ok(h.evidence.some((e) => e.file === 'logs/checkout.log' && e.line === 1));
  assert.ok(!JSON.stringify(d).includes('Tr0ub4dor-77'), 'the password in the same env file never reaches the diagnosis');
});

test('404s from a dependency blame the caller, with the URL setting in a ConfigMap as the cause', async () => {
  const { d, h, ranking } = await run({
    'k8s/bff.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: mobile-bff-config, namespace: app }
data:
  PROFILE_SERVICE_URL: http://profile:9000/v2/profiles
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: mobile-bff, namespace: app }
spec:
  template:
    spec:
      containers:
        - name: bff
          image: app/mobile-bff:1
          envFrom:
            - configMapRef: { name: mobile-bff-config }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: profile, namespace: app }
spec:
  template:
    spec:
      containers:
        - name: profile
          image: app/profile:1
          ports: [{ containerPort: 9000 }]
`,
    'logs/mobile-bff.log': Array.from({ length: 15 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}Z WARN upstream profile returned 404 for GET /v2/profiles/u${i}`).join('\n'),
    'logs/profile.log': Array.from({ length: 15 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}Z INFO GET /v2/profiles/u${i} 404 no route`).join('\n'),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'mobile-bff', 'the caller whose URL is wrong, not the dependency that answers 404');
  assert.equal(at(causeOf(d)), 'k8s/bff.yaml:5');
});

test('a host that is a one-letter typo of a component is app_misconfig of the caller, not dns_failure', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  storefront:
    image: acme/storefront:4.1
    environment:
      CATALOG_URL: http://catlog:8080/api
      SESSION_SECRET: "k9-Xq2-hunter2-session"
  catalog:
    image: acme/catalog:4.1
    environment:
      PORT: "8080"
`,
    'logs/storefront.log': Array.from({ length: 20 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}.000Z error storefront: request to http://catlog:8080/api/products failed, reason: getaddrinfo ENOTFOUND catlog`).join('\n'),
    'logs/catalog.log': healthy('catalog', 30),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'storefront');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:5');
  assert.match(causeOf(d)!.note ?? '', /catalog/);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      CATALOG_URL: http://catalog:8080/api']);
  // The diff shows the file's neighbouring lines to the reviewer; everything else keeps the secret out.
  assert.ok(!JSON.stringify({ ...d, fixes: d.fixes.map(({ diff, ...shown }) => shown) }).includes('hunter2'));
});

test('one rejected request parameter among healthy lines is not a confident misconfiguration', async () => {
  const { h, ranking } = await run({
    'logs/orders.log': `${healthy('orders', 300)}\n2026-03-10T09:05:30.000Z WARN orders request 7f3a: invalid value for parameter limit: -5, answering 400\n${healthy('orders', 100, 301)}`,
  });
  assert.ok(h.fault !== 'app_misconfig' || h.confidence < 0.5, ranking);
});

test('consistent settings and healthy logs give none', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  storefront:
    image: acme/storefront:4.1
    environment:
      CATALOG_URL: http://catalog:8080/api
  catalog:
    image: acme/catalog:4.1
    environment:
      PORT: "8080"
`,
    'logs/storefront.log': healthy('storefront', 60),
    'logs/catalog.log': healthy('catalog', 60),
  });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
});
