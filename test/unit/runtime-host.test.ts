import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';
import { splitHostPort } from '../../server/ingest/runtime/sockets';

const read = (text: string) => readCommandOutput(new SourceText('host/checks.txt', text));
const G = 2 ** 30;

test('df -h, df -i and df -P (with a device name on its own line)', () => {
  const { state, problems } = read(`root@pg-orders-01:~# df -h
Filesystem                         Size  Used Avail Use% Mounted on
udev                               3.9G     0  3.9G   0% /dev
/dev/nvme0n1p1                      29G   11G   18G  38% /
/dev/mapper/vg_pgdata-lv_main      246G  246G     0 100% /var/lib/postgresql
overlay                             97G   92G  5.0G  95% /var/lib/docker/overlay2/3f2a9c1d/merged

root@pg-orders-01:~# df -i /var/lib/postgresql
Filesystem                      Inodes IUsed    IFree IUse% Mounted on
/dev/mapper/vg_pgdata-lv_main 16384000 21577 16362423    1% /var/lib/postgresql

root@pg-orders-01:~# df -P /srv
Filesystem                                                1024-blocks      Used Available Capacity Mounted on
/dev/mapper/vg_backup-lv_local                              516948736 210763776 279970304      43% /srv/backup
$ df
Filesystem     1K-blocks     Used Available Use% Mounted on
/dev/mapper/ubuntu--vg-ubuntu--lv
                98831908 94012456   4802088  96% /
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.disks.map((d) => [d.filesystem, d.mount, d.usePercent, d.inodes, d.sizeBytes, d.availBytes, d.evidence.line]),
    [
      ['udev', '/dev', 0, false, 3.9 * G, 3.9 * G, 3],
      ['/dev/nvme0n1p1', '/', 38, false, 29 * G, 18 * G, 4],
      ['/dev/mapper/vg_pgdata-lv_main', '/var/lib/postgresql', 100, false, 246 * G, 0, 5],
      ['overlay', '/var/lib/docker/overlay2/3f2a9c1d/merged', 95, false, 97 * G, 5 * G, 6],
      ['/dev/mapper/vg_pgdata-lv_main', '/var/lib/postgresql', 1, true, undefined, undefined, 10],
      ['/dev/mapper/vg_backup-lv_local', '/srv/backup', 43, false, 516948736 * 1024, 279970304 * 1024, 14],
      ['/dev/mapper/ubuntu--vg-ubuntu--lv', '/', 96, false, 98831908 * 1024, 4802088 * 1024, 18],
    ].map(([f, m, p, i, s, a, l]) => [f, m, p, i, s === undefined ? undefined : Math.round(s as number), a === undefined ? undefined : Math.round(a as number), l]),
  );
  assert.deepEqual([state.disks[4]!.inodesTotal, state.disks[4]!.inodesUsed, state.disks[4]!.inodesFree], [16384000, 21577, 16362423]);
  assert.equal(state.disks[2]!.evidence.column, 53);
  assert.equal(state.disks[2]!.evidence.note, '/var/lib/postgresql: 100% used');
});

test('free -m, free -h, old free with -/+ buffers/cache, and free without its command', () => {
  const { state, problems } = read(`$ free -m
               total        used        free      shared  buff/cache   available
Mem:           31815       12204        2113          41       17497       19112
Swap:           2047        1990          57

$ free -h
               total        used        free      shared  buff/cache   available
Mem:            15Gi       9.8Gi       1.2Gi       312Mi       4.5Gi       5.1Gi
Swap:          2.0Gi       1.9Gi       100Mi

$ free -g
             total       used       free     shared    buffers     cached
Mem:            62         61          0          0          0          2
-/+ buffers/cache:         58          3
Swap:            0          0          0
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.memory.map((m) => [m.totalBytes, m.usedBytes, m.availableBytes, m.swapTotalBytes, m.swapUsedBytes, m.evidence.line]), [
    [31815 * 2 ** 20, 12204 * 2 ** 20, 19112 * 2 ** 20, 2047 * 2 ** 20, 1990 * 2 ** 20, 3],
    [15 * G, Math.round(9.8 * G), Math.round(5.1 * G), 2 * G, Math.round(1.9 * G), 8],
    [62 * G, 61 * G, 3 * G, 0, 0, 13],
  ]);
  const bare = read(`              total        used        free      shared  buff/cache   available
Mem:        8131536     2371584      884116      207296     4875836     5212556
Swap:             0           0           0
`);
  assert.deepEqual(bare.state.memory.map((m) => [m.totalBytes, m.usedBytes, m.availableBytes]), [[8131536 * 1024, 2371584 * 1024, 5212556 * 1024]]);
  assert.deepEqual(bare.problems, [{ line: 1, message: 'free output without its command: numbers taken as KiB' }]);
});

test('ss -ltnp, ss -tulpn with Netid, netstat -ltnp: listening sockets and their processes', () => {
  const { state, problems } = read(`$ sudo ss -ltnp
State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
LISTEN 0      511          0.0.0.0:80         0.0.0.0:*     users:(("nginx",pid=30409,fd=6),("nginx",pid=30408,fd=6))
LISTEN 0      511        127.0.0.1:6379       0.0.0.0:*     users:(("redis-server",pid=812,fd=6))
LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*     users:(("systemd-resolve",pid=611,fd=14))
LISTEN 0      128             [::]:22            [::]:*     users:(("sshd",pid=902,fd=4))

$ ss -tulpn
Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
udp   UNCONN 0      0          0.0.0.0:5353       0.0.0.0:*     users:(("avahi-daemon",pid=640,fd=12))
tcp   LISTEN 0      100              *:7070             *:*     users:(("java",pid=1187,fd=41))
tcp   ESTAB  0      0       10.0.1.5:7070     10.0.1.9:51234 users:(("java",pid=1187,fd=60))

$ sudo netstat -ltnp
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 0.0.0.0:5432            0.0.0.0:*               LISTEN      1013/postgres
tcp6       0      0 :::22                   :::*                    LISTEN      902/sshd: /usr/sbin
tcp        0      0 127.0.0.1:25            0.0.0.0:*               LISTEN      -
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.sockets.map((s) => [s.address, s.port, s.process, s.pid, s.protocol, s.evidence.line]),
    [
      ['0.0.0.0', 80, 'nginx', 30409, 'tcp', 3],
      ['127.0.0.1', 6379, 'redis-server', 812, 'tcp', 4],
      ['127.0.0.53%lo', 53, 'systemd-resolve', 611, 'tcp', 5],
      ['::', 22, 'sshd', 902, 'tcp', 6],
      ['0.0.0.0', 5353, 'avahi-daemon', 640, 'udp', 10],
      ['*', 7070, 'java', 1187, 'tcp', 11],
      ['0.0.0.0', 5432, 'postgres', 1013, 'tcp', 17],
      ['::', 22, 'sshd', 902, 'tcp', 18],
      ['127.0.0.1', 25, undefined, undefined, 'tcp', 19],
    ],
  );
  assert.equal(state.sockets[1]!.evidence.note, 'redis-server listens on 127.0.0.1:6379');
  assert.deepEqual(splitHostPort('[::1]:8080'), { address: '::1', port: 8080 });
  assert.equal(splitHostPort('0.0.0.0:*'), undefined);
});
