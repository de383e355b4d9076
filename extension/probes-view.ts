/**
 * The Probes tree view: the read-only probes of the last diagnosis, grouped as proposed, running, done and
 * refused; each shows its exact command and why, and what its answers would support or rule out. A proposed
 * probe has a Run action; a done one opens its output. In an untrusted workspace the view is empty and its
 * welcome text says why.
 */
import * as vscode from 'vscode';
import { shellLine, type DiagnoseResult, type ProbeSuggestion } from '../server/protocol';
import type { ProbeOutputDocuments } from './probe-output';

/** Command that opens a probe's output document. */
export const OPEN_PROBE_OUTPUT_COMMAND = 'aoi.openProbeOutput';

/** The groups of the view, in order. */
const GROUPS = ['proposed', 'running', 'done', 'refused'] as const;
type Group = (typeof GROUPS)[number];

/** A probe row: the probe, the folder of its diagnosis, and its group. */
export interface ProbeNode {
  kind: 'probe';
  probe: ProbeSuggestion;
  folderUri: string;
  group: Group;
}
type Node = { kind: 'group'; group: Group; count: number } | ProbeNode;

/** Tree data for the `aoi.probes` view. */
export class ProbesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: DiagnoseResult | undefined;
  private readonly running = new Set<string>();

  constructor(private readonly outputs: ProbeOutputDocuments) {}

  /** Shows the probes of a new diagnosis. */
  show(result: DiagnoseResult): void {
    this.result = result;
    this.changed.fire();
  }

  /** Marks `argv` running (or not). */
  setRunning(argv: string[], running: boolean): void {
    if (running) this.running.add(argv.join('\u0000'));
    else this.running.delete(argv.join('\u0000'));
    this.changed.fire();
  }

  /** Redraws (workspace trust granted). */
  refresh(): void {
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!vscode.workspace.isTrusted || !this.result) return [];
    const rows = this.rows();
    if (!node) return GROUPS.map((group): Node => ({ kind: 'group', group, count: rows.filter((r) => r.group === group).length })).filter((g) => g.kind === 'group' && g.count > 0);
    return node.kind === 'group' ? rows.filter((r) => r.group === node.group) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${node.group[0]!.toUpperCase()}${node.group.slice(1)}`, node.group === 'refused' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.count);
      item.contextValue = `probeGroup.${node.group}`;
      return item;
    }
    const p = node.probe;
    const item = new vscode.TreeItem(shellLine(p.argv), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.folderUri}\u0000${p.argv.join('\u0000')}`;
    item.description = description(node);
    item.tooltip = tooltip(p);
    item.contextValue = `probe.${node.group}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.group], node.group === 'refused' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    if (node.group === 'done') item.command = { command: OPEN_PROBE_OUTPUT_COMMAND, title: 'Open Probe Output', arguments: [node] };
    return item;
  }

  private rows(): ProbeNode[] {
    const result = this.result!;
    return result.diagnosis.probes.map((probe): ProbeNode => {
      const group: Group = this.running.has(probe.argv.join('\u0000')) ? 'running' : probe.status === 'proposed' ? 'proposed' : probe.status === 'refused' ? 'refused' : 'done';
      return { kind: 'probe', probe, folderUri: result.folderUri, group };
    });
  }

  /** The output of a done probe: the streamed document of this session, or the diagnosis's copy of it. */
  async openOutput(node: ProbeNode): Promise<void> {
    const uri = this.outputs.latest(node.probe.argv);
    if (uri) {
      await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ content: `$ ${shellLine(node.probe.argv)}\n# ${node.probe.status}\n\n${node.probe.output ?? ''}` });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

const ICONS: Record<Group, string> = { proposed: 'debug-start', running: 'loading~spin', done: 'pass', refused: 'circle-slash' };

function description(node: ProbeNode): string {
  const p = node.probe;
  if (node.group === 'running') return 'running…';
  if (node.group === 'proposed') return p.why;
  if (node.group === 'refused') return p.output ?? 'refused by the read-only policy';
  const exit = p.exitCode !== undefined ? `exit ${p.exitCode}` : p.status;
  return p.effect ? `${exit} · ${p.effect}` : `${exit} · no hypothesis moved`;
}

function tooltip(p: ProbeSuggestion): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendCodeblock(shellLine(p.argv), 'shell');
  md.appendMarkdown(`\n${escape(p.why)}\n`);
  if (p.supports?.length) md.appendMarkdown(`\n**Supports:** ${p.supports.map(escape).join('; ')}\n`);
  if (p.rulesOut?.length) md.appendMarkdown(`\n**Rules out:** ${p.rulesOut.map(escape).join('; ')}\n`);
  if (p.effect) md.appendMarkdown(`\n**Changed:** ${escape(p.effect)}\n`);
  if (p.status === 'refused') md.appendMarkdown(`\n**Refused:** ${escape(p.output ?? '')}\n`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
