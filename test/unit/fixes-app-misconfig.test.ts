/**
 * Fixes of app_misconfig through `diagnose()`: a value the error rejects replaced by the allowed one it is a
 * slip of, or by the one another deployment of the same setting uses, and none when neither decides; a key
 * the application does not know renamed to the one its log says it reads, and none when its log names none;
 * a URL path the dependency answers with 404 set to the one it serves, and none when it serves two.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** `n` startup errors of `svc` rejecting `value` for `key` with the allowed `list`. */
const rejected = (svc: string, key: string, value: string, list: string, n = 3) =>
  Array.from({ length: n }, (_, i) => `2026-05-02T10:0${i}:00.000Z ERROR ${svc} config: invalid value for ${key}: "${value}" (must be one of ${list})`).join('\n');

test('a value one letter from an allowed one is replaced by it', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  search:
    image: corp/search:3
    environment:
      SEARCH_INDEX_MODE: read_only
      SEARCH_SHARDS: "4"
`,
    'logs/search.log': rejected('search', 'SEARCH_INDEX_MODE', 'read_only', 'readonly|readwrite|maintenance'),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'search');
  assert.deepEqual(removedLines(d, 'docker-compose.yml'), ['      SEARCH_INDEX_MODE: read_only']);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      SEARCH_INDEX_MODE: readonly']);
});

/** Two regional deployments of one service; `usMode` is what the healthy one sets. */
const regions = (usMode: string) => ({
  'k8s/orders.yaml': ['eu', 'us']
    .map(
      (r) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: orders-${r}, namespace: shop }
spec:
  template:
    metadata: { labels: { app: orders-${r} } }
    spec:
      containers:
        - name: orders
          image: shop/orders:12
          env:
            - name: RISK_MODE
              value: "${r === 'eu' ? 'strict' : usMode}"
`,
    )
    .join('---\n'),
  'logs/orders-eu.log': rejected('orders-eu', 'RISK_MODE', 'strict', 'off, observe, block', 4),
});

test('a value close to none of the allowed ones takes the one another deployment of the same setting uses', async () => {
  const { d, h, ranking } = await run(regions('observe'));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'orders-eu');
  assert.deepEqual(addedLines(d, 'k8s/orders.yaml'), ['              value: "observe"']);
  assert.match(d.fixes[0]!.why, /other components/);
});

test('no near value and no other deployment with an allowed one: no fix', async () => {
  const { d, h, ranking } = await run(regions('legacy'));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'orders-eu');
  assert.deepEqual(d.fixes, [], '"strict" could mean observe or block');
});

/** A worker whose YAML config misspells a key; `logged` is what it logs about the key it reads. */
const worker = (logged: string) => ({
  'docker-compose.yml': 'services:\n  mailer:\n    image: corp/mailer:1\n    volumes: ["./mailer/config.yaml:/app/config.yaml:ro"]\n',
  'mailer/config.yaml': 'queue:\n  name: outbound\n  visiblity_timeout: 300\n  batch: 20\n',
  'logs/mailer.log': [
    '2026-05-02T10:00:00.000Z INFO mailer starting',
    "2026-05-02T10:00:00.100Z WARN mailer config: unknown key 'queue.visiblity_timeout' (ignored)",
    logged,
    ...Array.from({ length: 30 }, (_, i) => `2026-05-02T10:01:${String(i).padStart(2, '0')}.000Z INFO mailer sent message ${i}`),
  ].join('\n'),
});

test('an unknown key one letter from the key the application logs that it reads is renamed', async () => {
  const { d, h, ranking } = await run(worker('2026-05-02T10:00:00.200Z INFO mailer queue.visibility_timeout not set, using default 30s'));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'mailer');
  assert.deepEqual(removedLines(d, 'mailer/config.yaml'), ['  visiblity_timeout: 300']);
  assert.deepEqual(addedLines(d, 'mailer/config.yaml'), ['  visibility_timeout: 300']);
});

test('an unknown key the application’s log names no alternative for: no fix', async () => {
  const { d, h, ranking } = await run(worker('2026-05-02T10:00:00.200Z INFO mailer connected to smtp relay'));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.deepEqual(d.fixes, []);
});

/** A caller whose base URL names API v1 of payments, and payments' access log answering `served` versions. */
const versions = (served: string[]) => ({
  'docker-compose.yml': 'services:\n  checkout:\n    image: shop/checkout:4\n    environment:\n      PAYMENTS_URL: http://payments:8080/v1\n  payments:\n    image: shop/payments:9\n',
  'logs/checkout.log': Array.from({ length: 20 }, (_, i) => `2026-05-02T12:00:${String(i).padStart(2, '0')}.000Z ERROR checkout charge failed: POST http://payments:8080/v1/charges got 404 Not Found from payments`).join('\n'),
  'logs/payments-access.log': Array.from({ length: 20 }, (_, i) =>
    [
      `172.18.0.5 - - [02/May/2026:12:00:${String(i).padStart(2, '0')} +0000] "POST /v1/charges HTTP/1.1" 404 19 "-" "checkout/4"`,
      ...served.map((v) => `172.18.0.9 - - [02/May/2026:12:00:${String(i).padStart(2, '0')} +0000] "POST /${v}/charges HTTP/1.1" 201 312 "-" "subscriptions/2"`),
    ].join('\n'),
  ).join('\n'),
});

test('a base URL whose version the dependency answers with 404 takes the version it serves the same calls under', async () => {
  const { d, h, ranking } = await run(versions(['v2']));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'checkout');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      PAYMENTS_URL: http://payments:8080/v2']);
});

test('the dependency serves the calls under two other versions: no fix', async () => {
  const { d, h, ranking } = await run(versions(['v2', 'v3']));
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.deepEqual(d.fixes, []);
});
