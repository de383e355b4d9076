/**
 * End-to-end harness: real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven through Chromium with
 * playwright-core. Install the tools once with `scripts/setup-e2e.sh`.
 *
 *   const s = await startCodeServer({ vsix: 'aoi.vsix', folder: '/tmp/ws' });
 *   try { await s.runCommand('AOI: Diagnose'); console.log(await problemsEntries(s.page)); }
 *   finally { await s.close(); }
 *
 * Every wait polls a condition against a deadline; there are no fixed sleeps.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';

/** Settings written to settings.json for every session (given settings are merged over them). */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  // VS Code for the web (code-server) defaults to 'afterDelay': keys sent to an editor would be saved to disk.
  'files.autoSave': 'off',
  // The Problems panel helpers read the tree layout, not the table one.
  'problems.defaultViewMode': 'tree',
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Tools directory used by scripts/setup-e2e.sh: `$AOI_TOOLS_DIR` or `~/.cache/aoi-tools`. */
export function toolsDir(): string {
  return process.env.AOI_TOOLS_DIR || path.join(os.homedir(), '.cache', 'aoi-tools');
}

/** Path of the code-server binary installed by scripts/setup-e2e.sh. */
export function codeServerBin(): string {
  return path.join(toolsDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

/**
 * Polls `fn` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`).
 * Exceptions thrown by `fn` count as "not yet".
 */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface StartOptions {
  /** Packaged extension to install into the session's fresh extensions dir. */
  vsix?: string;
  /** Workspace folder to open (absolute path). */
  folder: string;
  /** User settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Deadline for start-up steps (default 60 s). */
  timeoutMs?: number;
  /** Show the browser (needs a display); default headless. */
  headed?: boolean;
  /**
   * Keep Workspace Trust on (default off: code-server runs with --disable-workspace-trust). With it on and the
   * startup prompt off, the folder opens untrusted (Restricted Mode).
   */
  workspaceTrust?: boolean;
}

export interface CodeServerSession {
  page: Page;
  browser: Browser;
  /** URL the page was opened at. */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** Runs a command palette entry by its exact label, e.g. "View: Toggle Terminal". */
  runCommand(title: string, timeoutMs?: number): Promise<void>;
  /** Saves a full-page PNG screenshot. */
  screenshot(file: string): Promise<void>;
  /** code-server's stdout and stderr so far. */
  logs(): string;
  /** Closes the browser, kills code-server's process group, removes temp dirs. Safe to call twice. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function httpAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2_000, () => req.destroy());
  });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid || !groupAlive(pid)) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  try {
    await waitFor('code-server to exit', () => !groupAlive(pid), 5_000, 50);
  } catch {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    await waitFor('code-server to die', () => !groupAlive(pid), 5_000, 50).catch(() => undefined);
  }
}

/**
 * Starts code-server on a free loopback port with fresh user-data and extensions dirs, installs `vsix`
 * (throws if that fails), opens `folder` in headless Chromium and waits for the workbench.
 */
export async function startCodeServer(opts: StartOptions): Promise<CodeServerSession> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const bin = codeServerBin();
  if (!existsSync(bin)) throw new Error(`code-server not found at ${bin}: run scripts/setup-e2e.sh first`);
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium not found: run scripts/setup-e2e.sh first');
  const folder = path.resolve(opts.folder);

  const root = await mkdtemp(path.join(os.tmpdir(), 'aoi-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  const settings = { ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) };
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Keep code-server's own config.yaml and state out of the real home directory.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_DATA_HOME: path.join(root, 'data') };
  const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  let out = '';
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    if (child) await killGroup(child);
    await rm(root, { recursive: true, force: true });
  };

  try {
    if (opts.vsix) {
      const vsix = path.resolve(opts.vsix);
      const r = await run(bin, [...dirArgs, '--install-extension', vsix], env, timeoutMs);
      out += r.out;
      if (r.code !== 0 || !/was successfully installed/.test(r.out)) {
        throw new Error(`installing ${vsix} failed (exit ${r.code}):\n${r.out}`);
      }
    }

    const port = await freePort();
    child = spawn(bin, [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-update-check', '--disable-getting-started-override', ...dirArgs,
    ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    let exited = false;
    child.on('exit', () => { exited = true; });

    const base = `http://127.0.0.1:${port}`;
    await waitFor(`code-server to answer on ${base}`, async () => {
      if (exited) throw new Error(`code-server exited:\n${out}`);
      return httpAnswers(`${base}/healthz`);
    }, timeoutMs, 100);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: !opts.headed,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const url = `${base}/?folder=${encodeURIComponent(folder)}`;
    await page.goto(url, { timeout: timeoutMs });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // The workbench is laid out once the status bar is rendered.
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });

    return {
      page, browser, url, port, userDataDir, extensionsDir,
      runCommand: (title, t) => runCommand(page, title, t),
      screenshot: async (file) => { await page.screenshot({ path: file, fullPage: true }); },
      logs: () => out,
      close,
    };
  } catch (e) {
    const logs = out;
    await close();
    if (e instanceof Error && logs && !e.message.includes(logs)) e.message += `\n--- code-server output ---\n${logs}`;
    throw e;
  }
}

/**
 * Opens the command palette (F1), types `>title` and runs the entry whose label is exactly `title`.
 * Resolves once the palette has closed; the command itself may still be running.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  await quickAccess(page, `>${title}`, title, timeoutMs);
}

/**
 * Opens quick access (F1), types `text` (quick-access prefix included: ">" commands, "view " views,
 * none for files) and accepts the entry labelled exactly `label`. The picker is reopened while the entry
 * is missing (an extension's commands appear only once the extension host has scanned it) or when it
 * closes early (e.g. an editor opened by a previous command took the focus). Throws after `timeoutMs`.
 *
 * The entry is accepted by clicking it, not by arrow keys + Enter: Playwright checks that the click lands
 * on that row, whereas keys sent after the picker lost focus would go into the editor.
 */
export async function quickAccess(page: Page, text: string, label: string, timeoutMs = 20_000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  // data-index of the row labelled exactly `label` (rows are virtualised: DOM order is not list order), or -1.
  const exactRow = (): Promise<number> => rows.evaluateAll((els, want) => {
    const el = els.find((e) => (e.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim() === want);
    return el ? Number(el.getAttribute('data-index')) : -1;
  }, label);
  await waitFor(`quick access entry "${label}" for "${text}"`, async () => {
    if (await widget.isVisible()) {
      await input.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 5_000 });
    }
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill(text);
    // The list filters asynchronously: give this attempt up to 2 s to show the entry.
    const index = await waitFor('quick access filtering', async () => (await exactRow()) + 1, 2_000, 50).then((i) => i - 1, () => -1);
    if (index < 0) return false;
    await rows.and(page.locator(`[data-index="${index}"]`)).click({ timeout: 2_000 });
    return true;
  }, timeoutMs, 0);
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Shows and focuses the Problems panel (via "View: Focus Problems (Errors, Warnings, Infos)"). */
export async function openProblemsPanel(page: Page, timeoutMs = 15_000): Promise<void> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)', timeoutMs);
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Text of the rows shown in the Problems panel, in order, opening the panel first: file rows read like
 * "sample.txt 1" (name, count), marker rows like "Hello E2E diagnostic [Ln 3, Col 1]" (message, then
 * source(code) when set, then position). Returns what is rendered now: wrap expectations in `waitFor`.
 */
export async function problemsEntries(page: Page): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) await openProblemsPanel(page);
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els
    .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
    .map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** The active editor's file name (tab label) and 1-based cursor line (status bar "Ln X, Col Y"). */
export async function activeEditorInfo(page: Page): Promise<{ fileName: string; line: number }> {
  const tab = page.locator('.editor-group-container.active .tab.active');
  const fileName = (await tab.getAttribute('data-resource-name')) ?? (await tab.locator('.label-name').innerText());
  const selection = (await page.locator('[id="status.editor.selection"]').innerText()).trim();
  const m = /Ln (\d+)/.exec(selection);
  if (!m) throw new Error(`no cursor position in status bar item "${selection}"`);
  return { fileName, line: Number(m[1]) };
}

/** Messages of the notification toasts shown now (e.g. from `vscode.window.showInformationMessage`). */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').evaluateAll((els) =>
    els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** Dismisses all notifications ("Notifications: Clear All Notifications") and waits for the toasts to go. */
export async function clearNotifications(page: Page, timeoutMs = 15_000): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications', timeoutMs);
  await waitFor('notification toasts to close', async () => (await notifications(page)).length === 0, timeoutMs);
}

