/**
 * The probe catalog: every family proposes probes for every platform the policy allows as they stand; the
 * answer readers classify real outputs the way an engineer reads them; an answer moves the hypotheses its
 * probe says it bears on, up or down, and nothing else.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_LABELS } from '../../server/protocol';
import { familyProbes } from '../../server/agents/probes/catalog/families';
import { classifyAnswer, type AnswerReader } from '../../server/agents/probes/catalog/answers';
import { argvKey, readings, verdictFindings } from '../../server/agents/probes/catalog/verdicts';
import type { ProbeTarget } from '../../server/agents/probes/catalog/target';
import type { ProbeIdea } from '../../server/agents/probes/catalog/probe';
import type { ProbeOutcome } from '../../server/agents/probes/outcome';
import { ProbePolicy } from '../../server/agents/probes/policy/probe-policy';
import { rankFindings } from '../../server/agents/observer/rank';
import type { Finding } from '../../server/analyzers/finding';

const policy = new ProbePolicy({ resolve: (tool) => `/usr/bin/${tool}` });
const TARGETS: ProbeTarget[] = [
  { component: 'cart', platform: 'kubernetes', namespace: 'shop', workload: { kind: 'Deployment', name: 'cart' }, selector: 'app.kubernetes.io/name=cart', endpoint: { host: 'cart.shop.svc.cluster.local', port: 8080 }, technology: 'http' },
  { component: 'redis', platform: 'compose', container: 'shop-redis-1', endpoint: { host: 'redis', port: 6379 }, technology: 'redis' },
  { component: 'postgres', platform: 'systemd', unit: 'postgresql', endpoint: { host: 'db.internal', port: 5432 }, technology: 'postgres' },
  { component: 'billing', platform: 'host' },
];

describe('families', () => {
  for (const target of TARGETS) {
    test(`every fault proposes allowed probes for ${target.platform} ${target.component}`, () => {
      for (const fault of FAULT_LABELS) {
        const ideas = familyProbes(fault, target, { name: 'ledger.internal', certificates: ['/etc/ssl/certs/api.pem'] });
        if (fault === 'none') {
          assert.equal(ideas.length, 0);
          continue;
        }
        assert.ok(ideas.length > 0, `${fault}: some probe`);
        assert.equal(new Set(ideas.map((i) => argvKey(i.argv))).size, ideas.length, `${fault}: no probe twice`);
        for (const i of ideas) {
          const d = policy.check(i.argv);
          assert.ok(d.allowed, `${fault} ${i.id}: ${i.argv.join(' ')} refused: ${d.reason}`);
          assert.equal(i.subject, target.component);
          assert.ok(i.why.length > 10);
        }
      }
    });
  }

  test('the platform picks the tool: kubectl, docker, systemd/journal', () => {
    const crash = (t: ProbeTarget): string[] => familyProbes('crash_loop', t).map((i) => i.argv[0]!);
    assert.deepEqual([...new Set(crash(TARGETS[0]!))], ['kubectl']);
    assert.deepEqual([...new Set(crash(TARGETS[1]!))], ['docker']);
    assert.deepEqual([...new Set(crash(TARGETS[2]!))].sort(), ['journalctl', 'systemctl']);
  });

  test('the datastore picks the client: redis-cli for Redis, psql for PostgreSQL', () => {
    assert.ok(familyProbes('resource_exhaustion', TARGETS[1]!).every((i) => i.argv[0] === 'redis-cli' && i.argv.includes('6379')));
    assert.ok(familyProbes('resource_exhaustion', TARGETS[2]!).every((i) => i.argv[0] === 'psql' && i.argv.includes('db.internal')));
    assert.deepEqual(familyProbes('service_down', TARGETS[1]!)[0]!.argv, ['redis-cli', '-h', 'redis', '-p', '6379', 'PING']);
    assert.deepEqual(familyProbes('service_down', TARGETS[2]!)[0]!.argv, ['pg_isready', '-h', 'db.internal', '-p', '5432']);
  });

  test('each probe with a reader says what its answers support and rule out', () => {
    const ping = familyProbes('service_down', TARGETS[1]!)[0]!;
    const r = readings(ping);
    assert.ok(r.supports.includes('service_down redis if refused'));
    assert.ok(r.rulesOut.includes('service_down redis if answered'));
  });
});

describe('answer readers', () => {
  const cases: [AnswerReader, { stdout?: string; stderr?: string; exitCode?: number; at?: string }, string | undefined][] = [
    ['connect', { stdout: 'PONG\n', exitCode: 0 }, 'answered'],
    ['connect', { stdout: 'NOAUTH Authentication required.\n', exitCode: 0 }, 'rejected login'],
    ['connect', { stderr: 'Could not connect to Redis at 127.0.0.1:6390: Connection refused\n', exitCode: 1 }, 'refused'],
    ['connect', { stdout: 'HTTP/1.1 200 OK\r\nServer: nginx\r\n', exitCode: 0 }, 'answered'],
    ['connect', { stdout: 'HTTP/2 503\r\n', exitCode: 0 }, 'server error'],
    ['connect', { stdout: 'HTTP/1.1 404 Not Found\r\n', exitCode: 0 }, 'answered'],
    ['connect', { stderr: 'curl: (7) Failed to connect to orders port 9000 after 2 ms: Couldn\'t connect to server\n', exitCode: 7 }, 'refused'],
    ['connect', { stderr: 'curl: (28) Connection timed out after 5001 milliseconds\n', exitCode: 28 }, 'timed out'],
    ['connect', { stderr: 'curl: (6) Could not resolve host: ledger.internal\n', exitCode: 6 }, 'unresolved'],
    ['connect', { stderr: 'curl: (60) SSL certificate problem: certificate has expired\n', exitCode: 60 }, 'tls error'],
    ['connect', { stdout: 'db:5432 - accepting connections\n', exitCode: 0 }, 'answered'],
    ['connect', { stdout: 'db:5432 - no response\n', exitCode: 2 }, 'refused'],
    ['connect', { stdout: '', exitCode: 1 }, undefined],
    ['endpoints', { stdout: 'NAME   ENDPOINTS   AGE\ncart   <none>      4d\n', exitCode: 0 }, 'no endpoints'],
    ['endpoints', { stdout: 'NAME   ENDPOINTS                         AGE\ncart   10.244.1.23:8081,10.244.2.9:8081  4d\n', exitCode: 0 }, 'endpoints'],
    ['endpoints', { stderr: 'Error from server (NotFound): endpoints "cart" not found\n', exitCode: 1 }, 'no endpoints'],
    // kubectl with no API server to reach logs to stderr: no answer about the Service.
    ['endpoints', { stderr: 'E1208 01:01:52.930484    5490 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: dial tcp 127.0.0.1:8080: connect: connection refused"\n', exitCode: 1 }, undefined],
    ['endpoints', { stdout: 'E1208 01:01:52.930484    5490 memcache.go:265] "Unhandled Error"\n', exitCode: 1 }, undefined],
    ['rollout', { stderr: 'E1208 01:01:52.862278    5484 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"\n', exitCode: 1 }, undefined],
    ['rollout', { stdout: 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\ncart   0/3     3            0           9d\n' }, 'none ready'],
    ['rollout', { stdout: 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\ncart   3/3     3            3           9d\n' }, 'ready'],
    ['resolve', { stdout: '10.96.4.12      payments.shop.svc.cluster.local\n', exitCode: 0 }, 'resolved'],
    ['resolve', { stdout: '', exitCode: 2 }, 'unresolved'],
    ['resolve', { stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can\'t find payments.shop.svc.cluster.local: NXDOMAIN\n', exitCode: 1 }, 'unresolved'],
    ['resolve', { stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tcart.shop.svc.cluster.local\nAddress: 10.96.8.1\n', exitCode: 0 }, 'resolved'],
    ['certificate dates', { stdout: 'notBefore=Nov 30 00:00:00 2025 GMT\nnotAfter=Nov 30 23:59:59 2026 GMT\n', at: '2026-12-01T09:05:00Z' }, 'outside dates'],
    ['certificate dates', { stdout: 'notBefore=Nov 30 00:00:00 2025 GMT\nnotAfter=Nov 30 23:59:59 2026 GMT\n', at: '2026-06-01T00:00:00Z' }, 'within dates'],
    ['certificate dates', { stdout: 'notBefore=Jan  1 00:00:00 2027 GMT\nnotAfter=Jan  1 00:00:00 2028 GMT\n', at: '2026-06-01T00:00:00Z' }, 'outside dates'],
  ];
  for (const [reader, a, expected] of cases) {
    test(`${reader}: ${JSON.stringify(a.stdout || a.stderr || '').slice(0, 60)} -> ${expected ?? 'nothing'}`, () => {
      const c = classifyAnswer(reader, { stdout: a.stdout ?? '', stderr: a.stderr ?? '', ...(a.exitCode !== undefined ? { exitCode: a.exitCode } : {}), ...(a.at ? { at: a.at } : {}) });
      assert.equal(c?.kind, expected);
      if (c) assert.ok(`${a.stdout ?? ''}${a.stderr ?? ''}`.includes(c.line) || /exit code/.test(c.line), `the line "${c.line}" is from the output`);
    });
  }
});

describe('verdicts', () => {
  const redis: ProbeTarget = { component: 'redis', platform: 'compose', endpoint: { host: 'redis', port: 6379 }, technology: 'redis' };
  const ping = familyProbes('service_down', redis)[0]!;
  const ideas = new Map<string, ProbeIdea>([[argvKey(ping.argv), ping]]);
  const outcome = (stdout: string, stderr = '', exitCode = 0): ProbeOutcome => ({ argv: ping.argv, status: 'ran', reason: 'ran', stdout, stderr, exitCode, durationMs: 3 });
  const down: Finding = { fault: 'service_down', component: 'redis', strength: 0.7, summary: 'api is refused by redis.', evidence: [{ file: 'api.log', line: 3, text: 'ECONNREFUSED 10.0.0.5:6379', role: 'symptom' }] };
  const confidence = (findings: Finding[]): number => rankFindings(findings, { raw: true }).hypotheses.find((h) => h.fault === 'service_down')?.confidence ?? 0;

  test('PONG rules service_down of redis out: the hypothesis drops, with the answer as evidence', () => {
    const v = verdictFindings(ideas, [outcome('PONG\n')]);
    assert.deepEqual(v.map((f) => [f.fault, f.refutes]), [['service_down', true], ['network_loss', true]]);
    assert.ok(confidence([down, ...v]) < confidence([down]) * 0.3);
    const h = rankFindings([down, ...v], { raw: true }).hypotheses.find((x) => x.fault === 'service_down')!;
    assert.ok(h.evidence.some((e) => e.text === 'PONG' && e.role === 'context'));
    assert.match(h.explanation, /rules this out/);
  });

  test('a refusal supports it', () => {
    const v = verdictFindings(ideas, [outcome('', 'Could not connect to Redis at redis:6379: Connection refused\n', 1)]);
    assert.deepEqual(v.map((f) => [f.fault, f.refutes ?? false]), [['service_down', false]]);
    assert.ok(confidence([down, ...v]) > confidence([down]));
  });

  test('refuting answers alone make no hypothesis; unknown argv, refused and unclassifiable answers say nothing', () => {
    assert.equal(rankFindings(verdictFindings(ideas, [outcome('PONG\n')]), { raw: true }).hypotheses.filter((h) => h.fault !== 'none').length, 0);
    assert.deepEqual(verdictFindings(ideas, [{ ...outcome('PONG\n'), argv: ['redis-cli', 'PING'] }]), []);
    assert.deepEqual(verdictFindings(ideas, [{ ...outcome(''), status: 'refused', reason: 'no' }]), []);
    assert.deepEqual(verdictFindings(ideas, [outcome('', '', 1)]), []);
  });
});
