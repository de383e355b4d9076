/**
 * Streams the lines of a file with bounded memory: splits on LF, drops a trailing CR, replaces invalid
 * UTF-8 instead of failing, and caps very long lines (the rest of such a line is skipped and counted).
 * A gzip file (one that starts with the gzip magic bytes, whatever its name) is read through gunzip; a corrupt
 * or cut-short gzip stream ends the read where the damage starts instead of failing it.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { constants, createGunzip } from 'node:zlib';

/** Options of `forEachLine`. */
export interface LineReadOptions {
  /** Lines longer than this many bytes are cut to it. Default 64 KiB. */
  maxLineBytes?: number;
  /** Aborts the read; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Byte offset to start at (of the decompressed text, for a gzip file), to follow a file that is still being
   * written: pass the `endOffset` of the previous read. When set, 0 included, a last line without its newline
   * is not read, since it may be half written; the next read gets it whole. Unset, it is read as a line.
   */
  startOffset?: number;
}

/** What a full read saw. */
export interface LineReadStats {
  lines: number;
  /** Lines that were longer than the cap and were cut. */
  truncatedLines: number;
  /** Bytes read from `startOffset` on (decompressed bytes, for a gzip file). */
  bytes: number;
  /** The offset just after the last newline read: where a later read of the growing file resumes. */
  endOffset: number;
  /** The file was gzip-compressed. */
  gzip: boolean;
  /** Why a gzip stream stopped early (corrupt data); the lines before the damage were read. */
  decodeError?: string;
}

const CHUNK_BYTES = 256 * 1024;

/** Calls `onLine(text, lineNumber)` for every line of the file at `path`, in order; line numbers are 1-based. */
export async function forEachLine(
  path: string,
  onLine: (text: string, lineNumber: number) => void,
  options: LineReadOptions = {},
): Promise<LineReadStats> {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  const following = options.startOffset !== undefined;
  const startOffset = Math.max(0, options.startOffset ?? 0);
  options.signal?.throwIfAborted();
  const gzip = await startsWithGzipMagic(path);
  const stats: LineReadStats = { lines: 0, truncatedLines: 0, bytes: 0, endOffset: startOffset, gzip };
  let carry: Buffer | null = null;
  let carryTruncated = false;
  let skip = gzip ? startOffset : 0;

  const emit = (buf: Buffer, start: number, end: number, truncated: boolean): void => {
    let stop = end;
    if (stop > start && buf[stop - 1] === 0x0d) stop--;
    stats.lines++;
    if (truncated) stats.truncatedLines++;
    onLine(buf.toString('utf8', start, stop), stats.lines);
  };

  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal: options.signal, start: gzip ? 0 : startOffset });
  let chunks: AsyncIterable<Buffer> = source;
  if (gzip) {
    // Z_SYNC_FLUSH as the final flush: a file cut short (still being written) yields what it holds.
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK_BYTES });
    pipeline(source, gunzip, () => undefined);
    chunks = gunzip;
  }
  try {
    for await (let chunk of chunks) {
      if (skip > 0) {
        const dropped = Math.min(skip, chunk.length);
        skip -= dropped;
        chunk = chunk.subarray(dropped);
      }
      const chunkStart = startOffset + stats.bytes;
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
        stats.endOffset = chunkStart + start;
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
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!gzip || typeof code !== 'string' || !code.startsWith('Z_')) throw err;
    stats.decodeError = `gzip data is corrupt after ${stats.bytes} decompressed bytes (${code})`;
  }
  if (carry && carry.length > 0 && !following) emit(carry, 0, carry.length, carryTruncated);
  return stats;
}

/** Whether the file starts with the gzip magic bytes 1f 8b. */
async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
