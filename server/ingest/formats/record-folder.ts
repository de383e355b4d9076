/**
 * Assembles records from messages (lines with their envelope removed), folding the lines that continue a record
 * into it. For each message, in order:
 *  1. a trace header (`Exception in thread "..."`, `panic:`, `fatal error:`, `SIGQUIT:`) starts a record;
 *  2. a trace line (indented, blank, `Caused by:`, `... 12 more`, a Go trace's function lines, Python's
 *     chained-exception sentences) folds into the open record;
 *  3. Python's final exception line folds unless it carries a record prefix;
 *  4. in a prefixed layout, a line without a record prefix folds; under a kubectl prefix, a line without the
 *     prefix folds;
 *  5. anything else starts a record.
 * A line of another container stream never folds. A folded record keeps its first line's message as its body,
 * so that templates are mined from a stable message, never from frames; the one exception is a record that
 * starts with a bare Python `Traceback (most recent call last):`, whose body becomes the traceback's final
 * `XxxError: message` line. `lineCount` counts every physical line; the folded lines, joined with `\n`, go to the
 * `stack` attribute (cut at 32 KiB, trailing blank lines dropped), and the exception read from them to
 * `exception.type`, `exception.message` and `exception.cause`.
 *
 * Messages are parsed lean: the records handed out read their attributes and resource only when asked
 * (lazy-record.ts).
 */
import type { LogRecord, LogResource } from '../log-record';
import type { FileLayout } from '../format-detect';
import type { LazyLogRecord, RecordSource } from './lazy-record';
import { hasRecordPrefix, lineParserFor } from './line-parsers';
import type { LineParser, ParseContext } from './parse-context';
import { parsePlainLine } from './plain';
import { TraceTracker } from './stack-trace';

/** The envelope a message came in: the runtime's or kubectl's time, and the container stream. */
export interface Envelope {
  /** Epoch ms; NaN when it could not be read. */
  timeMs: number;
  timeText: string;
  stream?: string;
  /** Loki stream labels: the resource that wrote the line; lines of different streams never fold together. */
  labels?: { text: string; resource: LogResource };
}

const MAX_STACK_CHARS = 32 * 1024;

/** Folds the messages of one file into records and hands each, complete, to `onRecord`. */
export class RecordFolder {
  /** Records handed out so far. */
  records = 0;
  private open: LazyLogRecord | undefined;
  private openStream: string | undefined;
  private readonly stack: string[] = [];
  private stackChars = 0;
  private readonly trace = new TraceTracker();
  private readonly parse: LineParser;
  private readonly source: RecordSource;

  constructor(
    private readonly layout: FileLayout,
    private readonly ctx: ParseContext,
    private readonly onRecord: (record: LogRecord) => void,
  ) {
    this.parse = lineParserFor(layout.format);
    this.source = { parse: this.parse, ctx };
  }

  /**
   * Takes the next message: `line` is its first physical line, `lineCount` how many physical lines it spans
   * (more than one for joined partial lines), `envelope` its envelope when it came in one.
   */
  push(text: string, line: number, lineCount: number, envelope?: Envelope): void {
    const role = this.trace.classify(text);
    const continuable = this.open !== undefined && role !== 'start' && streamKey(envelope) === this.openStream;
    if (continuable && (role === 'fold' || (this.layout.timestampPrefix && envelope === undefined))) {
      this.fold(text, lineCount);
      return;
    }
    // A lean parse gives a LazyLogRecord (lazy-record.ts).
    const rec = this.parse(text, this.ctx, true) as LazyLogRecord | undefined;
    if (continuable) {
      const prefixed = hasRecordPrefix(rec);
      if (role === 'fold-unless-prefixed' ? !prefixed : this.layout.prefixed && !prefixed) {
        this.fold(text, lineCount);
        return;
      }
    }
    this.start(rec ?? (parsePlainLine(text, this.ctx, true) as LazyLogRecord), text, line, lineCount, envelope);
  }

  /** Hands out the open record, if any. */
  flush(): void {
    const rec = this.open;
    if (rec === undefined) return;
    this.open = undefined;
    if (this.stack.length > 0) this.attachStack(rec);
    this.records++;
    this.onRecord(rec);
  }

  private start(rec: LazyLogRecord, text: string, line: number, lineCount: number, envelope: Envelope | undefined): void {
    this.flush();
    // Plain text has no attributes or resource to read again.
    if (rec.format !== 'plain') rec.readFrom(text, this.source);
    rec.line = line;
    rec.lineCount = lineCount;
    rec.format = this.layout.format;
    if (envelope) {
      let messageTime: string | undefined;
      if (Number.isFinite(envelope.timeMs)) {
        // The envelope's time wins: one clock, always with a zone. The message's own time stays an attribute.
        messageTime = rec.timeText;
        rec.timestamp = envelope.timeMs;
        rec.timeText = envelope.timeText;
      }
      rec.envelop(messageTime, envelope.stream, envelope.labels?.resource);
    }
    this.open = rec;
    this.openStream = streamKey(envelope);
    if (this.stack.length > 0) {
      this.stack.length = 0;
      this.stackChars = 0;
    }
    this.trace.begin(text, rec.body);
  }

  private fold(text: string, lineCount: number): void {
    this.open!.lineCount += lineCount;
    if (this.stackChars <= MAX_STACK_CHARS) {
      this.stack.push(text);
      this.stackChars += text.length + 1;
    }
    this.trace.fold(text);
  }

  private attachStack(rec: LazyLogRecord): void {
    let end = this.stack.length;
    while (end > 0 && this.stack[end - 1]!.trim() === '') end--;
    if (end === 0) return;
    this.stack.length = end;
    let text = this.stack.join('\n');
    if (text.length > MAX_STACK_CHARS) text = `${text.slice(0, MAX_STACK_CHARS)}\n…`;
    const attributes = (rec.attributes ??= {});
    attributes.stack = typeof attributes.stack === 'string' ? `${attributes.stack}\n${text}` : text;
    const exception = this.trace.exception();
    if (exception) {
      attributes['exception.type'] ??= exception.type;
      attributes['exception.message'] ??= exception.message;
      if (exception.cause !== undefined) attributes['exception.cause'] ??= exception.cause;
    }
    const message = this.trace.tracebackMessage();
    if (message !== undefined) rec.body = message;
  }
}

/** What lines must share to fold into one record: the container stream and the Loki stream. */
function streamKey(envelope: Envelope | undefined): string | undefined {
  if (!envelope?.labels) return envelope?.stream;
  return `${envelope.stream ?? ''}\u0000${envelope.labels.text}`;
}
