/**
 * Serves `aoi/diagnose`: runs the engine on the folder, reports progress, publishes the evidence as
 * Problems entries (clearing what an earlier run of the same folder published), and answers with the
 * diagnosis. Expected failures become `ResponseError`s with a one-line message, never a crash.
 */
import { fileURLToPath } from 'node:url';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { diagnose, type InitialObservation } from '../diagnose';
import { FixWorkflow } from '../fixes';
import { BadInputError, isAbort, oneLine } from '../errors';
import { AoiErrorCode, ProgressNotification, resolveSettings, type RawSettings, type DiagnoseParams, type DiagnoseResult, type Diagnosis } from '../protocol';
import { ProbePolicy } from '../agents/probes/policy';
import type { ProbeAnswers } from './probe-answers';
import type { Recording } from './recording';
import { diagnosticsByUri } from './diagnostics';
import type { DiagnosticStore } from './diagnostic-store';
import { chooseModel } from '../model/model-choice';

/** Least time between two progress notifications. */
const PROGRESS_INTERVAL_MS = 100;

/** Handles diagnose requests for one connection; remembers what it published per folder. */
export class DiagnoseHandler {
  private readonly published = new Map<string, Set<string>>();
  private readonly last = new Map<string, Diagnosis>();

  constructor(
    private readonly connection: Connection,
    private readonly diagnostics: DiagnosticStore,
    private readonly settings: () => Promise<RawSettings>,
    private readonly answers: ProbeAnswers,
    private readonly recording: Recording,
  ) {}

  /** The folder's last diagnosis in this server, if any. */
  lastOf(folderUri: string): Diagnosis | undefined {
    return this.last.get(folderUri);
  }

  /** The request handler. */
  handle(params: DiagnoseParams, token: CancellationToken): Promise<DiagnoseResult | ResponseError<void>> {
    return this.diagnoseFolder(params.folderUri, token);
  }

  /**
   * Diagnoses the folder with the answers of the probes run for it so far, marks proposed probes the policy
   * refuses here, publishes the Problems entries and reports progress.
   */
  async diagnoseFolder(folderUri: string, token: CancellationToken): Promise<DiagnoseResult | ResponseError<void>> {
    const params = { folderUri };
    let folder: string;
    try {
      folder = fileURLToPath(params.folderUri);
    } catch {
      return new ResponseError(AoiErrorCode.BadInput, `not a file URI: ${params.folderUri}`);
    }
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    let lastProgress = 0;
    try {
      const settings = await this.settings();
      const guidance = await this.recording.guidance(folder, settings);
      let first: InitialObservation | undefined;
      const chosen = resolveSettings(settings).model;
      const model = chooseModel(chosen.path, chosen.executionProvider);
      if ('none' in model && chosen.path !== 'none') this.connection.console.warn(`model: ${model.none}`);
      const diagnosis = await diagnose(folder, {
        ...('scorer' in model ? { model: { scorer: model.scorer } } : {}),
        ...(guidance ? { guidance } : {}),
        observe: (o) => (first = o),
        settings,
        answered: this.answers.of(params.folderUri),
        policy: new ProbePolicy({ extraAllowed: resolveSettings(settings).probes.extraAllowed }),
        signal: abort.signal,
        onProgress: (message, done, total) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          void this.connection.sendNotification(ProgressNotification, { folderUri: params.folderUri, message, done, total });
        },
      });
      // The fixes as they stand in review: stored records (also ones a teammate saved) and the new proposals.
      const fixes = await new FixWorkflow(folder).list(diagnosis);
      diagnosis.fixes = fixes.fixes;
      for (const problem of fixes.problems) this.connection.console.warn(`review record skipped: ${problem}`);
      await this.recording.diagnosis(params.folderUri, folder, diagnosis, first);
      this.last.set(params.folderUri, diagnosis);
      const byUri = diagnosticsByUri(folder, diagnosis);
      await this.diagnostics.replaceAll('diagnosis', this.published.get(params.folderUri) ?? [], byUri);
      this.published.set(params.folderUri, new Set(byUri.keys()));
      this.connection.console.info(
        `diagnosed ${folder}: ${diagnosis.hypotheses[0]!.fault} ${diagnosis.hypotheses[0]!.component} (${diagnosis.timings.totalMs} ms, ${diagnosis.notes.length} note(s))`,
      );
      return { folderUri: params.folderUri, diagnosis };
    } catch (err) {
      if (isAbort(err) || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'diagnosis cancelled');
      if (err instanceof BadInputError) return new ResponseError(AoiErrorCode.BadInput, oneLine(err));
      this.connection.console.error(`diagnosis of ${folder} failed: ${(err as Error).stack ?? String(err)}`);
      return new ResponseError(ErrorCodes.InternalError, `internal error: ${oneLine(err)}`);
    } finally {
      subscription.dispose();
    }
  }
}
