/**
 * Fixes over LSP: the real language server lists a diagnosis's proposals with their review state, serves both
 * sides of a fix for the diff editor, refuses an action on a hash other than the one the client showed, refuses
 * an apply without approval (`AoiErrorCode.FixRefused`), and after approve + apply answers with the fix verified
 * and a diagnosis without the hypothesis. The team policy of `aoi.fixes.reviewPolicy` refuses self-approval.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, readFileSync } from 'node:fs';
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
  ResponseError,
  ShutdownRequest,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { AoiErrorCode, DiagnoseRequest, FixActionRequest, FixContentRequest } from '../../server/protocol';
import { tempDir } from '../helpers/tree';

let server: ChildProcess;
let connection: ProtocolConnection;
let settings: Record<string, unknown> = {};

before(async () => {
  server = fork(resolve('dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  connection = createProtocolConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
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
});

const copy = (name: string): { folder: string; folderUri: string } => {
  const folder = join(tempDir('aoi-lsp-fixes-'), name);
  cpSync(join('examples', name), folder, { recursive: true });
  return { folder, folderUri: pathToFileURL(folder).toString() };
};

const refusal = async (p: Promise<unknown>): Promise<ResponseError<unknown>> => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ResponseError, String(err));
    return err;
  }
  assert.fail('expected the request to fail');
};

test('a fix is reviewed, refused without approval or on another hash, then approved, applied and verified', async () => {
  settings = {};
  const { folder, folderUri } = copy('k8s-cart-targetport');
  const { diagnosis } = await connection.sendRequest(DiagnoseRequest, { folderUri });
  const fix = diagnosis.fixes[0]!;
  assert.equal(fix.status, 'proposed');
  const sides = await connection.sendRequest(FixContentRequest, { folderUri, id: fix.id });
  assert.equal(sides.file, 'k8s/cart-service.yaml');
  assert.match(sides.original, /targetPort: 8081/);
  assert.match(sides.proposed, /targetPort: 8080/);
  assert.equal(sides.stale, undefined);

  const noApproval = await refusal(connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'apply', by: 'dev' }));
  assert.equal(noApproval.code, AoiErrorCode.FixRefused);
  assert.match(noApproval.message, /has no approval/);
  const otherHash = await refusal(connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: '0'.repeat(64), action: 'approve', by: 'rev' }));
  assert.match(otherHash.message, /not the change you reviewed/);

  const approved = await connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'approve', by: 'rev', comment: 'ok' });
  assert.equal(approved.fix.status, 'approved');
  assert.equal(approved.fix.review?.by, 'rev');
  const applied = await connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'apply', by: 'dev' });
  assert.equal(applied.fix.status, 'verified');
  assert.equal(applied.fix.verification?.cleared, true);
  assert.ok(!applied.result.diagnosis.hypotheses.some((h) => h.fault === 'port_misconfig' && h.component === 'cart'));
  assert.match(readFileSync(join(folder, 'k8s/cart-service.yaml'), 'utf8'), /targetPort: 8080/);
});

test('under the distinct-reviewer setting, the person who saved a fix cannot approve it', async () => {
  settings = { fixes: { reviewPolicy: 'distinct-reviewer' } };
  const { folderUri } = copy('vm-billing-env-port');
  const fix = (await connection.sendRequest(DiagnoseRequest, { folderUri })).diagnosis.fixes[0]!;
  const unsaved = await refusal(connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'approve', by: 'dev' }));
  assert.match(unsaved.message, /save fix .* for review/);
  const saved = await connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'save', by: 'dev' });
  assert.equal(saved.fix.status, 'proposed');
  const self = await refusal(connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'approve', by: 'dev' }));
  assert.equal(self.code, AoiErrorCode.FixRefused);
  const other = await connection.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action: 'approve', by: 'lead' });
  assert.equal(other.fix.status, 'approved');
});
