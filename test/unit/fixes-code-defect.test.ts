/**
 * Fixes of code_defect through `diagnose()`: a rollback to the version that ran before, only where the inputs
 * show one (a `kubectl rollout history` with the rollout in the events; a container of the Compose service
 * seen running an older tag), and none where no previous version is evidenced or several are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines } from '../helpers/diagnosis';

const INVOICER = `apiVersion: apps/v1
kind: Deployment
metadata: { name: invoicer, namespace: billing }
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: invoicer }
    spec:
      containers:
        - name: invoicer
          image: billing/invoicer:4.2.0
`;
const trace = (i: number) => `2026-11-03 10:1${Math.floor(i / 6)}:${String((i * 7) % 60).padStart(2, '0')},220 ERROR [invoicer.api] Exception on /v1/invoices/draft [POST]
Traceback (most recent call last):
  File "/app/invoicer/totals.py", line 41, in draft_total
    return sum(l.net for l in lines) + shipping.amount
AttributeError: 'NoneType' object has no attribute 'amount'`;
const traces = Array.from({ length: 12 }, (_, i) => trace(i)).join('\n');
const history = `$ kubectl rollout history deployment/invoicer -n billing
deployment.apps/invoicer
REVISION  CHANGE-CAUSE
7         invoicer 4.1.3
8         invoicer 4.2.0
`;
const events = `$ kubectl get events -n billing
LAST SEEN   TYPE     REASON              OBJECT                MESSAGE
22m         Normal   ScalingReplicaSet   deployment/invoicer   Scaled up replica set invoicer-7d9c8b6f5 to 2
21m         Normal   ScalingReplicaSet   deployment/invoicer   Scaled down replica set invoicer-5b8f7c6d4 to 0 from 2
`;

test('a defect after a rollout whose history lists the revision before: kubectl rollout undo to it', async () => {
  const { d, h, ranking } = await run({ 'k8s/invoicer.yaml': INVOICER, 'kubectl/state.txt': `${history}\n${events}`, 'logs/invoicer-7d9c8b6f5-x8p2n.log': traces });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.equal(h.component, 'invoicer');
  assert.equal(d.fixes[0]?.kind, 'command');
  assert.deepEqual(d.fixes[0]!.argv, ['kubectl', 'rollout', 'undo', 'deployment/invoicer', '--to-revision=7', '-n', 'billing']);
});

test('a defect with no rollout history in the inputs: no rollback is proposed', async () => {
  const { d, h, ranking } = await run({ 'k8s/invoicer.yaml': INVOICER, 'kubectl/state.txt': events, 'logs/invoicer-7d9c8b6f5-x8p2n.log': traces });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.deepEqual(d.fixes, []);
});

const QUOTER = `name: pricing
services:
  quoter:
    image: acme/quoter:3.4.1
    restart: always
`;
const panics = Array.from({ length: 8 }, (_, i) => `2026/11/03 10:2${i}:03 http: panic serving 172.18.0.${i + 2}:40112: runtime error: invalid memory address or nil pointer dereference
goroutine ${300 + i} [running]:
github.com/acme/quoter/internal/bands.(*Table).Lookup(0x0, 0x2a)
	/src/internal/bands/table.go:91 +0x1c`).join('\n');
const dockerEvents = (older: string[]) => `$ docker events --filter container=pricing-quoter-1
${older.map((tag, i) => `2026-11-03T10:0${i}:00.000000000Z container die 11aa22bb33c${i} (exitCode=0, image=acme/quoter:${tag}, name=pricing-quoter-1)`).join('\n')}
2026-11-03T10:09:30.000000000Z container start 44dd55ee66ff (image=acme/quoter:3.4.1, name=pricing-quoter-1)
`;

test('a Compose service whose container ran an older tag before: the image tag set back to it', async () => {
  const { d, h, ranking } = await run({ 'docker-compose.yml': QUOTER, 'logs/docker-events.txt': dockerEvents(['3.3.9']), 'logs/quoter.log': panics });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.equal(h.component, 'quoter');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['    image: acme/quoter:3.3.9']);
});

test('two older tags seen, so which one ran last cannot be told: no rollback', async () => {
  const { d, h, ranking } = await run({ 'docker-compose.yml': QUOTER, 'logs/docker-events.txt': dockerEvents(['3.3.9', '3.2.0']), 'logs/quoter.log': panics });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.deepEqual(d.fixes, []);
});

/** `n` JSON error records of `checkout` whose stack runs through `frame`. */
const jsonTraces = (n: number, frame: string) => Array.from({ length: n }, (_, i) => JSON.stringify({
  time: `2026-11-03T10:1${Math.floor(i / 6)}:${String((i * 7) % 60).padStart(2, '0')}.220Z`,
  level: 'error',
  service: 'checkout',
  msg: 'unhandled error',
  path: '/orders',
  error: "Cannot read properties of undefined (reading 'size')",
  stack: `TypeError: Cannot read properties of undefined (reading 'size')\n    at ${frame}\n    at async placeOrder (/app/src/orders.js:88:17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
})).join('\n');
const checkoutEnv = (flags: string) => `PORT=8080\nDATABASE_URL=postgres://checkout@db:5432/checkout\n${flags}\n`;

test('errors on the code path an enabled feature flag names (FEATURE_BUNDLE_PRICING, bundlePrice): the flag switched off', async () => {
  const { d, h, ranking } = await run({
    'checkout/.env': checkoutEnv('FEATURE_BUNDLE_PRICING=true\nFEATURE_GIFT_WRAP=true'),
    'logs/checkout.log': jsonTraces(12, 'bundlePrice (/app/src/pricing.js:41:7)'),
  });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.equal(h.component, 'checkout');
  assert.deepEqual(addedLines(d, 'checkout/.env'), ['FEATURE_BUNDLE_PRICING=false']);
  assert.match(d.fixes[0]!.why, /FEATURE_BUNDLE_PRICING switches on/);
});

test('a flag written 1 in YAML, named by the frame’s file (gift-wrap.js): switched to 0', async () => {
  const { d, h, ranking } = await run({
    'checkout/config.yaml': 'server:\n  port: 8080\nfeatures:\n  giftWrap:\n    enabled: 1\n',
    'logs/checkout.log': jsonTraces(12, 'wrap (/app/src/gift-wrap.js:12:3)'),
  });
  assert.equal(h.fault, 'code_defect', ranking);
  assert.deepEqual(addedLines(d, 'checkout/config.yaml'), ['    enabled: 0'], JSON.stringify(d.fixes));
});

test('frames that name no flag’s feature, or a flag that is already off: no fix', async () => {
  for (const flags of ['FEATURE_GIFT_WRAP=true', 'FEATURE_BUNDLE_PRICING=false']) {
    const { d, h, ranking } = await run({ 'checkout/.env': checkoutEnv(flags), 'logs/checkout.log': jsonTraces(12, 'bundlePrice (/app/src/pricing.js:41:7)') });
    assert.equal(h.fault, 'code_defect', ranking);
    assert.deepEqual(d.fixes, [], flags);
  }
});
