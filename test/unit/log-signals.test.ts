import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogSignalCollector, refusedEndpoint } from '../../server/analyzers/log-signals';

test('finds the endpoint that refused, in the styles of nginx, Go, Node, Python and Java', () => {
  const cases: [string, string][] = [
    ['2026/11/20 10:14:03 [error] 31#31: *8 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: shop.local, request: "GET /api/orders/1 HTTP/1.1", upstream: "http://172.18.0.4:9000/api/orders/1", host: "shop.local"', '172.18.0.4:9000'],
    ['error="dial tcp 10.96.12.7:8081: connect: connection refused"', '10.96.12.7:8081'],
    ['{"msg":"Error: connect ECONNREFUSED 172.20.0.3:6380"}', '172.20.0.3:6380'],
    ["requests.exceptions.ConnectionError: HTTPConnectionPool(host='ledger.internal', port=7071): Max retries exceeded with url: /v1/entries (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a>: Failed to establish a new connection: [Errno 111] Connection refused'))", 'ledger.internal:7071'],
    ['I/O error on POST request for "http://inventory:8090/reserve": Connection refused', 'inventory:8090'],
  ];
  for (const [line, expected] of cases) {
    const ep = refusedEndpoint(line);
    assert.equal(ep && `${ep.host}:${ep.port}`, expected, line);
  }
});

test('counts refusals per caller and endpoint with first and last time, and reads listen announcements', () => {
  const c = new LogSignalCollector();
  c.observe('logs/web.log', 'web', '2026-11-20T10:00:00Z INFO server listening on :8080', 1);
  c.observe('logs/web.log', 'web', '2026-11-20T10:00:01Z ERROR failed to listen on :9090: address in use', 2);
  for (let i = 0; i < 5; i++) c.observe('logs/web.log', 'web', `2026-11-20T10:0${i}:30Z WARN dial tcp 10.0.0.9:6380: connect: connection refused`, 10 + i);
  c.observe('logs/web.log', 'web', '2026-11-20T10:09:00Z INFO GET /health 200', 20);
  const r = c.result();
  assert.equal(r.refused.length, 1);
  assert.deepEqual([r.refused[0]!.host, r.refused[0]!.port, r.refused[0]!.count, r.refused[0]!.first.line, r.refused[0]!.last.line], ['10.0.0.9', 6380, 5, 10, 14]);
  assert.equal(r.refused[0]!.firstTime, '2026-11-20T10:00:30Z');
  assert.equal(r.refused[0]!.lastTime, '2026-11-20T10:04:30Z');
  assert.deepEqual(r.listening.map((l) => [l.owner, l.port]), [['web', 8080]]);
});
