import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLogfmtLine, readLogfmtPairs } from '../../server/ingest/formats/logfmt';
import { parseContext } from '../../server/ingest/formats/parse-context';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));
const logfmt = (line: string) => {
  const r = parseLogfmtLine(line, ctx);
  assert.ok(r, `not read as logfmt: ${line}`);
  return { body: r.body, time: r.timestamp === undefined ? undefined : new Date(r.timestamp).toISOString(), severity: r.severityText, level: r.severityNumber, attributes: r.attributes, resource: r.resource };
};

test('logrus text formatter: quoted time, msg as body, the rest as attributes', () => {
  assert.deepEqual(logfmt('time="2026-11-20T10:00:00Z" level=error msg="payment declined" order=1042 reason="card expired"'), {
    body: 'payment declined',
    time: '2026-11-20T10:00:00.000Z',
    severity: 'error',
    level: 17,
    attributes: { order: '1042', reason: 'card expired' },
    resource: undefined,
  });
});

test('Go slog TextHandler, go-kit, log15', () => {
  assert.deepEqual(logfmt('time=2026-11-20T10:00:00.000Z level=WARN msg="disk almost full" free=2.1GB mount=/data'), {
    body: 'disk almost full',
    time: '2026-11-20T10:00:00.000Z',
    severity: 'WARN',
    level: 13,
    attributes: { free: '2.1GB', mount: '/data' },
    resource: undefined,
  });
  assert.deepEqual(logfmt('ts=2026-11-20T10:00:00.123Z caller=main.go:42 level=info msg=listening addr=:8080').attributes, { caller: 'main.go:42', addr: ':8080' });
  const log15 = logfmt('t=2026-11-20T10:00:00+0000 lvl=eror msg="upstream failed" err=EOF');
  assert.deepEqual([log15.time, log15.level, log15.attributes], ['2026-11-20T10:00:00.000Z', 17, { err: 'EOF' }]);
});

test("Heroku's router: at= is the level when it is a level word", () => {
  const r = logfmt('at=error code=H12 desc="Request timeout" method=GET path="/cart" host=shop.example.com dyno=web.1 connect=0ms status=503 bytes=0');
  assert.deepEqual([r.severity, r.level, r.resource], ['error', 17, { host: 'shop.example.com' }]);
  assert.equal(r.body, 'at=error code=H12 desc="Request timeout" method=GET path="/cart" host=shop.example.com dyno=web.1 connect=0ms status=503 bytes=0');
  assert.deepEqual(logfmt('at=home msg=x').attributes, { at: 'home' });
});

test('escapes, bare keys and junk tokens', () => {
  assert.deepEqual(logfmt('level=info msg="say \\"hi\\"\\tthen \\u00e9" dry-run user=').attributes, { 'dry-run': true, user: '' });
  assert.equal(logfmt('level=info msg="say \\"hi\\"\\tthen \\u00e9"').body, 'say "hi"\tthen é');
  assert.deepEqual(logfmt('level=info ="junk" "also junk" k="unterminated').attributes, { k: 'unterminated' });
  for (const line of ['hello world', '"quoted"=x', '=x', '', ' level=info']) assert.equal(parseLogfmtLine(line, ctx), undefined, line);
});

test('property: reads back the pairs it is given', () => {
  const key = fc.stringMatching(/^[a-z_][a-z0-9_.]{0,8}$/);
  const value = fc.string({ maxLength: 12, unit: 'binary' });
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 6 }), (pairs) => {
      const line = pairs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
      const read: [string, string | boolean][] = [];
      assert.equal(readLogfmtPairs(line, 0, { add: (k, v) => read.push([k, v]) }), pairs.length);
      assert.deepEqual(read, pairs);
    }),
  );
});

test('reading the same line again gives the same record (escapes included)', () => {
  const line = 'level=warn a="x\\ty" msg="say \\"hi\\"" b="\\u00e9"';
  const first = parseLogfmtLine(line, ctx);
  assert.deepEqual(parseLogfmtLine(line, ctx), first);
  assert.deepEqual(parseLogfmtLine(line, ctx, true)?.body, 'say "hi"');
  assert.deepEqual(parseLogfmtLine(line, ctx), first);
  assert.deepEqual(first?.attributes, { a: 'x\ty', b: 'é' });
});

test('a lean parse reads the same time, level and body, and leaves attributes and resource out', () => {
  const lines = [
    'time=2026-11-20T10:00:00Z level=info msg="cache lookup" key=user:1 hit=true took=1.2ms',
    'ts=2026-11-20T10:00:00.5Z lvl=eror msg=plain host=node-1 service=cart',
    'at=error code=H12 desc="Request timeout" method=GET path="/cart" host=shop.example.com status=503',
    't=1795168800 s=3 event="user logged in" time="2026-11-20 10:00:00,123" level=debug',
    'took=3ms tag=x message="m" msg="n" dry-run',
  ];
  for (const line of lines) {
    const full = parseLogfmtLine(line, ctx)!;
    const lean = parseLogfmtLine(line, ctx, true)!;
    assert.deepEqual([lean.body, lean.timestamp, lean.timeText, lean.severityText, lean.severityNumber, lean.format], [full.body, full.timestamp, full.timeText, full.severityText, full.severityNumber, full.format], line);
    assert.deepEqual([lean.attributes, lean.resource], [undefined, undefined], line);
  }
});
