/**
 * End to end in real VS Code (code-server): config files get live diagnostics as the user types. Opening
 * a Service manifest whose targetPort matches no containerPort shows a Problems entry at once (no diagnose
 * command run), with the other side of the cross-file check as related information, and the Hypotheses
 * view shows it under "Live config check"; typing the right port
 * clears it, and typing a wrong one brings it back. Screenshots go to test-output/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { problemsEntries, quickAccess, startCodeServer, treeItems, waitFor, type CodeServerSession } from './code-server';
import { tempDir } from '../helpers/tree';

const VSIX = resolve('aoi-linux-x64.vsix');
const OUT = resolve('test-output/e2e');
const EXAMPLE = 'examples/k8s-cart-targetport';
const SERVICE = 'cart-service.yaml';
const TARGET_PORT_LINE = 18;

let session: CodeServerSession;

before(async () => {
  assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
  mkdirSync(OUT, { recursive: true });
  const folder = join(tempDir('aoi-e2e-config-'), 'incident');
  cpSync(EXAMPLE, folder, { recursive: true });
  session = await startCodeServer({ vsix: VSIX, folder });
});

after(async () => {
  await session?.close();
});

/** Replaces line `line` of the manifest with `text`, typed as a user would (after focusing its editor again). */
async function retypeLine(line: number, text: string): Promise<void> {
  const { page } = session;
  await quickAccess(page, SERVICE, SERVICE, 30_000);
  await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home'); // to the first non-blank character: the indentation stays
  await page.keyboard.type(text.trimStart());
  await session.screenshot(join(OUT, `config-check-typed-${text.replace(/\W+/g, '-')}.png`));
}

test('a wrong targetPort is flagged as the user opens the manifest, and the flag follows the edits', async () => {
  const { page } = session;
  await quickAccess(page, SERVICE, SERVICE, 30_000);
  const flagged = (rows: string[]): boolean => rows.some((r) => r.includes('port_misconfig in cart') && r.includes(`[Ln ${TARGET_PORT_LINE},`));
  const rows = await waitFor('the live config finding in the Problems panel', async () => {
    const r = await problemsEntries(page);
    return flagged(r) ? r : undefined;
  }, 60_000);
  assert.ok(rows.some((r) => /cart-deployment\.yaml/.test(r) && /container port/.test(r)), `related information names the container port: ${rows.join(' | ')}`);
  const live = await waitFor('the live check in the Hypotheses view', async () => {
    const items = await treeItems(page, 'Hypotheses');
    return items.some((i) => i.label === 'Live config check') && items.some((i) => i.label === 'port_misconfig — cart' && i.depth === 2) ? items : undefined;
  }, 30_000);
  assert.match(live.find((i) => i.label === 'Live config check')!.description, /^\d+ findings? · /);
  await session.screenshot(join(OUT, 'config-check-flagged.png'));

  await retypeLine(TARGET_PORT_LINE, 'targetPort: 8080');
  await waitFor('the finding to clear after typing the right port', async () => !flagged(await problemsEntries(page)) && !(await problemsEntries(page)).some((r) => r.includes('port_misconfig in cart')), 30_000);
  await session.screenshot(join(OUT, 'config-check-cleared.png'));

  await retypeLine(TARGET_PORT_LINE, 'targetPort: 9090');
  await waitFor('the finding back after typing a wrong port', async () => (await problemsEntries(page)).some((r) => r.includes('port_misconfig in cart') && r.includes('9090')), 30_000);
});
