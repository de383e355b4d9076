/**
 * The probe runner with the real policy against real programs: redis-cli talking to a real redis-server on a
 * loopback port (started here, seeded over raw RESP, never through the runner), and the file readers on a
 * real log file. Reads run and return the server's answers; writes, admin commands and scripts are refused
 * before anything starts, which the server's own counters confirm; a dead port, a password, the output cap,
 * the timeout and cancellation behave as an operator would see them. scripts/setup-services.sh installs redis.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProbeRunner } from '../../server/agents/probes/runner';
import { ProbePolicy } from '../../server/agents/probes/policy';
import { freePort, redisCommand, redisCommands, startRedis, type RedisServer } from '../helpers/redis-server';
import { tempDir } from '../helpers/tree';

const cwd = tempDir('aoi-runner-redis-');
const policy = new ProbePolicy();
const runner = (options: { timeoutMs?: number; maxOutputBytes?: number } = {}) => new ProbeRunner(policy, { cwd, ...options });

const SEEDED: Record<string, string> = { 'aoi:seed:a': 'alpha', 'aoi:seed:b': 'bravo', 'aoi:seed:c': 'charlie' };
const MAXCLIENTS = '321';
const PASSWORD = 'aoi-test-s3cret';

/** The calls per command from INFO commandstats (`cmdstat_set:calls=3,...`), over raw RESP. */
async function commandCalls(port: number): Promise<Record<string, number>> {
  const info = String(await redisCommand(port, 'INFO', 'commandstats'));
  return Object.fromEntries([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe('probe runner: redis-cli against a real redis-server', () => {
  let redis: RedisServer;
  let locked: RedisServer;
  let cli: (...command: string[]) => string[];

  before(async () => {
    [redis, locked] = await Promise.all([startRedis({ args: ['--maxclients', MAXCLIENTS] }), startRedis({ requirepass: PASSWORD })]);
    cli = (...command) => ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port), ...command];
    const replies = await redisCommands(redis.port, Object.entries(SEEDED).map(([k, v]) => ['SET', k, v]));
    assert.deepEqual(replies, ['OK', 'OK', 'OK']);
  });
  after(async () => {
    await Promise.all([redis?.stop(), locked?.stop()]);
  });

  it('PING answers PONG', async () => {
    const r = await runner().run(cli('PING'));
    assert.equal(r.status, 'ran', r.reason);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'PONG');
    assert.equal(r.stderr, '');
  });

  it('INFO clients, CONFIG GET, DBSIZE, CLIENT LIST and SLOWLOG GET return the server state', async () => {
    const info = await runner().run(cli('INFO', 'clients'));
    assert.equal(info.status, 'ran', info.reason);
    assert.equal(info.exitCode, 0, info.stderr);
    assert.match(info.stdout, /^# Clients\r?$/m);
    assert.match(info.stdout, /^connected_clients:\d+\r?$/m);

    const config = await runner().run(cli('CONFIG', 'GET', 'maxclients'));
    assert.equal(config.exitCode, 0, config.stderr);
    assert.equal(config.stdout, `maxclients\n${MAXCLIENTS}\n`);

    const size = await runner().run(cli('DBSIZE'));
    assert.equal(size.exitCode, 0, size.stderr);
    assert.equal(size.stdout.trim(), String(Object.keys(SEEDED).length));

    const clients = await runner().run(cli('CLIENT', 'LIST'));
    assert.equal(clients.exitCode, 0, clients.stderr);
    assert.match(clients.stdout, /^id=\d+ addr=127\.0\.0\.1:\d+ .*\bcmd=client\|list\b/m, 'the probe sees its own connection');

    // The server logs every command (slowlog-log-slower-than 0 would need CONFIG SET, which the policy refuses,
    // so set it over raw RESP); a marker sent just before must be among the last entries.
    await redisCommand(redis.port, 'CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    await redisCommand(redis.port, 'ECHO', 'aoi-slowlog-marker');
    const slowlog = await runner().run(cli('SLOWLOG', 'GET', '10'));
    await redisCommand(redis.port, 'CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
    assert.equal(slowlog.exitCode, 0, slowlog.stderr);
    assert.match(slowlog.stdout, /^aoi-slowlog-marker$/m);
  });

  it('commands in any case are the same read commands', async () => {
    const ping = await runner().run(cli('ping'));
    assert.equal(ping.status, 'ran', ping.reason);
    assert.equal(ping.stdout.trim(), 'PONG');
    const info = await runner().run(cli('Info', 'Server'));
    assert.equal(info.status, 'ran', info.reason);
    assert.match(info.stdout, /^tcp_port:(\d+)\r?$/m);
    assert.equal(/^tcp_port:(\d+)\r?$/m.exec(info.stdout)![1], String(redis.port));
  });

  it('writes, admin commands and scripts are refused and never reach the server', async () => {
    const script = join(cwd, 'flush.lua');
    writeFileSync(script, "redis.call('FLUSHALL')\nreturn 1\n");
    const before = await commandCalls(redis.port);
    const cases: [string[], RegExp][] = [
      [cli('SET', 'aoi:seed:a', 'overwritten'), /^redis-cli SET writes or deletes data$/],
      [cli('del', 'aoi:seed:b'), /^redis-cli del writes or deletes data$/],
      [cli('FLUSHALL'), /^redis-cli FLUSHALL deletes every key/],
      [cli('CONFIG', 'SET', 'maxclients', '1'), /^redis-cli CONFIG SET changes the configuration$/],
      [cli('--eval', script), /--eval runs a Lua script/],
      [cli('EVAL', "redis.call('DEL', KEYS[1]) return 1", '1', 'aoi:seed:c'), /^redis-cli EVAL runs a Lua script$/],
    ];
    for (const [argv, reason] of cases) {
      const r = await runner().run(argv);
      assert.equal(r.status, 'refused', `${JSON.stringify(argv)}: ${r.status} ${r.reason}`);
      assert.match(r.reason, reason);
      assert.equal(r.exitCode, undefined);
      assert.equal(r.stdout, '');
      assert.equal(r.durationMs, 0);
    }
    // Checked over raw RESP: the data, the configuration and the server's command counters are unchanged.
    assert.equal(await redisCommand(redis.port, 'DBSIZE'), Object.keys(SEEDED).length);
    for (const [key, value] of Object.entries(SEEDED)) assert.equal(await redisCommand(redis.port, 'GET', key), value, key);
    assert.deepEqual(await redisCommand(redis.port, 'CONFIG', 'GET', 'maxclients'), ['maxclients', MAXCLIENTS]);
    const afterCalls = await commandCalls(redis.port);
    for (const cmd of ['set', 'del', 'flushall', 'config|set', 'eval', 'evalsha']) assert.equal(afterCalls[cmd] ?? 0, before[cmd] ?? 0, `${cmd} calls`);
  });

  it('a port with nothing listening: redis-cli runs and reports the refused connection', async () => {
    const port = await freePort();
    const r = await runner().run(['redis-cli', '-h', '127.0.0.1', '-p', String(port), 'PING']);
    assert.equal(r.status, 'ran', r.reason);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stdout + r.stderr, new RegExp(`Could not connect to Redis at 127\\.0\\.0\\.1:${port}: Connection refused`));
  });

  it('a server with a password answers NOAUTH without it, PONG with it, and never shows it', async () => {
    const base = ['redis-cli', '-h', '127.0.0.1', '-p', String(locked.port)];
    const anonymous = await runner().run([...base, 'PING']);
    assert.equal(anonymous.status, 'ran', anonymous.reason);
    assert.match(anonymous.stdout + anonymous.stderr, /NOAUTH Authentication required/);
    assert.doesNotMatch(anonymous.stdout, /PONG/);

    const authed = await runner().run([...base, '-a', PASSWORD, '--no-auth-warning', 'PING']);
    assert.equal(authed.status, 'ran', authed.reason);
    assert.equal(authed.stdout.trim(), 'PONG');

    const secret = await runner().run([...base, '-a', PASSWORD, '--no-auth-warning', 'CONFIG', 'GET', 'requirepass']);
    assert.equal(secret.status, 'refused');
    assert.match(secret.reason, /returns the password/);
  });

  it('a hung server (accepts, never answers): the probe is killed at its timeout, or cancelled', async () => {
    const hung = await startRedis();
    try {
      hung.freeze();
      const argv = ['redis-cli', '-h', '127.0.0.1', '-p', String(hung.port), 'PING'];
      const t0 = performance.now();
      const r = await runner({ timeoutMs: 500 }).run(argv);
      const elapsed = performance.now() - t0;
      assert.equal(r.status, 'timed out', `${r.status}: ${r.stdout}${r.stderr}`);
      assert.match(r.reason, /killed after 500 ms/);
      assert.ok(elapsed >= 450 && elapsed < 2000, `took ${Math.round(elapsed)} ms`);

      const abort = new AbortController();
      setTimeout(() => abort.abort(), 200);
      const c = await runner().run(argv, abort.signal);
      assert.equal(c.status, 'cancelled');
    } finally {
      await hung.stop();
    }
  });
});

describe('probe runner: file readers on a real log file', () => {
  const LINES = 5000;
  const dir = tempDir('aoi-runner-logs-');
  const file = join(dir, 'app.log');
  const lines = Array.from({ length: LINES }, (_, i) => {
    const level = i % 7 === 3 ? 'ERROR' : i % 5 === 0 ? 'WARN' : 'INFO';
    const ts = new Date(Date.UTC(2024, 4, 1, 12, 0, 0) + i * 1000).toISOString();
    return `${ts} ${level} checkout request id=${i} latency_ms=${(i * 37) % 1000}`;
  });
  const content = `${lines.join('\n')}\n`;
  before(() => writeFileSync(file, content));

  it('tail, grep -c, wc -l and head give the exact answers', async () => {
    const tail = await runner().run(['tail', '-n', '5', file]);
    assert.equal(tail.status, 'ran', tail.reason);
    assert.equal(tail.exitCode, 0, tail.stderr);
    assert.equal(tail.stdout, `${lines.slice(-5).join('\n')}\n`);

    const grep = await runner().run(['grep', '-c', 'ERROR', file]);
    assert.equal(grep.exitCode, 0, grep.stderr);
    assert.equal(grep.stdout, `${lines.filter((l) => l.includes('ERROR')).length}\n`);
    assert.equal(grep.stdout, '714\n');

    const wc = await runner().run(['wc', '-l', file]);
    assert.equal(wc.exitCode, 0, wc.stderr);
    assert.equal(wc.stdout, `${LINES} ${file}\n`);

    const head = await runner().run(['head', '-n', '3', file]);
    assert.equal(head.exitCode, 0, head.stderr);
    assert.equal(head.stdout, `${lines.slice(0, 3).join('\n')}\n`);

    const relative = await new ProbeRunner(policy, { cwd: dir }).run(['grep', '-c', 'ERROR', 'app.log']);
    assert.equal(relative.status, 'ran', relative.reason);
    assert.equal(relative.stdout, '714\n', 'a relative path is read in the runner cwd');
  });

  it('output past maxOutputBytes is dropped and counted exactly', async () => {
    const size = statSync(file).size;
    assert.equal(size, Buffer.byteLength(content));
    assert.ok(size > 100_000);
    for (const argv of [['cat', file], ['head', '-n', '100000', file], ['tail', '-n', String(LINES), file]]) {
      const r = await runner({ maxOutputBytes: 1000 }).run(argv);
      assert.equal(r.status, 'ran', `${argv[0]}: ${r.reason}`);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(Buffer.byteLength(r.stdout), 1000, argv[0]);
      assert.equal(r.stdout, readFileSync(file, 'utf8').slice(0, 1000), argv[0]);
      assert.equal(r.truncatedBytes, size - 1000, argv[0]);
    }
  });
});
