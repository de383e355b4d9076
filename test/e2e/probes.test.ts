/**
 * End to end in real VS Code (code-server) with the packaged VSIX and a real redis-server: diagnose an
 * incident that blames the Redis, find the proposed `redis-cli ... PING` in the Probes view, run it (after
 * the one-time confirmation that names the command), read PONG in the read-only output document, and see
 * the hypotheses re-ranked and the probe under Done with what it changed. A second window, on an untrusted
 * folder, shows the Probes view disabled with the reason. Screenshots go to test-output/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer, treeItems, waitFor, type CodeServerSession } from './code-server';
import { tempDir } from '../helpers/tree';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { pingArgv, writeRedisIncident } from '../helpers/redis-incident';

const VSIX = resolve('aoi-linux-x64.vsix');
const OUT = resolve('test-output/e2e');

let redis: RedisServer;
let session: CodeServerSession | undefined;

before(async () => {
  assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
  mkdirSync(OUT, { recursive: true });
  redis = await startRedis();
});

after(async () => {
  await session?.close();
  await redis?.stop();
});

test('run a proposed probe from the Probes view: confirmation, streamed output, re-ranked hypotheses', async () => {
  const folder = join(tempDir('aoi-e2e-probes-'), 'incident');
  writeRedisIncident(folder, redis.port);
  session = await startCodeServer({ vsix: VSIX, folder });
  const { page } = session;
  const command = pingArgv(redis.port).join(' ');

  await session.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor('service_down of the Redis on top of the Hypotheses view', async () => {
    const rows = await treeItems(page, 'Hypotheses');
    return rows[0]?.label === 'service_down — redis' ? rows : undefined;
  }, 60_000);
  const proposed = await waitFor('the PING under Proposed in the Probes view', async () => {
    const rows = await treeItems(page, 'Probes');
    return rows.some((r) => r.label === 'Proposed') && rows.find((r) => r.label === command) ? rows : undefined;
  }, 30_000);
  assert.match(proposed.find((r) => r.label === command)!.description, /redis answers/);
  await session.screenshot(join(OUT, 'probes-proposed.png'));

  const row = page.locator('.monaco-list[role="tree"][aria-label="Probes"] .monaco-list-row', { has: page.locator('.label-name', { hasText: command }) }).first();
  await row.hover();
  await row.locator('.action-label[aria-label="Run Probe"]').click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  assert.ok((await dialog.innerText()).includes(`$ ${command}`), 'the confirmation names the exact command');
  await session.screenshot(join(OUT, 'probes-confirm.png'));
  await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click();

  const output = await waitFor('PONG in the probe output document', async () => {
    const text = await page.locator('.editor-instance .view-lines').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\u00a0/g, ' ')).join('\n---\n'));
    return text.includes('PONG') && /# ran, exit code 0/.test(text) ? text : undefined;
  }, 30_000);
  assert.ok(output.includes(`$ ${command}`));
  const done = await waitFor('the PING under Done with what it changed', async () => {
    const rows = await treeItems(page, 'Probes');
    const r = rows.find((x) => x.label === command);
    return rows.some((x) => x.label === 'Done') && r && /^exit 0 · .*service_down redis \d+% -> \d+%/.test(r.description) ? r : undefined;
  }, 30_000);
  assert.match(done.description, /service_down redis/);
  const hypotheses = await waitFor('the hypotheses re-ranked', async () => {
    const rows = await treeItems(page, 'Hypotheses');
    return rows[0] && rows[0].label !== 'service_down — redis' ? rows : undefined;
  }, 30_000);
  assert.equal(hypotheses[0]!.label, 'none (no fault)');
  await session.screenshot(join(OUT, 'probes-ran.png'));

  // The output document is read-only: typing into it changes nothing.
  await page.locator('.editor-instance .monaco-editor textarea').last().focus();
  await page.keyboard.type('rm -rf /');
  const after = await page.locator('.editor-instance .view-lines').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText).join('\n'));
  assert.ok(!after.includes('rm -rf'), 'nothing typed into the output document');
  await session.close();
  session = undefined;
});

test('in an untrusted workspace the Probes view is disabled and says why', async () => {
  const folder = join(tempDir('aoi-e2e-untrusted-'), 'incident');
  writeRedisIncident(folder, redis.port);
  session = await startCodeServer({ vsix: VSIX, folder, workspaceTrust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } });
  const { page } = session;
  await session.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor('the diagnosis in the Hypotheses view (analysis still works)', async () => (await treeItems(page, 'Hypotheses'))[0]?.label === 'service_down — redis', 60_000);
  await treeItems(page, 'Probes').catch(() => []);
  const welcome = await waitFor('the reason in the Probes view', async () => {
    const text = await page.locator('.pane', { has: page.locator('h3.title', { hasText: /^Probes$/i }) }).locator('.welcome-view-content').innerText().catch(() => '');
    return text.includes('untrusted') ? text : undefined;
  }, 30_000);
  assert.match(welcome, /Probes are disabled in an untrusted workspace/);
  await session.screenshot(join(OUT, 'probes-untrusted.png'));
});
