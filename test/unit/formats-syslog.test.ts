import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContext } from '../../server/ingest/formats/parse-context';
import { parseSyslog3164Line, parseSyslog5424Line } from '../../server/ingest/formats/syslog';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));

test('RFC 5424: PRI severity and facility, header fields, structured data, BOM', () => {
  const r = parseSyslog5424Line('<34>1 2026-11-20T10:00:00.003Z gw-1.example.net sudo 4211 AUTH [origin@48577 ip="10.1.0.4" note="say \\"hi\\" \\]"][meta@48577 seq="12"] \ufeffpam_unix(sudo:auth): authentication failure', ctx);
  assert.deepEqual(r, {
    line: 0,
    lineCount: 1,
    body: 'pam_unix(sudo:auth): authentication failure',
    format: 'syslog-5424',
    severityText: 'crit',
    severityNumber: 17,
    timestamp: Date.parse('2026-11-20T10:00:00.003Z'),
    timeText: '2026-11-20T10:00:00.003Z',
    resource: { host: 'gw-1.example.net', service: 'sudo' },
    attributes: { facility: 4, pid: '4211', msgid: 'AUTH', 'origin@48577.ip': '10.1.0.4', 'origin@48577.note': 'say "hi" ]', 'meta@48577.seq': '12' },
  });
});

test('RFC 5424 with NIL values and no message', () => {
  const r = parseSyslog5424Line('<165>1 - - - - - -', ctx)!;
  assert.deepEqual([r.severityText, r.severityNumber, r.body, r.timestamp, r.resource, r.attributes], ['notice', 9, '', undefined, undefined, { facility: 20 }]);
  assert.equal(parseSyslog5424Line('<13>Nov 20 10:00:00 host app: x', ctx), undefined);
});

test('RFC 3164 with PRI, and as /var/log/syslog writes it', () => {
  assert.deepEqual(parseSyslog3164Line('<13>Nov 20 10:00:00 node-1 backup[123]: nightly run finished in 42s', ctx), {
    line: 0,
    lineCount: 1,
    body: 'nightly run finished in 42s',
    format: 'syslog-3164',
    severityText: 'notice',
    severityNumber: 9,
    timestamp: Date.parse('2026-11-20T10:00:00Z'),
    timeText: 'Nov 20 10:00:00',
    resource: { host: 'node-1', service: 'backup' },
    attributes: { facility: 1, pid: '123' },
  });
  const kernel = parseSyslog3164Line('Nov 20 10:00:01 node-1 kernel: [1234.567890] Out of memory: Killed process 4242 (java)', ctx)!;
  assert.deepEqual([kernel.body, kernel.resource, kernel.attributes, kernel.severityText], ['[1234.567890] Out of memory: Killed process 4242 (java)', { host: 'node-1', service: 'kernel' }, undefined, undefined]);
  const untagged = parseSyslog3164Line('Nov  5 10:00:02 node-1 -- MARK --', ctx)!;
  assert.deepEqual([untagged.body, untagged.resource], ['-- MARK --', { host: 'node-1' }]);
});

test('journalctl short-iso and rsyslog high-precision times', () => {
  const r = parseSyslog3164Line('2026-11-20T11:00:00.123456+01:00 node-2 systemd[1]: Started Daily apt upgrade.', ctx)!;
  assert.deepEqual([r.timestamp, r.resource, r.body], [Date.parse('2026-11-20T10:00:00.123Z'), { host: 'node-2', service: 'systemd' }, 'Started Daily apt upgrade.']);
});

test('the message is parsed again: the kubelet writes klog, apps write JSON or a level word', () => {
  const kubelet = parseSyslog3164Line('Nov 20 10:00:03 node-1 kubelet[900]: E1120 10:00:03.123456     900 pod_workers.go:1298] "Error syncing pod, skipping" pod="shop/cart-7d9f"', ctx)!;
  assert.deepEqual([kubelet.body, kubelet.severityText, kubelet.severityNumber], ['Error syncing pod, skipping', 'E', 17]);
  assert.deepEqual(kubelet.attributes, { pid: '900', caller: 'pod_workers.go:1298', thread: '900', pod: 'shop/cart-7d9f' });
  const app = parseSyslog3164Line('<14>Nov 20 10:00:04 node-1 orders[77]: {"level":"error","msg":"db timeout","table":"orders"}', ctx)!;
  assert.deepEqual([app.body, app.severityText, app.attributes], ['db timeout', 'error', { facility: 1, pid: '77', table: 'orders' }]);
  const worded = parseSyslog3164Line('Nov 20 10:00:05 node-1 cron[88]: WARNING: job overran', ctx)!;
  assert.deepEqual([worded.body, worded.severityNumber], ['job overran', 13]);
});

test('rejects lines that are not syslog', () => {
  for (const line of ['hello', 'Nov 20 10:00:00', '2026-11-20T10:00:00Z', '<999>Nov 20 10:00:00 h a: x', '']) assert.equal(parseSyslog3164Line(line, ctx), undefined, line);
});
