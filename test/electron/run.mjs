// The @vscode/test-electron suite, for machines that can download VS Code desktop (not part of `npm test`,
// which runs the same checks offline in code-server). Run with `npm run test:electron`.
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

try {
  const code = await runTests({
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('test/electron/suite.cjs'),
    launchArgs: [resolve('examples/k8s-cart-targetport'), '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exit(code);
} catch (err) {
  console.error(`test:electron: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
