import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout, type FileLayout } from '../../server/ingest/format-detect';
import { parseContext } from '../../server/ingest/formats/parse-context';
import { type Envelope, RecordFolder } from '../../server/ingest/formats/record-folder';
import type { LogRecord } from '../../server/ingest/log-record';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));

/** Folds `lines` as the reader would, with the layout detected from them (or the one given). */
function fold(lines: string[], layout: FileLayout = detectLayout(lines), envelopes: (Envelope | undefined)[] = []): LogRecord[] {
  const out: LogRecord[] = [];
  const folder = new RecordFolder(layout, ctx, (r) => out.push(r));
  lines.forEach((text, i) => folder.push(text, i + 1, 1, envelopes[i]));
  folder.flush();
  return out;
}
const summary = (r: LogRecord) => ({ line: r.line, lineCount: r.lineCount, body: r.body });

test('Java (logback): the exception, frames, Caused by and "... n more" fold into the log line', () => {
  const lines = [
    '2026-11-20 10:00:01.532 ERROR 1 --- [nio-8080-exec-3] c.s.o.PaymentClient : Charge failed for order 1042',
    'org.springframework.web.client.ResourceAccessException: I/O error on POST request for "http://payments:8080/charge": Connection refused',
    '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)',
    '\tat com.shop.orders.PaymentClient.charge(PaymentClient.java:54)',
    'Caused by: java.net.ConnectException: Connection refused',
    '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
    '\t... 42 more',
    '2026-11-20 10:00:01.600  INFO 1 --- [nio-8080-exec-4] c.s.o.OrderController : Order 1043 placed',
  ];
  const records = fold(lines);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 7, body: '1 --- [nio-8080-exec-3] c.s.o.PaymentClient : Charge failed for order 1042' },
    { line: 8, lineCount: 1, body: '1 --- [nio-8080-exec-4] c.s.o.OrderController : Order 1043 placed' },
  ]);
  assert.deepEqual(records[0]!.attributes, {
    stack: lines.slice(1, 7).join('\n'),
    'exception.type': 'org.springframework.web.client.ResourceAccessException',
    'exception.message': 'I/O error on POST request for "http://payments:8080/charge": Connection refused',
    'exception.cause': 'java.net.ConnectException: Connection refused',
  });
});

test('Java: an uncaught exception starts its own record, even between prefixed lines', () => {
  const lines = [
    '2026-11-20 10:00:00 INFO  Main - loading config',
    'Exception in thread "main" java.lang.IllegalStateException: config key db.url missing',
    '\tat com.shop.Config.require(Config.java:31)',
    '\tat com.shop.Main.main(Main.java:12)',
  ];
  const records = fold(lines);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'Main - loading config' },
    { line: 2, lineCount: 3, body: 'Exception in thread "main" java.lang.IllegalStateException: config key db.url missing' },
  ]);
  assert.deepEqual([records[1]!.attributes!['exception.type'], records[1]!.attributes!['exception.message']], ['java.lang.IllegalStateException', 'config key db.url missing']);
});

test('Python: logger.exception folds its traceback; a bare traceback takes its final line as the message', () => {
  const logged = fold([
    '2026-11-20 10:00:02,004 ERROR billing.worker: invoice 88 failed',
    'Traceback (most recent call last):',
    '  File "/app/billing/worker.py", line 41, in render',
    '    pdf = renderer.render(invoice)',
    'KeyError: \'currency\'',
    '2026-11-20 10:00:02,100 INFO billing.worker: next invoice',
  ]);
  assert.deepEqual(logged.map(summary), [
    { line: 1, lineCount: 5, body: 'billing.worker: invoice 88 failed' },
    { line: 6, lineCount: 1, body: 'billing.worker: next invoice' },
  ]);
  assert.deepEqual([logged[0]!.attributes!['exception.type'], logged[0]!.attributes!['exception.message']], ['KeyError', "'currency'"]);

  const bare = fold([
    'worker starting',
    'Traceback (most recent call last):',
    '  File "/app/worker.py", line 12, in <module>',
    '    main()',
    'ValueError: bad config',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/worker.py", line 14, in <module>',
    '    sys.exit(1)',
    'SystemExit: 1',
    'worker stopped',
  ]);
  assert.deepEqual(bare.map(summary), [
    { line: 1, lineCount: 1, body: 'worker starting' },
    { line: 2, lineCount: 11, body: 'SystemExit: 1' },
    { line: 13, lineCount: 1, body: 'worker stopped' },
  ]);
});

