/**
 * Atomic file replacement: the new content goes to a temporary file beside the target, is flushed to disk,
 * given the target's permissions, and renamed over it; the folder is flushed too. A reader sees the old
 * content or the new one, never a mix, and a crash leaves at most a stray temporary file, never a half-written
 * target. Symbolic links are refused: a fix writes the file the evidence named, not whatever a link points to.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `path` atomically, with `mode` (default: the existing file's mode, else 0o644). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  let targetMode = mode;
  try {
    const st = await lstat(path);
    if (st.isSymbolicLink()) throw new Error(`${path} is a symbolic link; fixes never write through links`);
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    targetMode ??= st.mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const temp = join(dirname(path), `.${basename(path)}.aoi-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', targetMode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.chmod(targetMode ?? 0o644);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dirname(path));
}

/** Flushes a folder's entries (the rename) to disk; a no-op where folders cannot be opened for it. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on folders; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
