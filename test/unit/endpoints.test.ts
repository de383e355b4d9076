import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEndpoints, parsePort } from '../../server/ingest/config/endpoints';

const pick = (text: string) => findEndpoints(text).map((e) => `${e.host}:${e.port}${e.explicitPort ? '' : '*'}`);

test('finds URLs, DSNs and bare host:port pairs', () => {
  assert.deepEqual(pick('LEDGER_URL=http://ledger.internal:7071/api'), ['ledger.internal:7071']);
  assert.deepEqual(pick('postgres://app:changeme@db:5433/shop?sslmode=disable'), ['db:5433']);
  assert.deepEqual(pick('redis://cache'), ['cache:6379*']);
  assert.deepEqual(pick('dial tcp 10.96.12.7:8081: connect: connection refused'), ['10.96.12.7:8081']);
  assert.deepEqual(pick('server orders:9000 max_fails=3;'), ['orders:9000']);
  assert.deepEqual(pick('[::1]:8080 and http://[fe80::1]:9090/x'), ['::1:8080', 'fe80::1:9090']);
});

test('ignores times, versions and image tags', () => {
  assert.deepEqual(pick('2026-11-20T10:14:03Z started at 10:14:03'), []);
  assert.deepEqual(pick('version 1.2.3:4 released'), []);
  assert.deepEqual(pick('unknown://nothing'), []);
});

test('parsePort reads ports written alone', () => {
  assert.equal(parsePort('8080'), 8080);
  assert.equal(parsePort(':8080'), 8080);
  assert.equal(parsePort('0.0.0.0:8080'), 8080);
  assert.equal(parsePort('8080/tcp'), 8080);
  assert.equal(parsePort('[::]:443'), 443);
  assert.equal(parsePort('99999'), undefined);
  assert.equal(parsePort('http'), undefined);
});
