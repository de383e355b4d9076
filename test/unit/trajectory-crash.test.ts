/**
 * Crash safety of the trajectory store: a child process appending steps is killed with SIGKILL at random
 * moments, 100 times, resuming the same session each time. Afterwards every step whose append was
 * acknowledged is readable, in order, and the torn lines left by the kills are reported, never fatal. A kill
 * rarely lands inside one write() of a line, so every tenth run also leaves the first half of a record at the
 * end of the file, as a crash of the machine during a write would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { tempDir } from '../helpers/tree';
import { TrajectoryStore } from '../../server/trajectories/store';

const identity = { redactDeep: <T>(v: T): T => v };

test('100 SIGKILLs at random moments: every acknowledged step survives, torn lines are reported', { timeout: 180_000 }, async () => {
  const work = tempDir('aoi-crash-');
  const child = join(work, 'appender.js');
  buildSync({ entryPoints: ['test/fixtures/trajectory-appender.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'error' });
  const root = join(work, 'store');
  let session: string | undefined;
  const acked = new Set<number>();
  for (let i = 0; i < 100; i++) {
    const args = session ? [child, root, session] : [child, root];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const killAfter = 5 + Math.floor(Math.random() * 60);
    let timer: NodeJS.Timeout | undefined;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Kill a random time after the first acknowledgement, so every run writes something.
      if (!timer && out.includes('acked')) timer = setTimeout(() => p.kill('SIGKILL'), killAfter);
    });
    await new Promise<void>((resolve) => p.on('exit', () => resolve()));
    clearTimeout(timer);
    if (i % 10 === 9 && session) {
      const store = new TrajectoryStore(root, identity);
      const parts = await store.partsOf(session);
      const half = '{"type":"step","version":1,"session":"' + session + '","seq":99999,"at":"2026-';
      appendFileSync(join(root, parts.at(-1)!), half);
    }
    for (const line of out.split('\n')) {
      const s = /^session (\S+)$/.exec(line);
      if (s) session ??= s[1];
      const a = /^acked (\d+)$/.exec(line);
      if (a) acked.add(Number(a[1]));
    }
  }
  assert.ok(session, 'the first run started a session');
  const read = await new TrajectoryStore(root, identity).read(session);
  const seqs = read.steps.map((s) => s.seq);
  for (const seq of acked) assert.ok(seqs.includes(seq), `acknowledged step ${seq} is readable`);
  assert.ok(acked.size > 100, `steps were acknowledged across runs (${acked.size})`);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'steps read back in order');
  assert.equal(new Set(seqs).size, seqs.length, 'no step twice');
  assert.ok(read.problems.length >= 9, `the torn lines are reported (${read.problems.length})`);
  assert.ok(!seqs.includes(99999), 'a torn record is never read as a step');
  for (const p of read.problems) assert.match(p, /:\d+: (incomplete line|check does not match|not JSON)/);
  const parts = await new TrajectoryStore(root, identity).partsOf(session);
  assert.ok(parts.length > 1, `the session rotated into ${parts.length} parts`);
});
