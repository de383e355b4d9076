/**
 * The multi-line traces that runtimes print, and which of their lines continue the record before them:
 * - Java: `Exception in thread "main" ...`, `\tat ...`, `Caused by: ...`, `\t... 12 more`;
 * - Python: `Traceback (most recent call last):`, indented `File "..."` and code lines, the final
 *   `XxxError: message` line, and the chained `During handling of the above exception...`;
 * - Go: `panic: ...`, `fatal error: ...`, `SIGQUIT: quit`, `goroutine 1 [running]:`, function lines such as
 *   `main.main()`, indented `/path/file.go:12 +0x1d`, `created by ...`, `exit status 2`;
 * - Node: indented `    at fn (file.js:1:2)` frames.
 * A `TraceTracker` follows the open record's trace and classifies each next line. It also reads the exception
 * of a record that has folded lines: `exception.type` and `exception.message` (OpenTelemetry's names) from the
 * first exception line (Python: the final line), `exception.cause` from the last Java `Caused by:`.
 */

/**
 * How a line relates to the open record: `start` a record of its own (a trace header), `fold` into the open one
 * (indented frame, blank line, `Caused by:`...), `fold-unless-prefixed` (Python's final exception line: folds
 * unless it carries the format's record prefix), or `undecided` (not a trace line: the prefix rule decides).
 */
export type TraceRole = 'start' | 'fold' | 'fold-unless-prefixed' | 'undecided';

/** The exception a folded record holds. */
export interface ExceptionInfo {
  type: string;
  message: string;
  /** The last `Caused by:` of a Java trace, as written after it. */
  cause?: string;
}

type TraceState = 'none' | 'java' | 'python' | 'python-end' | 'python-chain' | 'go';

const TRACEBACK = 'Traceback (most recent call last):';
const CHAINED = ['During handling of the above exception, another exception occurred:', 'The above exception was the direct cause of the following exception:'];
const THREAD_PREFIX = 'Exception in thread "';
/** A dotted type name; the segments are split by dots, so matching it is linear. */
const TYPE_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const SIGNAL_HEADER = /^SIG[A-Z]{2,8}: /;

/** Follows the trace of the open record; `begin` resets it for every new record. */
export class TraceTracker {
  private state: TraceState = 'none';
  private header = '';
  private folded = false;
  private type: string | undefined;
  private message = '';
  private cause: string | undefined;
  private finalLine: string | undefined;

  /** How `text` (a message, the format's prefix removed) relates to the open record. */
  classify(text: string): TraceRole {
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9 || text.length === 0 || isBlank(text)) return 'fold';
    switch (this.state) {
      case 'python':
        return 'fold-unless-prefixed';
      case 'python-end':
        if (CHAINED.includes(text)) return 'fold';
        break;
      case 'python-chain':
        if (text === TRACEBACK) return 'fold';
        break;
      case 'go':
        if (isGoTraceLine(text)) return 'fold';
        break;
      default:
        break;
    }
    if (c === 67 && text.startsWith('Caused by: ')) return 'fold';
    if (c === 46 && text.startsWith('... ') && text.endsWith(' more')) return 'fold';
    if (isGoHeader(text) || (c === 69 && text.startsWith(THREAD_PREFIX))) return 'start';
    return 'undecided';
  }

  /** A record starts with the message `text`, whose body (the format's prefix removed) is `body`. */
  begin(text: string, body: string): void {
    this.header = body;
    this.folded = false;
    this.type = this.cause = this.finalLine = undefined;
    const c = text.charCodeAt(0);
    this.state = c === 84 && text === TRACEBACK ? 'python' : c === 103 && text.startsWith('goroutine ') ? 'go' : 'none';
    if (isGoHeader(text)) {
      const colon = text.indexOf(': ');
      this.state = 'go';
      this.type = text.slice(0, colon);
      this.message = text.slice(colon + 2);
    }
  }

  /** `text` folded into the open record. */
  fold(text: string): void {
    if (!this.folded) {
      this.folded = true;
      this.observe(this.header);
    }
    this.observe(text);
  }

  /** The exception of the open record, when it folded lines and one was read. */
  exception(): ExceptionInfo | undefined {
    if (!this.folded || this.type === undefined) return undefined;
    return this.cause === undefined ? { type: this.type, message: this.message } : { type: this.type, message: this.message, cause: this.cause };
  }

  /** For a record that began with a bare Python `Traceback` header: its final exception line, the record's message. */
  tracebackMessage(): string | undefined {
    return this.header === TRACEBACK ? this.finalLine : undefined;
  }

  private observe(text: string): void {
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9 || text.length === 0) return;
    if (text === TRACEBACK) {
      this.state = 'python';
      return;
    }
    switch (this.state) {
      case 'python':
        this.state = 'python-end';
        this.finalLine = text;
        this.readException(text, true);
        return;
      case 'python-end':
        if (CHAINED.includes(text)) this.state = 'python-chain';
        return;
      case 'go':
        return;
      default:
        break;
    }
    if (text.startsWith('goroutine ')) this.state = 'go';
    else if (text.startsWith('Caused by: ')) this.cause = text.slice(11);
    else if (this.type === undefined && this.readException(text, false)) this.state = 'java';
  }

  /** Reads `Type: message`; unless `any`, only a dotted class name or an `...Error`/`...Exception` counts. */
  private readException(line: string, any: boolean): boolean {
    const text = line.startsWith(THREAD_PREFIX) ? line.slice(line.indexOf('" ', THREAD_PREFIX.length) + 2) : line;
    const colon = text.indexOf(': ');
    const type = colon < 0 ? text : text.slice(0, colon);
    if (type.length > 300 || !TYPE_NAME.test(type)) return false;
    if (!any && !(type.includes('.') && /[A-Z]/.test(type)) && !/(Error|Exception|Throwable)$/.test(type)) return false;
    this.type = type;
    this.message = colon < 0 ? '' : text.slice(colon + 2);
    return true;
  }
}

function isGoHeader(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 112 && text.startsWith('panic: ')) || (c === 102 && text.startsWith('fatal error: ')) || (c === 83 && SIGNAL_HEADER.test(text));
}

function isGoTraceLine(text: string): boolean {
  if (text.charCodeAt(text.length - 1) === 41) {
    // A function line: `main.main()`, `net/http.(*conn).serve(0xc00011e000, {0x6f9c58, 0xc0000a2120})`.
    const open = text.indexOf('(');
    if (open > 0 && text.lastIndexOf(' ', open) < 0) return true;
  }
  return (
    text.startsWith('goroutine ') ||
    text.startsWith('[signal ') ||
    text.startsWith('created by ') ||
    text.startsWith('exit status ') ||
    text.startsWith('...additional frames elided...') ||
    text.startsWith('PC=')
  );
}

function isBlank(text: string): boolean {
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
