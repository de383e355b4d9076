import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { LogFormat, LogRecord } from '../../server/ingest/log-record';
import { readLogRecords, type RecordReadOptions } from '../../server/ingest/record-reader';
import { lineParserFor } from '../../server/ingest/formats/line-parsers';
import { parseContext } from '../../server/ingest/formats/parse-context';
import { tempDir } from '../helpers/tree';

const dir = tempDir('aoi-records-');
let n = 0;
const file = (content: string | Buffer): string => {
  const path = join(dir, `f${n++}.log`);
  writeFileSync(path, content);
  return path;
};
const REF = Date.parse('2026-12-01T00:00:00Z');
const read = async (path: string, options: RecordReadOptions = {}) => {
  const records: LogRecord[] = [];
  const result = await readLogRecords(path, (r) => records.push(r), { referenceTime: REF, ...options });
  return { records, result };
};
const summary = (r: LogRecord) => ({ line: r.line, lineCount: r.lineCount, body: r.body });

test('CRI: partial lines join up to the full one; the message inside is parsed again', async () => {
  const { records, result } = await read(
    file(
      [
        '2026-11-20T10:00:00.100000000Z stdout F {"level":"info","msg":"cart ready","port":8080}',
        '2026-11-20T10:00:00.200000000Z stdout P {"level":"error","msg":"order payload too ',
        '2026-11-20T10:00:00.200000000Z stdout P large to log in one ',
        '2026-11-20T10:00:00.200000000Z stdout F write","size":70000}',
        '2026-11-20T10:00:00.300000000Z stderr F Error: boom',
        '2026-11-20T10:00:00.300000000Z stderr F     at charge (/app/pay.js:10:5)',
        '2026-11-20T10:00:00.400000000Z stdout P cut short by a stream switch',
        '2026-11-20T10:00:00.400000000Z stderr F E1120 10:00:00.400000       1 main.go:7] "lost" id=3',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(result, { format: 'cri', lines: 8, records: 5, truncatedLines: 0, bytes: result.bytes, endOffset: result.bytes });
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'cart ready' },
    { line: 2, lineCount: 3, body: 'order payload too large to log in one write' },
    { line: 5, lineCount: 2, body: 'Error: boom' },
    { line: 7, lineCount: 1, body: 'cut short by a stream switch' },
    { line: 8, lineCount: 1, body: 'lost' },
  ]);
  assert.deepEqual(records[1]!.attributes, { size: 70000 });
  assert.deepEqual([records[0]!.timestamp, records[0]!.timeText, records[0]!.resource, records[0]!.format], [Date.parse('2026-11-20T10:00:00.100Z'), '2026-11-20T10:00:00.100000000Z', { stream: 'stdout' }, 'cri']);
  assert.deepEqual([records[4]!.severityText, records[4]!.attributes], ['E', { caller: 'main.go:7', thread: '1', id: '3', time: '1120 10:00:00.400000' }]);
});

test('Docker json-file: the log field is the message, parsed again; a log without a newline continues', async () => {
  const { records, result } = await read(
    file(
      [
        '{"log":"{\\"level\\":\\"warn\\",\\"msg\\":\\"slow query\\",\\"ms\\":812}\\n","stream":"stdout","time":"2026-11-20T10:00:00.1Z"}',
        '{"log":"2026-11-20 10:00:01,000 ERROR [main] Payment failed: ","stream":"stderr","time":"2026-11-20T10:00:01.1Z"}',
        '{"log":"card expired\\r\\n","stream":"stderr","time":"2026-11-20T10:00:01.1Z"}',
        '{"log":"\\tat com.shop.Pay.charge(Pay.java:54)\\n","stream":"stderr","time":"2026-11-20T10:00:01.1Z"}',
      ].join('\n'),
    ),
  );
  assert.equal(result.format, 'docker-json');
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: 'slow query' },
    { line: 2, lineCount: 3, body: '[main] Payment failed: card expired' },
  ]);
  assert.deepEqual([records[0]!.severityText, records[0]!.attributes, records[0]!.resource], ['warn', { ms: 812 }, { stream: 'stdout' }]);
  assert.deepEqual([records[1]!.severityText, records[1]!.timestamp, records[1]!.attributes!.stack], ['ERROR', Date.parse('2026-11-20T10:00:01.1Z'), '\tat com.shop.Pay.charge(Pay.java:54)']);
});

