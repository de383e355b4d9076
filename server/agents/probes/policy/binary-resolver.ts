/**
 * Where a probe's binary comes from. argv[0] is a bare name, looked up in a fixed list of system directories,
 * never in $PATH or the workspace, so a `kubectl` dropped into the workspace or first on a user's PATH cannot
 * stand in for the real one. The lookup is a function of its own so the policy's decisions can be tested
 * without depending on what is installed.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

/** The directories searched, in order. */
export const FIXED_BIN_DIRS: readonly string[] = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Finds the absolute path of a bare tool name, or undefined when it is not installed. */
export type BinaryResolver = (tool: string) => string | undefined;

/** True when `path` is a regular file (after symlinks) the current user may execute. */
function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A resolver over `dirs` (default FIXED_BIN_DIRS), with `isExecutable` replaceable for tests. */
export function fixedDirectoryResolver(dirs: readonly string[] = FIXED_BIN_DIRS, isExecutable: (path: string) => boolean = isExecutableFile): BinaryResolver {
  return (tool) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(tool)) return undefined;
    for (const dir of dirs) {
      const candidate = join(dir, tool);
      if (isExecutable(candidate)) return candidate;
    }
    return undefined;
  };
}