export interface TreeItem {
  label: string;
  description: string;
  /** 1 for top-level items. */
  depth: number;
}

/**
 * Items currently rendered in the tree view titled `viewTitle` (e.g. "Hello Tree"). Expands the view's
 * section when collapsed, or opens the view through quick access ("view <title>") when it is not shown.
 * Returns the rendered rows at that moment (virtualised: only visible ones); it may be [] while the
 * extension is still loading, so wrap expectations in `waitFor`.
 */
export async function treeItems(page: Page, viewTitle: string, timeoutMs = 15_000): Promise<TreeItem[]> {
  const header = page.locator('.pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${escapeRegExp(viewTitle)}$`, 'i') }) }).first();
  const tree = page.locator(`.monaco-list[role="tree"][aria-label="${viewTitle.replace(/["\\]/g, '\\$&')}"]`).first();
  if (!(await tree.isVisible())) {
    if (await header.isVisible()) {
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    } else {
      await quickAccess(page, `view ${viewTitle}`, viewTitle, timeoutMs);
    }
  }
  await tree.waitFor({ state: 'visible', timeout: timeoutMs });
  return tree.locator('.monaco-list-row').evaluateAll((els) => els
    .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
    .map((el) => ({
      label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (el.querySelector('.label-description')?.textContent ?? '').trim(),
      depth: Number(el.getAttribute('aria-level') ?? '1'),
    })));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