test('kubectl logs --timestamps: the prefix is the time, stripped before the format; trace lines fold', async () => {
  const { records, result } = await read(
    file(
      [
        '2026-11-20T10:00:00.000000001Z 2026-11-20 09:59:59,990 INFO  [main] c.s.App - Started in 2.1 s',
        '2026-11-20T10:00:05.000000001Z 2026-11-20 10:00:04,990 ERROR [exec-1] c.s.Pay - Charge failed',
        '2026-11-20T10:00:05.000000002Z java.net.SocketTimeoutException: Read timed out',
        '2026-11-20T10:00:05.000000003Z \tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)',
        '2026-11-20T10:00:06.000000001Z 2026-11-20 10:00:05,990 INFO  [exec-2] c.s.Pay - Charge ok',
      ].join('\n'),
    ),
  );
  assert.equal(result.format, 'plain');
  assert.deepEqual(records.map(summary), [
    { line: 1, lineCount: 1, body: '[main] c.s.App - Started in 2.1 s' },
    { line: 2, lineCount: 3, body: '[exec-1] c.s.Pay - Charge failed' },
    { line: 5, lineCount: 1, body: '[exec-2] c.s.Pay - Charge ok' },
  ]);
  assert.deepEqual([records[1]!.timeText, records[1]!.attributes!.time, records[1]!.attributes!['exception.type']], ['2026-11-20T10:00:05.000000001Z', '2026-11-20 10:00:04,990', 'java.net.SocketTimeoutException']);
  const json = await read(file(['2026-11-20T10:00:00.5Z {"level":"info","msg":"a"}', '2026-11-20T10:00:01.5Z {"level":"error","msg":"b"}'].join('\n')));
  assert.deepEqual([json.result.format, json.records.map((r) => [r.body, r.severityText, r.timestamp])], ['json', [['a', 'info', Date.parse('2026-11-20T10:00:00.5Z')], ['b', 'error', Date.parse('2026-11-20T10:00:01.5Z')]]]);
});

const MIXED = [
  'Nov 20 10:00:00 node-1 sshd[700]: Accepted publickey for deploy',
  'Nov 20 10:00:01 node-1 kubelet[900]: E1120 10:00:01.000000     900 kuberuntime_manager.go:1256] "Back-off restarting failed container" pod="shop/cart-1"',
  'Nov 20 10:00:02 node-1 systemd[1]: Started Session 7 of user deploy.',
].join('\n');

test('gzip files are read transparently, whatever their name', async () => {
  const plain = await read(file(`${MIXED}\n`));
  const gz = await read(file(gzipSync(`${MIXED}\n`)));
  assert.deepEqual(gz.records, plain.records);
  assert.deepEqual({ ...gz.result, bytes: 0 }, { ...plain.result, bytes: 0 });
  assert.equal(gz.result.bytes, Buffer.byteLength(`${MIXED}\n`));
  assert.equal(gz.records[1]!.severityText, 'E');
});

test('a cut-short gzip file yields what it holds; a corrupt one stops with a reason, never throws', async () => {
  const big = Array.from({ length: 2000 }, (_, i) => `2026-11-20 10:00:00 INFO line ${i} ${'x'.repeat(i % 50)}`).join('\n');
  const gz = gzipSync(big);
  const cut = await read(file(gz.subarray(0, gz.length >> 1)));
  assert.ok(cut.result.lines > 10 && cut.result.lines < 2000 && cut.result.decodeError === undefined, JSON.stringify(cut.result));
  const corrupt = Buffer.from(gz);
  corrupt.fill(0xff, gz.length >> 2, (gz.length >> 2) + 64);
  const bad = await read(file(corrupt));
  assert.match(bad.result.decodeError ?? '', /^gzip data is corrupt after \d+ decompressed bytes \(Z_DATA_ERROR\)$/);
  assert.equal(bad.records.reduce((sum, r) => sum + r.lineCount, 0), bad.result.lines);
});

