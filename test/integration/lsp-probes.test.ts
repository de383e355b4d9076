/**
 * Probes over LSP against a real redis-server: the real language server proposes `redis-cli ... PING` for an
 * incident that blames the Redis, runs it on `aoi/runProbe` (streaming its output), re-diagnoses with the
 * answer and keeps it for later diagnoses; refuses writes without running them; widens its allowlist only
 * from the `aoi.probes.extraAllowed` setting; and kills a probe whose request is cancelled.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { DiagnoseRequest, ProbeOutputNotification, RunProbeRequest, type ProbeOutputParams } from '../../server/protocol';
import { tempDir } from '../helpers/tree';
import { redisCommand, startRedis, type RedisServer } from '../helpers/redis-server';
import { pingArgv, writeRedisIncident } from '../helpers/redis-incident';

let server: ChildProcess;
let connection: ProtocolConnection;
let redis: RedisServer;
let folderUri: string;
const output: ProbeOutputParams[] = [];
/** What the client answers to `workspace/configuration` for section `aoi`. */
let settings: Record<string, unknown> = {};

before(async () => {
  redis = await startRedis();
  await redisCommand(redis.port, 'SET', 'cache:hello', 'world');
  const folder = join(tempDir('aoi-lsp-probes-'), 'incident');
  writeRedisIncident(folder, redis.port);
  folderUri = pathToFileURL(folder).toString();
  server = fork(resolve('dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  connection = createProtocolConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
  connection.onNotification(ProbeOutputNotification, (p) => void output.push(p));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await connection.sendRequest(ShutdownRequest.type);
  const exited = once(server, 'exit');
  await connection.sendNotification(ExitNotification.type);
  await exited;
  connection.dispose();
  await redis.stop();
});

describe('probes over LSP', () => {
  test('the diagnosis blames the Redis and proposes a PING of its address, saying what each answer means', async () => {
    const { diagnosis } = await connection.sendRequest(DiagnoseRequest, { folderUri });
    assert.equal(`${diagnosis.hypotheses[0]!.fault} ${diagnosis.hypotheses[0]!.component}`, 'service_down redis');
    const ping = diagnosis.probes.find((p) => p.argv.join(' ') === pingArgv(redis.port).join(' '));
    assert.ok(ping, `PING proposed: ${diagnosis.probes.map((p) => p.argv.join(' ')).join(' | ')}`);
    assert.equal(ping.status, 'proposed');
    assert.equal(ping.id, 'redis.ping');
    assert.ok(ping.rulesOut?.includes('service_down redis if answered'));
  });

  test('running the PING streams PONG, ranks the Redis down lower, and later diagnoses keep the answer', async () => {
    const before = await connection.sendRequest(DiagnoseRequest, { folderUri });
    const down = (d: typeof before.diagnosis): number => d.hypotheses.find((h) => h.fault === 'service_down' && h.component === 'redis')?.confidence ?? 0;
    const answer = await connection.sendRequest(RunProbeRequest, { folderUri, argv: pingArgv(redis.port), runId: 'run-1' });
    assert.equal(answer.run.status, 'ran');
    assert.equal(answer.run.exitCode, 0);
    assert.equal(output.filter((o) => o.runId === 'run-1').map((o) => o.text).join(''), 'PONG\n');
    const after = answer.result!.diagnosis;
    assert.ok(down(after) < down(before.diagnosis) / 2, `service_down redis ${down(before.diagnosis)} -> ${down(after)}`);
    const asked = after.probes.find((p) => p.argv.join(' ') === pingArgv(redis.port).join(' '))!;
    assert.equal(asked.status, 'ran');
    assert.equal(asked.output, 'PONG\n');
    assert.match(asked.effect ?? '', /service_down redis \d+% -> \d+%/);
    const again = await connection.sendRequest(DiagnoseRequest, { folderUri });
    assert.equal(again.diagnosis.probes.find((p) => p.argv.join(' ') === asked.argv.join(' '))?.status, 'ran');
    assert.equal(down(again.diagnosis), down(after));
  });

  test('a write is refused without running: the key survives and nothing is re-diagnosed', async () => {
    const answer = await connection.sendRequest(RunProbeRequest, { folderUri, argv: ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port), 'DEL', 'cache:hello'], runId: 'run-2' });
    assert.equal(answer.run.status, 'refused');
    assert.match(answer.run.reason, /writes or deletes data/);
    assert.equal(answer.result, undefined);
    assert.equal(await redisCommand(redis.port, 'GET', 'cache:hello'), 'world');
  });

  test('an unlisted read runs only once the aoi.probes.extraAllowed setting allows it', async () => {
    const argv = ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port), 'GET', 'cache:hello'];
    settings = {};
    const refused = await connection.sendRequest(RunProbeRequest, { folderUri, argv, runId: 'run-3' });
    assert.equal(refused.run.status, 'refused');
    assert.match(refused.run.reason, /not on the read list/);
    settings = { probes: { extraAllowed: [{ tool: 'redis-cli', subcommands: ['GET'] }] } };
    const ran = await connection.sendRequest(RunProbeRequest, { folderUri, argv, runId: 'run-4' });
    assert.equal(ran.run.status, 'ran');
    assert.equal(output.filter((o) => o.runId === 'run-4').map((o) => o.text).join(''), 'world\n');
    settings = { probes: { extraAllowed: [{ tool: 'redis-cli', subcommands: ['FLUSHALL'] }] } };
    const still = await connection.sendRequest(RunProbeRequest, { folderUri, argv: ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port), 'FLUSHALL'], runId: 'run-5' });
    assert.equal(still.run.status, 'refused', 'settings never widen a hard refusal');
    settings = {};
  });

  test('the timeout setting stops a probe against a hung server, and a cancelled request kills it', async () => {
    const hung = await startRedis();
    try {
      hung.freeze();
      settings = { probes: { timeoutSeconds: 1 } };
      const started = Date.now();
      const timedOut = await connection.sendRequest(RunProbeRequest, { folderUri, argv: pingArgv(hung.port), runId: 'run-6' });
      assert.equal(timedOut.run.status, 'timed out');
      assert.ok(Date.now() - started < 5000);
      settings = {};
      const source = new CancellationTokenSource();
      setTimeout(() => source.cancel(), 300);
      const asked = Date.now();
      const cancelled = await connection.sendRequest(RunProbeRequest, { folderUri, argv: pingArgv(hung.port), runId: 'run-7' }, source.token);
      assert.equal(cancelled.run.status, 'cancelled');
      assert.equal(cancelled.result, undefined);
      assert.ok(Date.now() - asked < 3000, 'killed at once, not at the 15 s timeout');
    } finally {
      await hung.stop();
    }
  });
});
