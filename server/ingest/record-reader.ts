/**
 * Reads the log records of a file: streams its lines (gzip transparently, line-reader.ts), detects the format
 * from the head (format-detect.ts), removes envelopes (CRI, Docker, the kubectl timestamp), joins the partial
 * lines of CRI and Docker logs, parses each message, folds multi-line records (formats/record-folder.ts) and
 * hands each record to `onRecord`, in file order.
 *
 * Guarantees: every physical line read lands in exactly one record, in order (the records' `lineCount`s add up
 * to `lines`); no content makes it throw, only I/O errors, an abort, or `onRecord` itself.
 *
 * Following a growing file: pass `startOffset` (0 for the first read) and, on the next read, the previous
 * `endOffset`, `lines` added to `startLine`, and the detected `format`. A last line without its newline is then
 * left for the next read (it may be half written), and so is nothing else: the open record, and a CRI/Docker
 * partial line still waiting for its rest, are handed out at the end of each read, so a trace or a long line
 * cut between two reads yields two records. Partial CRI/Docker lines join only with the lines right after them
 * in the same stream.
 */
import { stat } from 'node:fs/promises';
import { DETECT_SAMPLE_LINES, detectLayout, type FileLayout, FormatSampler } from './format-detect';
import { parseCriLine, parseDockerJsonLine, type ContainerLine } from './formats/container-line';
import { composePrefixOf, streamLabelsAt, timestampPrefixOf } from './formats/kubectl-prefix';
import type { Envelope } from './formats/record-folder';
import { parseContext } from './formats/parse-context';
import { RecordFolder } from './formats/record-folder';
import { forEachLine } from './line-reader';
import type { LogFormat, LogRecord } from './log-record';

/** Options of `readLogRecords`. */
export interface RecordReadOptions {
  /** Aborts the read; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Lines longer than this many bytes are cut to it. Default 64 KiB. */
  maxLineBytes?: number;
  /** Reads the file as this format instead of detecting it. */
  format?: LogFormat;
  /** Byte offset to resume from (see the file comment); setting it, 0 included, turns on following. */
  startOffset?: number;
  /** The line number of the first line read, so that resumed records keep their file line numbers. Default 1. */
  startLine?: number;
  /** Epoch ms that year-less times (syslog, klog) are placed before. Default: the file's modification time. */
  referenceTime?: number;
}

/** What a read saw. */
export interface RecordReadResult {
  format: LogFormat;
  /** Physical lines read. */
  lines: number;
  records: number;
  /** Lines that were longer than `maxLineBytes` and were cut. */
  truncatedLines: number;
  /** Bytes read (decompressed, for a gzip file). */
  bytes: number;
  /** The offset just after the last complete line read: the next read's `startOffset`. */
  endOffset: number;
  /** Why a gzip file's data stopped early; what came before was read. */
  decodeError?: string;
}

/** Most head lines, and characters, held back for detection when few of them are sample lines. */
const MAX_HEAD_LINES = 1000;
const MAX_HEAD_CHARS = 1 << 20;

/** Reads the records of the log file at `path`, calling `onRecord` for each, in order. */
export async function readLogRecords(path: string, onRecord: (record: LogRecord) => void, options: RecordReadOptions = {}): Promise<RecordReadResult> {
  const ctx = parseContext(options.referenceTime ?? (await stat(path)).mtimeMs);
  const lineBase = (options.startLine ?? 1) - 1;
  const head: string[] = [];
  const sampler = new FormatSampler();
  let samples = 0;
  let headChars = 0;
  let router: MessageRouter | undefined;
  // The folder itself when lines go to it as they are (no envelope): one call less per line.
  let direct: RecordFolder | undefined;
  let layout: FileLayout | undefined;
  let folder: RecordFolder | undefined;

  const begin = (): MessageRouter => {
    layout = detectLayout(head, options.format);
    folder = new RecordFolder(layout, ctx, onRecord);
    const started = messageRouter(layout, folder);
    head.forEach((text, i) => started.push(text, lineBase + i + 1));
    head.length = 0;
    if (started.direct) direct = folder;
    return started;
  };

  const stats = await forEachLine(
    path,
    (text, n) => {
      if (direct !== undefined) return direct.push(text, lineBase + n, 1);
      if (router !== undefined) return router.push(text, lineBase + n);
      head.push(text);
      headChars += text.length;
      if (sampler.accepts(text)) samples++;
      if (samples >= DETECT_SAMPLE_LINES || head.length >= MAX_HEAD_LINES || headChars >= MAX_HEAD_CHARS) router = begin();
    },
    { maxLineBytes: options.maxLineBytes, signal: options.signal, startOffset: options.startOffset },
  );
  router ??= begin();
  router.end();
  const result: RecordReadResult = {
    format: layout!.format,
    lines: stats.lines,
    records: folder!.records,
    truncatedLines: stats.truncatedLines,
    bytes: stats.bytes,
    endOffset: stats.endOffset,
  };
  if (stats.decodeError !== undefined) result.decodeError = stats.decodeError;
  return result;
}

/** Takes physical lines, removes their envelope, joins partial lines, and passes messages to the folder. */
interface MessageRouter {
  push(text: string, line: number): void;
  end(): void;
  /** Lines go to the folder as they are. */
  direct?: boolean;
}

function messageRouter(layout: FileLayout, folder: RecordFolder): MessageRouter {
  if (layout.format === 'cri' || layout.format === 'docker-json') return containerRouter(layout.format === 'cri' ? parseCriLine : parseDockerJsonLine, folder);
  if (layout.timestampPrefix || layout.composePrefix) {
    return {
      push(raw, line) {
        let text = raw;
        let labels: Envelope['labels'];
        if (layout.composePrefix) {
          const compose = composePrefixOf(raw);
          if (compose) {
            text = raw.slice(compose.end);
            labels = { text: compose.container, resource: { service: compose.service, container: compose.container } };
          }
        }
        const prefix = layout.timestampPrefix ? timestampPrefixOf(text) : undefined;
        if (!prefix) {
          folder.push(text, line, 1, labels ? { timeMs: NaN, timeText: '', labels } : undefined);
          return;
        }
        const stream = streamLabelsAt(text, prefix.end + 1);
        const envelope = { timeMs: prefix.ms, timeText: text.slice(0, prefix.end) };
        if (stream) labels = { text: stream.text, resource: stream.resource };
        folder.push(text.slice(stream ? stream.end : prefix.end + 1), line, 1, labels ? { ...envelope, labels } : envelope);
      },
      end: () => folder.flush(),
    };
  }
  return { push: (text, line) => folder.push(text, line, 1), end: () => folder.flush(), direct: true };
}

/** CRI and Docker lines: a partial line joins the lines right after it in the same stream, up to the last part. */
function containerRouter(parse: (text: string) => ContainerLine | undefined, folder: RecordFolder): MessageRouter {
  let pending: { first: ContainerLine; line: number; count: number; parts: string[] } | undefined;
  const release = (): void => {
    if (!pending) return;
    folder.push(pending.parts.join(''), pending.line, pending.count, pending.first);
    pending = undefined;
  };
  return {
    push(text, line) {
      const c = parse(text);
      if (pending && c && c.stream === pending.first.stream) {
        pending.parts.push(c.message);
        pending.count++;
        if (!c.partial) release();
        return;
      }
      release();
      if (!c) folder.push(text, line, 1);
      else if (c.partial) pending = { first: c, line, count: 1, parts: [c.message] };
      else folder.push(c.message, line, 1, c);
    },
    end() {
      release();
      folder.flush();
    },
  };
}
