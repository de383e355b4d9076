import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, detectLayout } from '../../server/ingest/format-detect';
import type { LogFormat } from '../../server/ingest/log-record';

/** `n` lines made by `make(i)`. */
const lines = (n: number, make: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => make(i));
const SAMPLES: Record<LogFormat, string[]> = {
  json: lines(8, (i) => `{"level":"info","ts":"2026-11-20T10:00:0${i}Z","msg":"request done","path":"/cart/${i}"}`),
  logfmt: lines(8, (i) => `time=2026-11-20T10:00:0${i}Z level=info msg="cache lookup" key=user:${i} hit=true`),
  klog: lines(8, (i) => `I1120 10:00:0${i}.000000       1 controller.go:${80 + i}] "Syncing" deployment="shop/cart"`),
  'syslog-5424': lines(8, (i) => `<14>1 2026-11-20T10:00:0${i}.000Z node-1 orders ${100 + i} - - order stored`),
  'syslog-3164': lines(8, (i) => `Nov 20 10:00:0${i} node-1 sshd[${700 + i}]: Accepted publickey for deploy`),
  'nginx-access': lines(8, (i) => `10.0.0.${i} - - [20/Nov/2026:10:00:0${i} +0000] "GET /api/cart HTTP/1.1" 200 ${100 + i} "-" "curl/8.5.0"`),
  'nginx-error': lines(8, (i) => `2026/11/20 10:00:0${i} [error] 31#31: *${i} upstream timed out, client: 10.0.0.1, server: shop`),
  cri: lines(8, (i) => `2026-11-20T10:00:0${i}.123456789Z stdout F {"level":"info","msg":"ready"}`),
  'docker-json': lines(8, (i) => `{"log":"GET /healthz 200\\n","stream":"stdout","time":"2026-11-20T10:00:0${i}.123456789Z"}`),
  plain: lines(8, (i) => `2026-11-20 10:00:0${i},000 INFO  [main] c.s.App - step ${i}`),
};

test('detects every format from its lines', () => {
  for (const [format, sample] of Object.entries(SAMPLES)) assert.equal(detectFormat(sample), format, format);
});

test('is robust to a few odd lines, and ignores trace lines', () => {
  const json = [...SAMPLES.json.slice(0, 3), 'Starting server...', ...SAMPLES.json.slice(3), 'not json at all', '{"truncated":'];
  assert.equal(detectFormat(json), 'json');
  const klog = [SAMPLES.klog[0]!, 'goroutine 1 [running]:', '\t/app/main.go:12 +0x1d', '', '   ', ...SAMPLES.klog.slice(1, 3)];
  assert.equal(detectFormat(klog), 'klog');
  const javaHeavy = [SAMPLES.plain[0]!, 'java.lang.IllegalStateException: boom', ...lines(30, (i) => `\tat com.shop.F.f${i}(F.java:${i})`), SAMPLES.plain[1]!];
  assert.deepEqual(detectLayout(javaHeavy), { format: 'plain', timestampPrefix: false, prefixed: true });
});

test('sees through kubectl logs --timestamps, but not an RFC 3339 syslog time', () => {
  const prefix = (sample: string[]) => sample.map((l, i) => `2026-11-20T10:00:0${i}.123456789Z ${l}`);
  assert.deepEqual(detectLayout(prefix(SAMPLES.json)), { format: 'json', timestampPrefix: true, prefixed: false });
  assert.deepEqual(detectLayout(prefix(SAMPLES.klog)), { format: 'klog', timestampPrefix: true, prefixed: true });
  assert.deepEqual(detectLayout(prefix(lines(8, (i) => `step ${i} done`))), { format: 'plain', timestampPrefix: true, prefixed: false });
  const isoSyslog = lines(8, (i) => `2026-11-20T10:00:0${i}.123456+00:00 node-1 systemd[1]: Started unit ${i}.`);
  assert.deepEqual(detectLayout(isoSyslog), { format: 'syslog-3164', timestampPrefix: false, prefixed: true });
});

test('decides whether records carry a prefix that continuation lines lack', () => {
  assert.equal(detectLayout(SAMPLES.plain).prefixed, true);
  assert.equal(detectLayout(lines(8, (i) => `processing item ${i}`)).prefixed, false);
  assert.equal(detectLayout(SAMPLES.json).prefixed, false);
  assert.equal(detectLayout(SAMPLES.cri).prefixed, false);
  const criPlain = SAMPLES.plain.map((l, i) => `2026-11-20T10:00:0${i}.123456789Z stderr F ${l}`);
  assert.deepEqual(detectLayout(criPlain), { format: 'cri', timestampPrefix: false, prefixed: true });
});

test('plain text is the fallback; a forced format is kept', () => {
  assert.equal(detectFormat([]), 'plain');
  assert.equal(detectFormat(['', '  ']), 'plain');
  assert.equal(detectFormat(['hello', 'world', '{"a":1}']), 'plain');
  assert.deepEqual(detectLayout(SAMPLES.plain, 'logfmt'), { format: 'logfmt', timestampPrefix: false, prefixed: false });
  assert.deepEqual(detectLayout(SAMPLES.json.map((l) => `2026-11-20T10:00:00Z ${l}`), 'json'), { format: 'json', timestampPrefix: true, prefixed: false });
});
