/**
 * The live lab's smoke subset, through the built `aoi` command as a user runs it: bring-up of the real
 * services (nginx, PostgreSQL, Redis, the three shop services), three faults of different kinds through all
 * four AIOpsLab task types with the scripted reviewer, the trajectories recorded, and a teardown that leaves
 * no process running and every port free. A bring-up failure (a port in use) says why and leaves nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shopPorts, tcpPorts } from '../../lab/shop';
import { tcpFree } from '../../lab/ports';

const CLI = resolve('dist/cli.js');
const BASE = 47400;
const aoi = (args: string[], timeout = 600_000) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('lab: up, the smoke tasks through detection, localization, analysis and mitigation, down', { timeout: 900_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'aoi-lab-smoke-'));
  const lab = ['--dir', root, '--base-port', String(BASE)];
  const pids: number[] = [];
  try {
    assert.match(aoi(['lab', 'status', ...lab]).stdout, /not created/);
    const up = aoi(['lab', 'up', ...lab]);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /6 parts healthy/);
    const status = JSON.parse(aoi(['lab', 'status', '--json', ...lab]).stdout);
    assert.equal(status.status.phase, 'ready');
    for (const p of Object.values(status.status.parts) as { pid: number; state: string }[]) {
      assert.equal(p.state, 'running');
      pids.push(p.pid);
    }
    pids.push(status.status.pid);
    // Run as root, the host resolves the Service names as the pods do.
    if (process.getuid?.() === 0) assert.match(readFileSync('/etc/hosts', 'utf8'), new RegExp(`aoi-lab zone of ${root}[\\s\\S]*127\\.0\\.0\\.1 orders\\.shop\\.svc`));
    // The workspace a person opens: configs, manifests, live logs.
    for (const rel of ['gateway/nginx.conf', 'services/orders/.env', 'redis/redis.conf', 'postgres/pg_hba.conf', 'k8s/orders.yaml', 'logs/web-api.log']) assert.ok(existsSync(join(root, 'workspace', rel)), rel);

    const run = aoi(['lab', 'run', '--tasks', 'smoke', '--runs', '1', '--json', '--reviewer', 'auto', '--save-bundles', join(root, 'bundles'), ...lab]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.runs, 1);
    assert.equal(result.tasks.length, 12);
    const kinds = new Set(result.tasks.map((t: { fault: string }) => t.fault));
    assert.equal(kinds.size, 3, `three kinds of fault: ${[...kinds].join(', ')}`);
    for (const t of result.tasks) assert.deepEqual(t.success, [true], `${t.id} succeeded`);
    for (const type of ['detection', 'localization', 'analysis', 'mitigation']) assert.equal(result.summary[type], 1, type);
    assert.equal(result.summary.avg1, 1);
    // Every episode is a trajectory, and a replayable bundle with its truth.
    const sessions = readdirSync(join(root, 'trajectories'), { recursive: true }).filter((f) => String(f).endsWith('.jsonl'));
    assert.equal(sessions.length, 3);
    const bundles = readdirSync(join(root, 'bundles'));
    assert.equal(bundles.filter((b) => b.endsWith('.truth.json')).length, 3);
    const truth = JSON.parse(readFileSync(join(root, 'bundles', bundles.find((b) => b.endsWith('.truth.json'))!), 'utf8'));
    assert.ok(truth.fault && truth.components.length > 0);
    // The scripted reviewer's verdicts are in the trajectories.
    const steps = sessions.flatMap((s) => readFileSync(join(root, 'trajectories', String(s)), 'utf8').split('\n')).filter((l) => l.includes('"kind":"verdict"'));
    assert.ok(steps.length >= 3 && steps.every((l) => l.includes('lab-reviewer')));
  } finally {
    const down = aoi(['lab', 'down', ...lab]);
    assert.equal(down.code, 0, down.stderr);
    rmSync(root, { recursive: true, force: true });
  }
  for (const pid of pids) assert.ok(!alive(pid), `process ${pid} is still running`);
  for (const port of tcpPorts(shopPorts(BASE))) assert.ok(await tcpFree(port), `port ${port} is free`);
  assert.ok(!readFileSync('/etc/hosts', 'utf8').includes(`aoi-lab zone of ${root}`), 'the lab’s /etc/hosts block is removed');
});

test('lab up with a port in use says which and leaves nothing behind', { timeout: 120_000 }, async () => {
  const root = join(tmpdir(), `aoi-lab-busy-${process.pid}`);
  const base = BASE + 50;
  const blocker = net.createServer().listen(shopPorts(base).pod.orders, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const r = aoi(['lab', 'up', '--dir', root, '--base-port', String(base)], 120_000);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('aoi lab:')).length, 1, r.stderr);
    // The blocked port is named (another lab port may be busy too: the range overlaps Linux's ephemeral ports).
    assert.match(r.stderr, new RegExp(`ports? (\\S+, )*${shopPorts(base).pod.orders}/tcp(, \\S+)* in use`));
    assert.ok(!existsSync(root), 'no lab folder left');
  } finally {
    blocker.close();
  }
});

test('lab run on a lab that is not up, and an unknown task, are one-line errors', () => {
  const root = join(tmpdir(), `aoi-lab-none-${process.pid}`);
  const r = aoi(['lab', 'run', '--dir', root, '--tasks', 'smoke']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not running: start it with aoi lab up/);
  const u = aoi(['lab', 'run', '--dir', root, '--tasks', 'no-such-fault']);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /unknown lab task "no-such-fault"/);
});
