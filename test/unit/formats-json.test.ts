import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJsonLine } from '../../server/ingest/formats/json-line';
import { parseContext } from '../../server/ingest/formats/parse-context';

const ctx = parseContext(Date.parse('2026-12-01T00:00:00Z'));
const json = (line: string) => {
  const r = parseJsonLine(line, ctx);
  assert.ok(r, `not read as JSON: ${line}`);
  return { ...r, time: r.timestamp === undefined ? undefined : new Date(r.timestamp).toISOString() };
};

test('zap: ts in epoch seconds, caller and stacktrace as attributes', () => {
  const r = json('{"level":"error","ts":1795168800.123456,"caller":"payments/client.go:88","msg":"charge failed","order":"o-1042","error":"dial tcp 10.0.3.7:8443: connect: connection refused","stacktrace":"main.charge\\n\\t/app/payments/client.go:88"}');
  assert.equal(r.body, 'charge failed');
  assert.equal(r.time, '2026-11-20T10:00:00.123Z');
  assert.equal(r.timeText, '1795168800.123456');
  assert.deepEqual([r.severityText, r.severityNumber], ['error', 17]);
  assert.deepEqual(r.attributes, {
    caller: 'payments/client.go:88',
    order: 'o-1042',
    error: 'dial tcp 10.0.3.7:8443: connect: connection refused',
    stacktrace: 'main.charge\n\t/app/payments/client.go:88',
  });
});

test('pino and bunyan: numeric levels, epoch-ms time, hostname as resource, err flattened under error.', () => {
  const pino = json('{"level":50,"time":1795168800123,"pid":7,"hostname":"cart-7d9f","err":{"type":"Error","message":"connect ECONNREFUSED 10.0.9.1:6379","stack":"Error: connect ECONNREFUSED\\n    at TCPConnectWrap.afterConnect"},"msg":"redis unavailable"}');
  assert.equal(pino.body, 'redis unavailable');
  assert.equal(pino.time, '2026-11-20T10:00:00.123Z');
  assert.deepEqual([pino.severityText, pino.severityNumber], ['50', 17]);
  assert.deepEqual(pino.resource, { host: 'cart-7d9f' });
  assert.deepEqual(pino.attributes, {
    pid: 7,
    'error.type': 'Error',
    'error.message': 'connect ECONNREFUSED 10.0.9.1:6379',
    'error.stack': 'Error: connect ECONNREFUSED\n    at TCPConnectWrap.afterConnect',
  });
  const bunyan = json('{"name":"checkout","hostname":"web-2","pid":41,"level":40,"msg":"slow upstream","time":"2026-11-20T10:00:00.250Z","v":0}');
  assert.deepEqual([bunyan.body, bunyan.time, bunyan.severityNumber], ['slow upstream', '2026-11-20T10:00:00.250Z', 13]);
  assert.deepEqual(bunyan.attributes, { name: 'checkout', pid: 41, v: 0 });
  assert.equal(json('{"level":10,"msg":"x"}').severityNumber, 1);
  assert.equal(json('{"level":60,"msg":"x"}').severityNumber, 21);
});

test('logrus, slog and python-json-logger', () => {
  const logrus = json('{"attempt":2,"level":"warning","msg":"retrying payment","time":"2026-11-20T11:00:00+01:00"}');
  assert.deepEqual([logrus.body, logrus.time, logrus.severityNumber, logrus.attributes], ['retrying payment', '2026-11-20T10:00:00.000Z', 13, { attempt: 2 }]);
  const slog = json('{"time":"2026-11-20T10:00:00.5Z","level":"ERROR","msg":"query failed","db":{"table":"orders","rows":0},"retry":false}');
  assert.deepEqual(slog.attributes, { 'db.table': 'orders', 'db.rows': 0, retry: false });
  const python = json('{"asctime":"2026-11-20 10:00:00,123","levelname":"ERROR","name":"worker","message":"task 9 failed"}');
  assert.deepEqual([python.body, python.time, python.severityText, python.attributes], ['task 9 failed', '2026-11-20T10:00:00.123Z', 'ERROR', { name: 'worker' }]);
});

