/**
 * The language server process: wires the LSP connection to the engine. No logic lives here.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DeleteTrajectoryRequest,
  DiagnoseRequest,
  ExportTrajectoriesRequest,
  FixActionRequest,
  FixContentRequest,
  HypothesisVerdictRequest,
  ListTrajectoriesRequest,
  ReadTrajectoryRequest,
  RunProbeRequest,
  type RawSettings,
} from './protocol';
import { Recording } from './lsp/recording';
import { TrajectoryHandler } from './lsp/trajectory-handler';
import { redactConsole } from './lsp/redacted-console';
import { Redactor } from './trajectories/redaction/redactor';
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
let globalStorage: string | undefined;
const fileFolders = (list: { uri: string }[] | null | undefined): string[] => (list ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));

connection.onInitialize((params) => {
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  folders = fileFolders(params.workspaceFolders);
  const init = params.initializationOptions as { globalStoragePath?: unknown } | undefined;
  if (typeof init?.globalStoragePath === 'string') globalStorage = init.globalStoragePath;
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

redactConsole(connection.console, new Redactor());
const diagnostics = new DiagnosticStore(connection);
const answers = new ProbeAnswers();
const recording = new Recording(settings, () => globalStorage, (m) => connection.console.warn(m));
const diagnoseHandler = new DiagnoseHandler(connection, diagnostics, settings, answers, recording);
connection.onRequest(DiagnoseRequest, (params, token) => diagnoseHandler.handle(params, token));
const probeHandler = new ProbeHandler(connection, answers, diagnoseHandler, settings, recording);
connection.onRequest(RunProbeRequest, (params, token) => probeHandler.handle(params, token));
const fixHandler = new FixHandler(diagnoseHandler, settings, (m) => connection.console.info(m), recording);
connection.onRequest(FixActionRequest, (params, token) => fixHandler.action(params, token));
connection.onRequest(FixContentRequest, (params) => fixHandler.content(params));
const trajectories = new TrajectoryHandler(connection, recording, diagnoseHandler, settings, () => folders);
connection.onRequest(HypothesisVerdictRequest, (params) => trajectories.verdict(params));
connection.onRequest(ListTrajectoriesRequest, () => trajectories.list());
connection.onRequest(ReadTrajectoryRequest, (params) => trajectories.read(params));
connection.onRequest(DeleteTrajectoryRequest, (params) => trajectories.delete(params));
connection.onRequest(ExportTrajectoriesRequest, (params) => trajectories.export(params));

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
