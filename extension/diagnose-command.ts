/**
 * "AOI: Diagnose Workspace" and "Diagnose Folder with AOI": sends `aoi/diagnose` for a folder, shows
 * cancellable progress, fills the Hypotheses view; the server publishes the Problems entries.
 */
import * as vscode from 'vscode';
import { ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { AoiErrorCode, DiagnoseRequest, ProgressNotification, type DiagnoseResult } from '../server/protocol';
import type { HypothesesView } from './hypotheses-view';
import type { ProbesView } from './probes-view';
import type { FixesView } from './fixes-view';
import { ReportPanel } from './report-panel';
import type { DiagnosisStatusBar } from './status-bar';

/** Runs diagnoses and shows the latest one in the Hypotheses view, the status bar and the report panel. */
export class DiagnosisSession {
  private last: DiagnoseResult | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private readonly hypotheses: HypothesesView,
    private readonly probes: ProbesView,
    private readonly fixes: FixesView,
    private readonly extensionUri: vscode.Uri,
    private readonly status: DiagnosisStatusBar,
  ) {}

  /** "AOI: Diagnose Workspace" / "Diagnose Folder with AOI": `arg` is the Explorer's folder, if any. */
  async diagnose(arg: unknown): Promise<DiagnoseResult | undefined> {
    const folder = await pickFolder(arg);
    if (!folder) return undefined;
    const result = await diagnoseFolder(this.client, folder, this.log);
    if (!result) return undefined;
    this.show(result);
    await vscode.commands.executeCommand('aoi.hypotheses.focus');
    return result;
  }

  /** Shows `result` (a diagnosis, or the re-diagnosis after a probe) in the views, the status bar and the report. */
  show(result: DiagnoseResult): void {
    this.last = result;
    this.hypotheses.show(result);
    this.probes.show(result);
    this.fixes.show(result);
    this.status.show(result);
    ReportPanel.refresh(result);
  }

  /** The diagnosis shown last, if any. */
  latest(): DiagnoseResult | undefined {
    return this.last;
  }

  /** "AOI: Open Incident Report": the report of the last diagnosis, diagnosing first when there is none. */
  async openReport(): Promise<void> {
    const result = this.last ?? (await this.diagnose(undefined));
    if (result) ReportPanel.show(this.extensionUri, this.log, result);
  }
}

/** Asks which folder to diagnose: the one given (Explorer), the only workspace folder, or a pick. */
export async function pickFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('AOI: open a folder holding the incident’s logs and configs first.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to diagnose') });
  return picked?.uri;
}

/** Diagnoses `folder`; resolves to the result, or undefined when cancelled or refused (already reported). */
export async function diagnoseFolder(client: LanguageClient, folder: vscode.Uri, log: vscode.LogOutputChannel): Promise<DiagnoseResult | undefined> {
  const folderUri = folder.toString();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AOI: diagnosing {0}', vscode.workspace.asRelativePath(folder, true)), cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const sub = client.onNotification(ProgressNotification, (p) => {
        if (p.folderUri !== folderUri || p.total === 0) return;
        const pct = Math.floor((100 * p.done) / p.total);
        progress.report({ message: p.message, increment: Math.max(0, pct - reported) });
        reported = Math.max(reported, pct);
      });
      try {
        return await client.sendRequest(DiagnoseRequest, { folderUri }, token);
      } catch (err) {
        if (token.isCancellationRequested) {
          log.info(`diagnosis of ${folderUri} cancelled`);
          return undefined;
        }
        if (err instanceof ResponseError && err.code === AoiErrorCode.BadInput) {
          void vscode.window.showWarningMessage(`AOI: ${err.message}`);
          return undefined;
        }
        throw err;
      } finally {
        sub.dispose();
      }
    },
  );
}
