/**
 * Fixes of dns_failure through `diagnose()`: resolvers that do not answer replaced by the ones the host uses
 * (none when the inputs show two different working sets), and a Service restored for a Deployment that callers
 * address by a name nothing gives it (none when the callers' port matches none of its container ports).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** A sync job pinned to resolvers 10.9.0.2/10.9.0.3 that cannot resolve the ledger host; `checks` is what the host shows. */
const pinned = (checks: string) => ({
  'docker-compose.yml': `services:
  sync:
    image: corp/sync:2
    dns: [10.9.0.2, 10.9.0.3]
    environment:
      LEDGER_URL: https://ledger.corp.test/api
  api:
    image: corp/api:1
`,
  'logs/sync.log': Array.from({ length: 20 }, (_, i) => `2026-05-02T11:00:${String(i).padStart(2, '0')}.000Z ERROR sync push failed: getaddrinfo ENOTFOUND ledger.corp.test`).join('\n'),
  'checks/host.txt': checks,
});

test('pinned resolvers that fail while the host resolves through others: the inline list takes the host’s', async () => {
  const { d, h, ranking } = await run(pinned('$ resolvectl status eth0\nDNS Servers: 10.9.4.2 10.9.4.3\n$ getent hosts ledger.corp.test\n10.9.7.7        ledger.corp.test\n'));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.equal(h.component, 'sync');
  assert.deepEqual(removedLines(d, 'docker-compose.yml'), ['    dns: [10.9.0.2, 10.9.0.3]']);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['    dns: [10.9.4.2, 10.9.4.3]']);
});

test('a host resolv.conf with two nameservers reads as one list; one per line in the list replaces one per line', async () => {
  const files = pinned('$ cat /etc/resolv.conf\nnameserver 10.9.4.2\nnameserver 10.9.4.3\nsearch corp.test\n');
  files['docker-compose.yml'] = files['docker-compose.yml']!.replace('    dns: [10.9.0.2, 10.9.0.3]\n', '    dns:\n      - 10.9.0.2\n');
  const { d, h, ranking } = await run(files);
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      - 10.9.4.2', '      - 10.9.4.3']);
});

test('two different working resolver sets in the inputs: no fix', async () => {
  const { d, h, ranking } = await run(pinned('$ resolvectl status eth0\nDNS Servers: 10.9.4.2\n$ docker compose exec api cat /etc/resolv.conf\n# ExtServers: [10.9.5.2]\n'));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.deepEqual(d.fixes, [], 'the host and the api container resolve through different servers');
});

/** A quotes Deployment without a Service and a caller that dials it on `port`. */
const serviceless = (port: number) => ({
  'k8s/quotes.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: quotes
  namespace: pricing
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app.kubernetes.io/name: quotes
        app.kubernetes.io/version: "2.1.0"
        tier: backend
    spec:
      containers:
        - name: quotes
          image: pricing/quotes:2.1.0
          ports:
            - { name: grpc, containerPort: 9090 }
            - { name: metrics, containerPort: 9102 }
`,
  'k8s/checkout.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: basket, namespace: pricing }
spec:
  template:
    metadata:
      labels: { app.kubernetes.io/name: basket, tier: frontend }
    spec:
      containers:
        - name: basket
          image: pricing/basket:5
          ports: [{ name: http, containerPort: 8080 }]
          env:
            - { name: QUOTES_ADDR, value: "quotes:${port}" }
---
apiVersion: v1
kind: Service
metadata: { name: basket, namespace: pricing }
spec:
  selector: { app.kubernetes.io/name: basket }
  ports: [{ name: http, port: 80, targetPort: http }]
`,
  'logs/basket.log': Array.from({ length: 25 }, (_, i) => `2026-05-02T11:00:${String(i).padStart(2, '0')}Z ERROR basket quote failed: rpc error: code = Unavailable desc = dial tcp: lookup quotes on 10.96.0.10:53: no such host`).join('\n'),
});

test('a Deployment callers address by a name no Service gives: a Service is appended, selector and port as the others', async () => {
  const { d, h, ranking } = await run(serviceless(9090));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.equal(h.component, 'quotes');
  assert.deepEqual(addedLines(d, 'k8s/quotes.yaml'), [
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: quotes',
    '  namespace: pricing',
    '  labels:',
    '    app.kubernetes.io/name: quotes',
    'spec:',
    '  selector:',
    '    app.kubernetes.io/name: quotes',
    '  ports:',
    '    - name: grpc',
    '      port: 9090',
    '      targetPort: grpc',
  ]);
  assert.deepEqual(removedLines(d, 'k8s/quotes.yaml'), []);
});

test('callers on a port that is none of the Deployment’s container ports: no Service is guessed', async () => {
  const { d, h, ranking } = await run(serviceless(7000));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.equal(h.component, 'quotes');
  assert.deepEqual(d.fixes.filter((f) => f.file === 'k8s/quotes.yaml'), []);
});

/** A compose app whose callers resolve `*.svc.test` through a dnsmasq hosts file; `zone` is that file. */
const zoned = (zone: string) => ({
  'docker-compose.yml': `services:
  web:
    image: corp/web:3
    environment:
      PAYMENTS_URL: http://payments.svc.test:8080
  payments:
    image: corp/payments:2
  dnsmasq:
    image: corp/dnsmasq:2
`,
  'dns/hosts.svc': zone,
  'logs/web.log': Array.from({ length: 20 }, (_, i) => `2026-05-02T11:00:${String(i).padStart(2, '0')}.000Z ERROR charge failed: getaddrinfo ENOTFOUND payments.svc.test`).join('\n'),
});

test('a zone file that lists its domain’s other names at one address but not the failing one: the record is added', async () => {
  const { d, h, ranking } = await run(zoned('# svc.test records\n10.1.0.7 web.svc.test\n10.1.0.7 dnsmasq.svc.test\n'));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.deepEqual(addedLines(d, 'dns/hosts.svc'), ['10.1.0.7 payments.svc.test']);
});

test('zone records at different addresses: which address is right is a guess, so no record is proposed', async () => {
  const { d, h, ranking } = await run(zoned('10.1.0.7 web.svc.test\n10.1.0.9 dnsmasq.svc.test\n'));
  assert.equal(h.fault, 'dns_failure', ranking);
  assert.deepEqual(addedLines(d, 'dns/hosts.svc'), []);
});
