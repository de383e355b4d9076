/**
 * disk_full through `diagnose()`: ENOSPC-style errors name the component that cannot write; a full
 * filesystem in a saved `df`, the size of the claim it writes to, or a claim that does not exist is the
 * cause. The words "disk full" in a healthy log are not a full disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy } from '../helpers/diagnosis';


test('PostgreSQL cannot extend a file on a host whose data filesystem is 100% full: the df row is the cause', async () => {
  const { d, h, ranking } = await run({
    'db-03/log/postgresql-16-main.log': Array.from({ length: 18 }, (_, i) => {
      const ts = `2026-03-10 09:1${Math.floor(i / 6)}:${String((i * 3) % 60).padStart(2, '0')}.220 UTC [${2100 + i}] app@orders`;
      return `${ts} ERROR:  could not extend file "base/16384/24576.3": No space left on device\n${ts} HINT:  Check free disk space.`;
    }).join('\n'),
    'db-03/df-h.txt': `Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        30G   12G   17G  42% /
/dev/sdb1       200G  200G     0 100% /var/lib/postgresql
tmpfs           3.9G     0  3.9G   0% /dev/shm
`,
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.equal(h.component, 'postgresql');
  assert.deepEqual(h.rca, { system_level: 'Operating System', fault_type: 'Network/Storage Issue' });
  assert.equal(at(causeOf(d)), 'db-03/df-h.txt:3', 'the full filesystem, not the root one at 42%');
  assert.ok(h.evidence.some((e) => at(e) === 'db-03/log/postgresql-16-main.log:1' && e.count === 18));
});

const EXPORTER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: csv-exporter
  namespace: reporting
spec:
  template:
    spec:
      containers:
        - name: exporter
          image: reporting/csv-exporter:1.8
          volumeMounts:
            - name: scratch
              mountPath: /scratch
      volumes:
        - name: scratch
          persistentVolumeClaim:
            claimName: exports-scratch
`;
const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: exports-scratch
  namespace: reporting
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
`;
const enospc = Array.from({ length: 12 }, (_, i) => `{"level":"error","time":"2026-03-10T09:2${Math.floor(i / 6)}:${String((i * 5) % 60).padStart(2, '0')}Z","msg":"export failed","job":"monthly-${i}","err":"ENOSPC: no space left on device, write '/scratch/monthly-${i}.csv'"}`).join('\n');

test('ENOSPC in a pod log, the claim it mounts declared in another manifest: the claim size is the cause', async () => {
  const { d, h, ranking } = await run({ 'k8s/pvc.yaml': PVC, 'k8s/exporter.yaml': EXPORTER, 'logs/csv-exporter-5f6d7c8b9-x7kq2.log': enospc });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.equal(h.component, 'csv-exporter');
  assert.equal(at(causeOf(d)), 'k8s/pvc.yaml:10');
});

test(
  'the same when the pod name’s random suffix has no digit',
  async () => {
    const { d, h, ranking } = await run({ 'k8s/pvc.yaml': PVC, 'k8s/exporter.yaml': EXPORTER, 'logs/csv-exporter-5f6d7c8b9-qxkzp.log': enospc });
    assert.equal(h.fault, 'disk_full', ranking);
    assert.equal(h.component, 'csv-exporter');
    assert.equal(at(causeOf(d)), 'k8s/pvc.yaml:10');
  },
);

test('a StatefulSet whose claim does not exist is disk_full, ranked above the scheduling failure it causes', async () => {
  const { d, h, ranking } = await run({
    'k8s/metrics-db.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: metrics-db, namespace: obs }
spec:
  template:
    spec:
      containers:
        - name: tsdb
          image: timescale/timescaledb:2.14.2-pg16
          volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/data }]
      volumes:
        - name: data
          persistentVolumeClaim: { claimName: metrics-db-data }
`,
    'kubectl/pvc.txt': `NAME             STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE
grafana-data     Bound    pvc-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b   10Gi       RWO            gp3            90d
`,
    'kubectl/events.txt': `LAST SEEN   TYPE      REASON        OBJECT             MESSAGE
3m          Warning   FailedMount   pod/metrics-db-0   Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x7x9z]: timed out waiting for the condition
3m          Warning   FailedScheduling pod/metrics-db-0  0/4 nodes are available: persistentvolumeclaim "metrics-db-data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.
`,
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.equal(h.component, 'metrics-db');
  assert.equal(causeOf(d)?.file, 'k8s/metrics-db.yaml');
  assert.match(causeOf(d)?.note ?? '', /metrics-db-data/);
});

test('one ENOSPC on /tmp, retried after cleanup, with a half-empty disk is not a confident disk_full', async () => {
  const { h, ranking } = await run({
    'logs/uploader.log': `${healthy('uploader', 300)}\n2026-03-10T09:05:30.000Z WARN uploader tmp cleanup: could not write /tmp/upload-81.part: No space left on device, retrying after cleanup\n${healthy('uploader', 100, 301)}`,
    'df.txt': 'Filesystem      Size  Used Avail Use% Mounted on\n/dev/nvme0n1p1   80G   31G   49G  39% /\n',
  });
  assert.ok(h.fault !== 'disk_full' || h.confidence < 0.5, ranking);
});

test('an alert rule named "disk full" in healthy logs is not a full disk', async () => {
  const { d, h, ranking } = await run({
    'logs/alerts.log': `${healthy('alerts', 200)}\n2026-03-10T09:03:30.000Z INFO alerts rule "disk full" evaluated: 0 hosts firing\n${healthy('alerts', 50, 201)}`,
  });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
});
