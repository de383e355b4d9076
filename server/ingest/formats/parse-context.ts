/**
 * What every line parser shares: the reference time that year-less timestamps (syslog's `Nov 20 10:00:00`,
 * klog's `I1120 10:00:00`) are read against, and the shape of a line parser.
 */
import type { LogRecord } from '../log-record';

/** Context of one file's parse. Build it with `parseContext`. */
export interface ParseContext {
  /** Epoch ms; a year-less time takes the latest year that puts it at most a day after this. */
  readonly referenceTime: number;
  /** The UTC year of `referenceTime`, computed once. */
  readonly referenceYear: number;
}

/** The context for a file whose year-less times lie before `referenceTime` (its mtime, usually). */
export function parseContext(referenceTime: number): ParseContext {
  const year = new Date(referenceTime).getUTCFullYear();
  return { referenceTime, referenceYear: Number.isFinite(year) ? year : new Date().getUTCFullYear() };
}

/**
 * Parses one line (or one message inside an envelope) into a record, or returns undefined when the text is
 * not in the parser's format. The record's `line` is 0 and `lineCount` 1: the reader places it in the file.
 * A `lean` parse leaves out the record's `attributes` and `resource` and is otherwise the same: the reader parses
 * lean and reads those two again, in full, only for a consumer that asks (lazy-record.ts).
 */
export type LineParser = (text: string, ctx: ParseContext, lean?: boolean) => LogRecord | undefined;
