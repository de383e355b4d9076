/**
 * `aoi parse`: mines the templates of one log file. Either the file's records as the readers see them
 * (format detection, multi-line folding), or, with a Loghub header format, one record per line with the
 * template mined from the `Content` field alone.
 */
import { stat } from 'node:fs/promises';
import { BadInputError, oneLine } from './errors';
import { forEachLine } from './ingest/line-reader';
import { compileLogFormat } from './ingest/loghub-format';
import { readLogRecords } from './ingest/record-reader';
import { TemplateMiner } from './ingest/template-miner';
import { TemplateSignalCollector, type TemplateSignal } from './ingest/template-signals';
import type { LogFormat } from './ingest/log-record';

/** Options of `parseLogFile`. */
export interface ParseLogOptions {
  /** A Loghub header format: one record per line, templates mined from `<Content>`. */
  logFormat?: string;
  signal?: AbortSignal;
}

/** Records (their first line and template id, in input order) and the miner that holds the templates. */
export interface ParsedLog {
  /** The detected format, or `loghub` when a header format was given. */
  format: LogFormat | 'loghub';
  /** Number of records. */
  size: number;
  /** 1-based first line of record `i`. */
  lineOf(i: number): number;
  /** Current template text of record `i`. */
  templateOf(i: number): string;
  miner: TemplateMiner;
  /** Signals per template, most severe first. */
  signals: TemplateSignal[];
  lines: number;
}

/** A growable array of 32-bit integers: a million records cost 4 MB, not a million objects. */
class IntList {
  private data = new Int32Array(1024);
  size = 0;
  push(v: number): void {
    if (this.size === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
}

/** Reads and mines `file`. Throws `BadInputError` when it is missing, a folder, or the format is invalid. */
export async function parseLogFile(file: string, options: ParseLogOptions = {}): Promise<ParsedLog> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BadInputError(`not a file: ${file}`);
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BadInputError(`no such file: ${file}`);
    throw new BadInputError(`cannot read ${file}: ${oneLine(err)}`);
  }
  const miner = new TemplateMiner();
  const collector = new TemplateSignalCollector();
  const lines = new IntList();
  const ids = new IntList();
  const readOptions = options.signal ? { signal: options.signal } : {};
  let format: ParsedLog['format'];
  let lineCount: number;
  try {
    if (options.logFormat !== undefined) {
      const header = compileLogFormat(options.logFormat);
      format = 'loghub';
      const stats = await forEachLine(
        file,
        (text, line) => {
          const content = header.parse(text)?.['Content'] ?? text.trim();
          const id = miner.add(content);
          lines.push(line);
          ids.push(id);
          collector.observe(file, { line, lineCount: 1, body: content, format: 'plain' }, id);
        },
        readOptions,
      );
      lineCount = stats.lines;
    } else {
      const result = await readLogRecords(
        file,
        (record) => {
          const id = miner.add(record.body);
          lines.push(record.line);
          ids.push(id);
          collector.observe(file, record, id);
        },
        readOptions,
      );
      format = result.format;
      lineCount = result.lines;
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT') throw new BadInputError(`cannot read ${file}: ${oneLine(err)}`);
    throw err;
  }
  return {
    format,
    size: ids.size,
    lineOf: (i) => lines.at(i),
    templateOf: (i) => miner.template(ids.at(i)),
    miner,
    signals: collector.finish((id) => miner.template(id), (id) => miner.canonical(id)),
    lines: lineCount,
  };
}
