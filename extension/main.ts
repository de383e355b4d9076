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
import { PROBE_OUTPUT_SCHEME, ProbeOutputDocuments } from './probe-output';
import { OPEN_PROBE_OUTPUT_COMMAND, ProbesView, type ProbeNode } from './probes-view';
import { ProbeRuns } from './run-probe';
import { FixesView } from './fixes-view';
import { FIX_SCHEME, FixReviews } from './fix-review';
import { TRAJECTORY_SCHEME, TrajectoriesView } from './trajectories-view';
import { judgeHypothesis } from './hypothesis-verdicts';
import { DiagnosisStatusBar } from './status-bar';
import { registerLanguageModelTools } from './lm-tools';
import { openExampleIncident } from './open-example';
import { openLab } from './open-lab';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('AOI', { log: true });
  context.subscriptions.push(log);
  const outputs = new ProbeOutputDocuments();
  const hypotheses = new HypothesesView((line) => outputs.latestOfLine(line));
  const probes = new ProbesView(outputs);
  const fixes = new FixesView();
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('aoi.hypotheses', hypotheses),
    vscode.window.registerTreeDataProvider('aoi.probes', probes),
    vscode.window.registerTreeDataProvider('aoi.fixes', fixes),
    vscode.workspace.registerTextDocumentContentProvider(PROBE_OUTPUT_SCHEME, outputs),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      probes.refresh();
      fixes.refresh();
      ReportPanel.refresh();
    }),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: ReportState | undefined) => ReportPanel.revive(panel, context.extensionUri, log, state),
    }),
  );

  client = createServerClient(context, log);
  context.subscriptions.push(client.onNotification(ConfigCheckNotification, (result) => hypotheses.showLive(result)));
  const status = new DiagnosisStatusBar();
  context.subscriptions.push(status);
  const session = new DiagnosisSession(client, log, hypotheses, probes, fixes, context.extensionUri, status);
  const runs = new ProbeRuns(client, log, outputs, probes, (result) => shown(result));
  const trajectories = new TrajectoriesView(client);
  const shown = (result: Parameters<DiagnosisSession['show']>[0]): void => {
    session.show(result);
    trajectories.refresh();
  };
  const reviews = new FixReviews(client, log, fixes, shown);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(FIX_SCHEME, reviews),
    vscode.workspace.registerTextDocumentContentProvider(TRAJECTORY_SCHEME, trajectories),
    vscode.window.registerTreeDataProvider('aoi.trajectories', trajectories),
    ...registerLanguageModelTools({ latest: () => session.latest(), diagnose: () => session.diagnose(undefined) }, log),
  );
  const table: CommandSpec[] = [
    { id: 'aoi.diagnoseWorkspace', needsServer: true, needsTrust: false, run: async (_ctx, arg) => (await session.diagnose(arg), trajectories.refresh()) },
    { id: 'aoi.diagnoseFolder', needsServer: true, needsTrust: false, run: async (_ctx, arg) => (await session.diagnose(arg), trajectories.refresh()) },
    { id: 'aoi.openReport', needsServer: true, needsTrust: false, run: () => session.openReport() },
    { id: OPEN_EVIDENCE_COMMAND, needsServer: false, needsTrust: false, run: (_ctx, uri, line, column) => openEvidence(uri as vscode.Uri, line as number, column as number) },
    { id: 'aoi.runProbe', needsServer: true, needsTrust: true, run: (_ctx, node) => runs.run(node) },
    { id: OPEN_PROBE_OUTPUT_COMMAND, needsServer: false, needsTrust: false, run: (_ctx, node) => probes.openOutput(node as ProbeNode) },
    { id: 'aoi.reviewFix', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.review(node) },
    { id: 'aoi.approveFix', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.act('approve', node) },
    { id: 'aoi.rejectFix', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.act('reject', node) },
    { id: 'aoi.applyFix', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.act('apply', node) },
    { id: 'aoi.undoFix', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.act('undo', node) },
    { id: 'aoi.saveFixForReview', needsServer: true, needsTrust: true, run: (_ctx, node) => reviews.act('save', node) },
    { id: 'aoi.confirmHypothesis', needsServer: true, needsTrust: false, run: (_ctx, node) => judgeHypothesis(client!, node, true, () => trajectories.refresh()) },
    { id: 'aoi.ruleOutHypothesis', needsServer: true, needsTrust: false, run: (_ctx, node) => judgeHypothesis(client!, node, false, () => trajectories.refresh()) },
    { id: 'aoi.refreshTrajectories', needsServer: true, needsTrust: false, run: () => trajectories.refresh() },
    { id: 'aoi.openTrajectory', needsServer: true, needsTrust: false, run: (_ctx, node) => trajectories.open(node) },
    { id: 'aoi.deleteTrajectory', needsServer: true, needsTrust: false, run: (_ctx, node) => trajectories.delete(node) },
    { id: 'aoi.exportTrajectories', needsServer: true, needsTrust: false, run: (_ctx, node) => trajectories.export(node) },
    { id: 'aoi.openExample', needsServer: false, needsTrust: false, run: () => openExampleIncident(context) },
    { id: 'aoi.openLab', needsServer: false, needsTrust: false, run: () => openLab(context) },
    { id: 'aoi.showLogs', needsServer: false, needsTrust: false, run: ({ log: l }) => l.show() },
    { id: 'aoi.restartServer', needsServer: false, needsTrust: false, run: ({ client: c }) => c.restart() },
  ];
  context.subscriptions.push(...registerCommands(table, { client, log }));

  try {
    await client.start();
    log.info('AOI language server started');
  } catch (err) {
    log.error(`AOI language server failed to start: ${(err as Error).stack ?? String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AOI: the language server failed to start: {0}', (err as Error).message), vscode.l10n.t('Show Logs')).then((choice) => choice && log.show());
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
