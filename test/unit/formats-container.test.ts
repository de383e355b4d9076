import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriLine, parseDockerJsonLine } from '../../server/ingest/formats/container-line';
import { parseEmbeddedMessage } from '../../server/ingest/formats/embedded';
import { timestampPrefixOf } from '../../server/ingest/formats/kubectl-prefix';
import { parseContext } from '../../server/ingest/formats/parse-context';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));
const T = Date.parse('2026-11-20T10:00:00.123Z');

test('CRI lines: time, stream, full or partial, message', () => {
  assert.deepEqual(parseCriLine('2026-11-20T10:00:00.123456789Z stdout F {"level":"info","msg":"ready"}'), {
    timeMs: T,
    timeText: '2026-11-20T10:00:00.123456789Z',
    stream: 'stdout',
    partial: false,
    message: '{"level":"info","msg":"ready"}',
  });
  assert.deepEqual(parseCriLine('2026-11-20T10:00:00.123456789Z stderr P first half '), { timeMs: T, timeText: '2026-11-20T10:00:00.123456789Z', stream: 'stderr', partial: true, message: 'first half ' });
  assert.equal(parseCriLine('2026-11-20T10:00:00.123456789Z stdout F')!.message, '');
  for (const line of ['2026-11-20T10:00:00Z stdin F x', '2026-11-20T10:00:00Z stdout X x', 'stdout F x', '2026-11-20 10:00:00 stdout F x']) assert.equal(parseCriLine(line), undefined, line);
});

test('Docker json-file lines: a log without its newline is partial', () => {
  assert.deepEqual(parseDockerJsonLine('{"log":"GET /healthz 200\\r\\n","stream":"stdout","time":"2026-11-20T10:00:00.123456789Z"}'), { timeMs: T, timeText: '2026-11-20T10:00:00.123456789Z', stream: 'stdout', partial: false, message: 'GET /healthz 200' });
  assert.deepEqual(parseDockerJsonLine('{"log":"part one","stream":"stderr","time":"2026-11-20T10:00:00.123456789Z"}')!.partial, true);
  const noTime = parseDockerJsonLine('{"log":"x\\n","stream":"stdout"}')!;
  assert.ok(Number.isNaN(noTime.timeMs));
  for (const line of ['{"msg":"x"}', '{"log":42}', '{"log":"x"', 'x']) assert.equal(parseDockerJsonLine(line), undefined, line);
});

test("kubectl logs --timestamps' prefix: RFC 3339 with T and a zone, then a space", () => {
  assert.deepEqual(timestampPrefixOf('2026-11-20T10:00:00.123456789Z {"msg":"x"}'), { end: 30, ms: T });
  assert.equal(timestampPrefixOf('2026-11-20T11:00:00.123+01:00 I1120 x')?.ms, T);
  for (const line of ['2026-11-20 10:00:00.123Z x', '2026-11-20T10:00:00.123 x', '2026-11-20T10:00:00.123Z', 'x']) assert.equal(timestampPrefixOf(line), undefined, line);
});

test('an embedded message is parsed by what it looks like', () => {
  const cases: [string, string, string][] = [
    ['{"level":"warn","msg":"slow query"}', 'json', 'slow query'],
    ['I1120 10:00:00.000000       1 main.go:7] "Started" port=8080', 'klog', 'Started'],
    ['2026/11/20 10:00:00 [error] 7#7: *3 upstream timed out, client: 10.0.0.1', 'nginx-error', 'upstream timed out'],
    ['10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "kube-probe/1.31"', 'nginx-access', '"GET / HTTP/1.1" 200'],
    ['level=info msg="cache warm" keys=312', 'logfmt', 'cache warm'],
    ['2026-11-20 10:00:00 ERROR boom', 'plain', 'boom'],
    ['{broken', 'plain', '{broken'],
  ];
  for (const [text, format, body] of cases) {
    const r = parseEmbeddedMessage(text, ctx);
    assert.deepEqual([r.format, r.body], [format, body], text);
  }
});
