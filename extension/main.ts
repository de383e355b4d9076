/**
 * Extension entry: wires the output channel, the language client, the views, the report panel and the
 * commands. No logic.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConfigCheckNotification, type ReportState } from '../server/protocol';
import { createServerClient } from './server-client';
import { registerCommands, type CommandSpec } from './commands';
import { DiagnosisSession } from './diagnose-command';
import { HypothesesView, OPEN_EVIDENCE_COMMAND, openEvidence } from './hypotheses-view';
import { REPORT_VIEW_TYPE, ReportPanel } from './report-panel';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('AOI', { log: true });
  context.subscriptions.push(log);
  const hypotheses = new HypothesesView();
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('aoi.hypotheses', hypotheses),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: ReportState | undefined) => ReportPanel.revive(panel, context.extensionUri, log, state),
    }),
  );

  client = createServerClient(context, log);
  context.subscriptions.push(client.onNotification(ConfigCheckNotification, (result) => hypotheses.showLive(result)));
  const session = new DiagnosisSession(client, log, hypotheses, context.extensionUri);
  const table: CommandSpec[] = [
    { id: 'aoi.diagnoseWorkspace', needsServer: true, needsTrust: false, run: (_ctx, arg) => session.diagnose(arg) },
    { id: 'aoi.diagnoseFolder', needsServer: true, needsTrust: false, run: (_ctx, arg) => session.diagnose(arg) },
    { id: 'aoi.openReport', needsServer: true, needsTrust: false, run: () => session.openReport() },
    { id: OPEN_EVIDENCE_COMMAND, needsServer: false, needsTrust: false, run: (_ctx, uri, line, column) => openEvidence(uri as vscode.Uri, line as number, column as number) },
    { id: 'aoi.showLogs', needsServer: false, needsTrust: false, run: ({ log: l }) => l.show() },
    { id: 'aoi.restartServer', needsServer: false, needsTrust: false, run: ({ client: c }) => c.restart() },
  ];
  context.subscriptions.push(...registerCommands(table, { client, log }));

  try {
    await client.start();
    log.info('AOI language server started');
  } catch (err) {
    log.error(`AOI language server failed to start: ${(err as Error).stack ?? String(err)}`);
    void vscode.window.showErrorMessage(`AOI: the language server failed to start: ${(err as Error).message}`, 'Show Logs').then((choice) => choice && log.show());
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
