/**
 * The packaged VSIX (npm run package) holds what the extension needs at run time and nothing else:
 * the bundles, the webview assets, the walkthrough's pages and example incident, the localized strings, and
 * onnxruntime-node with only its linux-x64 binaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const VSIX = 'aoi-linux-x64.vsix';
const entries = (): string[] =>
  execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', VSIX], { encoding: 'utf8' })
    .trim()
    .split('\n');

test('the VSIX holds the bundles, the webview assets and linux-x64 onnxruntime only', () => {
  const files = entries();
  for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/dist/media/report.js', 'extension/dist/media/report.css', 'extension/media/aoi.svg', 'extension/package.nls.json', 'extension/media/walkthrough/diagnose.md', 'extension/examples/k8s-cart-targetport/k8s/cart-service.yaml']) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
  const native = files.filter((f) => f.includes('/bin/napi-v6/'));
  assert.deepEqual(native.sort(), ['extension/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1', 'extension/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node']);
  assert.ok(files.includes('extension/node_modules/onnxruntime-common/dist/cjs/index.js'));
  const strays = files.filter((f) => /\.map$|\.ts$|^extension\/(test|server|extension|scripts)\/|^extension\/examples\/(?!k8s-cart-targetport\/)/.test(f) || (f.includes('node_modules/') && !/node_modules\/onnxruntime-(node|common)\//.test(f)));
  assert.deepEqual(strays, []);
  const mib = statSync(VSIX).size / (1 << 20);
  assert.ok(mib < 25, `VSIX is ${mib.toFixed(1)} MiB`);
});

test('the VSIX manifest targets linux-x64 and declares limited support for untrusted workspaces', () => {
  const manifest = execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension.vsixmanifest").decode())', VSIX], { encoding: 'utf8' });
  assert.match(manifest, /TargetPlatform="linux-x64"/);
  const pkg = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())', VSIX], { encoding: 'utf8' }));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(pkg.main, './dist/extension.js');
});
