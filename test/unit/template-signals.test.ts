import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET_MS, TemplateSignalCollector } from '../../server/ingest/template-signals';
import type { LogRecord } from '../../server/ingest/log-record';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const rec = (line: number, minute: number, body: string, severity?: [string, number]): LogRecord => ({
  line,
  lineCount: 1,
  timestamp: T0 + minute * BUCKET_MS,
  timeText: new Date(T0 + minute * BUCKET_MS).toISOString(),
  body,
  format: 'plain',
  ...(severity ? { severityText: severity[0], severityNumber: severity[1] } : {}),
});
const TEMPLATES = ['GET <*> 200', 'connect to <*> refused', 'cache warmed in <*>'];

test('counts, times, sources, examples, severity and failure words per template', () => {
  const c = new TemplateSignalCollector();
  let line = 1;
  for (let m = 0; m < 60; m++) c.observe('logs/web.log', rec(line++, m, `GET /item/${m} 200`, ['INFO', 9]), 0);
  c.observe('logs/web.log', rec(line++, 50, 'connect to db:5432 refused', ['ERROR', 17]), 1);
  c.observe('logs/api.log', rec(7, 51, 'connect to db:5432 refused', ['ERROR', 17]), 1);
  const signals = c.finish((id) => TEMPLATES[id]!);
  assert.deepEqual(signals.map((s) => s.template), ['connect to <*> refused', 'GET <*> 200']);
  const refused = signals[0]!;
  assert.equal(refused.count, 2);
  assert.equal(refused.severityText, 'ERROR');
  assert.deepEqual(refused.sources, ['logs/api.log', 'logs/web.log']);
  assert.deepEqual(refused.examples.map((e) => `${e.file}:${e.line}`), ['logs/web.log:61', 'logs/api.log:7']);
  assert.equal(refused.firstTime, '2026-11-20T10:50:00.000Z');
  assert.equal(refused.lastTime, '2026-11-20T10:51:00.000Z');
  assert.equal(refused.newSince, '2026-11-20T10:50:00.000Z', 'first seen late in the logs');
  assert.deepEqual(refused.failureWords, ['refused']);
  assert.equal(refused.buckets.length, 60);
  assert.equal(refused.buckets[50], 1);
  const get = signals[1]!;
  assert.equal(get.newSince, undefined);
  assert.equal(get.burst, undefined, 'a steady rate is no burst');
  assert.deepEqual(get.failureWords, []);
});

test('a burst stands out against the template’s own median bucket', () => {
  const c = new TemplateSignalCollector();
  let line = 1;
  for (let m = 0; m < 30; m++) c.observe('a.log', rec(line++, m, 'retrying request', ['WARN', 13]), 2);
  for (let i = 0; i < 40; i++) c.observe('a.log', rec(line++, 20, 'retrying request', ['WARN', 13]), 2);
  const [s] = c.finish((id) => TEMPLATES[id]!);
  assert.deepEqual(s!.burst, { at: '2026-11-20T10:20:00.000Z', count: 41, baseline: 1 });
});

test('merged ids add up under their canonical template; records without time still count', () => {
  const c = new TemplateSignalCollector();
  c.observe('a.log', { line: 1, lineCount: 1, body: 'x 1', format: 'plain' }, 5);
  c.observe('a.log', { line: 2, lineCount: 1, body: 'x 2', format: 'plain' }, 6);
  const signals = c.finish(() => 'x <*>', (id) => (id === 6 ? 5 : id));
  assert.equal(signals.length, 1);
  assert.equal(signals[0]!.count, 2);
  assert.equal(signals[0]!.firstTime, undefined);
  assert.deepEqual(signals[0]!.buckets, []);
});
