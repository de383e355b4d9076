/**
 * Language-model tools for agents (Copilot Chat's agent mode and others), declared in package.json
 * `languageModelTools`:
 * - `aoi_getFindings`: the last diagnosis (made now when there is none): hypotheses, evidence, probes, fixes;
 * - `aoi_runProbe`: runs one read-only probe through "Run Probe": the same workspace-trust check, the same
 *   confirmation, the server's read-only policy; the agent's host asks its own confirmation first;
 * - `aoi_proposeFix`: the fixes AOI proposes, as diffs, optionally opened in the diff editor; never applied:
 *   approving and applying stay with a person in the Fixes view.
 * Registered only where the editor has the API (`vscode.lm.registerTool`); without it the extension works the same.
 */
import * as vscode from 'vscode';
import { shellLine, type DiagnoseResult, type RunProbeResult } from '../server/protocol';
import { findingsText, fixesText, probeText } from './lm-tool-texts';
import type { FixNode } from './fixes-view';
import type { ProbeNode } from './probes-view';

/** What the tools need of the extension. */
export interface LmToolHost {
  /** The diagnosis shown last. */
  latest(): DiagnoseResult | undefined;
  /** Diagnoses the workspace (with progress and cancel); undefined when cancelled or refused. */
  diagnose(): Promise<DiagnoseResult | undefined>;
}

/** Input of `aoi_runProbe`. */
interface RunProbeInput {
  argv: string[];
}

/** Input of `aoi_proposeFix`. */
interface ProposeFixInput {
  id?: string;
  openReview?: boolean;
}

/** Registers the tools when the language-model API exists; returns nothing to dispose otherwise. */
export function registerLanguageModelTools(host: LmToolHost, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  if (typeof lm?.registerTool !== 'function') {
    log.info('language-model tools not registered: this editor has no vscode.lm.registerTool');
    return [];
  }
  const current = async (): Promise<DiagnoseResult> => {
    const result = host.latest() ?? (await host.diagnose());
    if (!result) throw new Error('AOI has no diagnosis: the workspace has no folder, or the diagnosis was cancelled.');
    return result;
  };
  return [
    lm.registerTool<Record<string, never>>('aoi_getFindings', {
      prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading AOI’s findings') }),
      invoke: async () => text(findingsText(await current())),
    }),
    lm.registerTool<RunProbeInput>('aoi_runProbe', {
      prepareInvocation: (options) => ({
        invocationMessage: vscode.l10n.t('Running the read-only probe {0}', shellLine(options.input.argv ?? [])),
        confirmationMessages: {
          title: vscode.l10n.t('Run a read-only probe?'),
          message: new vscode.MarkdownString().appendCodeblock(shellLine(options.input.argv ?? []), 'shell').appendText(vscode.l10n.t('AOI runs it only if its read-only policy allows it, without a shell, in the diagnosed folder.')),
        },
      }),
      invoke: async (options) => {
        const argv = options.input.argv;
        if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) throw new Error('expected argv, a non-empty array of strings, e.g. ["kubectl", "get", "endpoints", "cart"]');
        const result = await current();
        const probe = result.diagnosis.probes.find((p) => p.argv.join('\u0000') === argv.join('\u0000')) ?? { argv, why: 'asked by a language-model agent', status: 'proposed' as const };
        const answer = await vscode.commands.executeCommand<RunProbeResult | undefined>('aoi.runProbe', { kind: 'probe', probe, folderUri: result.folderUri, group: 'proposed' } satisfies ProbeNode);
        return text(probeText(argv, answer));
      },
    }),
    lm.registerTool<ProposeFixInput>('aoi_proposeFix', {
      prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading the fixes AOI proposes') }),
      invoke: async (options) => {
        const result = await current();
        const fixes = result.diagnosis.fixes.filter((f) => !options.input.id || f.id === options.input.id);
        if (options.input.id && fixes.length === 0) throw new Error(`expected the id of a proposed fix (${result.diagnosis.fixes.map((f) => f.id).join(', ') || 'none proposed'}), got ${options.input.id}`);
        const shown = options.input.openReview && fixes[0]?.kind === 'edit' ? fixes[0] : undefined;
        if (shown) await vscode.commands.executeCommand('aoi.reviewFix', { kind: 'fix', fix: shown, folderUri: result.folderUri } satisfies FixNode);
        return text(fixesText(fixes, shown));
      },
    }),
  ];
}

function text(value: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
}
