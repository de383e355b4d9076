/**
 * The custom messages of trajectory recording in the editor: verdicts on hypotheses, the sessions of the
 * stores, one session's timeline, deleting a session, exporting a dataset.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { FaultLabel } from './faults';

/** Parameters of `aoi/hypothesisVerdict`. */
export interface HypothesisVerdictParams {
  folderUri: string;
  fault: FaultLabel;
  component: string;
  /** True when the person confirms the hypothesis, false when they rule it out. */
  accepted: boolean;
  by: string;
  reason?: string;
}

/**
 * Sent by the extension when a person confirms or rules out a hypothesis (Hypotheses view): the server
 * records the verdict in the folder's session. Answers whether it was recorded (false when recording is off).
 */
export const HypothesisVerdictRequest = new RequestType<HypothesisVerdictParams, { recorded: boolean }, void>('aoi/hypothesisVerdict');

/** A session as the Trajectories view lists it. */
export interface TrajectorySummary {
  id: string;
  startedAt: string;
  source: string;
  incident: string;
  steps: number;
  accepted: number;
  rejected: number;
  /** Lines of the session skipped as torn or invalid. */
  problems: number;
}

/** The sessions of one store. */
export interface TrajectoryStoreListing {
  /** The store folder (absolute path): what the other requests take as `store`. */
  store: string;
  /** The workspace folder it belongs to, for a workspace store. */
  folderUri?: string;
  sessions: TrajectorySummary[];
}

/** Sent by the extension to fill the Trajectories view: the stores of the open folders and their sessions, newest first. */
export const ListTrajectoriesRequest = new RequestType<Record<string, never>, { stores: TrajectoryStoreListing[] }, void>('aoi/listTrajectories');

/** Parameters of the requests about one session. */
export interface TrajectoryParams {
  store: string;
  id: string;
}

/** One session: its steps in one line each, and its Markdown timeline. */
export interface TrajectoryRead {
  steps: { seq: number; kind: string; at: string; summary: string }[];
  timeline: string;
}

/** Sent by the extension to show a session (tree children, timeline document). Only stores the server listed. */
export const ReadTrajectoryRequest = new RequestType<TrajectoryParams, TrajectoryRead, void>('aoi/readTrajectory');

/** Sent by the extension when a person deletes a session (after confirming). Only stores the server listed. */
export const DeleteTrajectoryRequest = new RequestType<TrajectoryParams, { deleted: boolean }, void>('aoi/deleteTrajectory');

/** Parameters of `aoi/exportTrajectories`. */
export interface ExportTrajectoriesParams {
  store: string;
  format: 'sft' | 'dpo' | 'kto' | 'grpo';
  /** The folder to write, as a `file:` URI (created if missing). */
  outUri: string;
  /** Chosen by the client: `aoi/progress` notifications of this export carry it as `folderUri`. */
  progressId: string;
}

/** What an export wrote. */
export interface ExportTrajectoriesResult {
  rows: number;
  sessions: number;
  episodes: number;
  files: string[];
}

/** Sent by the extension's "Export Trajectories" command: writes the dataset and its card, reporting progress. */
export const ExportTrajectoriesRequest = new RequestType<ExportTrajectoriesParams, ExportTrajectoriesResult, void>('aoi/exportTrajectories');
