/**
 * End to end in real VS Code (code-server) with the packaged VSIX: diagnose a Kubernetes port_misconfig,
 * review the proposed targetPort fix in the diff editor, approve it from the editor title, apply it from the
 * Fixes view (after the confirmation), see the file changed on disk, the fix verified and the hypothesis gone
 * on re-diagnosis; on another incident, reject a fix with a reason and find the reason in its review file.
 * Screenshots go to test-output/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer, treeItems, waitFor, type CodeServerSession } from './code-server';
import { tempDir } from '../helpers/tree';

const VSIX = resolve('aoi-linux-x64.vsix');
const OUT = resolve('test-output/e2e');

let session: CodeServerSession | undefined;

before(() => {
  assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
  mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await session?.close();
});

/** A copy of an example bundle in a temporary folder. */
function copyExample(name: string): string {
  const dir = join(tempDir('aoi-e2e-fixes-'), name);
  cpSync(join('examples', name), dir, { recursive: true });
  return dir;
}

/** The row of the Fixes view whose label is `label`. */
const fixRow = (s: CodeServerSession, label: string) => s.page.locator('.monaco-list[role="tree"][aria-label="Fixes"] .monaco-list-row', { has: s.page.locator('.label-name', { hasText: label }) }).first();

test('review a proposed fix in the diff editor, approve, apply: the file changes and the hypothesis clears', async () => {
  const folder = copyExample('k8s-cart-targetport');
  const file = join(folder, 'k8s/cart-service.yaml');
  session = await startCodeServer({ vsix: VSIX, folder });
  const { page } = session;

  await session.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor('port_misconfig of cart on top', async () => (await treeItems(page, 'Hypotheses'))[0]?.label === 'port_misconfig — cart', 60_000);
  const proposed = await waitFor('the targetPort fix under Proposed', async () => {
    const rows = await treeItems(page, 'Fixes');
    return rows.some((r) => r.label === 'Proposed') && rows.find((r) => r.label === 'k8s/cart-service.yaml') ? rows : undefined;
  }, 30_000);
  assert.equal(proposed.find((r) => r.label === 'k8s/cart-service.yaml')!.description, 'port_misconfig in cart');

  await fixRow(session, 'k8s/cart-service.yaml').click();
  const diff = page.locator('.monaco-diff-editor');
  await diff.waitFor({ state: 'visible', timeout: 30_000 });
  await waitFor('both sides of the diff', async () => {
    const original = await diff.locator('.editor.original .view-lines').innerText().catch(() => '');
    const modified = await diff.locator('.editor.modified .view-lines').innerText().catch(() => '');
    return /targetPort: 8081/.test(original.replace(/\u00a0/g, ' ')) && /targetPort: 8080/.test(modified.replace(/\u00a0/g, ' '));
  }, 30_000);
  assert.match(readFileSync(file, 'utf8'), /targetPort: 8081/, 'reviewing writes nothing');
  await session.screenshot(join(OUT, 'fix-review.png'));

  await page.locator('.editor-actions .action-label[aria-label="Approve Fix"]').first().click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('matches the containerPort');
  await page.keyboard.press('Enter');
  await waitFor('the fix under Approved', async () => (await treeItems(page, 'Fixes')).some((r) => r.label === 'Approved'), 30_000);
  assert.match(readFileSync(file, 'utf8'), /targetPort: 8081/, 'approving writes nothing');

  const row = fixRow(session, 'k8s/cart-service.yaml');
  await row.hover();
  await row.locator('.action-label[aria-label="Apply Fix"]').click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await dialog.innerText(), /write k8s\/cart-service\.yaml/);
  await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();

  await waitFor('the fix under Verified', async () => (await treeItems(page, 'Fixes')).some((r) => r.label === 'Verified'), 60_000);
  assert.match(readFileSync(file, 'utf8'), /targetPort: 8080/);
  const hypotheses = await treeItems(page, 'Hypotheses');
  assert.ok(!hypotheses.some((h) => h.label === 'port_misconfig — cart'), `the hypothesis cleared: ${hypotheses.map((h) => h.label).join(', ')}`);
  const record = JSON.parse(readFileSync(join(folder, '.aoi/reviews', readdirSync(join(folder, '.aoi/reviews'))[0]!), 'utf8'));
  assert.equal(record.verdicts[0].comment, 'matches the containerPort');
  assert.equal(record.applications[0].verification.cleared, true);
  await session.screenshot(join(OUT, 'fix-applied.png'));
  await session.close();
  session = undefined;
});

test('reject a fix with a reason: it moves to Rejected and the reason is recorded', async () => {
  const folder = copyExample('compose-api-redis-port');
  session = await startCodeServer({ vsix: VSIX, folder });
  const { page } = session;
  await session.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor('the REDIS_URL fix under Proposed', async () => (await treeItems(page, 'Fixes')).some((r) => r.label === 'config/api.env'), 60_000);
  const row = fixRow(session, 'config/api.env');
  await row.hover();
  await row.locator('.action-label[aria-label="Reject Fix"]').click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await waitFor('the reason is asked for', async () => /needs a reason/.test(await page.locator('.quick-input-widget').innerText()), 10_000);
  await input.fill('the cache moves to 6380 tonight');
  await page.keyboard.press('Enter');
  const rejected = await waitFor('the fix under Rejected', async () => {
    const rows = await treeItems(page, 'Fixes');
    return rows.some((r) => r.label === 'Rejected') ? rows.find((r) => r.label === 'config/api.env') : undefined;
  }, 30_000);
  assert.match(rejected.description, /rejected by \S+/);
  const record = JSON.parse(readFileSync(join(folder, '.aoi/reviews', readdirSync(join(folder, '.aoi/reviews'))[0]!), 'utf8'));
  assert.equal(record.verdicts[0].verdict, 'rejected');
  assert.equal(record.verdicts[0].comment, 'the cache moves to 6380 tonight');
  await session.screenshot(join(OUT, 'fix-rejected.png'));
});