test('following a growing file: a half-written last line waits for the next read, line numbers continue', async () => {
  const path = file('2026-11-20 10:00:00 INFO first\n2026-11-20 10:00:01 ERROR second\n2026-11-20 10:00:0');
  const first = await read(path, { startOffset: 0 });
  assert.deepEqual(first.records.map(summary), [
    { line: 1, lineCount: 1, body: 'first' },
    { line: 2, lineCount: 1, body: 'second' },
  ]);
  assert.deepEqual([first.result.lines, first.result.endOffset], [2, Buffer.byteLength('2026-11-20 10:00:00 INFO first\n2026-11-20 10:00:01 ERROR second\n')]);
  appendFileSync(path, '2 WARN third\n2026-11-20 10:00:03 INFO fourth\n');
  const next = await read(path, { startOffset: first.result.endOffset, startLine: first.result.lines + 1, format: first.result.format });
  assert.deepEqual(next.records.map(summary), [
    { line: 3, lineCount: 1, body: 'third' },
    { line: 4, lineCount: 1, body: 'fourth' },
  ]);
  assert.equal(next.result.endOffset, Buffer.byteLength('2026-11-20 10:00:00 INFO first\n2026-11-20 10:00:01 ERROR second\n2026-11-20 10:00:02 WARN third\n2026-11-20 10:00:03 INFO fourth\n'));
  const whole = await read(path);
  assert.equal(whole.records.length, 4);
  const gzResume = await read(file(gzipSync('a\nb\nc\n')), { startOffset: 2 });
  assert.deepEqual([gzResume.records.map((r) => r.body), gzResume.result.endOffset], [['b', 'c'], 6]);
});

test('caps long lines and counts them, replaces invalid UTF-8, honours a forced format and aborts', async () => {
  const { records, result } = await read(file(Buffer.concat([Buffer.from(`level=info msg=${'x'.repeat(5000)}\nlevel=warn msg=ok\xff\n`, 'latin1')])), { maxLineBytes: 100, format: 'logfmt' });
  assert.deepEqual([result.format, result.truncatedLines, records.map((r) => r.body.length)], ['logfmt', 1, [85, 3]]);
  assert.equal(records[1]!.body, 'ok\ufffd');
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(readLogRecords(file('a\n'), () => undefined, { signal: controller.signal }), { name: 'AbortError' });
});

test('year-less times are placed before the file modification time by default', async () => {
  const path = file(`${MIXED}\n`);
  utimesSync(path, new Date('2031-01-05T00:00:00Z'), new Date('2031-01-05T00:00:00Z'));
  const records: LogRecord[] = [];
  await readLogRecords(path, (r) => records.push(r));
  assert.equal(new Date(records[0]!.timestamp!).toISOString(), '2030-11-20T10:00:00.000Z');
});

/** Checks the reader's guarantee: records cover the lines read, each exactly once, in order. */
function assertCovers(records: LogRecord[], lines: number, firstLine = 1): void {
  let next = firstLine;
  for (const r of records) {
    assert.equal(r.line, next);
    assert.ok(r.lineCount >= 1);
    next += r.lineCount;
  }
  assert.equal(next - firstLine, lines);
}

const FORMATS: (LogFormat | undefined)[] = [undefined, 'json', 'logfmt', 'klog', 'syslog-5424', 'syslog-3164', 'nginx-access', 'nginx-error', 'cri', 'docker-json', 'plain'];

test('property: never throws on random bytes, and every line lands in exactly one record', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b]))), fc.constantFrom(...FORMATS), fc.boolean(), async (bytes, format, follow) => {
      const buf = Buffer.from(bytes);
      const { records, result } = await read(file(buf), { ...(format ? { format } : {}), ...(follow ? { startOffset: 0 } : {}) });
      assertCovers(records, result.lines);
      if (buf[0] === 0x1f && buf[1] === 0x8b) return; // read as (corrupt) gzip: the lines are those it decompressed
      let newlines = 0;
      for (const b of buf) if (b === 0x0a) newlines++;
      const partial = buf.length > 0 && buf[buf.length - 1] !== 0x0a;
      assert.equal(result.lines, newlines + (partial && !follow ? 1 : 0));
      assert.equal(result.endOffset, buf.lastIndexOf(0x0a) + 1);
      assert.equal(result.records, records.length);
    }),
    { numRuns: 300 },
  );
});

