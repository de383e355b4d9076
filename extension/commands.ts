/**
 * Every command of the extension, from one table. A command that needs the language server says so when
 * the server is not running; one that would run processes or write files is disabled in untrusted
 * workspaces, with the reason.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

/** What a command handler gets. */
export interface CommandContext {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
}

/** One row of the command table. */
export interface CommandSpec {
  id: string;
  /** Needs the language server to be running. */
  needsServer: boolean;
  /** Runs commands or writes files: refused in untrusted workspaces. */
  needsTrust: boolean;
  run: (ctx: CommandContext, ...args: unknown[]) => unknown;
}

/** Registers every command of `table`, wrapped with the server and trust checks. */
export function registerCommands(table: CommandSpec[], ctx: CommandContext): vscode.Disposable[] {
  return table.map((spec) =>
    vscode.commands.registerCommand(spec.id, async (...args: unknown[]) => {
      if (spec.needsTrust && !vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(vscode.l10n.t('AOI: this command is disabled in an untrusted workspace (it would run commands or write files). Trust the workspace to use it.'));
        return undefined;
      }
      if (spec.needsServer && ctx.client.state !== State.Running) {
        const state = ctx.client.state === State.Starting ? 'still starting' : 'not running';
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('AOI: the language server is {0}; try again in a moment.', state), vscode.l10n.t('Show Logs'));
        if (choice) ctx.log.show();
        return undefined;
      }
      try {
        return await spec.run(ctx, ...args);
      } catch (err) {
        ctx.log.error(`command ${spec.id} failed: ${(err as Error).stack ?? String(err)}`);
        const choice = await vscode.window.showErrorMessage(vscode.l10n.t('AOI: {0}', (err as Error).message), vscode.l10n.t('Show Logs'));
        if (choice) ctx.log.show();
        return undefined;
      }
    }),
  );
}
