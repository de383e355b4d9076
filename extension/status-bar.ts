/**
 * The AOI status bar item: the last diagnosis's verdict, the model that ranked it (from `Diagnosis.model`),
 * the execution provider it ran on, and when it was made. Clicking it opens the incident report.
 */
import * as vscode from 'vscode';
import type { DiagnoseResult } from '../server/protocol';

/** The item's id (users can hide it by this id from the status bar's context menu). */
export const STATUS_BAR_ID = 'aoi.status';

/** One status bar item for the window. */
export class DiagnosisStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = vscode.l10n.t('AOI Diagnosis');
    this.item.text = '$(pulse) AOI';
    this.item.tooltip = vscode.l10n.t('AOI: no diagnosis yet. Run “AOI: Diagnose Workspace”.');
    this.item.command = 'aoi.diagnoseWorkspace';
    this.item.show();
  }

  /** Shows the model, execution provider and time of `result`, made now. */
  show(result: DiagnoseResult, at = new Date()): void {
    const d = result.diagnosis;
    const top = d.hypotheses[0]!;
    const verdict = d.detected ? vscode.l10n.t('{0} in {1} ({2}%)', top.fault, top.component, Math.round(top.confidence * 100)) : vscode.l10n.t('no fault found');
    const model = d.model.name === 'none' ? vscode.l10n.t('expert rules') : `${d.model.name}${d.model.version ? ` ${d.model.version}` : ''}`;
    const provider = d.model.executionProvider === 'none' ? vscode.l10n.t('no model') : d.model.executionProvider;
    const time = at.toLocaleTimeString();
    this.item.text = `$(${d.detected ? 'warning' : 'pass'}) AOI: ${verdict} · ${model} · ${provider} · ${time}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.l10n.t('Last diagnosis: {0}, at {1}', verdict, at.toLocaleString()));
    tooltip.appendText(`\n\n${vscode.l10n.t('Model: {0} · execution provider: {1} · inference {2} ms', model, provider, Math.round(d.model.inferenceMs))}`);
    tooltip.appendText(`\n\n${vscode.l10n.t('Click to open the incident report.')}`);
    this.item.tooltip = tooltip;
    this.item.command = 'aoi.openReport';
    this.item.backgroundColor = d.detected ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
