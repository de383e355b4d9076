/**
 * The server's log, redacted: every message the server writes to the client's output channel goes through the
 * recording's redactor first, so a probe's command line or an error quoting a config line never puts a
 * secret into the AOI log either.
 */
import type { RemoteConsole } from 'vscode-languageserver';

/** What the console needs of the redactor. */
export interface TextRedactor {
  redact(text: string): string;
}

/** Makes `console`'s log, info, warn and error redact their message. */
export function redactConsole(console: RemoteConsole, redactor: TextRedactor): void {
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const write = console[level].bind(console);
    console[level] = (message: string) => write(redactor.redact(message));
  }
}
