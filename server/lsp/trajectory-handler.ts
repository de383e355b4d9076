/**
 * Serves the trajectory requests of the editor: verdicts on hypotheses, the list of sessions of the stores of
 * the open folders, one session's timeline, deleting a session and exporting a dataset. Requests name a store
 * by its path; only the stores the settings give for the open folders are served, so a request cannot read or
 * delete anything else.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { BadInputError, oneLine } from '../errors';
import {
  AoiErrorCode,
  ProgressNotification,
  resolveSettings,
  type ExportTrajectoriesParams,
  type ExportTrajectoriesResult,
  type HypothesisVerdictParams,
  type RawSettings,
  type TrajectoryParams,
  type TrajectoryRead,
  type TrajectoryStoreListing,
} from '../protocol';
import { exportDataset } from '../trajectories/exports/export-dataset';
import { openStore } from '../trajectories/open-store';
import { stepSummary, timeline } from '../trajectories/timeline';
import type { DiagnoseHandler } from './diagnose-handler';
import type { Recording } from './recording';

/** Handles trajectory requests for one connection. */
export class TrajectoryHandler {
  constructor(
    private readonly connection: Connection,
    private readonly recording: Recording,
    private readonly diagnoser: DiagnoseHandler,
    private readonly settings: () => Promise<RawSettings>,
    private readonly folders: () => string[],
  ) {}

  /** `aoi/hypothesisVerdict`. */
  async verdict(p: HypothesisVerdictParams): Promise<{ recorded: boolean } | ResponseError<void>> {
    let folder: string;
    try {
      folder = fileURLToPath(p.folderUri);
    } catch {
      return new ResponseError(AoiErrorCode.BadInput, `not a file URI: ${p.folderUri}`);
    }
    if (!(await this.recording.store(folder))) return { recorded: false };
    const current = this.diagnoser.lastOf(p.folderUri)?.hypotheses ?? [];
    await this.recording.hypothesisVerdict(p.folderUri, folder, { fault: p.fault, component: p.component }, p.accepted, p.by, p.reason, current);
    return { recorded: true };
  }

  /** `aoi/listTrajectories`. */
  async list(): Promise<{ stores: TrajectoryStoreListing[] }> {
    const stores: TrajectoryStoreListing[] = [];
    const seen = new Set<string>();
    for (const { path, folder } of await this.known()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const store = openStore(path);
      const sessions = [];
      for (const s of await store.list()) {
        const read = await store.read(s.header.id);
        const verdicts = read.steps.filter((x) => x.verdict);
        sessions.push({ id: s.header.id, startedAt: s.header.startedAt, source: s.header.source, incident: s.header.incident.name, steps: s.steps, accepted: verdicts.filter((x) => x.verdict!.verdict === 'accepted').length, rejected: verdicts.filter((x) => x.verdict!.verdict === 'rejected').length, problems: s.problems });
      }
      stores.push({ store: path, ...(folder ? { folderUri: pathToFileURL(folder).toString() } : {}), sessions });
    }
    return { stores };
  }

  /** `aoi/readTrajectory`. */
  async read(p: TrajectoryParams): Promise<TrajectoryRead | ResponseError<void>> {
    return this.guard(p.store, async () => {
      const read = await openStore(p.store).read(p.id);
      return { steps: read.steps.map((s) => ({ seq: s.seq, kind: s.kind, at: s.at, summary: stepSummary(s) })), timeline: timeline(read) };
    });
  }

  /** `aoi/deleteTrajectory`. */
  async delete(p: TrajectoryParams): Promise<{ deleted: boolean } | ResponseError<void>> {
    return this.guard(p.store, async () => {
      await openStore(p.store).delete(p.id);
      this.connection.console.info(`deleted trajectory session ${p.id} of ${p.store}`);
      return { deleted: true };
    });
  }

  /** `aoi/exportTrajectories`. */
  async export(p: ExportTrajectoriesParams): Promise<ExportTrajectoriesResult | ResponseError<void>> {
    return this.guard(p.store, async () => {
      const s = resolveSettings(await this.settings());
      const out = fileURLToPath(p.outUri);
      const r = await exportDataset(openStore(p.store, s.redaction), p.format, out, (done, total) => void this.connection.sendNotification(ProgressNotification, { folderUri: p.progressId, message: `read ${done} of ${total} sessions`, done, total }));
      this.connection.console.info(`exported ${r.rows} ${r.format} row(s) from ${p.store} to ${out}`);
      return { rows: r.rows, sessions: r.sessions, episodes: r.episodes, files: r.files };
    });
  }

  /** The stores of the open folders under the current settings (recording on or off: old sessions stay visible). */
  private async known(): Promise<{ path: string; folder?: string }[]> {
    const s = resolveSettings(await this.settings());
    const on = { ...s, trajectories: { ...s.trajectories, enabled: true } };
    return this.folders().map((folder) => ({ path: this.recording.storePath(folder, on)!, folder }));
  }

  /** Runs `f` when `store` is one of the known stores; bad input becomes a one-line error. */
  private async guard<T>(store: string, f: () => Promise<T>): Promise<T | ResponseError<void>> {
    if (!(await this.known()).some((k) => k.path === store)) return new ResponseError(AoiErrorCode.BadInput, `not a trajectory store of the open folders: ${store}`);
    try {
      return await f();
    } catch (err) {
      if (err instanceof BadInputError) return new ResponseError(AoiErrorCode.BadInput, oneLine(err));
      throw err;
    }
  }
}
