/**
 * "AOI: Open Example Incident" (the walkthrough's first step): copies the incident bundle shipped with the
 * extension (examples/k8s-cart-targetport, a Service whose targetPort no pod listens on) into the extension's
 * global storage, so the shipped copy stays pristine and fixes can be applied to the copy, and opens it.
 */
import * as vscode from 'vscode';

/** The bundle shipped in the VSIX. */
export const EXAMPLE_INCIDENT = 'k8s-cart-targetport';

/** Copies the example into global storage (replacing an earlier copy) and opens it in this window. */
export async function openExampleIncident(context: vscode.ExtensionContext): Promise<void> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples', EXAMPLE_INCIDENT);
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'examples', EXAMPLE_INCIDENT);
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Open the example incident “{0}”? A fresh copy opens in this window.', EXAMPLE_INCIDENT),
    { modal: true, detail: vscode.l10n.t('Copied to {0}. Then run “AOI: Diagnose Workspace”.', target.fsPath) },
    vscode.l10n.t('Open'),
  );
  if (!choice) return;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(context.globalStorageUri, 'examples'));
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
}
