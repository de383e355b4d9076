// Runs inside the VS Code extension host started by test/electron/run.mjs: diagnoses the opened example
// and checks the Problems entries AOI published.
const assert = require('node:assert/strict');
const vscode = require('vscode');

async function waitFor(what, fn, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

exports.run = async function run() {
  const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'aoi');
  assert.ok(ext, 'the AOI extension is loaded');
  await ext.activate();
  await waitFor('the AOI commands', async () => (await vscode.commands.getCommands(true)).includes('aoi.diagnoseWorkspace'));
  await vscode.commands.executeCommand('aoi.diagnoseWorkspace');
  const entries = await waitFor('AOI diagnostics', () => {
    const all = vscode.languages.getDiagnostics().flatMap(([uri, diags]) => diags.map((d) => ({ uri, d })));
    const aoi = all.filter(({ d }) => d.source === 'aoi');
    return aoi.length > 0 ? aoi : undefined;
  });
  assert.ok(entries.some(({ d }) => d.code === 'port_misconfig'), 'a port_misconfig diagnostic');
  assert.ok(entries.some(({ uri, d }) => uri.path.endsWith('cart-service.yaml') && d.severity === vscode.DiagnosticSeverity.Error));
};
