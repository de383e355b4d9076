/**
 * Serves `aoi/runProbe`: checks the argv with the read-only policy built from the settings, runs it through the
 * probe runner in the folder (no shell, scrubbed environment, timeout, output cap), streams the output, keeps
 * the answer for the folder and re-diagnoses it. The server never runs a probe on its own.
 */
import { fileURLToPath } from 'node:url';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { ProbePolicy } from '../agents/probes/policy';
import { ProbeRunner } from '../agents/probes/runner';
import { AoiErrorCode, ProbeOutputNotification, resolveSettings, type RawSettings, type RunProbeParams, type RunProbeResult } from '../protocol';
import type { DiagnoseHandler } from './diagnose-handler';
import type { ProbeAnswers } from './probe-answers';
import type { Recording } from './recording';

/** Handles probe runs for one connection. */
export class ProbeHandler {
  constructor(
    private readonly connection: Connection,
    private readonly answers: ProbeAnswers,
    private readonly diagnoser: DiagnoseHandler,
    private readonly settings: () => Promise<RawSettings>,
    private readonly recording: Recording,
  ) {}

  /** The request handler. */
  async handle(params: RunProbeParams, token: CancellationToken): Promise<RunProbeResult | ResponseError<void>> {
    let folder: string;
    try {
      folder = fileURLToPath(params.folderUri);
    } catch {
      return new ResponseError(AoiErrorCode.BadInput, `not a file URI: ${params.folderUri}`);
    }
    if (!Array.isArray(params.argv) || params.argv.some((a) => typeof a !== 'string')) return new ResponseError(AoiErrorCode.BadInput, 'argv must be a list of strings');
    const settings = resolveSettings(await this.settings());
    const policy = new ProbePolicy({ extraAllowed: settings.probes.extraAllowed });
    for (const problem of policy.settingsProblems) this.connection.console.warn(`aoi.probes.${problem}`);
    const runner = new ProbeRunner(policy, { cwd: folder, timeoutMs: settings.probes.timeoutSeconds * 1000 });
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      const outcome = await runner.run(params.argv, abort.signal, (stream, text) => void this.connection.sendNotification(ProbeOutputNotification, { runId: params.runId, stream, text }));
      const run: RunProbeResult['run'] = { status: outcome.status === 'replayed' || outcome.status === 'not recorded' ? 'failed' : outcome.status, reason: outcome.reason, durationMs: outcome.durationMs };
      if (outcome.exitCode !== undefined) run.exitCode = outcome.exitCode;
      if (outcome.truncatedBytes) run.truncatedBytes = outcome.truncatedBytes;
      this.connection.console.info(`probe ${params.argv.join(' ')}: ${outcome.status}${outcome.exitCode !== undefined ? ` (exit ${outcome.exitCode})` : ''} ${outcome.reason === 'ran' ? '' : outcome.reason}`.trimEnd());
      if (outcome.status === 'refused' || outcome.status === 'cancelled') return { run };
      this.answers.add(params.folderUri, outcome);
      const result = await this.diagnoser.diagnoseFolder(params.folderUri, token);
      if (result instanceof ResponseError) return result;
      const asked = result.diagnosis.probes.find((p) => p.argv.join('\u0000') === params.argv.join('\u0000'));
      if (asked) await this.recording.probe(params.folderUri, folder, asked, result.diagnosis.hypotheses);
      return { run, result };
    } catch (err) {
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'probe cancelled');
      throw err;
    } finally {
      subscription.dispose();
    }
  }
}
