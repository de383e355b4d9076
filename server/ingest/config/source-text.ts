/**
 * A config file's text split into lines, to build evidence that quotes the exact line.
 */
import type { Evidence } from '../../protocol';

/** Longest evidence text kept, in characters. */
const MAX_EVIDENCE_TEXT = 240;

/** A config file held in memory while its facts are extracted. */
export class SourceText {
  readonly lines: string[];

  constructor(
    /** Path relative to the diagnosed folder. */
    readonly rel: string,
    readonly text: string,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** Evidence for 1-based `line` (and `column`), quoting that line. */
  evidence(line: number, column?: number, note?: string): Evidence {
    const ev: Evidence = { file: this.rel, line, text: clip((this.lines[line - 1] ?? '').trim()) };
    if (column !== undefined) ev.column = column;
    if (note !== undefined) ev.note = note;
    return ev;
  }
}

/** Cuts `text` to the evidence length limit. */
export function clip(text: string): string {
  return text.length > MAX_EVIDENCE_TEXT ? `${text.slice(0, MAX_EVIDENCE_TEXT - 1)}…` : text;
}
