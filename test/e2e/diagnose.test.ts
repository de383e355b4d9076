/**
 * End to end in real VS Code (code-server) with the packaged VSIX: open an example incident, run
 * "AOI: Diagnose Workspace" from the palette, see the port_misconfig hypothesis in the Problems panel and
 * the Hypotheses view, click its evidence and land on the right file and line. Screenshots go to
 * test-output/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { activeEditorInfo, notifications, problemsEntries, quickAccess, startCodeServer, treeItems, waitFor, type CodeServerSession } from './code-server';
import type { Diagnosis } from '../../server/protocol';
import { tempDir } from '../helpers/tree';

const VSIX = resolve('aoi-linux-x64.vsix');
const OUT = resolve('test-output/e2e');
const EXAMPLE = 'examples/k8s-cart-targetport';
const LOG_FILE = 'frontend-7c9f6d8b5d-x2kqp.log';

let session: CodeServerSession;
let folder: string;
let expected: Diagnosis;

before(async () => {
  assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
  mkdirSync(OUT, { recursive: true });
  folder = join(tempDir('aoi-e2e-'), 'incident');
  cpSync(EXAMPLE, folder, { recursive: true });
  expected = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'diagnose', folder, '--json'], { encoding: 'utf8' }));
  session = await startCodeServer({ vsix: VSIX, folder });
});

after(async () => {
  await session?.close();
});

test('diagnose from the palette: Problems panel, Hypotheses view, evidence opens at its line', async () => {
  const started = Date.now();
  const { page } = session;
  const top = expected.hypotheses[0]!;
  assert.equal(top.fault, 'port_misconfig');

  await session.runCommand('AOI: Diagnose Workspace', 60_000);

  const problems = await waitFor('AOI entries in the Problems panel', async () => {
    const rows = await problemsEntries(page);
    return rows.some((r) => r.includes(`port_misconfig in ${top.component}`)) ? rows : undefined;
  }, 60_000);
  assert.ok(problems.some((r) => /\baoi\b\W*port_misconfig\b/.test(r)), `source and code shown: ${problems.join(' | ')}`);

  const items = await waitFor('the hypothesis in the Hypotheses view', async () => {
    const rows = await treeItems(page, 'Hypotheses');
    return rows.some((r) => r.label === `port_misconfig — ${top.component}`) ? rows : undefined;
  }, 30_000);
  const hypothesisRow = items.find((r) => r.label === `port_misconfig — ${top.component}`)!;
  assert.equal(hypothesisRow.description, `${Math.round(top.confidence * 100)}%`);
  await waitFor('the progress notification to close', async () => !(await notifications(page)).some((n) => n.startsWith('AOI: diagnosing')), 20_000);
  await session.screenshot(join(OUT, 'diagnose.png'));

  const evidence = top.evidence[0]!;
  const label = `${evidence.file}:${evidence.line}`;
  assert.ok(items.some((r) => r.label === label), `evidence row ${label} listed`);
  await page.locator('.monaco-list[role="tree"][aria-label="Hypotheses"] .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first().click();
  const editor = await waitFor('the evidence file open at its line', async () => {
    const info = await activeEditorInfo(page);
    return info.fileName === evidence.file.split('/').pop() && info.line === evidence.line ? info : undefined;
  }, 20_000);
  assert.equal(editor.line, evidence.line);
  await session.screenshot(join(OUT, 'evidence-opened.png'));
  console.log(`e2e: diagnose + evidence round trip in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('the incident report panel shows the summary and the hypotheses, and its evidence opens the file', async () => {
  const { page } = session;
  const top = expected.hypotheses[0]!;
  await session.runCommand('AOI: Open Incident Report', 30_000);
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const summary = frame.locator('h1.summary');
  await summary.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal((await summary.innerText()).trim(), `${top.fault} in ${top.component}, ${Math.round(top.confidence * 100)}% sure`);
  assert.equal(await frame.locator('article.hypothesis').count(), expected.hypotheses.length);
  await session.screenshot(join(OUT, 'report.png'));
  const cause = top.evidence[0]!;
  await frame.locator('a.location', { hasText: `${cause.file}:${cause.line}` }).first().click();
  await waitFor('the evidence file open from the report', async () => {
    const info = await activeEditorInfo(page);
    return info.fileName === cause.file.split('/').pop() && info.line === cause.line;
  }, 20_000);
});

test('a log file opened in the editor gets a Problems entry for its error template, at its first occurrence', async () => {
  const { page } = session;
  const parsed = execFileSync(process.execPath, ['dist/cli.js', 'parse', join(folder, 'logs', LOG_FILE)], { encoding: 'utf8' });
  const errorRow = parsed.split('\n').find((l) => /^\s*[\d,]+\s+error\s/.test(l));
  assert.ok(errorRow, `the example log has an error template:\n${parsed}`);
  const [, count, firstLine, template] = /^\s*([\d,]+)\s+error\s+(\d+)\s+(.+?)(\s+\[.*\])?$/.exec(errorRow)!;
  await quickAccess(page, LOG_FILE, LOG_FILE, 30_000);
  const row = await waitFor('the error template in the Problems panel', async () => (await problemsEntries(page)).find((r) => r.startsWith(`${template!} (${count} times`)), 60_000);
  assert.match(row, new RegExp(`\\[Ln ${firstLine}, Col 1\\]`));
  assert.match(row, /aoi\W*error-template/);
  await session.screenshot(join(OUT, 'log-problems.png'));
});

test('a crashed language server is restarted by the client and diagnoses again', async () => {
  const { page } = session;
  const serverPids = (): number[] => {
    try {
      return execFileSync('pgrep', ['-f', `${session.extensionsDir}/.*/dist/server\\.js`], { encoding: 'utf8' }).trim().split('\n').map(Number);
    } catch {
      return [];
    }
  };
  const [before] = serverPids();
  assert.ok(before, 'the AOI language server runs');
  process.kill(before, 'SIGKILL');
  const restarted = await waitFor('a new language server process', () => serverPids().find((pid) => pid !== before), 30_000);
  assert.notEqual(restarted, before);
  await waitFor('the AOI Problems entries cleared with the old server', async () => !(await problemsEntries(page)).some((r) => r.includes('port_misconfig in')), 30_000);
  await session.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor('AOI entries again after the restart', async () => (await problemsEntries(page)).some((r) => r.includes(`port_misconfig in ${expected.hypotheses[0]!.component}`)), 60_000);
});
