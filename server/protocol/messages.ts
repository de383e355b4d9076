/**
 * Every custom message between the extension and the language server, declared once.
 * Method names start with `aoi/`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Diagnosis, FixProposal } from './diagnosis';

/** Parameters of `aoi/diagnose`. */
export interface DiagnoseParams {
  /** The folder to diagnose, as a `file:` URI. */
  folderUri: string;
}

/** Result of `aoi/diagnose`: the diagnosis plus the folder it is about. */
export interface DiagnoseResult {
  folderUri: string;
  diagnosis: Diagnosis;
}

/**
 * Sent by the extension when the user runs "AOI: Diagnose Workspace" (or on a folder in the Explorer).
 * The server diagnoses the folder, publishes Problems entries for the evidence lines, and answers with the
 * diagnosis. Cancellable through the request's cancellation. Fails with an `AoiErrorCode` and a one-line
 * message on bad input (missing folder, nothing to read).
 */
export const DiagnoseRequest = new RequestType<DiagnoseParams, DiagnoseResult, void>('aoi/diagnose');

/** Parameters of `aoi/progress`. */
export interface ProgressParams {
  folderUri: string;
  /** What is being done now, e.g. "reading logs/nginx/error.log". */
  message: string;
  /** Files done so far and in all. */
  done: number;
  total: number;
}

/** Sent by the server while a diagnosis runs, at most every 100 ms, so the client can show progress. */
export const ProgressNotification = new NotificationType<ProgressParams>('aoi/progress');

/**
 * Sent by the server after each live check of a folder's configs (as the user edits a manifest, a compose
 * file, nginx.conf, ...): the config-only diagnosis of the folder, so views can show what the configs say now.
 */
export const ConfigCheckNotification = new NotificationType<DiagnoseResult>('aoi/configCheck');

/** Parameters of `aoi/runProbe`. */
export interface RunProbeParams {
  /** The diagnosed folder the probe is about (its working directory), as a `file:` URI. */
  folderUri: string;
  /** The exact command, as proposed. */
  argv: string[];
  /** Chosen by the client; output notifications of this run carry it. */
  runId: string;
}

/** How a probe run ended (no output: that was streamed, and is in the diagnosis's probe entry). */
export interface ProbeRunSummary {
  status: 'ran' | 'refused' | 'timed out' | 'cancelled' | 'failed';
  /** The policy's reason for a refusal, the limit for a timeout, `ran` otherwise. */
  reason: string;
  exitCode?: number;
  durationMs: number;
  /** Output bytes beyond the cap, dropped. */
  truncatedBytes?: number;
}

/** Result of `aoi/runProbe`: how the run ended and, when it produced evidence, the folder's new diagnosis. */
export interface RunProbeResult {
  run: ProbeRunSummary;
  /** The diagnosis with this answer and the earlier ones of the session (absent for a refusal or cancellation). */
  result?: DiagnoseResult;
}

/**
 * Sent by the extension when the user runs a proposed probe from the Probes view (in a trusted workspace,
 * after confirming). The server checks the argv with the read-only policy (built-in list plus the
 * `aoi.probes.extraAllowed` setting), runs it through the probe runner in the folder, streams its output as
 * `aoi/probeOutput`, keeps the answer for the folder, and re-diagnoses the folder with every answer so far.
 * Cancellable through the request's cancellation (the probe is killed).
 */
export const RunProbeRequest = new RequestType<RunProbeParams, RunProbeResult, void>('aoi/runProbe');

/** Parameters of `aoi/probeOutput`. */
export interface ProbeOutputParams {
  runId: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Output of a running probe, as it arrives. */
export const ProbeOutputNotification = new NotificationType<ProbeOutputParams>('aoi/probeOutput');

/** What a reviewer does with a fix. */
export type FixAction = 'save' | 'approve' | 'reject' | 'apply' | 'undo';

/** Parameters of `aoi/fixAction`. */
export interface FixActionParams {
  /** The diagnosed folder the fix belongs to, as a `file:` URI. */
  folderUri: string;
  /** The fix id (12 hex digits). */
  id: string;
  /** The hash the client showed the reviewer: the server refuses when the fix it holds has another one. */
  hash: string;
  action: FixAction;
  /** The reviewer (or who applies / undoes / asks for review). */
  by: string;
  /** The approval's comment, or the rejection's reason (required for `reject`). */
  comment?: string;
}

/** Result of `aoi/fixAction`: the fix as it stands now, and the folder's diagnosis after the action. */
export interface FixActionResult {
  fix: FixProposal;
  result: DiagnoseResult;
}

/**
 * Sent by the extension when a reviewer saves, approves, rejects, applies or undoes a fix (Fixes view, diff
 * editor title, report panel), in a trusted workspace. The server runs the action through the executor and its
 * approval gate (`aoi.fixes.reviewPolicy`), records it in the fix's review file, verifies an applied fix by
 * re-diagnosis, and answers with the new diagnosis. A refusal of the gate fails with `AoiErrorCode.FixRefused`
 * and the gate's reason.
 */
export const FixActionRequest = new RequestType<FixActionParams, FixActionResult, void>('aoi/fixAction');

/** Parameters of `aoi/fixContent`. */
export interface FixContentParams {
  folderUri: string;
  id: string;
}

/** The two sides of a fix's diff: the file as it is now, and as the fix would leave it. */
export interface FixContentResult {
  file: string;
  original: string;
  proposed: string;
  /** Set when the file changed since the fix was proposed: the diff no longer applies as shown. */
  stale?: string;
}

/** Sent by the extension to show a fix in the diff editor (read-only virtual documents on both sides). */
export const FixContentRequest = new RequestType<FixContentParams, FixContentResult, void>('aoi/fixContent');

/** Error codes of failed `aoi/*` requests (JSON-RPC application error range). */
export const AoiErrorCode = {
  /** The input cannot be diagnosed: missing or empty folder, not a folder. */
  BadInput: -32001,
  /** The executor's approval gate refused a fix action; the message says why. */
  FixRefused: -32002,
} as const;
