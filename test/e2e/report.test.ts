/**
 * End to end in real VS Code (code-server) with the packaged VSIX: the incident report panel. Diagnose the
 * example, open the report from the Hypotheses view; check the summary, the timeline chart (drawn, with data
 * points and the first anomaly), the hypotheses and their evidence (a click and the keyboard open the file at
 * the line), the status bar item, the panel restored after a window reload; switch to light, dark and high
 * contrast themes, save a screenshot of each and check that text stands out from the background; and show a
 * log line carrying `<script>` and `<img onerror>` as text. Screenshots go to test-output/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { activeEditorInfo, notifications, startCodeServer, treeItems, waitFor, type CodeServerSession } from './code-server';
import type { Diagnosis } from '../../server/protocol';
import { tempDir } from '../helpers/tree';

const VSIX = resolve('aoi-linux-x64.vsix');
const OUT = resolve('test-output/e2e');
const EXAMPLE = 'examples/k8s-cart-targetport';

let session: CodeServerSession | undefined;

before(() => {
  assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
  mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await session?.close();
});

/** The report webview's document. */
const reportFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** Messages of Content-Security-Policy violations logged by any frame of `page`. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/** Diagnoses the open folder, waits for the progress to close, and opens the report from the Hypotheses view's title. */
async function diagnoseAndOpenReport(s: CodeServerSession, firstHypothesis: string): Promise<FrameLocator> {
  const { page } = s;
  await s.runCommand('AOI: Diagnose Workspace', 60_000);
  await waitFor(`${firstHypothesis} on top of the Hypotheses view`, async () => (await treeItems(page, 'Hypotheses'))[0]?.label === firstHypothesis, 60_000);
  await waitFor('the progress notification to close', async () => !(await notifications(page)).some((n) => n.startsWith('AOI: diagnosing')), 20_000);
  await page.locator('.pane-header', { has: page.locator('h3.title', { hasText: /^Hypotheses$/i }) }).hover();
  await page.locator('.action-label[aria-label="Open Incident Report"]').first().click();
  const frame = reportFrame(page);
  await frame.locator('h1.summary').waitFor({ state: 'visible', timeout: 30_000 });
  return frame;
}

/**
 * WCAG contrast ratio of the text colour of each selector's first element against the background it is drawn
 * on (its own, or the nearest ancestor's that is not transparent).
 */
async function contrasts(frame: FrameLocator, selectors: string[]): Promise<{ selector: string; color: string; background: string; ratio: number }[]> {
  // The TypeScript loader names inner functions through a `__name` helper that the page lacks: give it one.
  await frame.locator('body').evaluate(() => {
    (globalThis as { __name?: unknown }).__name = (f: unknown) => f;
  });
  return frame.locator('body').evaluate((body, sels) => {
    const channels = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (css: string): number => {
      const [r, g, b] = channels(css).slice(0, 3).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const backgroundOf = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (channels(bg)[3] !== 0) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    return sels.map((selector) => {
      const el = body.ownerDocument.querySelector(selector);
      if (!el) return { selector, color: 'missing', background: '', ratio: 0 };
      const color = getComputedStyle(el).color;
      const background = backgroundOf(el);
      const [a, b] = [lum(color), lum(background)].sort((x, y) => y - x);
      return { selector, color, background, ratio: (a! + 0.05) / (b! + 0.05) };
    });
  }, selectors);
}

/** Picks `label` ("Dark Modern", "Dark High Contrast", ...) in "Preferences: Color Theme". */
async function pickColorTheme(s: CodeServerSession, label: string): Promise<void> {
  const { page } = s;
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const row = (text: string) => widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) }).first();
  await page.keyboard.press('F1');
  await input.fill('>Preferences: Color Theme');
  await row('Preferences: Color Theme').click({ timeout: 15_000 });
  // The same widget now lists the themes.
  await waitFor('the theme picker', async () => (await input.getAttribute('placeholder'))?.includes('Theme') ?? false, 15_000);
  await input.fill(label);
  await row(label).click({ timeout: 15_000 });
  await widget.waitFor({ state: 'hidden', timeout: 15_000 });
}

