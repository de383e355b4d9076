/**
 * The Trajectories view: the recorded sessions of the open folders' stores (newest first), each with its
 * steps in one line; open a session as a readable timeline (a read-only Markdown document), delete one (after a
 * confirmation), export a store as a dataset with progress. The data comes from the language server.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DeleteTrajectoryRequest,
  ExportTrajectoriesRequest,
  ListTrajectoriesRequest,
  ProgressNotification,
  ReadTrajectoryRequest,
  type TrajectoryStoreListing,
  type TrajectorySummary,
} from '../server/protocol';

/** The scheme of session timeline documents. */
export const TRAJECTORY_SCHEME = 'aoi-trajectory';

/** A session row. */
export interface SessionNode {
  kind: 'session';
  store: string;
  session: TrajectorySummary;
}
type Node = { kind: 'store'; listing: TrajectoryStoreListing } | SessionNode | { kind: 'step'; seq: number; summary: string; at: string };

/** Tree data for `aoi.trajectories`, and the content of timeline documents. */
export class TrajectoriesView implements vscode.TreeDataProvider<Node>, vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Lists the sessions again (after a diagnosis, a verdict, a delete). */
  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const { stores } = await this.client.sendRequest(ListTrajectoriesRequest, {});
      const withSessions = stores.filter((s) => s.sessions.length > 0);
      if (withSessions.length === 1) return withSessions[0]!.sessions.map((session): Node => ({ kind: 'session', store: withSessions[0]!.store, session }));
      return withSessions.map((listing): Node => ({ kind: 'store', listing }));
    }
    if (node.kind === 'store') return node.listing.sessions.map((session): Node => ({ kind: 'session', store: node.listing.store, session }));
    if (node.kind === 'session') {
      const read = await this.client.sendRequest(ReadTrajectoryRequest, { store: node.store, id: node.session.id });
      return read.steps.map((s): Node => ({ kind: 'step', seq: s.seq, summary: s.summary, at: s.at }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'store') {
      const item = new vscode.TreeItem(node.listing.folderUri ? vscode.workspace.asRelativePath(vscode.Uri.parse(node.listing.folderUri), true) : node.listing.store, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.listing.sessions.length} session(s)`;
      item.tooltip = node.listing.store;
      item.contextValue = 'trajectoryStore';
      return item;
    }
    if (node.kind === 'session') {
      const s = node.session;
      const item = new vscode.TreeItem(`${s.incident} · ${new Date(s.startedAt).toLocaleString()}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${s.source} · ${s.steps} steps · ${s.accepted} accepted · ${s.rejected} rejected${s.problems ? ` · ${s.problems} skipped` : ''}`;
      item.tooltip = `Session ${s.id}`;
      item.id = `${node.store}\u0000${s.id}`;
      item.contextValue = 'trajectorySession';
      item.iconPath = new vscode.ThemeIcon(s.rejected > 0 ? 'history' : 'record');
      item.command = { command: 'aoi.openTrajectory', title: 'Open Trajectory', arguments: [node] };
      return item;
    }
    const item = new vscode.TreeItem(`${node.seq}. ${node.summary}`, vscode.TreeItemCollapsibleState.None);
    item.tooltip = `${node.at}\n${node.summary}`;
    return item;
  }

  /** The Markdown timeline of `aoi-trajectory:/<id>.md?store=...`. */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const store = new URLSearchParams(uri.query).get('store') ?? '';
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    return (await this.client.sendRequest(ReadTrajectoryRequest, { store, id })).timeline;
  }

  /** Opens a session's timeline. */
  async open(node: unknown): Promise<void> {
    if (!isSession(node)) return;
    const uri = vscode.Uri.from({ scheme: TRAJECTORY_SCHEME, path: `/${node.session.id}.md`, query: new URLSearchParams({ store: node.store }).toString() });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  /** Deletes a session after a confirmation. */
  async delete(node: unknown): Promise<void> {
    if (!isSession(node)) return;
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the recorded session of {0} ({1} steps)?', node.session.incident, node.session.steps), { modal: true, detail: vscode.l10n.t('Its steps and verdicts are removed from the trajectory store; exports made before keep them.') }, 'Delete');
    if (choice !== 'Delete') return;
    await this.client.sendRequest(DeleteTrajectoryRequest, { store: node.store, id: node.session.id });
    this.refresh();
  }

  /** Exports a store (the one of `node`, or the only one) in a format the user picks, into a folder they pick. */
  async export(node: unknown): Promise<void> {
    const { stores } = await this.client.sendRequest(ListTrajectoriesRequest, {});
    const candidates = stores.filter((s) => s.sessions.length > 0);
    const store = isSession(node) ? node.store : (candidates.length === 1 ? candidates[0] : await pickStore(candidates))?.store;
    if (!store) {
      if (candidates.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('AOI: no recorded trajectories yet. Diagnose a folder first.'));
      return;
    }
    const format = await vscode.window.showQuickPick(
      [
        { label: 'sft', description: 'chat messages per accepted trajectory (TRL SFTTrainer, OpenAI fine-tuning)' },
        { label: 'dpo', description: 'prompt / chosen / rejected pairs' },
        { label: 'kto', description: 'prompt / completion / label per verdict' },
        { label: 'grpo', description: 'prompts with reward metadata' },
      ],
      { title: vscode.l10n.t('Export trajectories as') },
    );
    if (!format) return;
    const out = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Export Here' });
    if (!out?.[0]) return;
    const progressId = `export:${randomUUID()}`;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AOI: exporting {0}', format.label) }, async (progress) => {
      const sub = this.client.onNotification(ProgressNotification, (p) => {
        if (p.folderUri === progressId) progress.report({ message: p.message });
      });
      try {
        return await this.client.sendRequest(ExportTrajectoriesRequest, { store, format: format.label as 'sft', outUri: out[0]!.toString(), progressId });
      } finally {
        sub.dispose();
      }
    });
    void vscode.window.showInformationMessage(vscode.l10n.t('AOI: exported {0} {1} row(s) from {2} session(s) to {3}.', result.rows, format.label, result.sessions, out[0]!.fsPath));
  }
}

async function pickStore(stores: TrajectoryStoreListing[]): Promise<TrajectoryStoreListing | undefined> {
  const picked = await vscode.window.showQuickPick(stores.map((s) => ({ label: s.folderUri ? vscode.workspace.asRelativePath(vscode.Uri.parse(s.folderUri), true) : s.store, description: `${s.sessions.length} session(s)`, s })), { title: vscode.l10n.t('Which trajectory store?') });
  return picked?.s;
}

function isSession(node: unknown): node is SessionNode {
  return typeof node === 'object' && node !== null && (node as SessionNode).kind === 'session';
}
