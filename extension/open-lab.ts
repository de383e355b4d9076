/**
 * "AOI: Open Lab": opens the live incident lab's workspace (the shop's configs, manifests and live logs) in
 * this window, so a person can watch a fault being diagnosed. The lab lives where `aoi lab up` puts it:
 * $AOI_LAB_DIR, else <tmp>/aoi-lab. When it is not created yet, offers to start it in a terminal.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The lab's workspace folder, by the rule `aoi lab` uses for its default root. */
export function labWorkspace(): string {
  return join(process.env['AOI_LAB_DIR'] ?? join(tmpdir(), 'aoi-lab'), 'workspace');
}

export async function openLab(context: vscode.ExtensionContext): Promise<void> {
  const folder = labWorkspace();
  if (!existsSync(folder)) {
    const start = vscode.l10n.t('Start the Lab in a Terminal');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('No AOI lab at {0}: start it with “aoi lab up”, then open it again.', folder), start);
    if (choice !== start) return;
    const terminal = vscode.window.createTerminal({ name: 'AOI Lab' });
    terminal.show();
    terminal.sendText(`"${process.execPath}" "${vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath}" lab up`);
    return;
  }
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder), { forceNewWindow: false });
}
