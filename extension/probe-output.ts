/**
 * Read-only documents holding probe output (`aoi-probe:` URIs): one per run, filled as the output streams in,
 * then closed with how the run ended. Documents of a content provider cannot be edited or saved.
 */
import * as vscode from 'vscode';
import { shellLine, type ProbeRunSummary } from '../server/protocol';

/** The URI scheme of probe output documents. */
export const PROBE_OUTPUT_SCHEME = 'aoi-probe';
/** Least time between two refreshes of a streaming document. */
const REFRESH_MS = 100;

/** Holds the text of every probe output document of the session. */
export class ProbeOutputDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly byCommand = new Map<string, vscode.Uri>();
  private readonly pending = new Set<string>();
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This probe output is gone: it lived only in the AOI session that ran it.\n';
  }

  /** A new document for a run of `argv` in `folder`, headed by the command; remembered as the command's latest output. */
  create(argv: string[], folder: string): vscode.Uri {
    const name = argv[0]!.replace(/[^\w.-]/g, '_');
    const uri = vscode.Uri.from({ scheme: PROBE_OUTPUT_SCHEME, path: `/${++this.count}/${name}.txt` });
    this.texts.set(uri.toString(), `$ ${shellLine(argv)}\n# read-only probe, run by AOI in ${folder}\n\n`);
    this.byCommand.set(argv.join('\u0000'), uri);
    return uri;
  }

  /** Appends streamed output. */
  append(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    this.texts.set(key, (this.texts.get(key) ?? '') + text);
    if (this.pending.has(key)) return;
    this.pending.add(key);
    setTimeout(() => {
      this.pending.delete(key);
      this.changed.fire(uri);
    }, REFRESH_MS);
  }

  /** Ends the document with how the run ended. */
  finish(uri: vscode.Uri, run: ProbeRunSummary): void {
    const text = this.texts.get(uri.toString()) ?? '';
    const exit = run.exitCode !== undefined ? `, exit code ${run.exitCode}` : '';
    const dropped = run.truncatedBytes ? `, ${run.truncatedBytes} more bytes of output dropped` : '';
    const why = run.status === 'ran' ? '' : `: ${run.reason}`;
    this.texts.set(uri.toString(), `${text}${text.endsWith('\n') ? '' : '\n'}\n# ${run.status}${why}${exit}${dropped}, in ${run.durationMs} ms\n`);
    this.changed.fire(uri);
  }

  /** The latest output document of `argv`, if it was run in this session. */
  latest(argv: string[]): vscode.Uri | undefined {
    return this.byCommand.get(argv.join('\u0000'));
  }

  /** The latest output document of the command whose words joined by spaces are `line`. */
  latestOfLine(line: string): vscode.Uri | undefined {
    for (const [key, uri] of [...this.byCommand].reverse()) if (key.split('\u0000').join(' ') === line) return uri;
    return undefined;
  }
}
