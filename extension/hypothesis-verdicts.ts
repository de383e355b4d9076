/**
 * "Confirm Hypothesis" and "Rule Out Hypothesis" on the Hypotheses view: a person's verdict on a hypothesis,
 * recorded in the folder's trajectory (ruling out asks why). Verdicts are what the exports and the Evolver
 * learn from: a hypothesis ruled out and another confirmed make a corrective pair.
 */
import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HypothesisVerdictRequest, type Hypothesis } from '../server/protocol';

/** A row of the Hypotheses view, as it reaches a command. */
interface HypothesisNode {
  kind: 'hypothesis';
  hypothesis: Hypothesis;
  folderUri: string;
}

/** Records a verdict on the hypothesis of `node`; `after` runs when it was recorded. */
export async function judgeHypothesis(client: LanguageClient, node: unknown, accepted: boolean, after: () => void): Promise<void> {
  if (!isHypothesis(node) || node.hypothesis.fault === 'none') {
    void vscode.window.showInformationMessage(vscode.l10n.t('AOI: pick a hypothesis in the Hypotheses view first.'));
    return;
  }
  const h = node.hypothesis;
  let reason: string | undefined;
  if (!accepted) {
    reason = await vscode.window.showInputBox({ title: vscode.l10n.t('Rule out {0} in {1}', h.fault, h.component), prompt: vscode.l10n.t('What shows it is not this? (recorded with the verdict; AOI learns from it)'), validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Say why, so the verdict can teach something.') : undefined) });
    if (reason === undefined) return;
  }
  const by = vscode.workspace.getConfiguration('aoi').get<string>('fixes.reviewer', '').trim() || userInfo().username;
  const { recorded } = await client.sendRequest(HypothesisVerdictRequest, { folderUri: node.folderUri, fault: h.fault, component: h.component, accepted, by, ...(reason ? { reason: reason.trim() } : {}) });
  if (!recorded) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AOI: trajectory recording is off (aoi.trajectories.enabled); the verdict was not recorded.'));
    return;
  }
  vscode.window.setStatusBarMessage(`$(check) AOI: ${accepted ? 'confirmed' : 'ruled out'} ${h.fault} in ${h.component}`, 10000);
  after();
}

function isHypothesis(v: unknown): v is HypothesisNode {
  return typeof v === 'object' && v !== null && (v as HypothesisNode).kind === 'hypothesis' && typeof (v as HypothesisNode).hypothesis?.fault === 'string';
}
