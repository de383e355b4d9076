/**
 * Nothing unredacted reaches disk: planted secrets of every kind sit in an incident's probe recordings, its
 * nginx config (on the line the fix changes and the lines around it, so the fix diff shows them), a Compose
 * line the diagnosis quotes as evidence, an env file and a log, and in reviewers' reasons. A full session goes through the CLI (diagnose with replayed
 * probes, reject, approve, apply, export in every format, evolve) and through the language server (diagnose,
 * a hypothesis verdict, a rejection, an export). A scan of the stores, the exports, the evolved files, the
 * global storage and the server's log finds none of them.
 *
 * The control records the same incident with an identity store redactor: the scan finds the planted values
 * there, in probe outputs and the fix diff, so the clean scan is the redactor's doing and not the secrets'
 * never reaching the recording. (Evidence quotes are redacted earlier still, by the observer.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  type LogMessageParams,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { diagnose, type InitialObservation } from '../../server/diagnose';
import { ProbePolicy } from '../../server/agents/probes/policy/probe-policy';
import { DiagnoseRequest, ExportTrajectoriesRequest, FixActionRequest, HypothesisVerdictRequest } from '../../server/protocol';
import { SessionRecorder } from '../../server/trajectories/recorder';
import { TrajectoryStore } from '../../server/trajectories/store';
import { plantedSecrets, type PlantedSecret } from '../helpers/planted-secrets';
import { tempDir } from '../helpers/tree';

const CLI = resolve('dist/cli.js');
const EXAMPLE = 'compose-nginx-upstream-port';
const aoi = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The pieces of a planted value a scan looks for: the value, and each of its lines of 12 or more characters. */
const piecesOf = (s: PlantedSecret): string[] => [s.value, ...s.value.split(/\\n|\n|\n\+|\n {4}/).filter((l) => l.length >= 12)];

/** Every file under `root`, recursively. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const p = join(root, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/** The planted secrets found in `texts` (by name of where they were found). */
function scan(texts: ReadonlyMap<string, string>, planted: readonly PlantedSecret[]): { secret: PlantedSecret; where: string }[] {
  const found: { secret: PlantedSecret; where: string }[] = [];
  for (const secret of planted) {
    for (const [where, text] of texts) {
      if (piecesOf(secret).some((p) => text.includes(p))) {
        found.push({ secret, where });
        break;
      }
    }
  }
  return found;
}

const readAll = (roots: readonly string[]): Map<string, string> => new Map(roots.flatMap((r) => filesUnder(r)).map((f) => [f, readFileSync(f, 'utf8')]));

/**
 * A copy of the example with the corpus planted: probe outputs filled with contexts, the nginx upstream line
 * and its neighbours carrying one-line ones, the rest in an env file and a log.
 */