test('Go: a panic and its goroutine dump fold into one record between JSON lines', () => {
  const records = fold([
    '{"level":"info","ts":"2026-11-20T10:00:00Z","msg":"serving"}',
    '{"level":"info","ts":"2026-11-20T10:00:01Z","msg":"request","path":"/cart"}',
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6c2f1a]',
    '',
    'goroutine 42 [running]:',
    'github.com/shop/cart.(*Handler).ServeHTTP(0x0, {0x8d5f70, 0xc00007a0c0}, 0xc000190200)',
    '\t/src/cart/handler.go:88 +0x3a',
    'net/http.serverHandler.ServeHTTP({0xc0001a4000?}, {0x8d5f70?, 0xc00007a0c0?}, 0xc000190200)',
    '\t/usr/local/go/src/net/http/server.go:3137 +0x8e',
    'created by net/http.(*Server).Serve in goroutine 1',
    '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
    'exit status 2',
    '{"level":"info","ts":"2026-11-20T10:00:05Z","msg":"serving"}',
  ]);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'serving' },
    { line: 2, lineCount: 1, body: 'request' },
    { line: 3, lineCount: 11, body: 'runtime error: invalid memory address or nil pointer dereference' },
    { line: 14, lineCount: 1, body: 'serving' },
  ]);
  assert.deepEqual([records[2]!.severityText, records[2]!.attributes!['exception.type']], ['panic', 'panic']);
  assert.equal(records[2]!.format, 'json');
});

test('Node: indented "at" frames fold into the error line', () => {
  const records = fold([
    'server listening on 3000',
    'Error: connect ECONNREFUSED 10.0.4.2:5432',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    '    at async Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
    'Node.js v20.11.0',
  ]);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'server listening on 3000' },
    { line: 2, lineCount: 3, body: 'Error: connect ECONNREFUSED 10.0.4.2:5432' },
    { line: 5, lineCount: 1, body: 'Node.js v20.11.0' },
  ]);
  assert.deepEqual([records[1]!.attributes!['exception.type'], records[1]!.attributes!['exception.message']], ['Error', 'connect ECONNREFUSED 10.0.4.2:5432']);
});

test('a line without the record prefix continues a klog record; blank lines fold without a stack', () => {
  const records = fold(['E1120 10:00:00.000000       1 server.go:9] config error:', 'field "port" must be a number', '', 'I1120 10:00:01.000000       1 server.go:12] retrying']);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 3, body: 'config error:' },
    { line: 4, lineCount: 1, body: 'retrying' },
  ]);
  assert.equal(records[0]!.attributes!.stack, 'field "port" must be a number');
  assert.equal(fold(['2026-11-20 10:00:00 INFO a', '', '  ']).at(0)!.attributes, undefined);
});

test('lines of another container stream never fold', () => {
  const layout: FileLayout = { format: 'cri', timestampPrefix: false, prefixed: false };
  const env = (stream: string): Envelope => ({ timeMs: 1, timeText: 't', stream });
  const records = fold(['Error: boom', '    at a (/app/a.js:1:1)', '    at b (/app/b.js:2:2)'], layout, [env('stderr'), env('stdout'), env('stderr')]);
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'Error: boom' },
    { line: 2, lineCount: 1, body: '    at a (/app/a.js:1:1)' },
    { line: 3, lineCount: 1, body: '    at b (/app/b.js:2:2)' },
  ]);
});

test('a huge trace is one record; its stack attribute is cut at 32 KiB', () => {
  const frames = Array.from({ length: 5000 }, (_, i) => `\tat com.shop.Deep.call${i}(Deep.java:${i})`);
  const [record] = fold(['java.lang.StackOverflowError', ...frames]);
  assert.equal(record!.lineCount, 5001);
  const stack = record!.attributes!.stack as string;
  assert.ok(stack.length <= 32 * 1024 + 2 && stack.endsWith('\n…'), String(stack.length));
});