/** Lines that look like the formats, cut, mixed, indented, blank. */
const lineArb = fc.oneof(
  fc.constantFrom(
    '{"level":"error","ts":"2026-11-20T10:00:00Z","msg":"db timeout"}',
    'time=2026-11-20T10:00:00Z level=info msg="cache hit"',
    'I1120 10:00:00.000000       1 main.go:7] "Started" port=8080',
    '<34>1 2026-11-20T10:00:00.003Z host app 1 - [a b="c"] msg',
    'Nov 20 10:00:00 node-1 sshd[7]: Accepted publickey',
    '10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl"',
    '2026/11/20 10:00:00 [error] 7#7: *3 upstream timed out, client: 10.0.0.1',
    '2026-11-20T10:00:00.1Z stdout P part ',
    '2026-11-20T10:00:00.1Z stderr F Error: boom',
    '{"log":"partial","stream":"stdout","time":"2026-11-20T10:00:00Z"}',
    '2026-11-20 10:00:00,000 ERROR [main] c.s.A - failed',
    'Traceback (most recent call last):',
    'During handling of the above exception, another exception occurred:',
    'panic: boom',
    'goroutine 1 [running]:',
    'main.main()',
    'Exception in thread "main" java.lang.Error: x',
    'Caused by: java.io.IOException: y',
    'ValueError: z',
    '',
  ),
  fc.constantFrom('\tat a.B.c(B.java:1)', '    at f (/a.js:1:1)', '  File "/a.py", line 1, in f', '\t... 3 more'),
  fc.string({ maxLength: 60 }),
);

test('property: every line lands in exactly one record for any mix of format-like lines', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(lineArb, fc.nat(40)), { maxLength: 60 }), fc.constantFrom(...FORMATS), fc.constantFrom('\n', '\r\n'), async (parts, format, eol) => {
      const text = parts.map(([line, cut]) => (cut < 5 ? line.slice(0, cut * 7) : line).replaceAll('\n', ' ')).join(eol);
      const { records, result } = await read(file(text), format ? { format } : {});
      const newlines = text.split('\n').length - 1;
      assert.equal(result.lines, newlines + (text !== '' && !text.endsWith('\n') ? 1 : 0));
      assertCovers(records, result.lines);
    }),
    { numRuns: 300 },
  );
});

test('records read their attributes and resource when asked, as the full parse of their line gives them', async () => {
  const samples: [string, string][] = [
    ['json', '{"level":"warn","ts":"2026-11-20T10:00:00Z","msg":"slow","host":"node-1","path":"/cart","ms":812,"err":{"code":7}}'],
    ['logfmt', 'time=2026-11-20T10:00:00Z level=info msg="cache lookup" key=user:1 hit=true service=cart'],
    ['klog', 'I1120 10:00:00.000000       1 controller.go:79] "Syncing" deployment="shop/cart" rv="12"'],
    ['syslog-3164', '<13>Nov 20 10:00:00 node-1 app[123]: {"level":"error","msg":"inner","table":"orders"}'],
    ['syslog-5424', '<34>1 2026-11-20T10:00:00.003Z host su 123 ID47 [exampleSDID@32473 iut="3"] su root failed'],
    ['nginx-access', '10.1.2.3 - alice [20/Nov/2026:10:00:00 +0000] "GET /api/cart?x=1 HTTP/1.1" 502 157 "-" "curl/8.5.0"'],
    ['nginx-error', '2026/11/20 10:14:03 [error] 31#31: *8 connect() failed, client: 10.1.2.3, server: shop, request: "GET / HTTP/1.1"'],
  ];
  for (const [format, line] of samples) {
    const { records } = await read(file(`${line}\n${line}\n`));
    const full = lineParserFor(format as LogFormat)(line, parseContext(REF))!;
    assert.deepEqual([records[0]!.format, records[0]!.attributes, records[0]!.resource], [format, full.attributes, full.resource], format);
    // Written before being read, the fields keep what was written.
    records[1]!.attributes = { replaced: true };
    records[1]!.resource = undefined;
    assert.deepEqual([records[1]!.attributes, records[1]!.resource], [{ replaced: true }, undefined], format);
    const plain = JSON.parse(JSON.stringify(records[0])) as LogRecord;
    assert.deepEqual(plain, JSON.parse(JSON.stringify({ ...full, line: 1, lineCount: 1, format })), format);
  }
});

