/**
 * Every custom message between the extension and the language server, declared once.
 * Method names start with `aoi/`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Diagnosis } from './diagnosis';

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

/** Error codes of failed `aoi/*` requests (JSON-RPC application error range). */
export const AoiErrorCode = {
  /** The input cannot be diagnosed: missing or empty folder, not a folder. */
  BadInput: -32001,
} as const;