test('Serilog: compact (@t, @mt, @l) and the plain JSON formatter', () => {
  const clef = json('{"@t":"2026-11-20T10:00:00.0000000Z","@mt":"Order {OrderId} failed after {Elapsed} ms","@l":"Error","OrderId":1042,"Elapsed":312}');
  assert.deepEqual([clef.body, clef.severityNumber, clef.time], ['Order {OrderId} failed after {Elapsed} ms', 17, '2026-11-20T10:00:00.000Z']);
  const plain = json('{"Timestamp":"2026-11-20T10:00:00.000+00:00","Level":"Warning","MessageTemplate":"Disk {Free} free","RenderedMessage":"Disk \\"10%\\" free","Properties":{"Free":"10%"}}');
  assert.equal(plain.body, 'Disk "10%" free');
  assert.deepEqual(plain.attributes, { MessageTemplate: 'Disk {Free} free', 'Properties.Free': '10%' });
});

test('ECS, flat and nested, GCP structured logging, journald', () => {
  const flat = json('{"@timestamp":"2026-11-20T10:00:00.000Z","log.level":"error","message":"db down","service.name":"orders","ecs.version":"1.6.0","error":{"type":"java.net.ConnectException","message":"Connection refused"}}');
  assert.deepEqual([flat.body, flat.severityText, flat.resource], ['db down', 'error', { service: 'orders' }]);
  assert.deepEqual(flat.attributes, { 'ecs.version': '1.6.0', 'error.type': 'java.net.ConnectException', 'error.message': 'Connection refused' });
  const nested = json('{"@timestamp":"2026-11-20T10:00:00.000Z","log":{"level":"warn","logger":"http"},"message":"slow","service":{"name":"orders"},"host":{"name":"node-3"},"kubernetes":{"namespace":"shop","pod":{"name":"orders-6c9"}}}');
  assert.deepEqual([nested.severityNumber, nested.attributes], [13, { 'log.logger': 'http' }]);
  assert.deepEqual(nested.resource, { service: 'orders', host: 'node-3', namespace: 'shop', pod: 'orders-6c9' });
  const gcp = json('{"severity":"CRITICAL","message":"out of memory","timestamp":{"seconds":1795168800,"nanos":250000000},"logging.googleapis.com/trace":"projects/p/traces/abc"}');
  assert.deepEqual([gcp.body, gcp.severityNumber, gcp.time], ['out of memory', 17, '2026-11-20T10:00:00.250Z']);
  const journald = json('{"__REALTIME_TIMESTAMP":"1795168800123456","PRIORITY":"3","_HOSTNAME":"node-1","SYSLOG_IDENTIFIER":"kubelet","_PID":"900","MESSAGE":"Failed to pull image"}');
  assert.deepEqual([journald.body, journald.severityNumber, journald.time], ['Failed to pull image', 17, '2026-11-20T10:00:00.123Z']);
  assert.deepEqual([journald.resource, journald.attributes], [{ host: 'node-1', service: 'kubelet' }, { _PID: '900' }]);
});

test('structlog, log4j2 JsonLayout, MongoDB, fluentd Kubernetes metadata', () => {
  assert.equal(json('{"event":"user logged in","level":"info","timestamp":"2026-11-20T10:00:00.000000Z","user_id":7}').body, 'user logged in');
  const log4j = json('{"instant":{"epochSecond":1795168800,"nanoOfSecond":5000000},"thread":"main","level":"ERROR","loggerName":"com.shop.Pay","message":"charge failed","endOfBatch":false}');
  assert.deepEqual([log4j.time, log4j.attributes], ['2026-11-20T10:00:00.005Z', { thread: 'main', loggerName: 'com.shop.Pay', endOfBatch: false }]);
  const mongo = json('{"t":{"$date":"2026-11-20T10:00:00.000+00:00"},"s":"W","c":"NETWORK","id":4615610,"ctx":"conn12","msg":"Slow query","attr":{"durationMillis":812}}');
  assert.deepEqual([mongo.time, mongo.severityText, mongo.severityNumber, mongo.attributes], ['2026-11-20T10:00:00.000Z', 'W', 13, { c: 'NETWORK', id: 4615610, ctx: 'conn12', 'attr.durationMillis': 812 }]);
  const fluentd = json('{"log":"started","kubernetes":{"pod_name":"cart-1","namespace_name":"shop","container_name":"cart","host":"node-2"}}');
  assert.deepEqual(fluentd.resource, { pod: 'cart-1', namespace: 'shop', container: 'cart', host: 'node-2' });
});

