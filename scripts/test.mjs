// The one test command (`npm test`): installs what the tests need when it is missing, builds, packages the
// VSIX, and runs every suite (unit, integration over LSP, end-to-end in code-server) in one node:test run.
// Environment: AOI_SKIP_E2E=1 leaves out the end-to-end suite (and its tool install); the services the
// integration suite starts (redis-server, redis-cli) and the model tests' Python (python3-torch, python3-onnx)
// are installed either way; the lab smoke test installs the lab's own packages (aoi lab up).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const run = (title, cmd, args, options = {}) => {
  console.log(`\n== ${title}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
};
const tests = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f)) : []);
const e2e = process.env.AOI_SKIP_E2E !== '1';

if (!existsSync('node_modules/.package-lock.json')) run('install dependencies', 'npm', ['ci']);
run('build', 'npm', ['run', 'build']);
if (e2e) {
  run('package', 'npm', ['run', 'package']);
  run('end-to-end tools', 'bash', ['scripts/setup-e2e.sh']);
}
run('test services', 'bash', ['scripts/setup-services.sh']);
run('training tools', 'bash', ['scripts/setup-python.sh']);
const files = [...tests('test/unit'), ...tests('test/integration'), ...(e2e ? tests('test/e2e') : [])];
run('tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
