import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseContext } from '../../server/ingest/formats/parse-context';
import { epochMsOf, timestampAt } from '../../server/ingest/formats/timestamp';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));
/** The timestamp text read at the start of `line` and the instant it stands for. */
const at = (line: string, context = ctx) => {
  const m = timestampAt(line, 0, context);
  return m && { text: line.slice(0, m.end), iso: Number.isFinite(m.ms) ? new Date(m.ms).toISOString() : 'time of day' };
};

test('reads ISO 8601 and RFC 3339 times with their fractions and zones', () => {
  assert.deepEqual(at('2026-11-20T10:00:00.123456789Z stdout F hi'), { text: '2026-11-20T10:00:00.123456789Z', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('2026-11-20 10:00:00,123 INFO started'), { text: '2026-11-20 10:00:00,123', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('2026-11-20T11:00:00+01:00 host'), { text: '2026-11-20T11:00:00+01:00', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('2026-11-20T05:00:00.5-0500 x'), { text: '2026-11-20T05:00:00.5-0500', iso: '2026-11-20T10:00:00.500Z' });
  assert.deepEqual(at('2026-11-20 10:00:00.123 UTC [88] LOG:  ready'), { text: '2026-11-20 10:00:00.123 UTC', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('2026-11-20 12:00:00 +0200 - msg'), { text: '2026-11-20 12:00:00 +0200', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('2026-11-20 10:00:00 - msg'), { text: '2026-11-20 10:00:00', iso: '2026-11-20T10:00:00.000Z' });
});

test('reads the other forms logs start with', () => {
  assert.deepEqual(at('2026/11/20 10:14:03 [error] 31#31'), { text: '2026/11/20 10:14:03', iso: '2026-11-20T10:14:03.000Z' });
  assert.deepEqual(at('20/Nov/2026:10:00:00 +0000] "GET'), { text: '20/Nov/2026:10:00:00 +0000', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('20 Nov 2026 10:00:00.042 * Ready'), { text: '20 Nov 2026 10:00:00.042', iso: '2026-11-20T10:00:00.042Z' });
  assert.deepEqual(at('Nov 20 10:00:00 node-1 sshd[7]:'), { text: 'Nov 20 10:00:00', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('Nov  5 09:30:00 node-1 cron[2]:'), { text: 'Nov  5 09:30:00', iso: '2026-11-05T09:30:00.000Z' });
  assert.deepEqual(at('Thu Nov 20 10:00:00.123456 2026] [core:error]'), { text: 'Thu Nov 20 10:00:00.123456 2026', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('Fri, 20 Nov 2026 10:00:00 GMT app'), { text: 'Fri, 20 Nov 2026 10:00:00 GMT', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('10.30 16:49:06 chrome.exe - open'), { text: '10.30 16:49:06', iso: '2026-10-30T16:49:06.000Z' });
  assert.deepEqual(at('11-20 10:00:00.123  1234  1250 E Tag: x'), { text: '11-20 10:00:00.123', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('1795168800 worker started'), { text: '1795168800', iso: '2026-11-20T10:00:00.000Z' });
  assert.deepEqual(at('1795168800.25 worker started'), { text: '1795168800.25', iso: '2026-11-20T10:00:00.250Z' });
  assert.deepEqual(at('1795168800123 worker started'), { text: '1795168800123', iso: '2026-11-20T10:00:00.123Z' });
  assert.deepEqual(at('10:00:00.123 [main] INFO'), { text: '10:00:00.123', iso: 'time of day' });
});

test('places a time without a year in the latest year not more than a day after the reference', () => {
  assert.equal(at('Dec 31 23:59:59 host', parseContext(Date.parse('2027-01-01T00:10:00Z')))!.iso, '2026-12-31T23:59:59.000Z');
  assert.equal(at('Dec 30 10:00:00 host')!.iso, '2025-12-30T10:00:00.000Z');
  assert.equal(at('Dec 01 10:00:00 host')!.iso, '2026-12-01T10:00:00.000Z');
});

test('rejects what is not a time', () => {
  for (const line of ['2026-13-01 10:00:00 x', '2026-11-20', '20261120 10:00:00', 'Novel idea', 'Nov 20 ten o clock', '12345 items', '10:61:00 x', '2026-11-20T25:00:00Z', '1795168800abc', '']) {
    assert.equal(timestampAt(line, 0, ctx), undefined, line);
  }
});

test('reads epoch seconds, milliseconds, microseconds and nanoseconds', () => {
  const expected = Date.parse('2026-11-20T10:00:00.123Z');
  assert.equal(epochMsOf(1795168800.123), expected);
  assert.equal(epochMsOf(1795168800123), expected);
  assert.equal(epochMsOf(1795168800123456), expected);
  assert.equal(epochMsOf(1795168800123456789), expected);
  assert.ok(Number.isNaN(epochMsOf(42)));
});

test('property: reads back any ISO time it is given, and never throws on any text', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.string(), (date, rest) => {
      const iso = date.toISOString();
      const m = timestampAt(`${iso} ${rest}`, 0, ctx);
      assert.equal(m?.ms, date.getTime());
      assert.equal(m?.end, iso.length);
    }),
  );
  fc.assert(
    fc.property(fc.string(), fc.nat(40), (text, i) => {
      const m = timestampAt(text, i, ctx);
      if (m) assert.ok(m.end > i && m.end <= text.length);
    }),
  );
});

test('reads every month and weekday name, and no look-alike', () => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  months.forEach((month, i) => {
    const iso = `2026-${String(i + 1).padStart(2, '0')}-05T10:00:00.000Z`;
    assert.equal(at(`${month}  5 10:00:00 2026 x`)!.iso, iso, month);
    assert.equal(at(`05/${month}/2026:10:00:00 +0000`)!.iso, iso, month);
    assert.equal(at(`${weekdays[i % 7]} ${month}  5 10:00:00 2026`)!.iso, iso, `${weekdays[i % 7]} ${month}`);
    assert.equal(at(`${weekdays[(i + 3) % 7]}, 05 ${month} 2026 10:00:00 GMT`)!.iso, iso, `${weekdays[(i + 3) % 7]}, ${month}`);
  });
  for (const line of ['Jux  5 10:00:00', 'Ja  5 10:00:00', 'Sap  5 10:00:00', 'Sen Nov  5 10:00:00 2026', 'Tux, 05 Nov 2026 10:00:00 GMT', 'San, 05 Nov 2026 10:00:00 GMT', 'N']) {
    assert.equal(timestampAt(line, 0, ctx), undefined, line);
  }
});

test('fractions of any length give their milliseconds; a digit right after the seconds is no time', () => {
  assert.equal(at('2026-11-20 10:00:00.1 x')!.iso, '2026-11-20T10:00:00.100Z');
  assert.equal(at('2026-11-20 10:00:00,12 x')!.iso, '2026-11-20T10:00:00.120Z');
  assert.deepEqual(at('2026-11-20T10:00:00.987654321Z x'), { text: '2026-11-20T10:00:00.987654321Z', iso: '2026-11-20T10:00:00.987Z' });
  assert.equal(timestampAt('2026-11-20 10:00:001 x', 0, ctx), undefined);
  assert.deepEqual(at('2026-11-20 10:00:00. x'), { text: '2026-11-20 10:00:00', iso: '2026-11-20T10:00:00.000Z' });
});