test('the whole line is the body when there is no message field; arrays and deep objects stay JSON text', () => {
  const line = '{"remote_addr":"10.0.0.1","request":"GET / HTTP/1.1","status":502}';
  assert.equal(json(line).body, line);
  assert.deepEqual(json('{"msg":"x","tags":["a","b"],"a":{"b":{"c":{"d":{"e":1}}}},"n":null}').attributes, { tags: '["a","b"]', 'a.b.c.d': '{"e":1}' });
  assert.equal(json('  {"msg":"padded"}  ').body, 'padded');
});

test('survives nesting too deep to write back as JSON text', () => {
  const deep = `{"msg":"deep","a":${'['.repeat(30000)}${']'.repeat(30000)}}`;
  assert.deepEqual(json(deep).attributes, { a: '…' });
});

test('is not fooled by lines that are not JSON objects', () => {
  for (const line of ['[1,2,3]', '{bad json}', '"just a string"', '{"open": true', 'plain text', '', '{}x']) assert.equal(parseJsonLine(line, ctx), undefined, line);
});

test('property: reads any JSON object line without throwing, keeping every scalar field somewhere', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'msg', 'level', 'time', 'host')), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (obj) => {
      const r = parseJsonLine(JSON.stringify(obj), ctx)!;
      const kept = Object.keys(r.attributes ?? {}).length + Object.keys(r.resource ?? {}).length;
      const roles = [r.timeText, r.severityText].filter((x) => x !== undefined).length + (r.body === JSON.stringify(obj) ? 0 : 1);
      assert.equal(kept + roles, Object.values(obj).filter((v) => v !== null).length);
    }),
  );
});

test('reads as JSON.parse does: repeated keys, array-index keys, escapes, white space', () => {
  assert.equal(json('{"msg":"first","level":"info","msg":"last"}').body, 'last');
  assert.deepEqual(Object.keys(json('{"b":1,"2":"x","msg":"m","1":"y","a":true}').attributes!), ['1', '2', 'b', 'a']);
  assert.deepEqual(json('{"msg":"say \\"hi\\" \\u00e9\\/\\\\ \\ud83d\\ude00","k\\u0065y":"v"}').body, 'say "hi" é/\\ 😀');
  assert.deepEqual(json('{"msg":"m","k\\u0065y":"v"}').attributes, { key: 'v' });
  assert.deepEqual(json('{ "msg" : "spaced" ,\t"level":\r"warn" , "n" : -0 , "e" : 1.5e+3 , "z" : null }'), {
    ...json('{"msg":"spaced","level":"warn","n":-0,"e":1500}'),
  });
  assert.ok(Object.is(json('{"msg":"m","n":-0}').attributes!.n, -0));
  assert.deepEqual(json('{"msg":"m","key with space!":1,"":2}').attributes, { 'key with space!': 1, '': 2 });
  assert.deepEqual(json('{"__proto__":"p","msg":"m"}').attributes, { ['__proto__']: 'p' });
  assert.equal(Object.getPrototypeOf(json('{"__proto__":"p","msg":"m"}').attributes), Object.prototype);
  assert.deepEqual(json('{}'), { ...json('{}'), body: '{}' });
});

