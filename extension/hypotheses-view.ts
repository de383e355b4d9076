/**
 * The Hypotheses tree view: the ranked hypotheses of the last diagnosis, each with its explanation and
 * evidence; clicking an evidence item opens the file at its line. Above them, a "Live config check" item
 * holds what the folder's configs say right now, updated as the user edits them.
 */
import * as vscode from 'vscode';
import type { DiagnoseResult, Evidence, Hypothesis } from '../server/protocol';

/** Command run when an evidence item is clicked. */
export const OPEN_EVIDENCE_COMMAND = 'aoi.openEvidence';

type Node =
  | { kind: 'live'; result: DiagnoseResult; at: Date }
  | { kind: 'hypothesis'; hypothesis: Hypothesis; rank: number; folderUri: string }
  | { kind: 'explanation'; text: string }
  | { kind: 'evidence'; evidence: Evidence; folderUri: vscode.Uri };

/** Tree data for the `aoi.hypotheses` view. */
export class HypothesesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: DiagnoseResult | undefined;

  /** `probeOutput` finds the output document of a command run in this session (for evidence from probes). */
  constructor(private readonly probeOutput: (commandLine: string) => vscode.Uri | undefined = () => undefined) {}

  private live: { result: DiagnoseResult; at: Date } | undefined;

  /** Shows the hypotheses of a new diagnosis. */
  show(result: DiagnoseResult): void {
    this.result = result;
    this.changed.fire();
  }

  /** Shows the latest live config check (its fault hypotheses only; none clears the item). */
  showLive(result: DiagnoseResult): void {
    const faults = result.diagnosis.hypotheses.filter((h) => h.fault !== 'none');
    this.live = faults.length > 0 ? { result: { ...result, diagnosis: { ...result.diagnosis, hypotheses: faults } }, at: new Date() } : undefined;
    this.changed.fire();
  }

  /** A probe's answer as evidence: the command and the line of its output; opens the output when it is at hand. */
  private probeEvidenceItem(e: Evidence): vscode.TreeItem {
    const command = e.file.slice(PROBE_EVIDENCE_PREFIX.length);
    const item = new vscode.TreeItem(`$ ${command}`, vscode.TreeItemCollapsibleState.None);
    item.description = e.text;
    item.tooltip = e.note ?? e.text;
    item.iconPath = new vscode.ThemeIcon('terminal');
    item.contextValue = 'probeEvidence';
    const uri = this.probeOutput(command);
    if (uri) item.command = { command: 'vscode.open', title: 'Open Probe Output', arguments: [uri] };
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const live: Node[] = this.live ? [{ kind: 'live', ...this.live }] : [];
      const ranked: Node[] = this.result ? this.result.diagnosis.hypotheses.map((hypothesis, rank) => ({ kind: 'hypothesis', hypothesis, rank, folderUri: this.result!.folderUri })) : [];
      return [...live, ...ranked];
    }
    if (node.kind === 'live') return node.result.diagnosis.hypotheses.map((hypothesis) => ({ kind: 'hypothesis', hypothesis, rank: 1, folderUri: node.result.folderUri }));
    if (node.kind !== 'hypothesis') return [];
    const folderUri = vscode.Uri.parse(node.folderUri);
    return [
      { kind: 'explanation', text: node.hypothesis.explanation },
      ...node.hypothesis.evidence.map((evidence): Node => ({ kind: 'evidence', evidence, folderUri })),
    ];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'live': {
        const n = node.result.diagnosis.hypotheses.length;
        const item = new vscode.TreeItem(vscode.l10n.t('Live config check'), vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${n} finding${n === 1 ? '' : 's'} · ${node.at.toLocaleTimeString()}`;
        item.tooltip = vscode.l10n.t('What the configs of the folder say now, checked as you edit them (logs are read by Diagnose Workspace).');
        item.iconPath = new vscode.ThemeIcon('pulse');
        return item;
      }
      case 'hypothesis': {
        const h = node.hypothesis;
        const label = h.fault === 'none' ? 'none (no fault)' : `${h.fault} — ${h.component}`;
        const item = new vscode.TreeItem(label, node.rank === 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${Math.round(h.confidence * 100)}%`;
        item.tooltip = new vscode.MarkdownString().appendText(`${h.explanation}\n\n${h.rca.system_level} / ${h.rca.fault_type}`);
        item.iconPath = new vscode.ThemeIcon(h.fault === 'none' ? 'pass' : node.rank === 0 ? 'error' : 'warning');
        item.contextValue = 'hypothesis';
        return item;
      }
      case 'explanation': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.text;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        if (e.file.startsWith(PROBE_EVIDENCE_PREFIX)) return this.probeEvidenceItem(e);
        const item = new vscode.TreeItem(`${e.file}:${e.line}`, vscode.TreeItemCollapsibleState.None);
        item.description = e.note ?? e.text;
        item.tooltip = e.text;
        item.iconPath = new vscode.ThemeIcon('location');
        item.contextValue = 'evidence';
        const uri = vscode.Uri.joinPath(node.folderUri, ...e.file.split('/'));
        item.resourceUri = uri;
        item.command = { command: OPEN_EVIDENCE_COMMAND, title: 'Open Evidence', arguments: [uri, e.line, e.column ?? 1] };
        return item;
      }
    }
  }
}

/** Evidence from a probe run live names the command, not a file: `probe: redis-cli -h cache PING`. */
const PROBE_EVIDENCE_PREFIX = 'probe: ';

/** Opens `uri` with the cursor at 1-based `line` and `column`. */
export async function openEvidence(uri: vscode.Uri, line: number, column: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}
