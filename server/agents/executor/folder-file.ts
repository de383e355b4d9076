/**
 * Resolves a folder-relative path that a fix names, refusing anything that leaves the folder: absolute
 * paths, `..` segments, and the tool folders AOI keeps its own state in. Symbolic links are checked by the
 * executor when it writes (it never writes through one).
 */
import { isAbsolute, join, normalize } from 'node:path';

/** Folders under the diagnosed folder that fixes never touch. */
const TOOL_FOLDERS = new Set(['.git', '.aoi']);

/** The absolute path of `rel` inside `folder`, or why it is not a file a fix may change. */
export function folderFile(folder: string, rel: string): { path: string } | { error: string } {
  if (rel === '' || rel.includes('\u0000')) return { error: `not a file path: "${rel}"` };
  if (isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) return { error: `${rel} is an absolute path (fixes name files inside the folder)` };
  const parts = normalize(rel).split(/[\\/]/);
  if (parts.includes('..')) return { error: `${rel} leaves the folder` };
  if (TOOL_FOLDERS.has(parts[0]!)) return { error: `${rel} is inside ${parts[0]}/, which fixes never change` };
  return { path: join(folder, ...parts) };
}
