/**
 * Streams the lines of a file with bounded memory: splits on LF, drops a trailing CR, replaces invalid
 * UTF-8 instead of failing, and caps very long lines (the rest of such a line is skipped and counted).
 */
import { createReadStream } from 'node:fs';

/** Options of `forEachLine`. */
export interface LineReadOptions {
  /** Lines longer than this many bytes are cut to it. Default 64 KiB. */
  maxLineBytes?: number;
  /** Aborts the read; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What a full read saw. */
export interface LineReadStats {
  lines: number;
  /** Lines that were longer than the cap and were cut. */
  truncatedLines: number;
  bytes: number;
}

/** Calls `onLine(text, lineNumber)` for every line of the file at `path`, in order; line numbers are 1-based. */
export async function forEachLine(
  path: string,
  onLine: (text: string, lineNumber: number) => void,
  options: LineReadOptions = {},
): Promise<LineReadStats> {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  const stats: LineReadStats = { lines: 0, truncatedLines: 0, bytes: 0 };
  let carry: Buffer | null = null;
  let carryTruncated = false;

  const emit = (buf: Buffer, start: number, end: number, truncated: boolean): void => {
    let stop = end;
    if (stop > start && buf[stop - 1] === 0x0d) stop--;
    stats.lines++;
    if (truncated) stats.truncatedLines++;
    onLine(buf.toString('utf8', start, stop), stats.lines);
  };

  const stream = createReadStream(path, { highWaterMark: 256 * 1024, signal: options.signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    stats.bytes += chunk.length;
    let start = 0;
    let nl = chunk.indexOf(0x0a, start);
    while (nl !== -1) {
      if (carry) {
        const room = maxLineBytes - carry.length;
        const piece = chunk.subarray(start, Math.min(nl, start + Math.max(room, 0)));
        const joined = Buffer.concat([carry, piece]);
        emit(joined, 0, joined.length, carryTruncated || nl - start > room);
        carry = null;
        carryTruncated = false;
      } else if (nl - start > maxLineBytes) {
        emit(chunk, start, start + maxLineBytes, true);
      } else {
        emit(chunk, start, nl, false);
      }
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (!carry) {
        carry = Buffer.from(rest.subarray(0, maxLineBytes));
        carryTruncated = rest.length > maxLineBytes;
      } else if (carry.length < maxLineBytes) {
        const room = maxLineBytes - carry.length;
        carry = Buffer.concat([carry, rest.subarray(0, room)]);
        carryTruncated ||= rest.length > room;
      } else {
        carryTruncated = true;
      }
    }
  }
  if (carry && carry.length > 0) emit(carry, 0, carry.length, carryTruncated);
  return stats;
}
