import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNginxAccessLine, parseNginxErrorLine } from '../../server/ingest/formats/nginx';
import { parseContext } from '../../server/ingest/formats/parse-context';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));

test('combined access log: fields as attributes, method+path+status as the body', () => {
  assert.deepEqual(parseNginxAccessLine('10.1.2.3 - alice [20/Nov/2026:10:00:00 +0000] "POST /api/cart/items?sku=88 HTTP/1.1" 502 157 "https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64)"', ctx), {
    line: 0,
    lineCount: 1,
    timestamp: Date.parse('2026-11-20T10:00:00Z'),
    timeText: '20/Nov/2026:10:00:00 +0000',
    severityNumber: 17,
    body: '"POST /api/cart/items?sku=88 HTTP/1.1" 502',
    attributes: {
      remote_addr: '10.1.2.3',
      remote_user: 'alice',
      request: 'POST /api/cart/items?sku=88 HTTP/1.1',
      method: 'POST',
      path: '/api/cart/items?sku=88',
      protocol: 'HTTP/1.1',
      status: 502,
      body_bytes_sent: 157,
      http_referer: 'https://shop.example.com/cart',
      http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    },
    format: 'nginx-access',
  });
});

test('common format, IPv6 clients, extra fields, escaped quotes and a junk request', () => {
  const common = parseNginxAccessLine('192.168.0.9 - - [20/Nov/2026:10:00:01 +0100] "GET /healthz HTTP/1.1" 200 2', ctx)!;
  assert.deepEqual([common.timestamp, common.severityNumber, common.attributes!.remote_user, common.attributes!.http_user_agent], [Date.parse('2026-11-20T09:00:01Z'), 9, undefined, undefined]);
  const extra = parseNginxAccessLine('2001:db8::7 - - [20/Nov/2026:10:00:02 +0000] "GET /api/orders HTTP/2.0" 404 0 "-" "curl/8.5.0" rt=0.004 uct="0.001"', ctx)!;
  assert.deepEqual([extra.attributes!.remote_addr, extra.severityNumber, extra.attributes!.extra, extra.attributes!.http_referer], ['2001:db8::7', 13, 'rt=0.004 uct="0.001"', undefined]);
  const escaped = parseNginxAccessLine('10.0.0.5 - - [20/Nov/2026:10:00:03 +0000] "GET /q?x=\\"1\\" HTTP/1.1" 400 0 "-" "-"', ctx)!;
  assert.equal(escaped.body, '"GET /q?x=\\"1\\" HTTP/1.1" 400');
  const junk = parseNginxAccessLine('10.0.0.6 - - [20/Nov/2026:10:00:04 +0000] "\\x16\\x03\\x01" 400 157 "-" "-"', ctx)!;
  assert.deepEqual([junk.body, junk.attributes!.method], ['"\\x16\\x03\\x01" 400', undefined]);
});

test('error log: level, pid#tid, connection, message before the context, context as attributes', () => {
  assert.deepEqual(parseNginxErrorLine('2026/11/20 10:14:03 [error] 31#31: *8 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.2.3, server: shop.example.com, request: "GET /api/cart HTTP/1.1", upstream: "http://10.1.2.9:8080/api/cart", host: "shop.example.com"', ctx), {
    line: 0,
    lineCount: 1,
    timestamp: Date.parse('2026-11-20T10:14:03Z'),
    timeText: '2026/11/20 10:14:03',
    severityText: 'error',
    body: 'connect() failed (111: Connection refused) while connecting to upstream',
    format: 'nginx-error',
    severityNumber: 17,
    attributes: { pid: 31, tid: 31, connection: 8, client: '10.1.2.3', server: 'shop.example.com', request: 'GET /api/cart HTTP/1.1', upstream: 'http://10.1.2.9:8080/api/cart', host: 'shop.example.com' },
  });
  const notice = parseNginxErrorLine('2026/11/20 10:00:00 [notice] 1#1: using the "epoll" event method', ctx)!;
  assert.deepEqual([notice.body, notice.severityNumber, notice.attributes], ['using the "epoll" event method', 9, { pid: 1, tid: 1 }]);
  assert.equal(parseNginxErrorLine('2026/11/20 10:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)', ctx)!.severityNumber, 21);
});

test('rejects lines that are not nginx logs', () => {
  for (const line of ['10.0.0.1 hello', '10.0.0.1 - - [not a time] "GET /" 200 1', '10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET /" OK 1', '']) assert.equal(parseNginxAccessLine(line, ctx), undefined, line);
  for (const line of ['2026/11/20 10:00:00 no level', '2026-11-20 10:00:00 [error] x', '']) assert.equal(parseNginxErrorLine(line, ctx), undefined, line);
});
