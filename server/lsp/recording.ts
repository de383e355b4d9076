/**
 * Trajectory recording in the language server: one session per diagnosed folder for as long as the server
 * runs, in the store the settings choose (`.aoi/trajectories/` of the folder, or the extension's global
 * storage), redacted as they say. Diagnoses, probes run from the editor, fix verdicts and applies, and
 * verdicts on hypotheses become steps. Recording never fails a request: a problem is logged, once per folder.
 */
import { join } from 'node:path';
import type { InitialObservation } from '../diagnose';
import type { ExecutorEvent } from '../agents/executor/executor';
import { oneLine } from '../errors';
import { resolveSettings, type AoiSettings, type Diagnosis, type FaultLabel, type Hypothesis, type ProbeSuggestion, type RawSettings } from '../protocol';
import { ReviewStore, STATE_FOLDER } from '../agents/executor/review-store';
import { openStore } from '../trajectories/open-store';
import { SessionRecorder } from '../trajectories/recorder';
import type { TrajectoryStore } from '../trajectories/store';
import { readStoreGuidance } from '../trajectories/evolver/evolved-files';
import type { GuidanceEntry } from '../trajectories/evolver/guidance-entry';

/** Records the editor's sessions. */
export class Recording {
  private readonly sessions = new Map<string, Promise<SessionRecorder>>();
  private readonly failed = new Set<string>();
  /** Workspace stores whose `.aoi/.gitignore` is already in place. */
  private readonly ignored = new Set<string>();

  constructor(
    private readonly settings: () => Promise<RawSettings>,
    /** The extension's global storage folder, when the client gave one. */
    private readonly globalStorage: () => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** The store the settings choose for `folder`, or undefined when recording is off. */
  storePath(folder: string, s: AoiSettings): string | undefined {
    if (!s.trajectories.enabled) return undefined;
    const global = this.globalStorage();
    if (s.trajectories.location === 'global' && global) return join(global, 'trajectories');
    return join(folder, STATE_FOLDER, 'trajectories');
  }

  /**
   * The store for `folder` under the current settings, or undefined. A store in the workspace gets the
   * `.aoi/.gitignore` that keeps local trajectories out of git.
   */
  async store(folder: string): Promise<TrajectoryStore | undefined> {
    const s = resolveSettings(await this.settings());
    const path = this.storePath(folder, s);
    if (!path) return undefined;
    const store = openStore(path, s.redaction, { maxStoreBytes: s.trajectories.maxStoreMB * 1024 * 1024 });
    if (path === join(folder, STATE_FOLDER, 'trajectories') && !this.ignored.has(path)) {
      await new ReviewStore(folder).ensure('trajectories');
      this.ignored.add(path);
    }
    return store;
  }

  /** The team guidance to diagnose `folder` with (none when guidance is off or nothing was evolved). */
  async guidance(folder: string, raw: RawSettings): Promise<GuidanceEntry[] | undefined> {
    const s = resolveSettings(raw);
    const path = this.storePath(folder, { ...s, trajectories: { ...s.trajectories, enabled: true } });
    if (!s.guidance.enabled || !path) return undefined;
    try {
      return await readStoreGuidance(path);
    } catch (err) {
      // No guidance file yet is the normal case until someone runs the Evolver.
      if (!/^no guidance file/.test(oneLine(err))) this.log(`team guidance of ${path} not used: ${oneLine(err)}`);
      return undefined;
    }
  }

  /** Records a diagnosis of the folder (probes are recorded as they run). */
  diagnosis(folderUri: string, folder: string, d: Diagnosis, first: InitialObservation | undefined): Promise<void> {
    return this.with(folderUri, folder, first?.hypotheses ?? d.hypotheses, (r) => r.diagnosis(d, first, { probes: false }));
  }

  /** Records a probe run from the editor, with the ranking it led to. */
  probe(folderUri: string, folder: string, p: ProbeSuggestion, after: Hypothesis[]): Promise<void> {
    return this.with(folderUri, folder, after, (r) => r.probe(p, after));
  }

  /** Records a verdict, apply or undo of the executor. */
  executor(folderUri: string, folder: string, e: ExecutorEvent, current: Hypothesis[]): Promise<void> {
    return this.with(folderUri, folder, current, (r) => r.executor(e));
  }

  /** Records a person's verdict on a hypothesis. */
  hypothesisVerdict(folderUri: string, folder: string, h: { fault: FaultLabel; component: string }, accepted: boolean, by: string, reason: string | undefined, current: Hypothesis[]): Promise<void> {
    return this.with(folderUri, folder, current, (r) => r.hypothesisVerdict(h, accepted, by, reason));
  }

  /** Runs `f` on the folder's session, starting it (about `first`) when there is none yet. */
  private async with(folderUri: string, folder: string, first: Hypothesis[], f: (r: SessionRecorder) => Promise<void>): Promise<void> {
    try {
      const store = await this.store(folder);
      if (!store) return;
      let session = this.sessions.get(folderUri);
      if (!session) {
        session = SessionRecorder.start(store, { source: 'editor', folder }, first);
        this.sessions.set(folderUri, session);
        session.catch(() => this.sessions.delete(folderUri));
      }
      await f(await session);
    } catch (err) {
      if (!this.failed.has(folderUri)) this.log(`recording the trajectory of ${folder} failed: ${oneLine(err)}`);
      this.failed.add(folderUri);
    }
  }
}
