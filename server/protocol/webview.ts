/**
 * The typed channel between the incident report webview and the extension. Requests from the webview
 * name a method of `ReportRequests` and get a reply in a success/error envelope; the extension pushes
 * `ReportPush` messages to the webview.
 */
import type { DiagnoseResult } from './messages';

/** What the report's fix buttons do: the same commands as the Fixes view's actions. */
export type ReportFixAction = 'review' | 'approve' | 'reject' | 'apply' | 'undo' | 'save';

/** Requests the webview sends: method name -> [parameters, result]. */
export interface ReportRequests {
  /** Opens a file of the diagnosed folder at a 1-based line (and column). */
  openEvidence: [{ file: string; line: number; column?: number }, void];
  /**
   * Runs the Fixes view's command for `action` on the fix `id` of the shown diagnosis (`aoi.reviewFix`,
   * `aoi.approveFix`, ...), with its confirmations and its workspace-trust check.
   */
  fixAction: [{ id: string; action: ReportFixAction }, void];
  /** Runs a proposed probe of the shown diagnosis through "Run Probe" (the same policy and confirmation). */
  runProbe: [{ argv: string[] }, void];
}

/** A request from the webview. */
export type ReportRequest = {
  [K in keyof ReportRequests]: { id: number; method: K; params: ReportRequests[K][0] };
}[keyof ReportRequests];

/** The extension's reply to request `id`. */
export type ReportReply<T = unknown> = { id: number; status: 'success'; content: T } | { id: number; status: 'error'; error: string };

/**
 * Messages the extension pushes to the webview: the diagnosis to show, and whether the workspace is trusted
 * (probe and fix buttons are shown only when it is).
 */
export type ReportPush = { type: 'show'; result: DiagnoseResult; trusted: boolean };

/** What the webview keeps with `setState`, so a reload restores the report. */
export interface ReportState {
  result: DiagnoseResult;
  trusted: boolean;
}
