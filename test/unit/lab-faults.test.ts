/**
 * The lab's fault library and task scoring, without running the lab: the faults cover every taxonomy label
 * but the two that need Kubernetes, each changes a freshly created workspace and recovery restores it, the
 * scripted reviewer approves only a fix that makes the true change, task selection and the benchmark's
 * aggregates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAULTS } from '../../lab/faults/catalog';
import { faultContext, restoreConfiguration } from '../../lab/faults/active-fault';
import { workspaceFiles } from '../../lab/workspace/files';
import { lab } from '../../lab/lab-control';
import { fixMatches, review } from '../../lab/agent/reviewer';
import { fixTruth } from '../../lab/agent/episode';
import { selectTasks, ALL_TASKS, SMOKE_FAULTS } from '../../lab/agent/tasks';
import { aggregate, type TaskScore } from '../../lab/agent/benchmark';
import { FAULT_LABELS, type FixProposal } from '../../server/protocol';
import { makeCa, makeServerCert } from '../../lab/workspace/certs';

test('the fault library covers every label but scheduling and image pulls, plus a no-fault control', () => {
  assert.ok(FAULTS.length >= 16);
  assert.equal(new Set(FAULTS.map((f) => f.id)).size, FAULTS.length, 'ids are unique');
  const labels = new Set(FAULTS.map((f) => f.truth.label));
  for (const l of FAULT_LABELS.filter((x) => x !== 'scheduling_failure' && x !== 'image_pull_failure')) assert.ok(labels.has(l), l);
  for (const f of FAULTS.filter((x) => x.truth.label !== 'none')) {
    assert.ok(f.truth.component, `${f.id} names its component`);
    assert.ok(f.truth.fix, `${f.id} says what fix works`);
  }
});

/** A lab folder with the workspace files (and certificates) written, as `lab up` creates it. */
async function freshLab() {
  const root = mkdtempSync(join(tmpdir(), 'aoi-lab-unit-'));
  const l = lab(root, 48100);
  for (const [rel, text] of workspaceFiles(l.paths, l.ports, '/opt/aoi/dist/lab/shop-service.js')) {
    mkdirSync(dirname(join(l.paths.workspace, rel)), { recursive: true });
    writeFileSync(join(l.paths.workspace, rel), text);
  }
  const ca = await makeCa();
  const now = Date.now();
  const cert = await makeServerCert(ca, 'inventory.shop.svc', new Date(now - 86400000), new Date(now + 86400000 * 30));
  mkdirSync(l.paths.state, { recursive: true });
  mkdirSync(join(l.paths.workspace, 'certs'), { recursive: true });
  writeFileSync(join(l.paths.workspace, 'certs', 'ca.crt'), ca.cert);
  writeFileSync(join(l.paths.state, 'ca.key'), ca.key);
  writeFileSync(join(l.paths.workspace, 'certs', 'inventory.crt'), cert.cert);
  writeFileSync(join(l.paths.workspace, 'certs', 'inventory.key'), cert.key);
  for (const d of ['README.md', 'gateway', 'services', 'redis', 'postgres', 'dns', 'k8s', 'certs']) cpSync(join(l.paths.workspace, d), join(l.paths.pristine, d), { recursive: true });
  return l;
}

const snapshot = (root: string): string => JSON.stringify(['gateway/nginx.conf', 'services/web-api/.env', 'services/orders/.env', 'services/inventory/.env', 'redis/redis.conf', 'postgres/postgresql.conf', 'dns/shop.hosts', 'k8s/orders.yaml', 'k8s/inventory.yaml'].map((f) => readFileSync(join(root, f), 'utf8')));

test('every file fault changes the workspace, and recovery puts every file back', async () => {
  const l = await freshLab();
  try {
    const before = snapshot(l.paths.workspace);
    for (const f of FAULTS.filter((x) => x.truth.label !== 'none' && !x.needsRoot)) {
      await f.inject(faultContext(l));
      const changed = await restoreConfiguration(l);
      assert.ok(changed.length > 0, `${f.id} changed no file`);
      assert.equal(snapshot(l.paths.workspace), before, `${f.id} recovered`);
    }
    assert.deepEqual(await restoreConfiguration(l), [], 'nothing left to restore');
  } finally {
    rmSync(l.paths.root, { recursive: true, force: true });
  }
});

