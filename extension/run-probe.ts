/**
 * "Run Probe" on a proposed probe of the Probes view: asks once per session, naming the command, then has the
 * language server run it (policy-checked, no shell), streams the output into a read-only document beside the
 * editor, and shows the re-diagnosis the answer led to. Registered as a command that needs a trusted workspace.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { ProbeOutputNotification, RunProbeRequest, shellLine, type DiagnoseResult, type RunProbeResult } from '../server/protocol';
import type { ProbeOutputDocuments } from './probe-output';
import type { ProbeNode, ProbesView } from './probes-view';

/** Runs probes for the session; remembers whether the user agreed to run probes. */
export class ProbeRuns {
  private confirmed = false;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private readonly outputs: ProbeOutputDocuments,
    private readonly view: ProbesView,
    private readonly showResult: (result: DiagnoseResult) => void,
  ) {}

  /**
   * Runs the probe of `node` (a row of the Probes view, or one named by the report or a language-model tool);
   * resolves with the answer, or undefined when it was not run (not confirmed, failed: already reported).
   */
  async run(node: unknown): Promise<RunProbeResult | undefined> {
    if (!isProbeNode(node)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('AOI: pick a proposed probe in the Probes view and choose Run.'));
      return undefined;
    }
    const { argv } = node.probe;
    const folder = vscode.Uri.parse(node.folderUri);
    const command = shellLine(argv);
    if (!this.confirmed) {
      const detail = `$ ${command}\n\nAOI runs only commands its read-only policy allows, without a shell, in ${folder.fsPath}. You are asked once per session.`;
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Run this read-only probe?'), { modal: true, detail }, 'Run');
      if (choice !== 'Run') return undefined;
      this.confirmed = true;
    }
    const runId = randomUUID();
    const uri = this.outputs.create(argv, folder.fsPath);
    await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const subscription = this.client.onNotification(ProbeOutputNotification, (p) => {
      if (p.runId === runId) this.outputs.append(uri, p.text);
    });
    this.view.setRunning(argv, true);
    try {
      const answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AOI: running {0}', command), cancellable: true },
        (_progress, token) => this.client.sendRequest(RunProbeRequest, { folderUri: node.folderUri, argv, runId }, token),
      );
      this.outputs.finish(uri, answer.run);
      this.report(argv, answer);
      return answer;
    } catch (err) {
      const message = err instanceof ResponseError || err instanceof Error ? err.message : String(err);
      this.outputs.finish(uri, { status: 'failed', reason: message, durationMs: 0 });
      this.log.warn(`probe ${command}: ${message}`);
      void vscode.window.showWarningMessage(`AOI: ${command}: ${message}`);
      return undefined;
    } finally {
      subscription.dispose();
      this.view.setRunning(argv, false);
    }
  }

  private report(argv: string[], answer: RunProbeResult): void {
    const command = shellLine(argv);
    if (answer.result) this.showResult(answer.result);
    const { run } = answer;
    if (run.status === 'refused') {
      void vscode.window.showWarningMessage(vscode.l10n.t('AOI: the read-only policy refused {0}: {1}', command, run.reason));
      return;
    }
    const asked = answer.result?.diagnosis.probes.find((p) => p.argv.join('\u0000') === argv.join('\u0000'));
    const effect = asked?.effect ? ` Changed: ${asked.effect}.` : ' No hypothesis moved.';
    const how = run.status === 'ran' ? `exit code ${run.exitCode ?? '?'}` : run.reason;
    vscode.window.setStatusBarMessage(`$(terminal) AOI: ${command} — ${how}.${answer.result ? effect : ''}`, 15000);
  }
}

function isProbeNode(node: unknown): node is ProbeNode {
  return typeof node === 'object' && node !== null && (node as ProbeNode).kind === 'probe' && Array.isArray((node as ProbeNode).probe?.argv);
}