function plantedBundle(planted: readonly PlantedSecret[]): string {
  const dir = join(tempDir('aoi-secrets-'), EXAMPLE);
  cpSync(join('examples', EXAMPLE), dir, { recursive: true });
  const queue = [...planted];
  const oneLine = queue.filter((s) => !s.context.includes('\n') && !s.context.includes('-----'));
  // The line the fix rewrites and the lines around it: the diff and the evidence quote them.
  const conf = join(dir, 'nginx/nginx.conf');
  const nearFix = oneLine.splice(0, 3).map((s) => s.context.replace(/#/g, ''));
  const text = readFileSync(conf, 'utf8').replace(/( *)server orders:9000;\n/, (_m, indent: string) => `${indent}# ${nearFix[0]}\n${indent}server orders:9000; # ${nearFix[1]}\n${indent}# ${nearFix[2]}\n`);
  writeFileSync(conf, text);
  // A comment on a line the diagnosis quotes as evidence.
  const compose = join(dir, 'docker-compose.yml');
  const onEvidence = oneLine.splice(0, 1).map((s) => s.context.replace(/#/g, ''));
  writeFileSync(compose, readFileSync(compose, 'utf8').replace(/^( *PORT: "8000")$/m, `$1 # ${onEvidence[0]}`));
  const used = new Set(planted.filter((s) => [...nearFix, ...onEvidence].includes(s.context.replace(/#/g, ''))));
  // Probe outputs: the recorder keeps 4000 characters of each, so each recording takes what fits.
  for (const name of readdirSync(join(dir, 'probes'))) {
    const path = join(dir, 'probes', name);
    const recording = JSON.parse(readFileSync(path, 'utf8')) as { stdout: string };
    let stdout = recording.stdout;
    for (const s of queue) {
      if (used.has(s) || stdout.length + s.context.length > 3800) continue;
      stdout += `${s.context}\n`;
      used.add(s);
    }
    writeFileSync(path, JSON.stringify({ ...recording, stdout }, null, 2));
  }
  const rest = queue.filter((s) => !used.has(s));
  writeFileSync(join(dir, 'orders/secrets.env'), rest.filter((s) => !s.context.includes('\n')).map((s) => s.context).join('\n'));
  appendFileSync(join(dir, 'logs/orders.log'), rest.map((s) => `orders-1  | 2026-11-18 14:40:00,000 ERROR orders.auth: ${s.context}\n`).join(''));
  return dir;
}

test('a full session through the CLI and the language server records, exports and logs no planted secret', async (t) => {
  const planted = plantedSecrets(424242);
  const reasonSecret = planted.find((s) => s.kind === 'password' && !s.context.includes('\n'))!;
  const tokenSecret = planted.find((s) => s.kind === 'github-token')!;
  const root = tempDir('aoi-secret-scan-');
  const scanned = [join(root, 'store'), join(root, 'exports'), join(root, 'global'), join(root, 'logs')];

  // The control: the same incident recorded without redaction.
  const control = plantedBundle(planted);
  const policy = new ProbePolicy({ resolve: (tool) => `/usr/bin/${tool}` });
  let first: InitialObservation | undefined;
  const d = await diagnose(control, { observe: (o) => (first = o), policy, replay: { maxProbes: 5, policy } });
  const identity = new TrajectoryStore(join(root, 'control'), { redactDeep: <T>(v: T): T => v });
  const recorder = await SessionRecorder.start(identity, { source: 'cli', folder: control }, first!.hypotheses);
  await recorder.diagnosis(d, first);
  const flowed = scan(readAll([join(root, 'control')]), planted);
  const text = [...readAll([join(root, 'control')]).values()].join('\n');
  assert.ok(flowed.length >= 25, `${flowed.length} planted values reach an unredacted recording`);
  assert.ok(d.probes.some((p) => p.status === 'replayed'), 'probes were replayed');
  assert.ok(text.includes('"diff"') && d.fixes.some((f) => f.file === 'nginx/nginx.conf'), 'the nginx fix diff was recorded');
  assert.ok(flowed.some((f) => d.fixes.some((x) => x.diff.includes(f.secret.value))), 'the diff carries planted values');
  // Evidence quotes are redacted by the observer itself, before any recording: the planted Compose comment shows as a placeholder.
  assert.ok(d.hypotheses.some((h) => h.evidence.some((e) => e.file === 'docker-compose.yml' && e.text.includes('<secret:'))), 'the evidence quotes the planted line, redacted');

  // The CLI session.
  const bundle = plantedBundle(planted);
  const store = join(root, 'store');
  const truth = join('examples', `${EXAMPLE}.truth.json`);
  assert.equal(aoi(['diagnose', bundle, '--replay', '--record', '--store', store, '--truth', truth]).code, 0);
  const fixes = JSON.parse(aoi(['fix', 'list', bundle, '--json']).stdout) as { id: string; file: string }[];
  const id = fixes.find((f) => f.file === 'nginx/nginx.conf')!.id;
  assert.equal(aoi(['fix', 'reject', bundle, id, '--by', 'carol', '--reason', `try with ${reasonSecret.context}`, '--record', '--store', store]).code, 0);
  assert.equal(aoi(['fix', 'approve', bundle, id, '--by', 'dave', '--comment', `token ${tokenSecret.value}`, '--record', '--store', store]).code, 0);
  assert.equal(aoi(['fix', 'apply', bundle, id, '--record', '--store', store]).code, 0);
  for (const format of ['sft', 'dpo', 'kto', 'grpo']) {
    const r = aoi(['export', '--store', store, '--format', format, '--out', join(root, 'exports', format)]);
    assert.equal(r.code, 0, r.stderr);
  }
  const evolved = aoi(['evolve', '--store', store]);
  assert.equal(evolved.code, 0, evolved.stderr);

  // The editor's session, recorded to the global storage, with the server's log kept.
  const lspBundle = plantedBundle(planted);
  const folderUri = pathToFileURL(lspBundle).toString();
  const server = fork(resolve('dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const log: string[] = [];
  server.stdout!.on('data', (b: Buffer) => log.push(b.toString()));
  server.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const connection = createProtocolConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
  connection.onNotification(LogMessageNotification.type, (m: LogMessageParams) => {
    log.push(m.message);
  });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ trajectories: { location: 'global' } })));
  connection.listen();
  const stopped = once(server, 'exit');
  try {
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: [{ uri: folderUri, name: EXAMPLE }],
    initializationOptions: { globalStoragePath: join(root, 'global') },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const { diagnosis } = await connection.sendRequest(DiagnoseRequest, { folderUri });
  const top = diagnosis.hypotheses[0]!;
  await connection.sendRequest(HypothesisVerdictRequest, { folderUri, fault: top.fault, component: top.component, accepted: false, by: 'erin', reason: `see ${planted.find((s) => s.kind === 'aws-secret-key')!.context}` });
  const fix = diagnosis.fixes.find((f) => f.file === 'nginx/nginx.conf')!;
  await connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'reject', by: 'erin', comment: `creds: ${reasonSecret.context}` });
  const exported = await connection.sendRequest(ExportTrajectoriesRequest, { store: join(root, 'global', 'trajectories'), format: 'kto', outUri: pathToFileURL(join(root, 'exports', 'lsp-kto')).toString(), progressId: 'scan' });
  assert.ok(exported.rows > 0);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await stopped;
  } finally {
    connection.dispose();
    server.kill();
  }
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'server.log'), log.join('\n'));

  const files = readAll(scanned);
  const sessions = [...files.keys()].filter((f) => f.endsWith('.jsonl') && f.includes('trajectories'));
  assert.ok(sessions.length >= 1, 'the editor recorded a session');
  assert.ok([...files.keys()].filter((f) => f.startsWith(store) && f.endsWith('.jsonl')).length >= 4, 'the CLI recorded its sessions');
  assert.ok([...files.values()].some((t) => t.includes('<secret:')), 'placeholders stand where the secrets were');
  assert.ok(statSync(join(root, 'logs', 'server.log')).size > 0, 'the server logged');
  const leaks = scan(files, [...planted, reasonSecret, tokenSecret]);
  assert.deepEqual(leaks.map((l) => `${l.secret.kind} in ${l.where}`), []);
  t.diagnostic(`${planted.length} planted (${new Set(planted.map((p) => p.kind)).size} kinds); ${flowed.length} reach the unredacted control; 0 of them in ${files.size} scanned files`);
});
