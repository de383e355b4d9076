/**
 * The incident report panel host: one webview panel with a strict Content-Security-Policy (no remote
 * loads, scripts only with a nonce), fed the latest diagnosis, answering the webview's typed requests,
 * and restored after a reload by a serializer from the state the webview saved.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { DiagnoseResult, ReportPush, ReportReply, ReportRequest, ReportState } from '../server/protocol';
import { openEvidence } from './hypotheses-view';

/** The webview panel type, also the serializer's key. */
export const REPORT_VIEW_TYPE = 'aoi.report';

/** The one report panel, created on demand. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private result: DiagnoseResult | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'media'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.webview.html = html(panel.webview, extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'aoi.svg');
    panel.webview.onDidReceiveMessage((msg: ReportRequest) => this.answer(msg));
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
  }

  /** Shows the report of `result`, creating the panel or revealing the existing one. */
  static show(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, result: DiagnoseResult): void {
    if (!ReportPanel.current) {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'AOI Incident Report', vscode.ViewColumn.Active, {});
      ReportPanel.current = new ReportPanel(panel, extensionUri, log);
    } else {
      ReportPanel.current.panel.reveal();
    }
    ReportPanel.current.update(result);
  }

  /** Refreshes the open panel, if any, with a new diagnosis. */
  static refresh(result: DiagnoseResult): void {
    ReportPanel.current?.update(result);
  }

  /** Re-attaches a panel restored after a reload; the webview renders from its saved state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, state: ReportState | undefined): void {
    ReportPanel.current = new ReportPanel(panel, extensionUri, log);
    if (state?.result) ReportPanel.current.result = state.result;
  }

  private update(result: DiagnoseResult): void {
    this.result = result;
    this.panel.title = `AOI: ${result.diagnosis.detected ? `${result.diagnosis.hypotheses[0]!.fault} in ${result.diagnosis.hypotheses[0]!.component}` : 'no fault'}`;
    void this.panel.webview.postMessage({ type: 'show', result } satisfies ReportPush);
  }

  private async answer(msg: ReportRequest): Promise<void> {
    let reply: ReportReply;
    try {
      if (msg.method !== 'openEvidence') throw new Error(`unknown request ${String((msg as { method: unknown }).method)}`);
      if (!this.result) throw new Error('no diagnosis to open evidence from');
      const folder = vscode.Uri.parse(this.result.folderUri);
      const target = vscode.Uri.joinPath(folder, ...msg.params.file.split('/'));
      if (!target.path.startsWith(`${folder.path}/`)) throw new Error(`evidence outside the diagnosed folder: ${msg.params.file}`);
      await openEvidence(target, msg.params.line, msg.params.column ?? 1);
      reply = { id: msg.id, status: 'success', content: undefined };
    } catch (err) {
      this.log.warn(`report request failed: ${(err as Error).message}`);
      reply = { id: msg.id, status: 'error', error: (err as Error).message };
    }
    await this.panel.webview.postMessage(reply);
  }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'report.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>AOI Incident Report</title>
</head>
<body>
<main id="report" aria-live="polite"><p>Run “AOI: Diagnose Workspace” to see the report.</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
