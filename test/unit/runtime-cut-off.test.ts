/**
 * Unknown, cut-off and garbled command outputs: what is complete is read, the rest is reported as
 * problems, nothing throws. Also every `.txt` of the example bundles is read without an exception and every
 * evidence quotes the line it points at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';
import type { RuntimeState } from '../../server/ingest/runtime/state';

const read = (text: string, rel = 'cut.txt') => readCommandOutput(new SourceText(rel, text));

const MIXED = `$ kubectl get pods -n shop
NAME                        READY   STATUS             RESTARTS      AGE
cart-5d8f7b9c6-k4v9z        0/1     CrashLoopBackOff   7 (2m ago)    14m
redis-0                     1/1     Running            0             21d

$ kubectl get events -n shop
LAST SEEN   TYPE      REASON    OBJECT                     MESSAGE
2m          Warning   BackOff   pod/cart-5d8f7b9c6-k4v9z   Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e)

$ docker compose ps
NAME              IMAGE                COMMAND                  SERVICE   CREATED          STATUS                         PORTS
shop-api-1        shop/api:5.3.0       "docker-entrypoint.s…"   api       34 minutes ago   Restarting (1) 5 seconds ago

$ systemctl status nginx
● nginx.service - A high performance web server and a reverse proxy server
     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)
     Active: failed (Result: exit-code) since Thu 2026-11-20 10:01:12 UTC; 13min ago

$ df -h
Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        97G   92G  5.0G  95% /

$ free -m
               total        used        free      shared  buff/cache   available
Mem:           31815       12204        2113          41       17497       19112

$ ss -ltnp
State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
LISTEN 0      511        127.0.0.1:6379       0.0.0.0:*     users:(("redis-server",pid=812,fd=6))
`;

const counts = (s: RuntimeState) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length]));

test('a mixed capture reads every section', () => {
  const { state, problems } = read(MIXED);
  assert.deepEqual(problems, []);
  assert.deepEqual(counts(state), { pods: 3, events: 1, nodes: 0, usage: 0, workloads: 0, claims: 0, endpoints: 0, units: 1, disks: 1, memory: 1, sockets: 1, revisions: 0 });
});

test('a table whose last row is cut mid-line keeps its complete rows and reports the cut one', () => {
  const { state, problems } = read(`$ kubectl get pods -n shop -o wide
NAME                        READY   STATUS    RESTARTS   AGE     IP            NODE                 NOMINATED NODE   READINESS GATES
cart-5d8f7b9c6-k4v9z        1/1     Running   0          29m     10.244.1.23   shop-prod-np1-6d2f   <none>           <none>
catalog-6b4d9f7c8-jx2lp     1/1     Runn`);
  assert.deepEqual(state.pods.map((p) => p.name), ['cart-5d8f7b9c6-k4v9z']);
  assert.deepEqual(problems, [{ line: 4, message: 'kubectl get pods output cut off mid-row: no RESTARTS value' }]);
});

test('a cut row followed by the next prompt is reported too, and the next section read', () => {
  const { state, problems } = read(`NAME                   READY   UP-TO-DATE   AVAILABLE   AGE
cart                   1/2     1            1           214d
frontend               2/2
$ df -h
Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        97G   92G  5.0G  95% /
`);
  assert.deepEqual(state.workloads.map((w) => w.name), ['cart']);
  assert.equal(state.disks.length, 1);
  assert.deepEqual(problems, [{ line: 3, message: 'kubectl get deployments output cut off mid-row: no UP-TO-DATE value' }]);
});

test('unknown sections are skipped; a known command whose output is not understood is reported', () => {
  const { state, problems } = read(`$ getent hosts ledger.internal
10.20.4.21      ledger.internal ledger-01.prod.internal

$ kubectl get pods -n shop
No resources found in shop namespace.

$ kubectl top pods -n shop
error: Metrics API not available

$ kubectl get pods -n shop
pods are fine, trust me
`);
  assert.deepEqual(counts(state).pods, 0);
  assert.deepEqual(problems, [{ line: 11, message: 'output of `kubectl get pods -n shop` not recognised: not read' }]);
});

test('property: no cut of a capture, at any character, throws; complete rows before the cut are kept', () => {
  const full = read(MIXED).state;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MIXED.length }), (at) => {
      const { state } = read(MIXED.slice(0, at));
      for (const key of Object.keys(full) as (keyof RuntimeState)[]) assert.ok(state[key].length <= full[key].length + 1, key);
    }),
    { numRuns: 300 },
  );
});

test('property: random lines mixed into a capture never throw', () => {
  const lines = MIXED.split('\n');
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(lines.length), fc.string({ maxLength: 80 })), { maxLength: 8 }), (inserts) => {
      const copy = [...lines];
      for (const [at, text] of inserts) copy.splice(at, 0, text);
      const { state, problems } = read(copy.join('\n'));
      assert.ok(Array.isArray(state.pods) && Array.isArray(problems));
    }),
    { numRuns: 200 },
  );
});

test('every .txt of the example bundles is read without an exception; evidence quotes its line', () => {
  const txt: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.txt')) txt.push(path);
    }
  };
  if (existsSync('examples')) for (const e of readdirSync('examples', { withFileTypes: true })) if (e.isDirectory()) walk(join('examples', e.name));
  assert.ok(txt.length > 0);
  for (const path of txt) {
    const text = readFileSync(path, 'utf8');
    const { state } = read(text, path);
    const lines = text.split(/\r?\n/);
    for (const list of Object.values(state) as { evidence: { line: number; text: string } }[][]) {
      for (const item of list) {
        assert.ok(item.evidence.line >= 1 && item.evidence.line <= lines.length, `${path}:${item.evidence.line}`);
        assert.ok(lines[item.evidence.line - 1]!.includes(item.evidence.text.replace(/…$/, '')), `${path}:${item.evidence.line} quotes its line`);
      }
    }
  }
});
