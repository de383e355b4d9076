/**
 * The shape rules of DESIGN.md, checked on the sources: the engine never imports `vscode`; the extension
 * imports nothing of the server but its protocol; analyzers and the observer neither spawn processes nor
 * write files; only the executor writes files (workspace files, its review records) and runs mutating
 * commands, and only the probe runner and the executor's command runner start processes.
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

test('only the probe runner and the executor’s command runner spawn processes in the engine', () => {
  const spawning = sources('server').filter((f) => imports(f).some((i) => i === 'node:child_process' || i === 'child_process'));
  assert.deepEqual(spawning.sort(), ['server/agents/executor/command-runner.ts', 'server/agents/probes/runner.ts']);
});

/** File-system functions that change files. */
const WRITERS = /^(writeFile|appendFile|createWriteStream|rm|rmdir|unlink|rename|mkdir|mkdtemp|copyFile|cp|truncate|ftruncate|chmod|chown|symlink|link|utimes)(Sync)?$/;
/** Names a file imports from node:fs or node:fs/promises, and whether it calls open with a write flag. */
const fsWrites = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  const names = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?fs(?:\/promises)?['"]/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!));
  const found = names.filter((n) => WRITERS.test(n));
  if (/\bopen(Sync)?\([^)]*['"](w|a|r\+)[x+]?['"]/.test(text)) found.push('open for writing');
  if (/\bfs\.(promises\.)?\w+/.test(text) && /import \* as fs/.test(text)) found.push('fs namespace');
  return found;
};

test('only the executor (workspace files, review records), the trajectory store (its folder) and the dataset writers write files', () => {
  const writing = sources('server').filter((f) => fsWrites(f).length > 0);
  assert.deepEqual(writing.sort(), [
    'server/agents/executor/atomic-write.ts',
    'server/agents/executor/executor.ts',
    'server/agents/executor/review-store.ts',
    'server/trajectories/evolver/evolved-files.ts', // STORE/evolved/, inside the store's folder
    'server/trajectories/exports/export-dataset.ts', // the --out folder the user names
    'server/trajectories/store.ts',
  ]);
});

test('the trajectory store writes only paths it builds under its root', () => {
  const text = readFileSync('server/trajectories/store.ts', 'utf8');
  // Every open/rm/mkdir call takes a path made by partPath() or join(this.root, ...), or the root itself.
  for (const m of text.matchAll(/\b(open|rm|mkdir)\(([^,)]+)/g)) assert.match(m[2]!.trim(), /^(path|this\.root|join\(this\.root)$/, `${m[1]}(${m[2]})`);
  assert.match(text, /let path = this\.store\.partPath\(/);
});

test('mutating commands run only from the executor, after its gate', () => {
  const callers = sources('server').filter((f) => /runApprovedCommand/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(callers.sort(), ['server/agents/executor/command-runner.ts', 'server/agents/executor/executor.ts']);
});