const proposal = (file: string, diff: string, argv?: string[]): FixProposal => ({ id: 'abc123def456', hash: 'h', kind: argv ? 'command' : 'edit', file, diff, why: 'w', fault: 'port_misconfig', component: 'web-api', confidence: 0.9, status: 'proposed', ...(argv ? { argv } : {}) }) as FixProposal;

test('the scripted reviewer approves the fix that makes the true change and rejects the ones before it', () => {
  const l = lab('/tmp/x', 47100);
  const fault = FAULTS.find((f) => f.id === 'web-api-orders-port')!;
  const truth = fixTruth(fault, l)!;
  const wrong = proposal('k8s/orders.yaml', '--- a\n+++ b\n@@ -1 +1 @@\n-    - port: 47112\n+    - port: 47192\n');
  const right = proposal('services/web-api/.env', '--- a/services/web-api/.env\n+++ b/services/web-api/.env\n@@ -4 +4 @@\n-ORDERS_URL=http://orders.shop.svc:47192\n+ORDERS_URL=http://orders.shop.svc:47112\n');
  assert.equal(fixMatches(truth, wrong), false);
  assert.equal(fixMatches(truth, right), true);
  const verdicts = review(truth, [wrong, right, wrong]);
  assert.deepEqual(verdicts.map((v) => v.approve), [false, true]);
  assert.match(verdicts[0]!.reason, /does not address/);
  // A removal truth matches removed lines only; nothing is approved without a truth (the control).
  const chaos = fixTruth(FAULTS.find((f) => f.id === 'orders-network-loss')!, l)!;
  assert.equal(fixMatches(chaos, proposal('k8s/chaos/orders-loss.yaml', '--- a\n+++ b\n@@ -1,2 +0,0 @@\n-  action: loss\n-  mode: all\n')), true);
  assert.equal(fixMatches(chaos, proposal('k8s/chaos/orders-loss.yaml', '--- a\n+++ b\n@@ -1 +1 @@\n+  action: loss\n')), false);
  assert.deepEqual(review(undefined, [right]).map((v) => v.approve), [false]);
});

test('task selection: all, smoke, ids, fault ids and types; unknown names and root-only faults refused', () => {
  assert.equal(selectTasks('all', true).length, ALL_TASKS.length);
  assert.ok(selectTasks('all', false).length < ALL_TASKS.length, 'the volume fault needs root');
  const smoke = selectTasks('smoke', false);
  assert.equal(smoke.length, 12);
  assert.equal(new Set(smoke.map((t) => t.fault.truth.label)).size, SMOKE_FAULTS.length);
  assert.deepEqual(selectTasks('no-fault', true).map((t) => t.id), ['no-fault/detection']);
  assert.equal(selectTasks('mitigation', true).length, FAULTS.length - 1);
  assert.deepEqual(selectTasks('orders-scaled-to-zero/analysis,orders-scaled-to-zero/analysis', true).map((t) => t.id), ['orders-scaled-to-zero/analysis']);
  assert.throws(() => selectTasks('nope', true), /unknown lab task "nope"/);
  assert.throws(() => selectTasks('orders-receipts-volume-full', false), /needs root/);
});

test('aggregates: avg@1 is the first run, best@K any run, avg@K all runs, std across runs', () => {
  const score = (success: boolean[]): TaskScore => ({ id: 'f/detection', type: 'detection', fault: 'oom', success, avg1: 0, bestK: 0, avgK: 0, probes: 0, wallMs: 0 });
  const a = aggregate([score([true, false, true]), score([false, false, true])], 3);
  assert.equal(a.avg1, 0.5);
  assert.equal(a.bestK, 1);
  assert.ok(Math.abs(a.avgK - 0.5) < 1e-9);
  assert.ok(Math.abs(a.std - 0.5) < 1e-9, `std of per-run rates 0.5, 0, 1 is 0.5, got ${a.std}`);
  assert.equal(aggregate([score([true])], 1).std, 0);
});
