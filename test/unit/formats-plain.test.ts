import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseContext } from '../../server/ingest/formats/parse-context';
import { parsePlainLine } from '../../server/ingest/formats/plain';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));
/** What the plain parser reads from a line, with the time as ISO text. */
const plain = (line: string) => {
  const r = parsePlainLine(line, ctx);
  return { time: r.timestamp === undefined ? r.timeText : new Date(r.timestamp).toISOString(), severity: r.severityText, level: r.severityNumber, body: r.body };
};

test('reads the time, the level and the message of common application logs', () => {
  // log4j / logback: %d %-5level [%thread] %logger - %msg
  assert.deepEqual(plain('2026-11-20 10:00:01,532 ERROR [http-nio-8080-exec-7] c.s.o.PaymentClient - Charge failed for order 1042'), {
    time: '2026-11-20T10:00:01.532Z',
    severity: 'ERROR',
    level: 17,
    body: '[http-nio-8080-exec-7] c.s.o.PaymentClient - Charge failed for order 1042',
  });
  // logback's default console pattern: a time of day only, the thread before the level
  assert.deepEqual(plain('10:00:01.532 [main] WARN  c.s.c.CacheWarmer - Cache cold, warming 312 keys'), {
    time: '10:00:01.532',
    severity: 'WARN',
    level: 13,
    body: 'c.s.c.CacheWarmer - Cache cold, warming 312 keys',
  });
  // Python logging: %(asctime)s %(levelname)s %(name)s: %(message)s
  assert.deepEqual(plain('2026-11-20 10:00:02,004 WARNING billing.worker: retry 2/5 after timeout'), {
    time: '2026-11-20T10:00:02.004Z',
    severity: 'WARNING',
    level: 13,
    body: 'billing.worker: retry 2/5 after timeout',
  });
  // Python logging's default format
  assert.deepEqual(plain('ERROR:billing.worker:invoice 88 could not be rendered'), { time: undefined, severity: 'ERROR', level: 17, body: 'billing.worker:invoice 88 could not be rendered' });
  // Go's log package
  assert.deepEqual(plain('2026/11/20 10:00:03 listening on :8080'), { time: '2026-11-20T10:00:03.000Z', severity: undefined, level: undefined, body: 'listening on :8080' });
  // PostgreSQL: %m [%p] then the level with a colon
  assert.deepEqual(plain('2026-11-20 10:00:04.117 UTC [61] FATAL:  password authentication failed for user "shop"'), {
    time: '2026-11-20T10:00:04.117Z',
    severity: 'FATAL',
    level: 21,
    body: 'password authentication failed for user "shop"',
  });
  // MySQL 8
  assert.deepEqual(plain('2026-11-20T10:00:05.000123Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.'), {
    time: '2026-11-20T10:00:05.000Z',
    severity: 'Warning',
    level: 13,
    body: '[MY-010068] [Server] CA certificate ca.pem is self signed.',
  });
});

test('reads bracketed times and levels, .NET and logcat levels, level=', () => {
  assert.deepEqual(plain('[2026-11-20T10:00:00Z] [WARN] disk /data at 91%'), { time: '2026-11-20T10:00:00.000Z', severity: 'WARN', level: 13, body: 'disk /data at 91%' });
  assert.deepEqual(plain('[20/Nov/2026:10:00:00 +0000] upstream timed out'), { time: '2026-11-20T10:00:00.000Z', severity: undefined, level: undefined, body: 'upstream timed out' });
  assert.deepEqual(plain('[10.30 16:49:06] chrome.exe - proxy.example.net:5070 open through proxy'), {
    time: '2026-10-30T16:49:06.000Z',
    severity: undefined,
    level: undefined,
    body: 'chrome.exe - proxy.example.net:5070 open through proxy',
  });
  assert.deepEqual(plain('fail: Microsoft.AspNetCore.Server.Kestrel[13]'), { time: undefined, severity: 'fail', level: 17, body: 'Microsoft.AspNetCore.Server.Kestrel[13]' });
  assert.deepEqual(plain('E/AndroidRuntime( 2211): FATAL EXCEPTION: main'), { time: undefined, severity: 'E', level: 17, body: 'AndroidRuntime( 2211): FATAL EXCEPTION: main' });
  assert.deepEqual(plain('1795168800.5 level=error connection reset'), { time: '2026-11-20T10:00:00.500Z', severity: 'error', level: 17, body: 'connection reset' });
  assert.deepEqual(plain('Nov 20 10:00:00 info starting backup'), { time: '2026-11-20T10:00:00.000Z', severity: 'info', level: 9, body: 'starting backup' });
});

test('keeps the text of a line without a time or a level, and words that only look like levels', () => {
  assert.deepEqual(plain('Error connecting to the database'), { time: undefined, severity: undefined, level: undefined, body: 'Error connecting to the database' });
  assert.deepEqual(plain('info about the build'), { time: undefined, severity: undefined, level: undefined, body: 'info about the build' });
  assert.deepEqual(plain('\tat com.shop.Cart.add(Cart.java:42)'), { time: undefined, severity: undefined, level: undefined, body: '\tat com.shop.Cart.add(Cart.java:42)' });
  assert.deepEqual(plain('2026-11-20 10:00:00 the cache is INFO-rich'), { time: '2026-11-20T10:00:00.000Z', severity: undefined, level: undefined, body: 'the cache is INFO-rich' });
  assert.deepEqual(plain(''), { time: undefined, severity: undefined, level: undefined, body: '' });
});

test('property: never throws, and the body is a suffix of the line', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (line) => {
      const r = parsePlainLine(line, ctx);
      assert.ok(line.endsWith(r.body));
      assert.equal(r.format, 'plain');
    }),
    { numRuns: 2000 },
  );
});
