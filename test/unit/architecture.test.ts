/**
 * The shape rules of DESIGN.md, checked on the sources: the engine never imports `vscode`; the extension
 * imports nothing of the server but its protocol; analyzers and the observer neither spawn processes nor
 * write files; nothing under server/ writes files yet (only the executor and trajectory store will).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
const imports = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

test('server/ never imports vscode', () => {
  for (const f of sources('server')) assert.ok(!imports(f).includes('vscode'), f);
});

test('extension/ imports only the protocol of the server', () => {
  for (const f of sources('extension')) {
    for (const i of imports(f).filter((i) => i.includes('server/'))) assert.match(i, /^\.\.\/server\/protocol(\/|$)/, `${f} imports ${i}`);
  }
});

test('analyzers, the observer and the ingest never spawn processes or write files', () => {
  const forbidden = /child_process|\b(writeFile|appendFile|createWriteStream|rmSync|unlink|rename|mkdir|copyFile)\w*\s*\(/;
  for (const dir of ['server/analyzers', 'server/agents/observer', 'server/ingest', 'server/report']) {
    for (const f of sources(dir)) assert.doesNotMatch(readFileSync(f, 'utf8'), forbidden, f);
  }
});

test('one naming case for files: kebab-case', () => {
  for (const dir of ['server', 'extension', 'test', 'media']) {
    for (const f of sources(dir)) assert.match(f.split('/').pop()!, /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.ts$/, f);
  }
});

test('only the probe runner spawns processes in the engine', () => {
  const spawning = sources('server').filter((f) => imports(f).some((i) => i === 'node:child_process' || i === 'child_process'));
  assert.deepEqual(spawning, ['server/agents/probes/runner.ts']);
});
