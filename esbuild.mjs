// Bundles the extension, the language server, the CLI and the webview scripts into dist/.
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies and drops source maps;
// `--quiet` prints only warnings and errors.
// `vscode` and `onnxruntime-node` (a native addon) stay external.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const quiet = process.argv.includes('--quiet');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  external: ['vscode', 'onnxruntime-node'],
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: { extension: 'extension/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { server: 'server/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The live lab's own programs, started by `aoi lab up`: the supervisor and the shop's services.
  // Never minified: the shop's stack traces name their functions, as a real service's do.
  { ...common, minify: false, keepNames: true, entryPoints: { supervisor: 'lab/supervisor/supervisor.ts', 'shop-service': 'lab/services/shop-service.ts' }, outdir: 'dist/lab', external: [...common.external, 'pg-native'] },
];

const webviewEntries = existsSync('media')
  ? readdirSync('media').filter((f) => f.endsWith('.ts')).map((f) => `media/${f}`)
  : [];
if (webviewEntries.length > 0) {
  builds.push({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: production ? false : 'linked',
    minify: production,
    entryPoints: webviewEntries,
    outdir: 'dist/media',
    logLevel: quiet ? 'warning' : 'info',
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
