/**
 * Lists the files of a folder to diagnose: regular files only, tool folders (.git, node_modules, .aoi, ...)
 * skipped, symbolic links not followed, a cap on the number of files. Problems become notes, not failures,
 * except for the folder itself.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BadInputError, oneLine } from '../errors';
import type { FileNote } from '../protocol';

/** One file of the folder. */
export interface WorkspaceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the folder, with `/` separators. */
  rel: string;
  size: number;
}

/** Folder names that never hold incident evidence. */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.aoi', '.vscode', '.idea', '__pycache__']);

/** Lists the files under `root`; throws `BadInputError` when `root` is missing or not a folder. */
export async function listWorkspaceFiles(
  root: string,
  maxFiles: number,
  signal?: AbortSignal,
): Promise<{ files: WorkspaceFile[]; notes: FileNote[] }> {
  let info;
  try {
    info = await stat(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInputError(`no such folder: ${root}`);
    throw new BadInputError(`cannot open folder ${root}: ${oneLine(err)}`);
  }
  if (!info.isDirectory()) throw new BadInputError(`not a folder: ${root} (give the folder that holds the incident's files)`);

  const files: WorkspaceFile[] = [];
  const notes: FileNote[] = [];
  const relPath = (p: string): string => relative(root, p).split(sep).join('/');
  let capped = false;

  const walk = async (dir: string): Promise<void> => {
    signal?.throwIfAborted();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (dir === root) throw new BadInputError(`cannot read folder ${root}: ${oneLine(err)}`);
      notes.push({ file: relPath(dir), message: `folder skipped: ${oneLine(err)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        if (files.length >= maxFiles) {
          capped = true;
          continue;
        }
        try {
          const s = await lstat(full);
          files.push({ path: full, rel: relPath(full), size: s.size });
        } catch (err) {
          notes.push({ file: relPath(full), message: `skipped: ${oneLine(err)}` });
        }
      } else if (entry.isSymbolicLink()) {
        notes.push({ file: relPath(full), message: 'skipped: symbolic link (not followed)' });
      } else {
        notes.push({ file: relPath(full), message: 'skipped: not a regular file' });
      }
    }
  };
  await walk(root);
  if (capped) notes.push({ file: '.', message: `only the first ${maxFiles} files were read (setting aoi.maxFiles)` });
  return { files, notes };
}
