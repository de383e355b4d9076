/**
 * network_delay through `diagnose()`: timeouts that callers log against a dependency whose own logs are
 * clean name the dependency; a dependency that fails on its own, or a pool that runs dry in the caller,
 * is another fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, healthy } from '../helpers/diagnosis';


const TRAVEL = `services:
  booking:
    image: travel/booking:6.2
    environment:
      FARES_URL: http://fares:9090
      FARES_TIMEOUT_MS: "2000"
  fares:
    image: travel/fares:6.2
    environment:
      PORT: "9090"
`;
const deadlines = Array.from({ length: 30 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}.000Z ERROR booking fare quote failed: Get "http://fares:9090/v1/quote?route=LIS-OPO": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`).join('\n');

test('Go deadlines against a dependency whose own logs are clean: network_delay of the dependency', async () => {
  const { d, h, ranking } = await run({ 'docker-compose.yml': TRAVEL, 'logs/booking.log': deadlines, 'logs/fares.log': healthy('fares', 120) });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.equal(h.component, 'fares', 'the slow dependency, not the caller that logs the timeouts');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Network/Storage Issue' });
  assert.match(h.explanation, /own logs show no errors/);
  assert.ok(h.evidence.some((e) => e.file === 'logs/booking.log' && e.line === 1 && e.count === 30));
  assert.ok(d.probes.some((p) => p.argv.join(' ').includes('fares')), 'a probe measures the path to fares');
});

test('Java read timeouts to a cluster FQDN, the callee declared in a manifest', async () => {
  const { h, ranking } = await run({
    'k8s/fin.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger, namespace: fin }
spec:
  template:
    spec:
      containers:
        - name: ledger
          image: fin/ledger:2
          env:
            - { name: RATES_BASE_URL, value: "http://fx-rates.fin.svc.cluster.local:8080" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: fx-rates, namespace: fin }
spec:
  template:
    spec:
      containers:
        - name: fx
          image: fin/fx-rates:2
          ports: [{ containerPort: 8080 }]
`,
    'logs/ledger.log': Array.from({ length: 20 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')}.311 ERROR [http-nio-8080-exec-${i}] c.a.l.RatesClient : rates call failed: I/O error on GET request for "http://fx-rates.fin.svc.cluster.local:8080/rates/EUR": Read timed out; nested exception is java.net.SocketTimeoutException: Read timed out`).join('\n'),
    'logs/fx-rates.log': healthy('fx-rates', 50),
  });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.equal(h.component, 'fx-rates');
});

test('one deadline among healthy calls is not a confident network_delay', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': TRAVEL,
    'logs/booking.log': `${healthy('booking', 300)}\n2026-03-10T09:05:30.000Z WARN booking fare quote failed: Get "http://fares:9090/v1/quote?route=LIS-OPO": context deadline exceeded, retrying\n${healthy('booking', 100, 301)}`,
    'logs/fares.log': healthy('fares', 120),
  });
  assert.ok(h.fault !== 'network_delay' || h.confidence < 0.5, ranking);
});

test('timeouts to a dependency that logs its own heap exhaustion: the dependency’s fault, not network_delay', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': TRAVEL,
    'logs/booking.log': deadlines,
    'logs/fares.log': Array.from({ length: 30 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}.000Z ERROR fares java.lang.OutOfMemoryError: Java heap space`).join('\n'),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'fares');
});

test('a connection pool that times out in the caller is resource_exhaustion of the caller, not network_delay', async () => {
  const { h, ranking } = await run({
    'k8s/stock.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: stock-api, namespace: wh }
spec:
  template:
    spec:
      containers:
        - name: app
          image: wh/stock-api:8
          env:
            - { name: SPRING_DATASOURCE_URL, value: "jdbc:postgresql://wh-db:5432/wh" }
`,
    'logs/stock-api.log': Array.from({ length: 30 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')}.000 ERROR 1 --- [nio-8080-exec-${i}] o.h.engine.jdbc.spi.SqlExceptionHelper : HikariPool-1 - Connection is not available, request timed out after 30000ms.`).join('\n'),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'stock-api');
});
