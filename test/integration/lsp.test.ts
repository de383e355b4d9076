/**
 * The real language server process (dist/server.js), started over IPC as the extension starts it, and
 * driven over LSP: initialize, diagnose a bundle, receive Problems entries, bad input, cancellation,
 * clearing stale diagnostics, shutdown.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { AoiErrorCode, DiagnoseRequest, ProgressNotification, type ProgressParams } from '../../server/protocol';
import { makeTree } from '../helpers/tree';

let server: ChildProcess;
let connection: ProtocolConnection;
const published = new Map<string, Diagnostic[]>();
const progress: string[] = [];
/** Called with every progress notification, as it arrives. */
const progressListeners = new Set<(p: ProgressParams) => void>();
let configurationAsked = 0;

before(async () => {
  server = fork(resolve('dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  connection = createProtocolConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
  connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p.diagnostics);
  });
  connection.onNotification(ProgressNotification, (p: ProgressParams) => {
    progress.push(p.message);
    for (const listener of progressListeners) listener(p);
  });
  connection.onRequest(ConfigurationRequest.type, (p) => {
    configurationAsked++;
    return p.items.map(() => ({ maxFileSizeMB: 1024, maxFiles: 5000, trajectories: { enabled: false } }));
  });
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: null,
  });
  assert.equal(init.serverInfo?.name, 'aoi-server');
  await connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await connection.sendRequest(ShutdownRequest.type);
  const exited = once(server, 'exit');
  await connection.sendNotification(ExitNotification.type);
  const [code] = await exited;
  assert.equal(code, 0);
  connection.dispose();
});

const uriOf = (...parts: string[]) => pathToFileURL(resolve(...parts)).toString();

test('diagnoses a bundle and publishes Problems entries on the evidence lines', async () => {
  const folderUri = uriOf('examples/k8s-cart-targetport');
  const result = await connection.sendRequest(DiagnoseRequest, { folderUri });
  assert.equal(result.folderUri, folderUri);
  const top = result.diagnosis.hypotheses[0]!;
  assert.equal(top.fault, 'port_misconfig');
  assert.equal(top.component, 'cart');
  assert.ok(configurationAsked > 0, 'the server read the aoi settings');
  for (const ev of top.evidence) {
    const diags = published.get(uriOf('examples/k8s-cart-targetport', ev.file));
    assert.ok(diags, `diagnostics published for ${ev.file}`);
    const d = diags.find((x) => x.range.start.line === ev.line - 1);
    assert.ok(d, `a diagnostic on ${ev.file}:${ev.line}`);
    assert.equal(d.source, 'aoi');
    assert.equal(d.code, 'port_misconfig');
    assert.equal(typeof d.message, 'string');
    assert.match(d.message as string, /^port_misconfig in cart \(\d+%\): /);
    assert.equal(d.relatedInformation?.length, top.evidence.length - 1);
  }
});

test('a missing folder is a BadInput error with a one-line message', async () => {
  await assert.rejects(connection.sendRequest(DiagnoseRequest, { folderUri: uriOf('no/such/incident') }), (err: unknown) => {
    assert.ok(err instanceof ResponseError);
    assert.equal(err.code, AoiErrorCode.BadInput);
    assert.match(err.message, /^no such folder: .*no\/such\/incident$/);
    return true;
  });
});