test('an envelope is applied to the attributes and resource read later: the displaced time, the stream', async () => {
  const { records } = await read(
    file(
      [
        '2026-11-20T10:00:00.100000000Z stdout F {"level":"info","ts":"2026-11-20T09:59:59Z","msg":"ready","port":8080,"stream":"x"}',
        '2026-11-20T10:00:00.200000000Z stderr F plain text',
        '2026-11-20T10:00:00.300000000Z stderr F 2026-11-20 10:00:00,000 ERROR [main] failed',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(
    records.map((r) => [r.timeText, r.attributes, r.resource]),
    [
      ['2026-11-20T10:00:00.100000000Z', { port: 8080, time: '2026-11-20T09:59:59Z' }, { stream: 'stdout' }],
      ['2026-11-20T10:00:00.200000000Z', undefined, { stream: 'stderr' }],
      ['2026-11-20T10:00:00.300000000Z', { time: '2026-11-20 10:00:00,000' }, { stream: 'stderr' }],
    ],
  );
});

test('Spring Boot lines (time, two spaces, level) are records of their own, not a kubectl prefix with indented text', async () => {
  const lines = Array.from({ length: 30 }, (_, i) => `2026-11-20T14:00:${String(i).padStart(2, '0')}.816Z  INFO 1 --- [products] [nio-8080-exec-1] c.e.web.RequestLogFilter : GET /v1/p/${i} 200 12ms`);
  lines.splice(10, 0, 'java.net.ConnectException: Connection refused', '\tat java.base/sun.nio.ch.Net.connect0(Native Method)');
  const { records } = await read(file(`${lines.join('\n')}\n`));
  assert.equal(records.length, 30);
  assert.equal(records[9]!.lineCount, 3, 'the exception folds into the line before it');
  assert.equal(records[0]!.severityText, 'INFO');
});

test('Loki logcli lines: the stream labels name the writer, and traces fold within their stream only', async () => {
  const line = (pod: string, text: string): string => `2026-05-19T10:25:01Z {app="recs", container="recs", namespace="disc", pod="${pod}"} ${text}`;
  const { records } = await read(file([line('recs-7f6c5d9b8-9hkxr', 'Traceback (most recent call last):'), line('recs-7f6c5d9b8-9hkxr', '  File "x.py", line 1, in <module>'), line('recs-7f6c5d9b8-rw4jn', 'started'), line('recs-7f6c5d9b8-9hkxr', 'RuntimeError: boom')].join('\n') + '\n'));
  assert.equal(records[0]!.resource?.service, 'recs');
  assert.equal(records[0]!.resource?.pod, 'recs-7f6c5d9b8-9hkxr');
  assert.equal(records[0]!.lineCount, 2);
  assert.equal(records[1]!.resource?.pod, 'recs-7f6c5d9b8-rw4jn');
});

test('docker compose logs: the prefix names the service and is stripped before the message is parsed', async () => {
  const { records } = await read(file(['orders-api-2  | {"level":50,"time":1795088989188,"msg":"request errored","err":"sorry, too many clients already"}', 'kitchen-worker-1  | {"level":30,"time":1795088989190,"msg":"tick"}'].join('\n') + '\n'));
  assert.equal(records.length, 2);
  assert.equal(records[0]!.body, 'request errored');
  assert.equal(records[0]!.resource?.service, 'orders-api');
  assert.equal(records[1]!.resource?.service, 'kitchen-worker');
});
