/**
 * Streams the lines of a file with bounded memory: splits on LF, drops a trailing CR, replaces invalid
 * UTF-8 instead of failing, and caps very long lines (the rest of such a line is skipped and counted).
 * A gzip file (one that starts with the gzip magic bytes, whatever its name) is read through gunzip; a corrupt
 * or cut-short gzip stream ends the read where the damage starts instead of failing it.
 *
 * Speed: a plain file is read into one reused buffer (no stream, no fresh buffer per chunk); each line is
 * decoded on its own, straight from the buffer, so a string kept by a consumer holds only its line. A chunk that
 * is all ASCII decodes as Latin-1, which is the same text and cheaper than UTF-8.
 */
import { isAscii } from 'node:buffer';
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

/** Node's own decoders of a Buffer range, without `toString`'s argument handling (undocumented; checked once). */
interface SliceDecoders {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const proto = Buffer.prototype as unknown as Partial<SliceDecoders>;
const HAS_SLICE_DECODERS = typeof proto.latin1Slice === 'function' && typeof proto.utf8Slice === 'function';

/** Calls `onLine(text, lineNumber)` for every line of the file at `path`, in order; line numbers are 1-based. */
export async function forEachLine(
  path: string,
  onLine: (text: string, lineNumber: number) => void,
  options: LineReadOptions = {},
): Promise<LineReadStats> {
  const following = options.startOffset !== undefined;
  const startOffset = Math.max(0, options.startOffset ?? 0);
  const signal = options.signal;
  signal?.throwIfAborted();
  const handle = await open(path, 'r');
  let gzip = false;
  let splitter: LineSplitter;
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    splitter = new LineSplitter(onLine, options.maxLineBytes ?? 64 * 1024, startOffset, gzip);
    if (!gzip) {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      let position = startOffset;
      for (;;) {
        signal?.throwIfAborted();
        const { bytesRead: n } = await handle.read(buf, 0, CHUNK_BYTES, position);
        if (n === 0) break;
        position += n;
        splitter.push(n === CHUNK_BYTES ? buf : buf.subarray(0, n));
      }
    }
  } finally {
    await handle.close();
  }
  if (gzip) await readGzip(path, splitter, startOffset, signal);
  splitter.end(following);
  return splitter.stats;
}

/** Feeds the decompressed chunks of a gzip file from `startOffset` on; a corrupt stream ends it with a reason. */
async function readGzip(path: string, splitter: LineSplitter, startOffset: number, signal: AbortSignal | undefined): Promise<void> {
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal });
  // Z_SYNC_FLUSH as the final flush: a file cut short (still being written) yields what it holds.
  const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK_BYTES });
  pipeline(source, gunzip, () => undefined);
  let skip = startOffset;
  try {
    for await (let chunk of gunzip as AsyncIterable<Buffer>) {
      if (skip > 0) {
        const dropped = Math.min(skip, chunk.length);
        skip -= dropped;
        chunk = chunk.subarray(dropped);
      }
      splitter.push(chunk);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !code.startsWith('Z_')) throw err;
    splitter.stats.decodeError = `gzip data is corrupt after ${splitter.stats.bytes} decompressed bytes (${code})`;
  }
}

/** Splits chunks into lines; a line cut between two chunks waits in `carry` (capped) for its end. */
class LineSplitter {
  readonly stats: LineReadStats;
  private carry: Buffer | null = null;
  private carryTruncated = false;

  constructor(
    private readonly onLine: (text: string, lineNumber: number) => void,
    private readonly maxLineBytes: number,
    private readonly startOffset: number,
    gzip: boolean,
  ) {
    this.stats = { lines: 0, truncatedLines: 0, bytes: 0, endOffset: startOffset, gzip };
  }

  /** Emits the lines that end in `chunk`; the caller may reuse the chunk's memory afterwards. */
  push(chunk: Buffer): void {
    const stats = this.stats;
    const chunkStart = this.startOffset + stats.bytes;
    stats.bytes += chunk.length;
    let nl = chunk.indexOf(0x0a, 0);
    if (nl === -1) {
      this.keep(chunk, 0);
      return;
    }
    let start = 0;
    if (this.carry !== null) {
      this.emitCarry(chunk, nl);
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    const onLine = this.onLine;
    const max = this.maxLineBytes;
    const latin1 = HAS_SLICE_DECODERS && isAscii(chunk);
    const decoders = chunk as unknown as SliceDecoders;
    while (nl !== -1) {
      let end = nl;
      if (end - start > max) {
        end = start + max;
        stats.truncatedLines++;
      }
      if (end > start && chunk[end - 1] === 0x0d) end--;
      const text = latin1 ? decoders.latin1Slice(start, end) : HAS_SLICE_DECODERS ? decoders.utf8Slice(start, end) : chunk.toString('utf8', start, end);
      onLine(text, ++stats.lines);
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    stats.endOffset = chunkStart + start;
    if (start < chunk.length) this.keep(chunk, start);
  }

  /** Emits the last line, without its newline, unless following a growing file. */
  end(following: boolean): void {
    const carry = this.carry;
    if (carry !== null && carry.length > 0 && !following) this.emit(carry, this.carryTruncated);
  }

  /** Joins the carried start of a line with its end, `chunk` up to `nl`, and emits it. */
  private emitCarry(chunk: Buffer, nl: number): void {
    const carry = this.carry!;
    const room = this.maxLineBytes - carry.length;
    const joined = Buffer.concat([carry, chunk.subarray(0, Math.min(nl, Math.max(room, 0)))]);
    const truncated = this.carryTruncated || nl > room;
    this.carry = null;
    this.carryTruncated = false;
    this.emit(joined, truncated);
  }

  /** Keeps `chunk` from `start` on (a copy) as the start of a line whose end is still to come. */
  private keep(chunk: Buffer, start: number): void {
    const max = this.maxLineBytes;
    const rest = chunk.subarray(start);
    if (this.carry === null) {
      this.carry = Buffer.from(rest.subarray(0, max));
      this.carryTruncated = rest.length > max;
    } else if (this.carry.length < max) {
      const room = max - this.carry.length;
      this.carry = Buffer.concat([this.carry, rest.subarray(0, room)]);
      this.carryTruncated ||= rest.length > room;
    } else {
      this.carryTruncated = true;
    }
  }

  private emit(line: Buffer, truncated: boolean): void {
    let stop = line.length;
    if (stop > 0 && line[stop - 1] === 0x0d) stop--;
    if (truncated) this.stats.truncatedLines++;
    this.onLine(line.toString('utf8', 0, stop), ++this.stats.lines);
  }
}
