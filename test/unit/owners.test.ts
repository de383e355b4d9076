import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownerOfFile, stripPodSuffix } from '../../server/ingest/owners';

test('the nearest non-generic folder or file name owns a file', () => {
  const none = new Map<string, string>();
  assert.equal(ownerOfFile('orders/config.yaml', none), 'orders');
  assert.equal(ownerOfFile('services/ledger/ledger.toml', none), 'ledger');
  assert.equal(ownerOfFile('logs/frontend-7c9f6d8b5d-x2kqp.log', none), 'frontend');
  assert.equal(ownerOfFile('logs/nginx/error.log', none), 'nginx');
  assert.equal(ownerOfFile('billing/logs/app.log', none), 'billing');
  assert.equal(ownerOfFile('config/billing.yaml', none), 'billing');
  assert.equal(ownerOfFile('logs/orders-service.log', none), 'orders');
  assert.equal(ownerOfFile('.env', none), undefined);
  assert.equal(ownerOfFile('logs/app.log', none), undefined);
});

test('a Compose mount or env_file wins over the path', () => {
  const mounts = new Map([['nginx/nginx.conf', 'gateway'], ['logs/proxy', 'gateway']]);
  assert.equal(ownerOfFile('nginx/nginx.conf', mounts), 'gateway');
  assert.equal(ownerOfFile('logs/proxy/error.log', mounts), 'gateway');
});

test('pod and replica suffixes are removed', () => {
  assert.equal(stripPodSuffix('cart-5d8f7b9c6-k4v9z'), 'cart');
  assert.equal(stripPodSuffix('postgres-0'), 'postgres');
  assert.equal(stripPodSuffix('node-exporter-x7k2q'), 'node-exporter');
  assert.equal(stripPodSuffix('order-items'), 'order-items');
});

test('declared component names win even when they are generic words', () => {
  const known = new Set(['app', 'web']);
  assert.equal(ownerOfFile('app/config.yaml', new Map(), known), 'app');
  assert.equal(ownerOfFile('logs/web-6d5f8c7b9-abc12.log', new Map(), known), 'web');
  assert.equal(ownerOfFile('app/config.yaml', new Map()), undefined);
});
