/**
 * Fixes of network_delay through `diagnose()`: a delay injected on purpose is removed (an Istio route `fault`
 * block deleted, a Compose chaos sidecar removed and stopped); timeouts that no injector explains get no fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, healthy, addedLines, removedLines } from '../helpers/diagnosis';

const QUOTES = `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: store }
spec:
  template:
    metadata:
      labels: { app: checkout }
    spec:
      containers:
        - name: checkout
          image: store/checkout:5
          env:
            - { name: QUOTES_URL, value: "http://quotes.store.svc.cluster.local:8080" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: quotes, namespace: store }
spec:
  template:
    metadata:
      labels: { app: quotes }
    spec:
      containers:
        - name: quotes
          image: store/quotes:2
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata: { name: quotes, namespace: store }
spec:
  selector: { app: quotes }
  ports:
    - port: 8080
`;
const routing = (fault: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: quotes
  namespace: store
spec:
  hosts:
    - quotes.store.svc.cluster.local
  http:
    - route:
        - destination:
            host: quotes.store.svc.cluster.local
${fault}`;
const delayFault = `      fault:
        delay:
          fixedDelay: 4s
          percentage:
            value: 50
`;
const timeouts = Array.from({ length: 30 }, (_, i) => `2026-09-01T12:0${Math.floor(i / 10)}:${String((i * 3) % 60).padStart(2, '0')}.000Z ERROR checkout quote failed: Get "http://quotes.store.svc.cluster.local:8080/v2/quote": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`).join('\n');

test('an Istio route fault that delays the dependency: the fault block is deleted from the VirtualService', async () => {
  const { d, h, ranking } = await run({ 'k8s/store.yaml': QUOTES, 'istio/quotes.yaml': routing(delayFault), 'logs/checkout.log': timeouts, 'logs/quotes.log': healthy('quotes', 120) });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.equal(h.component, 'quotes');
  assert.deepEqual(removedLines(d, 'istio/quotes.yaml'), delayFault.trimEnd().split('\n'));
  assert.deepEqual(addedLines(d, 'istio/quotes.yaml'), []);
});

test('an Istio route fault that aborts requests is not a delay: no fix for the timeouts', async () => {
  const abort = '      fault:\n        abort:\n          httpStatus: 503\n          percentage:\n            value: 10\n';
  const { d, h, ranking } = await run({ 'k8s/store.yaml': QUOTES, 'istio/quotes.yaml': routing(abort), 'logs/checkout.log': timeouts, 'logs/quotes.log': healthy('quotes', 120) });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.deepEqual(d.fixes, []);
});

const TRAVEL = (chaos: string) => `services:
  booking:
    image: travel/booking:6.2
    environment:
      FARES_URL: http://fares:9090
  fares:
    image: travel/fares:6.2
    container_name: fares-main
    environment:
      PORT: "9090"
${chaos}`;
const pumba = `  latency-lab:
    image: gaiaadm/pumba:0.9.7
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
    command: "netem --duration 2h delay --time 1500 fares-main"
`;
const deadlines = Array.from({ length: 30 }, (_, i) => `2026-09-01T12:00:${String(i).padStart(2, '0')}.000Z ERROR booking fare quote failed: Get "http://fares:9090/v1/quote": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`).join('\n');

test('a pumba sidecar delaying the dependency’s container: the service removed from the compose file and stopped', async () => {
  const { d, h, ranking } = await run({ 'docker-compose.yml': TRAVEL(pumba), 'logs/booking.log': deadlines, 'logs/fares.log': healthy('fares', 120) });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.equal(h.component, 'fares');
  assert.deepEqual(removedLines(d, 'docker-compose.yml'), pumba.trimEnd().split('\n'));
  const stop = d.fixes.find((f) => f.kind === 'command');
  assert.deepEqual(stop?.argv, ['docker', 'compose', 'stop', 'latency-lab']);
});

test('timeouts with no injector in the inputs: no fix', async () => {
  const { d, h, ranking } = await run({ 'docker-compose.yml': TRAVEL(''), 'logs/booking.log': deadlines, 'logs/fares.log': healthy('fares', 120) });
  assert.equal(h.fault, 'network_delay', ranking);
  assert.deepEqual(d.fixes, []);
});
