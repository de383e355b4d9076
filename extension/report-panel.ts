/**
 * The incident report panel host: one webview panel with a strict Content-Security-Policy (no remote
 * loads, scripts only with a nonce, resources only from the extension's dist/media), fed the latest
 * diagnosis, answering the webview's typed requests (open evidence, the Fixes view's fix commands, Run
 * Probe), and restored after a reload by a serializer from the state the webview saved.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { DiagnoseResult, ReportFixAction, ReportPush, ReportReply, ReportRequest, ReportState } from '../server/protocol';
import { openEvidence } from './hypotheses-view';
import type { FixNode } from './fixes-view';
import type { ProbeNode } from './probes-view';

/** The webview panel type, also the serializer's key. */
export const REPORT_VIEW_TYPE = 'aoi.report';

/** The command each fix button of the report runs: the Fixes view's. */
const FIX_COMMANDS: Record<ReportFixAction, string> = {
  review: 'aoi.reviewFix',
  approve: 'aoi.approveFix',
  reject: 'aoi.rejectFix',
  apply: 'aoi.applyFix',
  undo: 'aoi.undoFix',
  save: 'aoi.saveFixForReview',
};

/** The one report panel, created on demand. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private result: DiagnoseResult | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    const media = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.webview.html = html(panel.webview, media);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'aoi.svg');
    panel.webview.onDidReceiveMessage((msg: ReportRequest) => this.answer(msg));
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
  }

  /** Shows the report of `result`, creating the panel or revealing the existing one. */
  static show(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, result: DiagnoseResult): void {
    if (!ReportPanel.current) {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, vscode.l10n.t('AOI Incident Report'), vscode.ViewColumn.Active, {});
      ReportPanel.current = new ReportPanel(panel, extensionUri, log);
    } else {
      ReportPanel.current.panel.reveal();
    }
    ReportPanel.current.update(result);
  }

  /** Refreshes the open panel, if any, with a new diagnosis (or the same one, when workspace trust changed). */
  static refresh(result?: DiagnoseResult): void {
    const current = ReportPanel.current;
    const shown = result ?? current?.result;
    if (current && shown) current.update(shown);
  }

  /** Re-attaches a panel restored after a reload; the webview renders from its saved state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, state: ReportState | undefined): void {
    ReportPanel.current = new ReportPanel(panel, extensionUri, log);
    if (state?.result) ReportPanel.current.update(state.result);
  }

  private update(result: DiagnoseResult): void {
    this.result = result;
    const top = result.diagnosis.hypotheses[0]!;
    this.panel.title = result.diagnosis.detected ? vscode.l10n.t('AOI: {0} in {1}', top.fault, top.component) : vscode.l10n.t('AOI: no fault');
    void this.panel.webview.postMessage({ type: 'show', result, trusted: vscode.workspace.isTrusted } satisfies ReportPush);
  }

  private async answer(msg: ReportRequest): Promise<void> {
    let reply: ReportReply;
    try {
      await this.run(msg);
      reply = { id: msg.id, status: 'success', content: undefined };
    } catch (err) {
      this.log.warn(`report request ${msg.method} failed: ${(err as Error).message}`);
      reply = { id: msg.id, status: 'error', error: (err as Error).message };
    }
    await this.panel.webview.postMessage(reply);
  }

  private async run(msg: ReportRequest): Promise<void> {
    const result = this.result;
    if (!result) throw new Error('no diagnosis is shown');
    switch (msg.method) {
      case 'openEvidence': {
        const folder = vscode.Uri.parse(result.folderUri);
        const target = vscode.Uri.joinPath(folder, ...msg.params.file.split('/'));
        if (!target.path.startsWith(`${folder.path}/`)) throw new Error(`evidence outside the diagnosed folder: ${msg.params.file}`);
        await openEvidence(target, msg.params.line, msg.params.column ?? 1);
        return;
      }
      case 'fixAction': {
        const fix = result.diagnosis.fixes.find((f) => f.id === msg.params.id);
        if (!fix) throw new Error(`expected a fix of the shown diagnosis, got id ${msg.params.id}`);
        const command = FIX_COMMANDS[msg.params.action];
        if (!command) throw new Error(`expected a fix action (${Object.keys(FIX_COMMANDS).join(', ')}), got ${String(msg.params.action)}`);
        await vscode.commands.executeCommand(command, { kind: 'fix', fix, folderUri: result.folderUri } satisfies FixNode);
        return;
      }
      case 'runProbe': {
        const key = msg.params.argv.join('\u0000');
        const probe = result.diagnosis.probes.find((p) => p.argv.join('\u0000') === key && p.status === 'proposed');
        if (!probe) throw new Error(`expected a proposed probe of the shown diagnosis, got ${msg.params.argv.join(' ')}`);
        await vscode.commands.executeCommand('aoi.runProbe', { kind: 'probe', probe, folderUri: result.folderUri, group: 'proposed' } satisfies ProbeNode);
        return;
      }
      default:
        throw new Error(`unknown request ${String((msg as { method: unknown }).method)}`);
    }
  }
}

function html(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${vscode.l10n.t('AOI Incident Report')}</title>
</head>
<body>
<main id="report" aria-live="polite"><p>${vscode.l10n.t('Run “AOI: Diagnose Workspace” to see the report.')}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
