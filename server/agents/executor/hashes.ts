/**
 * The hashes that bind an approval to one exact change (sha256, hex). A proposal's hash covers what would be
 * written and what it was computed from, so an approval of it cannot be spent on any other change.
 */
import { createHash } from 'node:crypto';

/** sha256 of a text (UTF-8) or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash of a file edit: the kind, the folder-relative path, the hash of the content it was computed from, the new content. */
export function editHash(file: string, baseHash: string, newContent: string): string {
  return createHash('sha256').update('aoi-fix-edit\u0000').update(file).update('\u0000').update(baseHash).update('\u0000').update(newContent).digest('hex');
}

/** Hash of a mutating command: its exact argv. */
export function commandHash(argv: readonly string[]): string {
  return createHash('sha256').update('aoi-fix-command\u0000').update(JSON.stringify(argv)).digest('hex');
}

/** The short id of a proposal: the first 12 hex digits of its hash. */
export function shortId(hash: string): string {
  return hash.slice(0, 12);
}
