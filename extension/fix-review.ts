/**
 * Reviewing fixes in the editor: "Review Fix" opens the diff editor between two read-only virtual documents
 * (the file as it is, and as the fix would leave it, served by the language server); Approve, Reject (which asks
 * for a reason), Apply (after a confirmation naming the file), Undo and Save for Review send `aoi/fixAction`,
 * then show the re-diagnosis. Every action needs a trusted workspace (the command table checks it).
 */
import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import { ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { AoiErrorCode, FixActionRequest, FixContentRequest, shellLine, type DiagnoseResult, type FixAction, type FixContentResult } from '../server/protocol';
import type { FixesView, FixNode } from './fixes-view';

/** The scheme of the two sides of a fix's diff. */
export const FIX_SCHEME = 'aoi-fix';

/** Fix review for the session. */
export class FixReviews implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, Promise<FixContentResult>>();

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private readonly view: FixesView,
    private readonly showResult: (result: DiagnoseResult) => void,
  ) {}

  /** The text of one side of a fix (`aoi-fix:/original/FILE?...` or `/proposed/...`). */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { folderUri, id, side } = parseFixUri(uri);
    const key = `${folderUri}\u0000${id}`;
    if (!this.contents.has(key)) this.contents.set(key, Promise.resolve(this.client.sendRequest(FixContentRequest, { folderUri, id })));
    const content = await this.contents.get(key)!;
    return side === 'original' ? content.original : content.proposed;
  }

  /** Opens the diff editor of a fix (a row of the Fixes view, or its id). */
  async review(arg: unknown): Promise<void> {
    const node = this.nodeOf(arg);
    if (!node) return;
    const { fix, folderUri } = node;
    if (fix.kind === 'command') {
      void vscode.window.showInformationMessage(vscode.l10n.t('AOI: fix {0} runs $ {1}: {2}', fix.id, shellLine(fix.argv ?? []), fix.why));
      return;
    }
    this.contents.delete(`${folderUri}\u0000${fix.id}`);
    const content = await this.client.sendRequest(FixContentRequest, { folderUri, id: fix.id });
    this.contents.set(`${folderUri}\u0000${fix.id}`, Promise.resolve(content));
    if (content.stale) void vscode.window.showWarningMessage(vscode.l10n.t('AOI: {0}; diagnose again for a new proposal.', content.stale));
    const side = (s: 'original' | 'proposed'): vscode.Uri => vscode.Uri.from({ scheme: FIX_SCHEME, path: `/${s}/${fix.file}`, query: new URLSearchParams({ folderUri, id: fix.id }).toString() });
    await vscode.commands.executeCommand('vscode.diff', side('original'), side('proposed'), `${fix.file.split('/').pop()}: fix ${fix.fault} in ${fix.component} (${fix.status})`, { preview: true });
  }

  /** Runs `action` on a fix (a row, or the fix shown in the active diff editor). */
  async act(action: FixAction, arg: unknown): Promise<void> {
    const node = this.nodeOf(arg);
    if (!node) return;
    const { fix, folderUri } = node;
    let comment: string | undefined;
    if (action === 'reject') {
      comment = await vscode.window.showInputBox({ title: vscode.l10n.t('Reject fix {0}', fix.id), prompt: vscode.l10n.t('Why is this fix wrong? (recorded with the rejection; AOI learns from it)'), validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A rejection needs a reason.') : undefined) });
      if (comment === undefined) return;
    } else if (action === 'approve') {
      comment = await vscode.window.showInputBox({ title: vscode.l10n.t('Approve fix {0}', fix.id), prompt: vscode.l10n.t('A comment for the approval (optional; Enter to approve)') });
      if (comment === undefined) return;
    } else if (action === 'apply') {
      const target = fix.kind === 'command' ? `run $ ${shellLine(fix.argv ?? [])}` : `write ${fix.file}`;
      const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.scheme === 'file' && d.uri.toString() === vscode.Uri.joinPath(vscode.Uri.parse(folderUri), fix.file).toString());
      if (dirty) {
        void vscode.window.showWarningMessage(vscode.l10n.t('AOI: {0} has unsaved changes; save or revert them before applying a fix to it.', fix.file));
        return;
      }
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Apply the approved fix {0}?', fix.id), { modal: true, detail: vscode.l10n.t('This will {0}. {1}', target, fix.why) }, 'Apply');
      if (choice !== 'Apply') return;
    }
    try {
      const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AOI: {0} fix {1}', action, fix.id) }, () =>
        this.client.sendRequest(FixActionRequest, { folderUri, id: fix.id, hash: fix.hash, action, by: reviewer(), ...(comment ? { comment: comment.trim() } : {}) }),
      );
      this.contents.delete(`${folderUri}\u0000${fix.id}`);
      this.showResult(answer.result);
      const v = answer.fix.verification;
      const said = action === 'apply' && v ? ` Verification: ${v.cleared ? 'cleared' : 'not cleared'} (${v.detail}).` : '';
      vscode.window.setStatusBarMessage(`$(check) AOI: fix ${fix.id} ${answer.fix.status}.${said}`, 15000);
      if (action === 'apply' && v && !v.cleared) void vscode.window.showWarningMessage(vscode.l10n.t('AOI: fix {0} was applied but the symptom did not clear: {1}', fix.id, v.detail));
    } catch (err) {
      if (err instanceof ResponseError && (err.code === AoiErrorCode.FixRefused || err.code === AoiErrorCode.BadInput)) {
        this.log.warn(`fix ${fix.id} ${action} refused: ${err.message}`);
        void vscode.window.showWarningMessage(`AOI: ${err.message}`);
        return;
      }
      throw err;
    }
  }

  private nodeOf(arg: unknown): FixNode | undefined {
    if (isFixNode(arg)) return arg;
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const node = uri?.scheme === FIX_SCHEME ? this.view.find(parseFixUri(uri).id) : undefined;
    if (!node) void vscode.window.showInformationMessage(vscode.l10n.t('AOI: pick a fix in the Fixes view first.'));
    return node;
  }
}

function parseFixUri(uri: vscode.Uri): { folderUri: string; id: string; side: 'original' | 'proposed' } {
  const q = new URLSearchParams(uri.query);
  return { folderUri: q.get('folderUri') ?? '', id: q.get('id') ?? '', side: uri.path.startsWith('/original/') ? 'original' : 'proposed' };
}

function isFixNode(v: unknown): v is FixNode {
  return typeof v === 'object' && v !== null && (v as FixNode).kind === 'fix' && typeof (v as FixNode).fix?.id === 'string';
}

/** The name verdicts are recorded under: the `aoi.fixes.reviewer` setting, else the user name. */
function reviewer(): string {
  const configured = vscode.workspace.getConfiguration('aoi').get<string>('fixes.reviewer', '').trim();
  return configured || userInfo().username;
}
