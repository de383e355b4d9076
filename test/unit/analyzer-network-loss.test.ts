/**
 * network_loss through `diagnose()`: resets and broken connections that callers log against a healthy
 * dependency name the dependency (by name, or by the one component on the port of an address); a
 * dependency killed for memory explains the resets instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, healthy } from '../helpers/diagnosis';


const ORDERS = `services:
  orders:
    image: shop/orders:3
    environment:
      STOCK_API: http://stock:8000
  stock:
    image: shop/stock:3
    mem_limit: 256m
    environment:
      PORT: "8000"
`;
const aborted = Array.from({ length: 40 }, (_, i) => `2026-03-10 09:0${Math.floor(i / 10)}:${String((i * 7) % 60).padStart(2, '0')},000 ERROR orders.stock_client: POST http://stock:8000/reserve failed: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))`).join('\n');

test('resets by peer on the Redis port, mixed with successes, while Redis logs nothing wrong: network_loss of Redis', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': `services:
  shopfront:
    image: shop/front:3
    environment:
      REDIS_URL: redis://cart-cache:6379/0
  cart-cache:
    image: redis:7.2
`,
    'logs/shopfront.log': `${Array.from({ length: 40 }, (_, i) => `2026-03-10T09:0${Math.floor(i / 10)}:${String((i * 7) % 60).padStart(2, '0')}.000Z ERROR shopfront cart read failed: read tcp 172.20.0.4:51${100 + i}->172.20.0.7:6379: read: connection reset by peer`).join('\n')}\n${healthy('shopfront', 100)}`,
    'logs/cart-cache.log': `1:M 10 Mar 2026 08:00:00.001 * Ready to accept connections tcp\n${Array.from({ length: 20 }, (_, i) => `1:M 10 Mar 2026 09:0${Math.floor(i / 5)}:00.100 * 100 changes in 300 seconds. Saving...\n1:M 10 Mar 2026 09:0${Math.floor(i / 5)}:00.200 * Background saving terminated with success`).join('\n')}`,
  });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.equal(h.component, 'cart-cache', 'the address 172.20.0.7:6379 is the one component on port 6379');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Network/Storage Issue' });
  assert.match(h.explanation, /logs no errors/);
  assert.ok(h.evidence.some((e) => e.file === 'logs/shopfront.log' && e.line === 1 && e.count === 40));
});

test('Python "Connection aborted" to a named host, the callee’s clean log in another file', async () => {
  const { h, ranking } = await run({ 'docker-compose.yml': ORDERS, 'logs/orders.log': aborted, 'logs/stock.log': healthy('stock', 100) });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.equal(h.component, 'stock');
});

test('one reset that a retry absorbed is not network_loss', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': ORDERS,
    'logs/orders.log': `${healthy('orders', 300)}\n2026-03-10 09:05:30,000 WARNING orders.stock_client: POST http://stock:8000/reserve failed: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer')), retried OK\n${healthy('orders', 100, 301)}`,
    'logs/stock.log': healthy('stock', 100),
  });
  assert.ok(h.fault !== 'network_loss' || h.confidence < 0.5, ranking);
});

test('resets from a dependency whose workers are killed for memory: oom of the dependency, not network_loss', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': ORDERS,
    'logs/orders.log': aborted,
    'logs/stock.log': Array.from({ length: 10 }, (_, i) => `2026-03-10 09:0${i % 4}:00,000 INFO stock worker booted\n2026-03-10 09:0${i % 4}:30,000 CRITICAL stock Worker (pid:${40 + i}) was sent SIGKILL! Perhaps out of memory?`).join('\n'),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'stock');
  assert.equal(h.evidence.find((e) => e.role === 'cause')?.line, 8, 'the mem_limit line');
  assert.ok(d.hypotheses.some((x) => x.fault === 'network_loss'), 'the resets remain a lesser hypothesis');
});
