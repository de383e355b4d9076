/**
 * Extension entry: wires the output channel, the language client, the views and the commands. No logic.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createServerClient } from './server-client';
import { registerCommands, type CommandSpec } from './commands';
import { diagnoseFolder, pickFolder } from './diagnose-command';
import { HypothesesView, OPEN_EVIDENCE_COMMAND, openEvidence } from './hypotheses-view';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('AOI', { log: true });
  context.subscriptions.push(log);
  const hypotheses = new HypothesesView();
  context.subscriptions.push(vscode.window.registerTreeDataProvider('aoi.hypotheses', hypotheses));

  client = createServerClient(context, log);
  const diagnose = async (arg: unknown): Promise<void> => {
    const folder = await pickFolder(arg);
    if (!folder || !client) return;
    const result = await diagnoseFolder(client, folder, log);
    if (!result) return;
    hypotheses.show(result);
    const top = result.diagnosis.hypotheses[0]!;
    const summary = result.diagnosis.detected ? `${top.fault} in ${top.component} (${Math.round(top.confidence * 100)}%)` : 'no fault found';
    vscode.window.setStatusBarMessage(`$(pulse) AOI: ${summary}`, 15000);
    await vscode.commands.executeCommand('aoi.hypotheses.focus');
  };
  const table: CommandSpec[] = [
    { id: 'aoi.diagnoseWorkspace', needsServer: true, needsTrust: false, run: (_ctx, arg) => diagnose(arg) },
    { id: 'aoi.diagnoseFolder', needsServer: true, needsTrust: false, run: (_ctx, arg) => diagnose(arg) },
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
