/**
 * Applies the edits of a fix idea to a file's text. Pure: text in, text out, or the reason the edits no
 * longer fit the file (the value is not on its line any more, a line is past the end, two edits overlap).
 * Line endings (LF or CRLF) and the presence of a final newline are kept.
 */
import type { FixEdit } from './fix-idea';

/** The new text, or why the edits cannot be applied to this text. */
export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

/** Applies `edits` to `text`; edits name lines of the original text. */
export function applyEdits(text: string, edits: readonly FixEdit[]): EditResult {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = text.endsWith('\n');
  const lines = text.length === 0 ? [] : (finalNewline ? text.slice(0, -eol.length) : text).split(eol);
  const overlap = overlapping(edits);
  if (overlap) return { ok: false, reason: overlap };
  // Bottom-up, so every edit's line numbers still name the original lines.
  const ordered = [...edits].sort((a, b) => anchor(b) - anchor(a));
  for (const edit of ordered) {
    if (edit.op === 'replace') {
      const current = lines[edit.line - 1];
      if (current === undefined) return { ok: false, reason: `line ${edit.line} is past the end of the file (${lines.length} lines)` };
      const at = findOnLine(current, edit.find, edit.column);
      if (at < 0) return { ok: false, reason: `line ${edit.line} no longer holds "${edit.find}"` };
      lines[edit.line - 1] = current.slice(0, at) + edit.replace + current.slice(at + edit.find.length);
    } else if (edit.op === 'insert') {
      lines.splice(Math.min(Math.max(0, edit.afterLine), lines.length), 0, ...edit.lines);
    } else {
      if (edit.fromLine < 1 || edit.toLine < edit.fromLine || edit.toLine > lines.length) return { ok: false, reason: `lines ${edit.fromLine}-${edit.toLine} are not in the file (${lines.length} lines)` };
      lines.splice(edit.fromLine - 1, edit.toLine - edit.fromLine + 1);
    }
  }
  const body = lines.join(eol);
  return { ok: true, text: lines.length === 0 ? '' : finalNewline || text.length === 0 ? body + eol : body };
}

/**
 * Where `find` starts on `line`: at or after the 1-based `column` when given, else (or when it is not there)
 * its only occurrence on the line; -1 when absent or ambiguous.
 */
function findOnLine(line: string, find: string, column: number | undefined): number {
  if (find.length === 0) return -1;
  if (column !== undefined) {
    const at = line.indexOf(find, Math.max(0, column - 1));
    if (at >= 0) return at;
  }
  const first = line.indexOf(find);
  if (first < 0) return -1;
  if (column === undefined) return first;
  return line.indexOf(find, first + 1) < 0 ? first : -1;
}

/** The line an edit sorts by (inserts after a line sort below a replace of that line, so both apply). */
function anchor(edit: FixEdit): number {
  if (edit.op === 'replace') return edit.line;
  if (edit.op === 'insert') return edit.afterLine + 0.5;
  return edit.fromLine;
}

function overlapping(edits: readonly FixEdit[]): string | undefined {
  const touched = new Map<number, number>();
  for (const [i, e] of edits.entries()) {
    const range = e.op === 'replace' ? [e.line, e.line] : e.op === 'delete' ? [e.fromLine, e.toLine] : [];
    for (let l = range[0] ?? 1; l <= (range[1] ?? 0); l++) {
      if (touched.has(l)) return `edits ${touched.get(l)! + 1} and ${i + 1} both change line ${l}`;
      touched.set(l, i);
    }
  }
  return undefined;
}
