/**
 * A fix idea: what an analyzer would change to remove the root cause it found, before anything reads the
 * file it names. Either edits to one config file (positions from the evidence, so the analyzer stays pure)
 * or a mutating command. The executor turns ideas into proposals (proposal.ts): it reads the file, applies
 * the edits, and refuses an idea whose text is no longer where the evidence said.
 */
import type { Evidence } from '../../protocol';

/** One change to a file's lines. Lines are 1-based, as in evidence. */
export type FixEdit =
  /** Replaces the first `find` on `line` (at or after `column` when given) with `replace`. */
  | { op: 'replace'; line: number; column?: number; find: string; replace: string }
  /** Inserts `lines` after line `afterLine` (0: at the top; past the last line: at the end). */
  | { op: 'insert'; afterLine: number; lines: string[] }
  /** Deletes lines `fromLine` to `toLine`, both included. */
  | { op: 'delete'; fromLine: number; toLine: number };

/** Edits to one file. */
export interface FileFixIdea {
  kind: 'edit';
  /** Path relative to the diagnosed folder, `/` separators. */
  file: string;
  edits: FixEdit[];
  /** Why this change removes the cause, in a sentence a reviewer reads next to the diff. */
  why: string;
}

/** A mutating command (restart, scale, reload, grant): it goes through the approval gate, never the probe runner. */
export interface CommandFixIdea {
  kind: 'command';
  argv: string[];
  why: string;
}

/** Either kind of fix. */
export type FixIdea = FileFixIdea | CommandFixIdea;

/**
 * Replaces `from` with `to` on the line of `at` (a config value's evidence: its file, line and column).
 * The column is kept only when it points at `from` in the evidence's own text: positions of embedded files
 * (a ConfigMap's nginx.conf) are the manifest's, and the executor searches the line.
 */
export function replaceValue(at: Evidence, from: string, to: string, why: string): FileFixIdea {
  const edit: FixEdit = { op: 'replace', line: at.line, find: from, replace: to };
  if (at.column !== undefined && at.column > 0) edit.column = at.column;
  return { kind: 'edit', file: at.file, edits: [edit], why };
}

/** Inserts `lines` after `afterLine` of `file`. */
export function insertLines(file: string, afterLine: number, lines: string[], why: string): FileFixIdea {
  return { kind: 'edit', file, edits: [{ op: 'insert', afterLine, lines }], why };
}

/** Deletes lines `fromLine`..`toLine` of `file`. */
export function deleteLines(file: string, fromLine: number, toLine: number, why: string): FileFixIdea {
  return { kind: 'edit', file, edits: [{ op: 'delete', fromLine, toLine }], why };
}

/** A mutating command. */
export function command(argv: string[], why: string): CommandFixIdea {
  return { kind: 'command', argv, why };
}
