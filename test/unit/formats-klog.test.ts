import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKlogLine } from '../../server/ingest/formats/klog';
import { parseContext } from '../../server/ingest/formats/parse-context';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));

test('reads the header: severity letter, month-day time, thread, file:line', () => {
  const r = parseKlogLine('W1120 10:00:00.525108       1 reflector.go:324] failed to list *v1.Pod: the server could not find the requested resource', ctx);
  assert.deepEqual(r, {
    line: 0,
    lineCount: 1,
    timestamp: Date.parse('2026-11-20T10:00:00.525Z'),
    timeText: '1120 10:00:00.525108',
    severityText: 'W',
    severityNumber: 13,
    body: 'failed to list *v1.Pod: the server could not find the requested resource',
    format: 'klog',
    attributes: { caller: 'reflector.go:324', thread: '1' },
  });
  assert.equal(parseKlogLine('I1120 10:00:00.000000    7 a.go:1] x', ctx)!.severityNumber, 9);
  assert.equal(parseKlogLine('E1120 10:00:00.000000    7 a.go:1] x', ctx)!.severityNumber, 17);
  assert.equal(parseKlogLine('F1120 10:00:00.000000    7 a.go:1] x', ctx)!.severityNumber, 21);
});

test('structured messages (InfoS, ErrorS): the quoted message is the body, the pairs attributes', () => {
  const r = parseKlogLine('E1120 10:00:01.000200    2345 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"cart\\" with CrashLoopBackOff" pod="shop/cart-7d9f" podUID=4b1c', ctx)!;
  assert.equal(r.body, 'Error syncing pod, skipping');
  assert.deepEqual(r.attributes, { caller: 'pod_workers.go:1298', thread: '2345', err: 'failed to "StartContainer" for "cart" with CrashLoopBackOff', pod: 'shop/cart-7d9f', podUID: '4b1c' });
});

test('the thread id may be missing; a year-less time takes the reference year', () => {
  const r = parseKlogLine('I0101 00:00:05.000000 main.go:12] starting', parseContext(Date.parse('2027-01-01T00:10:00Z')))!;
  assert.deepEqual([r.attributes, new Date(r.timestamp!).toISOString()], [{ caller: 'main.go:12' }, '2027-01-01T00:00:05.000Z']);
});

test('rejects lines that only start like klog', () => {
  for (const line of ['I1120 is not a header', 'I1120 10:00:00.000000 no bracket here', 'X1120 10:00:00.000000 1 a.go:1] x', 'I1320 10:00:00.000000 1 a.go:1] x', 'I1120 10:00:00.000000 1 two words] x', '']) {
    assert.equal(parseKlogLine(line, ctx), undefined, line);
  }
});
