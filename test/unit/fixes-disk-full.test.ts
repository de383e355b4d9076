/**
 * Fixes of disk_full through `diagnose()`: a full filesystem that the workload mounts from a claim doubles
 * the claim's request in its own unit; a full mount path that two workloads' claims share, an inode-full
 * filesystem, or a full host disk proposes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** Deployment `name` mounting claim `claim` at /var/cache/thumbs. */
const thumbs = (name: string, claim: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: media }
spec:
  replicas: 1
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: ${name}
          image: media/${name}:3.0.2
          volumeMounts:
            - { name: cache, mountPath: /var/cache/thumbs }
      volumes:
        - name: cache
          persistentVolumeClaim: { claimName: ${claim} }
`;
const claim = (name: string, size: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: media
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp3
  resources:
    requests:
      storage: ${size}
`;
const errors = Array.from({ length: 15 }, (_, i) => `2026-03-10T10:0${Math.floor(i / 5)}:${String((i * 7) % 60).padStart(2, '0')}.004Z ERROR thumbnailer write /var/cache/thumbs/${4100 + i}.webp: no space left on device`).join('\n');
const df = (flag: string, row: string) => `$ kubectl exec -n media thumbnailer-6d8c7b9f5-pl4qs -- df ${flag} /var/cache/thumbs /
Filesystem     ${flag === '-i' ? 'Inodes IUsed IFree IUse%' : 'Size  Used Avail Use%'} Mounted on
${row} /var/cache/thumbs
overlay          ${flag === '-i' ? '6.2M  310K  5.9M    5%' : '80G   31G   49G  39%'} /
`;

test('a claim at 100% under the mount that fails to write: its request doubles, 750Mi to 1500Mi', async () => {
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/thumb-cache-pvc.yaml': claim('thumb-cache', '750Mi'),
    'logs/thumbnailer-6d8c7b9f5-pl4qs.log': errors,
    'state/df.txt': df('-h', '/dev/nvme2n1     734M  734M     0 100%'),
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.equal(h.component, 'thumbnailer');
  assert.deepEqual(removedLines(d, 'deploy/thumb-cache-pvc.yaml'), ['      storage: 750Mi']);
  assert.deepEqual(addedLines(d, 'deploy/thumb-cache-pvc.yaml'), ['      storage: 1500Mi']);
  assert.match(d.fixes[0]!.why, /expansion/);
});

test('two workloads mount their own claims at the full path: which one df saw is open, so no fix', async () => {
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/previewer.yaml': thumbs('previewer', 'preview-cache'),
    'deploy/claims.yaml': `${claim('thumb-cache', '750Mi')}---\n${claim('preview-cache', '2Gi')}`,
    'logs/thumbnailer-6d8c7b9f5-pl4qs.log': errors,
    'state/df.txt': df('-h', '/dev/nvme2n1     734M  734M     0 100%'),
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.deepEqual(d.fixes, []);
});

test('inodes exhausted on the claim: a bigger request is not the fix', async () => {
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/thumb-cache-pvc.yaml': claim('thumb-cache', '750Mi'),
    'logs/thumbnailer-6d8c7b9f5-pl4qs.log': errors,
    'state/df.txt': df('-i', '/dev/nvme2n1     48K   48K     0  100%'),
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.deepEqual(d.fixes, []);
});

test('no df, but the failing writes go under the claim’s mount path: its request doubles', async () => {
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/thumb-cache-pvc.yaml': claim('thumb-cache', '750Mi'),
    'logs/thumbnailer-6d8c7b9f5-pl4qs.log': errors,
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.deepEqual(addedLines(d, 'deploy/thumb-cache-pvc.yaml'), ['      storage: 1500Mi']);
  assert.match(d.fixes[0]!.why, /\/var\/cache\/thumbs, its claim thumb-cache/);
});

test('no df, a structured error whose dir field is a folder named after the claim: its request doubles', async () => {
  const json = Array.from({ length: 12 }, (_, i) => JSON.stringify({ time: `2026-03-10T10:00:${String(i * 3).padStart(2, '0')}.000Z`, level: 'error', service: 'thumbnailer', msg: 'failed to store thumbnail', dir: '/srv/provisioner/volumes/thumb-cache', error: 'ENOSPC: no space left on device, write', code: 'ENOSPC' })).join('\n');
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/thumb-cache-pvc.yaml': claim('thumb-cache', '2Gi'),
    'logs/thumbnailer.log': json,
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.deepEqual(addedLines(d, 'deploy/thumb-cache-pvc.yaml'), ['      storage: 4Gi']);
});

test('no df, and the failing writes name a path outside every claim: no fix', async () => {
  const { d, h, ranking } = await run({
    'deploy/thumbnailer.yaml': thumbs('thumbnailer', 'thumb-cache'),
    'deploy/thumb-cache-pvc.yaml': claim('thumb-cache', '750Mi'),
    'logs/thumbnailer-6d8c7b9f5-pl4qs.log': errors.replaceAll('/var/cache/thumbs/', '/tmp/thumb-cache-staging/'),
  });
  assert.equal(h.fault, 'disk_full', ranking);
  assert.deepEqual(d.fixes, []);
});
