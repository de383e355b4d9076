/**
 * The typed channel between the incident report webview and the extension. Requests from the webview
 * name a method of `ReportRequests` and get a reply in a success/error envelope; the extension pushes
 * `ReportPush` messages to the webview.
 */
import type { DiagnoseResult } from './messages';

/** Requests the webview sends: method name -> [parameters, result]. */
export interface ReportRequests {
  /** Opens a file of the diagnosed folder at a 1-based line (and column). */
  openEvidence: [{ file: string; line: number; column?: number }, void];
}

/** A request from the webview. */
export type ReportRequest = {
  [K in keyof ReportRequests]: { id: number; method: K; params: ReportRequests[K][0] };
}[keyof ReportRequests];

/** The extension's reply to request `id`. */
export type ReportReply<T = unknown> = { id: number; status: 'success'; content: T } | { id: number; status: 'error'; error: string };

/** Messages the extension pushes to the webview. */
export type ReportPush = { type: 'show'; result: DiagnoseResult };

/** What the webview keeps with `setState`, so a reload restores the report. */
export interface ReportState {
  result: DiagnoseResult;
}
