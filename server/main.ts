/**
 * The language server process: wires the LSP connection to the engine. No logic lives here.
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { DiagnoseRequest, type AoiSettings } from './protocol';
import { DiagnoseHandler } from './lsp/diagnose-handler';
import { DiagnosticStore } from './lsp/diagnostic-store';

const connection = createConnection(ProposedFeatures.all);
let canReadConfiguration = false;

connection.onInitialize((params) => {
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.None },
    serverInfo: { name: 'aoi-server', version: '0.1.0' },
  };
});

const settings = async (): Promise<Partial<AoiSettings>> =>
  canReadConfiguration ? (((await connection.workspace.getConfiguration('aoi')) as Partial<AoiSettings> | null) ?? {}) : {};

const diagnostics = new DiagnosticStore(connection);
const diagnoseHandler = new DiagnoseHandler(connection, diagnostics, settings);
connection.onRequest(DiagnoseRequest, (params, token) => diagnoseHandler.handle(params, token));

connection.listen();
