/**
 * The language server process: wires the LSP connection to the engine. No logic lives here.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnoseRequest, type AoiSettings } from './protocol';
import { DiagnoseHandler } from './lsp/diagnose-handler';
import { DiagnosticStore } from './lsp/diagnostic-store';
import { isLogDocument, LogDocuments } from './lsp/log-documents';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canReadConfiguration = false;

connection.onInitialize((params) => {
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
    serverInfo: { name: 'aoi-server', version: '0.1.0' },
  };
});

const settings = async (): Promise<Partial<AoiSettings>> =>
  canReadConfiguration ? (((await connection.workspace.getConfiguration('aoi')) as Partial<AoiSettings> | null) ?? {}) : {};

const diagnostics = new DiagnosticStore(connection);
const diagnoseHandler = new DiagnoseHandler(connection, diagnostics, settings);
connection.onRequest(DiagnoseRequest, (params, token) => diagnoseHandler.handle(params, token));

const logDocuments = new LogDocuments(documents, diagnostics, connection, isLogDocument);
connection.onHover((params) => logDocuments.hover(params));

documents.listen(connection);
connection.listen();
