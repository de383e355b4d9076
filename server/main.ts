/**
 * The language server process: wires the LSP connection to the engine. No logic lives here.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnoseRequest, FixActionRequest, FixContentRequest, RunProbeRequest, type RawSettings } from './protocol';
import { ProbeAnswers } from './lsp/probe-answers';
import { ProbeHandler } from './lsp/probe-handler';
import { DiagnoseHandler } from './lsp/diagnose-handler';
import { FixHandler } from './lsp/fix-handler';
import { DiagnosticStore } from './lsp/diagnostic-store';
import { isLogDocument, LogDocuments } from './lsp/log-documents';
import { ConfigDocuments } from './lsp/config-documents';
import { fileURLToPath } from 'node:url';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canReadConfiguration = false;
let folders: string[] = [];
const fileFolders = (list: { uri: string }[] | null | undefined): string[] => (list ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));

connection.onInitialize((params) => {
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  folders = fileFolders(params.workspaceFolders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'aoi-server', version: '0.1.0' },
  };
});

const settings = async (): Promise<RawSettings> =>
  canReadConfiguration ? (((await connection.workspace.getConfiguration('aoi')) as RawSettings | null) ?? {}) : {};

const diagnostics = new DiagnosticStore(connection);
const answers = new ProbeAnswers();
const diagnoseHandler = new DiagnoseHandler(connection, diagnostics, settings, answers);
connection.onRequest(DiagnoseRequest, (params, token) => diagnoseHandler.handle(params, token));
const probeHandler = new ProbeHandler(connection, answers, diagnoseHandler, settings);
connection.onRequest(RunProbeRequest, (params, token) => probeHandler.handle(params, token));
const fixHandler = new FixHandler(diagnoseHandler, settings, (m) => connection.console.info(m));
connection.onRequest(FixActionRequest, (params, token) => fixHandler.action(params, token));
connection.onRequest(FixContentRequest, (params) => fixHandler.content(params));

const logDocuments = new LogDocuments(documents, diagnostics, connection, isLogDocument);
connection.onHover((params) => logDocuments.hover(params));

connection.onInitialized(() => {
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(fileFolders(e.removed));
    folders = [...folders.filter((f) => !removed.has(f)), ...fileFolders(e.added)];
  });
});
new ConfigDocuments(documents, diagnostics, connection, () => folders, settings);

documents.listen(connection);
connection.listen();
