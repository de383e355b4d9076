/**
 * The Fixes tree view: the fixes of the last diagnosis grouped by review state (proposed, approved, rejected,
 * applied, verified). A row is the file it changes (or the command it runs), with the hypothesis it fixes; its
 * context value `fix.<status>.<kind>` selects the actions offered (Review, Approve, Reject, Apply, Undo, Save for
 * Review). In an untrusted workspace the view is empty and its welcome text says why.
 */
import * as vscode from 'vscode';
import { shellLine, type DiagnoseResult, type FixProposal, type FixStatus } from '../server/protocol';

/** The groups of the view, in order. */
const GROUPS: readonly FixStatus[] = ['proposed', 'approved', 'rejected', 'applied', 'verified'];

/** A fix row: the fix and the folder it belongs to. */
export interface FixNode {
  kind: 'fix';
  fix: FixProposal;
  folderUri: string;
}
type Node = { kind: 'group'; status: FixStatus; count: number } | FixNode;

/** Tree data for the `aoi.fixes` view. */
export class FixesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: DiagnoseResult | undefined;

  /** Shows the fixes of a new diagnosis. */
  show(result: DiagnoseResult): void {
    this.result = result;
    this.changed.fire();
  }

  /** Redraws (workspace trust granted). */
  refresh(): void {
    this.changed.fire();
  }

  /** The fix of `id` in the last diagnosis. */
  find(id: string): FixNode | undefined {
    const fix = this.result?.diagnosis.fixes.find((f) => f.id === id);
    return fix && this.result ? { kind: 'fix', fix, folderUri: this.result.folderUri } : undefined;
  }

  getChildren(node?: Node): Node[] {
    if (!vscode.workspace.isTrusted || !this.result) return [];
    const fixes = this.result.diagnosis.fixes;
    if (!node) return GROUPS.map((status): Node => ({ kind: 'group', status, count: fixes.filter((f) => f.status === status).length })).filter((g) => g.kind === 'group' && g.count > 0);
    if (node.kind !== 'group') return [];
    return fixes.filter((f) => f.status === node.status).map((fix): FixNode => ({ kind: 'fix', fix, folderUri: this.result!.folderUri }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${node.status[0]!.toUpperCase()}${node.status.slice(1)}`, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.count);
      item.contextValue = `fixGroup.${node.status}`;
      return item;
    }
    const f = node.fix;
    const item = new vscode.TreeItem(f.kind === 'command' ? `$ ${shellLine(f.argv ?? [])}` : f.file, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.folderUri}\u0000${f.id}`;
    item.description = `${f.fault} in ${f.component}${f.review ? ` · ${f.review.verdict} by ${f.review.by}` : ''}`;
    item.tooltip = tooltip(f);
    item.contextValue = `fix.${f.status}.${f.kind}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[f.status]);
    if (f.kind === 'edit') item.command = { command: 'aoi.reviewFix', title: 'Review Fix', arguments: [node] };
    return item;
  }
}

const ICONS: Record<FixStatus, string> = { proposed: 'lightbulb', approved: 'check', rejected: 'close', applied: 'check-all', verified: 'verified' };

function tooltip(f: FixProposal): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(`${f.why}\n\n`);
  md.appendCodeblock(f.diff, f.kind === 'command' ? 'shell' : 'diff');
  if (f.review) md.appendText(`\n${f.review.verdict} by ${f.review.by} at ${f.review.at}${f.review.comment ? `: ${f.review.comment}` : ''}\n`);
  if (f.verification) md.appendText(`\nverification: ${f.verification.cleared ? 'cleared' : 'not cleared'} (${f.verification.detail})\n`);
  md.appendText(`\nsha256 ${f.hash}`);
  return md;
}
