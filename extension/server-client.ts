/**
 * The language client: starts the AOI language server (dist/server.js) in its own Node process over IPC,
 * restarts it when it crashes (up to 5 times in 3 minutes), and logs to the AOI output channel.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Most restarts within `RESTART_WINDOW_MS` before the client gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restarts a crashed server unless it keeps crashing; then tells the user, with "Show Logs". */
class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`connection to the AOI server failed: ${error.message}`);
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length <= MAX_RESTARTS) {
      this.log.warn(`the AOI server stopped; restarting it (${this.restarts.length} of ${MAX_RESTARTS} in 3 minutes)`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.log.error(`the AOI server crashed ${MAX_RESTARTS} times in 3 minutes and will not be restarted`);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('AOI: the language server crashed {0} times in 3 minutes and was stopped.', MAX_RESTARTS), 'Show Logs')
      .then((choice) => choice && this.log.show());
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

/** Creates (does not start) the client for the server bundled at dist/server.js. */
export function createServerClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Log files on disk: the server mines their templates for Problems entries and hovers. Config files:
    // the server checks their folder's configs as the user types (the server decides what is a config).
    documentSelector: [
      { scheme: 'file', language: 'log' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'dotenv' },
      { scheme: 'file', language: 'properties' },
      { scheme: 'file', language: 'ini' },
      { scheme: 'file', language: 'toml' },
      { scheme: 'file', pattern: '**/*.{conf,env,ini,toml,cfg,cnf,pem,crt}' },
      { scheme: 'file', pattern: '**/.env*' },
    ],
    outputChannel: log,
    errorHandler: new RestartingErrorHandler(log),
    // Where `aoi.trajectories.location: global` records.
    initializationOptions: { globalStoragePath: context.globalStorageUri.fsPath },
  };
  return new LanguageClient('aoi', 'AOI', serverOptions, clientOptions);
}
