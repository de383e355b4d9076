/**
 * Live checks of config files as the user types: when an open config document (a manifest, a compose
 * file, nginx.conf, an env file, ...) changes, the configs of its workspace folder are analysed again,
 * debounced, with the unsaved text of every open config document in place of the file on disk, and the
 * findings are published as Problems entries. A cross-file finding carries its other side as related
 * information ("containerPort 8080" in deployment.yaml:31), and the result goes to the client
 * (`aoi/configCheck`) for the Hypotheses view. Logs are not read here: that is the full diagnosis's job.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnose } from '../diagnose';
import { classifyText } from '../ingest/classify';
import { isAbort } from '../errors';
import { ConfigCheckNotification, type RawSettings } from '../protocol';
import { diagnosticsByUri } from './diagnostics';
import type { DiagnosticStore } from './diagnostic-store';

/** Quiet time after the last keystroke before the folder's configs are checked again. */
export const CONFIG_DEBOUNCE_MS = 400;

/** Keeps the config diagnostics of the open workspace folders current. */
export class ConfigDocuments {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  private readonly published = new Map<string, Set<string>>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly store: DiagnosticStore,
    private readonly connection: Pick<Connection, 'console' | 'sendNotification'>,
    /** The workspace folders (paths) a document may belong to. */
    private readonly folders: () => string[],
    private readonly settings: () => Promise<RawSettings>,
  ) {
    documents.onDidOpen((e) => this.schedule(e.document));
    documents.onDidChangeContent((e) => this.schedule(e.document));
    documents.onDidSave((e) => this.schedule(e.document));
  }

  /** Checks the folder of `doc` soon, when `doc` is a config file inside a workspace folder. */
  private schedule(doc: TextDocument): void {
    const folder = this.folderOf(doc);
    if (!folder || !isConfigDocument(doc, folder)) return;
    clearTimeout(this.timers.get(folder));
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        void this.check(folder);
      }, CONFIG_DEBOUNCE_MS),
    );
  }

  private async check(folder: string): Promise<void> {
    this.running.get(folder)?.abort();
    const abort = new AbortController();
    this.running.set(folder, abort);
    const overrides = new Map<string, string>();
    for (const doc of this.documents.all()) {
      if (this.folderOf(doc) === folder && isConfigDocument(doc, folder)) overrides.set(relPath(folder, doc), doc.getText());
    }
    try {
      const diagnosis = await diagnose(folder, { configsOnly: true, overrides, signal: abort.signal, settings: await this.settings() });
      if (abort.signal.aborted) return;
      const byUri = diagnosticsByUri(folder, diagnosis);
      await this.store.replaceAll('config-check', this.published.get(folder) ?? [], byUri);
      this.published.set(folder, new Set(byUri.keys()));
      void this.connection.sendNotification(ConfigCheckNotification, { folderUri: pathToFileURL(folder).toString(), diagnosis });
    } catch (err) {
      if (isAbort(err)) return;
      this.connection.console.error(`config check of ${folder} failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      if (this.running.get(folder) === abort) this.running.delete(folder);
    }
  }

  /** The innermost workspace folder holding `doc`. */
  private folderOf(doc: TextDocument): string | undefined {
    if (!doc.uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(doc.uri);
    return this.folders()
      .filter((f) => path.startsWith(f.endsWith(sep) ? f : f + sep))
      .sort((a, b) => b.length - a.length)[0];
  }
}

/** True when `doc` is a config file by the same rules the engine classifies files with. */
export function isConfigDocument(doc: TextDocument, folder: string): boolean {
  const text = doc.getText();
  const c = classifyText(relPath(folder, doc), text.slice(0, 64 * 1024), Buffer.byteLength(text));
  return 'kind' in c && c.kind !== 'log' && c.kind !== 'probe-recording' && c.kind !== 'command-output';
}

function relPath(folder: string, doc: TextDocument): string {
  return relative(folder, fileURLToPath(doc.uri)).split(sep).join('/');
}
