/**
 * The records the reader hands out. Most consumers read a record's time, severity and body, few its attributes
 * and resource, and building those is much of the cost of parsing a structured line (every JSON key or logfmt
 * pair, every access-log field). So the reader parses lines lean (see `LineParser`) into `LazyLogRecord`s that
 * keep the message text: on the first read or write of `attributes` or `resource`, the line's parser reads the
 * text again, in full, and the envelope's stream and displaced time are applied as the reader would have.
 *
 * To a consumer it is a plain `LogRecord`: every field reads and writes as one, `JSON.stringify` writes the same
 * object (`toJSON`), and the optional fields without a value read as undefined (they are own properties set to
 * undefined, so that every record has the same shape). Unlike a literal, the two lazy fields are accessors of
 * the class, so a spread (`{...record}`) or `Object.keys` leaves them out: use `toJSON()` for a plain copy.
 */
import type { LogFormat, LogRecord, LogResource } from '../log-record';
import type { LineParser, ParseContext } from './parse-context';

type Attributes = Record<string, string | number | boolean>;

/** Where a record's attributes and resource are read from: the parser of its file, with its context. */
export interface RecordSource {
  readonly parse: LineParser;
  readonly ctx: ParseContext;
}

/** A record whose attributes and resource are read from its text when first asked for. */
export class LazyLogRecord implements LogRecord {
  line = 0;
  lineCount = 1;
  timestamp: number | undefined = undefined;
  timeText: string | undefined = undefined;
  severityText: string | undefined = undefined;
  severityNumber: number | undefined = undefined;
  body: string;
  format: LogFormat;
  /** The text to parse again; undefined once read, or when there is nothing to read. */
  #text: string | undefined = undefined;
  #source: RecordSource | undefined = undefined;
  #attributes: Attributes | undefined = undefined;
  #resource: LogResource | undefined = undefined;
  /** The message's own time, which gave way to the envelope's and becomes the `time` attribute. */
  #messageTime: string | undefined = undefined;
  #stream: string | undefined = undefined;
  #origin: LogResource | undefined = undefined;

  constructor(format: LogFormat, body: string) {
    this.format = format;
    this.body = body;
  }

  /** The attributes and resource are those `source` reads from `text` (the text the record was parsed from). */
  readFrom(text: string, source: RecordSource): void {
    this.#text = text;
    this.#source = source;
  }

  /**
   * Applies the envelope to the attributes and resource: the message's displaced time, the stream, and the
   * resource its stream labels name (the message's own resource fields win).
   */
  envelop(messageTime: string | undefined, stream: string | undefined, origin?: LogResource): void {
    if (this.#text === undefined) {
      if (messageTime !== undefined) (this.attributes ??= {}).time ??= messageTime;
      if (stream) (this.resource ??= {}).stream = stream;
      if (origin) this.resource = { ...origin, ...this.resource };
      return;
    }
    this.#messageTime = messageTime;
    this.#stream = stream;
    this.#origin = origin;
  }

  get attributes(): Attributes | undefined {
    if (this.#text !== undefined) this.#read();
    return this.#attributes;
  }

  set attributes(value: Attributes | undefined) {
    if (this.#text !== undefined) this.#read();
    this.#attributes = value;
  }

  get resource(): LogResource | undefined {
    if (this.#text !== undefined) this.#read();
    return this.#resource;
  }

  set resource(value: LogResource | undefined) {
    if (this.#text !== undefined) this.#read();
    this.#resource = value;
  }

  /** The record as a plain object, without the fields that have no value. */
  toJSON(): LogRecord {
    const out: LogRecord = { line: this.line, lineCount: this.lineCount, body: this.body, format: this.format };
    if (this.timestamp !== undefined) out.timestamp = this.timestamp;
    if (this.timeText !== undefined) out.timeText = this.timeText;
    if (this.severityText !== undefined) out.severityText = this.severityText;
    if (this.severityNumber !== undefined) out.severityNumber = this.severityNumber;
    const attributes = this.attributes;
    if (attributes !== undefined) out.attributes = attributes;
    const resource = this.resource;
    if (resource !== undefined) out.resource = resource;
    return out;
  }

  #read(): void {
    const full = this.#source!.parse(this.#text!, this.#source!.ctx);
    this.#text = undefined;
    this.#source = undefined;
    this.#attributes = full?.attributes;
    this.#resource = full?.resource;
    if (this.#messageTime !== undefined) (this.#attributes ??= {}).time ??= this.#messageTime;
    if (this.#stream) (this.#resource ??= {}).stream = this.#stream;
    if (this.#origin) this.#resource = { ...this.#origin, ...this.#resource };
  }
}

/**
 * A new record of `format` with `body`, its other fields to be set by the parser: a plain object, or for a lean
 * parse a `LazyLogRecord` (one shape for every format, so the reader's code after the parsers sees one kind of
 * object).
 */
export function newRecord(format: LogFormat, body: string, lean: boolean): LogRecord {
  return lean ? new LazyLogRecord(format, body) : { line: 0, lineCount: 1, body, format };
}
