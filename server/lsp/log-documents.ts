/**
 * Open log files in the editor: after each change (debounced) their records are mined into templates;
 * every error or warning template gets one Problems entry at its first occurrence, with its count and time
 * range, and hovering a line shows its template and count. The analysis reads the file on disk (the
 * editor reloads a log that grows and tells the server), and a file that only grew is read from where the
 * last analysis stopped, so following a live log costs only its new lines.
 */
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LogFileAnalysis } from '../ingest/log-file-analysis';
import type { TemplateSignal } from '../ingest/template-signals';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { DiagnosticStore } from './diagnostic-store';

/** Quiet time after the last change before a document is analysed. */
export const LOG_DEBOUNCE_MS = 300;
/** Severity number from which a template is a warning (OpenTelemetry WARN). */
const WARN = 13;
const ERROR = 17;
/** The largest LSP position character: the end of any line. */
const MAX_CHARACTER = 2 ** 31 - 1;

/** Tracks the open log documents and keeps their template diagnostics current. */
export class LogDocuments {
  private readonly analyses = new Map<string, LogFileAnalysis>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly store: DiagnosticStore,
    private readonly connection: Pick<Connection, 'console'>,
    /** Which documents are logs. */
    private readonly isLog: (doc: TextDocument) => boolean,
  ) {
    documents.onDidOpen((e) => this.schedule(e.document));
    documents.onDidChangeContent((e) => this.schedule(e.document));
    documents.onDidClose((e) => void this.forget(e.document.uri));
  }

  /** The hover for a line of a log document: its template and how often the template occurs. */
  hover(params: HoverParams): Hover | null {
    const analysis = this.analyses.get(params.textDocument.uri);
    const found = analysis?.templateAt(params.position.line + 1);
    if (!found) return null;
    const time = found.firstTime ? `\n\nfirst ${found.firstTime}, last ${found.lastTime}` : '';
    return {
      contents: { kind: 'markdown', value: `**AOI template** (${found.count.toLocaleString('en-US')} records)\n\n\`\`\`text\n${found.template}\n\`\`\`${time}` },
    };
  }

  private schedule(doc: TextDocument): void {
    if (!this.isLog(doc)) return;
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.analyse(doc.uri);
      }, LOG_DEBOUNCE_MS),
    );
  }

  private async analyse(uri: string): Promise<void> {
    if (!this.documents.get(uri)) return;
    try {
      let analysis = this.analyses.get(uri);
      if (!analysis) {
        const path = fileURLToPath(uri);
        analysis = new LogFileAnalysis(path, basename(path));
        this.analyses.set(uri, analysis);
      }
      const signals = await analysis.update();
      if (!this.documents.get(uri)) return;
      await this.store.set(uri, 'log-templates', signals.filter(isProblem).map(toDiagnostic));
    } catch (err) {
      this.connection.console.error(`log analysis of ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }

  private async forget(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.analyses.delete(uri);
    await this.store.set(uri, 'log-templates', []);
  }
}

/** A document AOI analyses as a log: a file on disk in VS Code's `log` language, or named like a log. */
export function isLogDocument(doc: TextDocument): boolean {
  return doc.uri.startsWith('file:') && (doc.languageId === 'log' || /\.log(\.\d+)?$/.test(doc.uri));
}

function isProblem(s: TemplateSignal): boolean {
  return s.severityNumber >= WARN || (s.severityNumber === 0 && s.failureWords.length > 0);
}

function toDiagnostic(s: TemplateSignal): Diagnostic {
  const first = s.examples[0]!;
  const line = first.line - 1;
  const span = s.firstTime ? (s.firstTime === s.lastTime ? ` at ${s.firstTime}` : ` from ${s.firstTime} to ${s.lastTime}`) : '';
  const times = s.count === 1 ? 'once' : `${s.count.toLocaleString('en-US')} times`;
  return {
    range: { start: { line, character: 0 }, end: { line, character: MAX_CHARACTER } },
    severity: s.severityNumber >= ERROR || (s.severityNumber === 0 && s.failureWords.length > 0) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: s.severityNumber >= ERROR ? 'error-template' : s.severityNumber >= WARN ? 'warning-template' : 'failure-template',
    message: `${s.template} (${times}${span})`,
  };
}
