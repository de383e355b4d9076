/** Test helpers: temporary folders that are removed when the test process exits. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed at exit. */
export function tempDir(prefix = 'aoi-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Creates a new temporary folder holding `files` (relative path -> content); returns its path. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = tempDir('aoi-tree-');
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}