test('rejects what JSON.parse rejects, inside a flat object too', () => {
  const bad = [
    '{"msg":"a\tb"}',
    '{"msg":"bad \\x escape"}',
    '{"msg":"\\u12"}',
    '{"n":01}',
    '{"n":1.}',
    '{"n":-}',
    '{"n":1e}',
    '{"n":+1}',
    '{"a":1,}',
    '{"a":1 "b":2}',
    '{"a" 1}',
    '{"a":tru}',
    '{"a":nul}',
    '{"a":1}}',
    '{"a":"unterminated}',
    '{"a\u0001":1}',
    '{"a":1}\r',
    '{"a":[1,}',
  ];
  for (const line of bad) assert.equal(parseJsonLine(line, ctx), undefined, JSON.stringify(line));
});

test('a lean parse reads the same time, level and body, and leaves attributes and resource out', () => {
  const lines = [
    '{"level":"info","ts":"2026-11-20T10:00:00.012Z","logger":"http","msg":"request completed","status":200,"duration_ms":12.5}',
    '{"@timestamp":"2026-11-20T10:00:00.000Z","log":{"level":"warn","logger":"http"},"message":"slow","service":{"name":"orders"}}',
    '{"level":30,"time":1795168800123,"hostname":"cart-1","err":{"message":"boom"},"msg":"failed"}',
    '{"t":"2026-11-20T10:00:00Z","s":"W","date":"x","time":"2026-11-20T11:00:00Z","event":"e","message":"m"}',
    '{"1":"x","msg":"m","msg":"n","level":"error"}',
    '{"severity":"CRITICAL","timestamp":{"seconds":1795168800,"nanos":250000000},"textPayload":"oom"}',
    '{"remote_addr":"10.0.0.1","status":502}',
  ];
  for (const line of lines) {
    const full = parseJsonLine(line, ctx)!;
    const lean = parseJsonLine(line, ctx, true)!;
    assert.deepEqual([lean.body, lean.timestamp, lean.timeText, lean.severityText, lean.severityNumber, lean.format], [full.body, full.timestamp, full.timeText, full.severityText, full.severityNumber, full.format], line);
    assert.deepEqual([lean.attributes, lean.resource], [undefined, undefined], line);
  }
});

test('property: reads any flat JSON object line as JSON.parse and the field roles do', () => {
  const key = fc.oneof(fc.constantFrom('msg', 'message', 'level', 'lvl', 's', 'ts', 'time', 't', 'host', 'service', 'event', '__proto__', '0', '7'), fc.string({ maxLength: 6 }));
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ maxLength: 6, unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constantFrom('info', 'ERROR', '2026-11-20T10:00:00Z', '1795168800'));
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), fc.constantFrom('', ' ', '\t', '\n'), (pairs, space) => {
      const line = `{${pairs.map(([k, v]) => `${space}${JSON.stringify(k)}${space}:${space}${JSON.stringify(v)}`).join(',')}}`;
      const viaParse = Object.entries(JSON.parse(line) as Record<string, unknown>);
      const r = parseJsonLine(line, ctx)!;
      const lean = parseJsonLine(line, ctx, true)!;
      assert.ok(r && lean, line);
      // Every non-null value lands in exactly one place: a role, the resource or the attributes, with JSON.parse's value.
      const kept = Object.keys(r.attributes ?? {}).length + Object.keys(r.resource ?? {}).length;
      const roles = [r.timeText, r.severityText].filter((x) => x !== undefined).length + (r.body === line ? 0 : 1);
      assert.equal(kept + roles, viaParse.filter(([, v]) => v !== null).length, line);
      for (const [k, v] of Object.entries(r.attributes ?? {})) assert.ok(Object.is(v, (JSON.parse(line) as Record<string, unknown>)[k]), `${line} ${k}`);
      assert.deepEqual([lean.body, lean.timeText, lean.severityText, lean.severityNumber, lean.timestamp], [r.body, r.timeText, r.severityText, r.severityNumber, r.timestamp], line);
    }),
    { numRuns: 500 },
  );
});