test('a cancelled diagnosis answers RequestCancelled and the server keeps serving', async () => {
  const lines = Array.from({ length: 2_000_000 }, (_, i) => `INFO GET /items/${i % 5000} 200 ${i % 997}ms`);
  const dir = makeTree({ 'logs/big.log': `${lines.join('\n')}\n` });
  const folderUri = pathToFileURL(dir).toString();
  const source = new CancellationTokenSource();
  // Cancel once the server says it is reading the log, so the cancellation lands mid-run whatever the machine's speed.
  const cancelWhenReading = (p: ProgressParams): void => {
    if (p.folderUri === folderUri && p.message.startsWith('reading ')) source.cancel();
  };
  progressListeners.add(cancelWhenReading);
  try {
    const pending = connection.sendRequest(DiagnoseRequest, { folderUri }, source.token);
    await assert.rejects(pending, (err: unknown) => err instanceof ResponseError && err.code === -32800);
  } finally {
    progressListeners.delete(cancelWhenReading);
  }
  const again = await connection.sendRequest(DiagnoseRequest, { folderUri: uriOf('examples/k8s-cart-targetport') });
  assert.equal(again.diagnosis.hypotheses[0]!.fault, 'port_misconfig');
});

test('re-diagnosing after the fix clears the Problems entries it published before, and reports progress', async () => {
  const dir = makeTree({
    'docker-compose.yml': 'services:\n  web:\n    image: x/web:1\n    environment:\n      API_URL: "http://api:81"\n  api:\n    image: x/api:1\n    expose: ["80"]\n',
  });
  const folderUri = pathToFileURL(dir).toString();
  const composeUri = pathToFileURL(join(dir, 'docker-compose.yml')).toString();
  const first = await connection.sendRequest(DiagnoseRequest, { folderUri });
  assert.equal(first.diagnosis.detected, true);
  assert.ok((published.get(composeUri) ?? []).length > 0);
  writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: x/web:1\n    environment:\n      API_URL: "http://api:80"\n  api:\n    image: x/api:1\n    expose: ["80"]\n');
  const second = await connection.sendRequest(DiagnoseRequest, { folderUri });
  assert.equal(second.diagnosis.detected, false);
  assert.deepEqual(published.get(composeUri), []);
  assert.ok(progress.some((m) => m.startsWith('reading ')), 'progress notifications were sent');
});

const waitFor = async <T>(what: string, fn: () => T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('an open log file gets one Problems entry per error template, a hover, and updates as it grows', async () => {
  const lines = [
    '2026-11-20T10:00:00.000Z INFO  GET /api/items/1 200 12ms',
    '2026-11-20T10:00:01.000Z INFO  GET /api/items/2 200 9ms',
    '2026-11-20T10:00:02.000Z ERROR payment call failed: connect ECONNREFUSED 10.0.0.7:8081',
    '2026-11-20T10:00:03.000Z INFO  GET /api/items/3 200 11ms',
    '2026-11-20T10:00:04.000Z ERROR payment call failed: connect ECONNREFUSED 10.0.0.7:8081',
    '2026-11-20T10:00:05.000Z WARN  retrying order 41 after 200ms',
  ];
  const dir = makeTree({ 'app.log': `${lines.join('\n')}\n` });
  const path = join(dir, 'app.log');
  const uri = pathToFileURL(path).toString();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'log', version: 1, text: readFileSync(path, 'utf8') } });
  const first = await waitFor('template diagnostics', () => (published.get(uri)?.length ? published.get(uri) : undefined));
  const error = first.find((d) => d.code === 'error-template');
  assert.ok(error, JSON.stringify(first));
  assert.equal(error.source, 'aoi');
  assert.equal(error.range.start.line, 2, 'at the first occurrence');
  assert.match(error.message as string, /\(2 times from 2026-11-20T10:00:02\.000Z to 2026-11-20T10:00:04\.000Z\)$/);
  assert.ok(first.some((d) => d.code === 'warning-template' && d.range.start.line === 5));
  assert.equal(first.filter((d) => d.code === 'error-template').length, 1, 'one entry per template, not per line');

  const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 3 } });
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /2 records/);
  assert.match(value, /payment call failed/);

  appendFileSync(path, '2026-11-20T10:00:06.000Z ERROR payment call failed: connect ECONNREFUSED 10.0.0.7:8081\n');
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: readFileSync(path, 'utf8') }] });
  await waitFor('the count to grow to 3', () => published.get(uri)?.find((d) => /\(3 times /.test(d.message as string)));
});