test('the report: summary, timeline chart, hypotheses and evidence, status bar, reload, themes and contrast', async () => {
  const folder = join(tempDir('aoi-e2e-report-'), 'incident');
  cpSync(EXAMPLE, folder, { recursive: true });
  const expected: Diagnosis = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'diagnose', folder, '--json'], { encoding: 'utf8' }));
  const top = expected.hypotheses[0]!;
  await session?.close();
  session = await startCodeServer({ vsix: VSIX, folder, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  const { page } = session;
  const violations = cspViolations(page);
  const frame = await diagnoseAndOpenReport(session, `${top.fault} — ${top.component}`);

  assert.equal((await frame.locator('h1.summary').innerText()).trim(), `${top.fault} in ${top.component}, ${Math.round(top.confidence * 100)}% sure`);

  const chart = frame.locator('figure.timeline');
  await chart.locator('canvas').waitFor({ state: 'visible', timeout: 15_000 });
  const points = Number(await chart.getAttribute('data-points'));
  const expectedPoints = expected.timeline!.series.reduce((n, s) => n + s.errors.filter((v) => v > 0).length + s.warnings.filter((v) => v > 0).length, 0);
  assert.ok(points > 0 && points === expectedPoints, `the chart plots the timeline's ${expectedPoints} non-empty buckets (data-points=${points})`);
  const painted = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return { n, width: c.width, height: c.height };
  });
  assert.ok(painted.width > 300 && painted.n > 2000, `the canvas is drawn on: ${JSON.stringify(painted)}`);
  const legend = await chart.locator('.u-legend .u-label').allInnerTexts();
  assert.ok(legend.includes('frontend errors') && legend.includes('frontend warnings'), `legend: ${legend.join(', ')}`);
  const anomaly = expected.timeline!.firstAnomaly!;
  assert.match(await chart.locator('figcaption.anomaly').innerText(), new RegExp(`First anomaly ${anomaly.time.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

  const cards = frame.locator('article.hypothesis');
  assert.equal(await cards.count(), expected.hypotheses.length);
  const first = cards.first();
  assert.match(await first.locator('h3').innerText(), new RegExp(`${top.fault}.*${top.component}`));
  assert.equal(await first.locator('.bar').getAttribute('aria-valuenow'), String(Math.round(top.confidence * 100)));
  assert.equal(await first.locator('.explanation').innerText(), top.explanation);
  const links = await first.locator('a.location').allInnerTexts();
  assert.deepEqual(links, top.evidence.filter((e) => !e.file.startsWith('probe: ')).map((e) => `${e.file}:${e.line}`));
  assert.ok(await frame.locator('section.probes li.probe').count() > 0, 'the probes are listed');
  const fixes = frame.locator('section.fixes li.fix');
  assert.ok(await fixes.count() > 0, 'the fixes are listed');
  assert.deepEqual(await fixes.first().locator('button.action').allInnerTexts(), ['Review', 'Approve', 'Reject', 'Save for Review']);

  const statusItem = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /AOI: / }).first();
  const model = expected.model.name === 'none' ? 'expert rules' : `${expected.model.name}${expected.model.version ? ` ${expected.model.version}` : ''}`;
  const provider = expected.model.executionProvider === 'none' ? 'no model' : expected.model.executionProvider;
  assert.ok((await statusItem.innerText()).includes(`AOI: ${top.fault} in ${top.component} (${Math.round(top.confidence * 100)}%) · ${model} · ${provider} · `), `status bar: ${await statusItem.innerText()}`);

  const cause = top.evidence[0]!;
  await first.locator('a.location', { hasText: `${cause.file}:${cause.line}` }).click();
  await waitFor(`${cause.file}:${cause.line} open from the report`, async () => {
    const info = await activeEditorInfo(page);
    return info.fileName === cause.file.split('/').pop() && info.line === cause.line;
  }, 20_000);
  const other = top.evidence.find((e) => e.file !== cause.file && !e.file.startsWith('probe: '))!;
  await page.locator('.tab', { hasText: /^AOI: / }).first().click();
  const otherLink = reportFrame(page).locator('article.hypothesis').first().locator('a.location', { hasText: `${other.file}:${other.line}` });
  await otherLink.focus();
  await otherLink.press('Enter');
  await waitFor(`${other.file}:${other.line} open from the keyboard`, async () => {
    const info = await activeEditorInfo(page);
    return info.fileName === other.file.split('/').pop() && info.line === other.line;
  }, 20_000);

  await session.runCommand('Developer: Reload Window', 20_000);
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.tab', { hasText: /^AOI: / }).first().click({ timeout: 30_000 });
  await waitFor('the report restored after the reload', async () => (await reportFrame(page).locator('h1.summary').innerText({ timeout: 1_000 })).includes(`${top.fault} in ${top.component}`), 60_000);

  for (const [theme, kind, file] of [['Light Modern', 'vscode-light', 'report-light.png'], ['Dark Modern', 'vscode-dark', 'report-dark.png'], ['Dark High Contrast', 'vscode-high-contrast', 'report-high-contrast.png'], ['Light High Contrast', 'vscode-high-contrast-light', 'report-high-contrast-light.png']] as const) {
    await pickColorTheme(session, theme);
    const report = reportFrame(page);
    await waitFor(`the report in ${theme}`, async () => (await report.locator('body').getAttribute('class', { timeout: 1_000 }))?.split(/\s+/).includes(kind), 30_000);
    await report.locator('figure.timeline canvas').waitFor({ state: 'visible', timeout: 15_000 });
    const ratios = await contrasts(report, ['body', 'h1.summary', 'article.hypothesis .explanation', 'a.location', 'figcaption.anomaly', 'figcaption.anomaly code.text', '.u-legend .u-label', 'button.action', '.evidence .text', 'li.fix code.target', '.badge']);
    for (const r of ratios) {
      assert.notEqual(r.color, r.background, `${theme}: ${r.selector} differs from the background`);
      assert.ok(r.ratio >= 3, `${theme}: ${r.selector} ${r.color} on ${r.background} has contrast ${r.ratio.toFixed(2)}`);
    }
    console.log(`e2e: ${theme}: ${ratios.map((r) => `${r.selector} ${r.ratio.toFixed(1)}`).join(', ')}`);
    if (file) await session.screenshot(join(OUT, file));
  }
  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  await session.close();
  session = undefined;
});

test('a log line carrying <script> and <img onerror> shows as text in the report, and runs nothing', async () => {
  const folder = join(tempDir('aoi-e2e-report-xss-'), 'incident');
  mkdirSync(join(folder, 'logs'), { recursive: true });
  const hostile = `checkout failed: <script>document.title="pwned"</script> upstream <img src=x onerror="document.title='pwned'"> dial tcp 10.0.0.9:5432: connect: connection refused`;
  const t0 = Date.parse('2026-11-12T09:40:00Z');
  const lines = [
    ...Array.from({ length: 60 }, (_, i) => ({ t: t0 + i * 20_000, text: 'INFO checkout request served in 12ms' })),
    ...Array.from({ length: 30 }, (_, i) => ({ t: t0 + 15 * 60_000 + i * 10_000, text: `ERROR ${hostile}` })),
  ].sort((a, b) => a.t - b.t);
  writeFileSync(join(folder, 'logs', 'checkout.log'), lines.map((l) => `${new Date(l.t).toISOString()} ${l.text}\n`).join(''));
  await session?.close();
  session = await startCodeServer({ vsix: VSIX, folder });
  const violations = cspViolations(session.page);
  const frame = await diagnoseAndOpenReport(session, 'none (no fault)');
  const caption = frame.locator('figcaption.anomaly');
  await caption.waitFor({ state: 'visible', timeout: 15_000 });
  assert.ok((await caption.innerText()).includes('<script>document.title="pwned"</script>'), 'the <script> tag reads as text');
  assert.ok((await caption.innerText()).includes(`<img src=x onerror="document.title='pwned'">`), 'the <img onerror> tag reads as text');
  const injected = await frame.locator('body').evaluate((body) => ({
    images: body.querySelectorAll('img').length,
    scripts: Array.from(body.ownerDocument.querySelectorAll('script')).filter((e) => /pwned/.test(e.textContent ?? '')).length,
    title: body.ownerDocument.title,
  }));
  assert.deepEqual(injected, { images: 0, scripts: 0, title: 'AOI Incident Report' }, 'no element was made from the log line');
  await session.screenshot(join(OUT, 'report-untrusted-text.png'));
  assert.deepEqual(violations, [], 'no Content-Security-Policy violations (nothing tried to run)');
});
