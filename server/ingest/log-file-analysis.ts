/**
 * The running template analysis of one log file that may still be growing: each `update()` reads only the
 * lines appended since the last one (from the byte offset the reader stopped at) and adds their records
 * to the same miner and signals; a file that shrank or was replaced is read again from the start.
 */
import { stat } from 'node:fs/promises';
import { readLogRecords } from './record-reader';
import type { LogFormat } from './log-record';
import { TemplateMiner } from './template-miner';
import { TemplateSignalCollector, type TemplateSignal } from './template-signals';

/** A template found at a line, for hovers. */
export interface TemplateAtLine {
  template: string;
  count: number;
  firstTime?: string;
  lastTime?: string;
}

/** Template analysis of one file, kept current by `update()`. */
export class LogFileAnalysis {
  private miner = new TemplateMiner();
  private collector = new TemplateSignalCollector();
  /** Template id of the record covering each line, by line number - 1; -1 before any record. */
  private lineIds = new Int32Array(1024).fill(-1);
  private endOffset = 0;
  private nextLine = 1;
  private inode = -1;
  private format: LogFormat | undefined;
  private current: TemplateSignal[] = [];
  private byId = new Map<number, TemplateSignal>();

  constructor(
    /** Absolute path of the file. */
    readonly path: string,
    /** The name evidence uses for it. */
    readonly name: string,
  ) {}

  /** Reads what was appended since the last update (everything the first time); resolves to the signals. */
  async update(signal?: AbortSignal): Promise<TemplateSignal[]> {
    const info = await stat(this.path);
    if (info.ino !== this.inode || info.size < this.endOffset) this.reset(info.ino);
    if (info.size === this.endOffset && this.current.length > 0) return this.current;
    const result = await readLogRecords(
      this.path,
      (record) => {
        const id = this.miner.add(record.body);
        this.collector.observe(this.name, record, id);
        this.mark(record.line, record.lineCount, id);
      },
      { startOffset: this.endOffset, startLine: this.nextLine, ...(this.format ? { format: this.format } : {}), ...(signal ? { signal } : {}) },
    );
    this.format = result.format;
    this.endOffset = result.endOffset;
    this.nextLine += result.lines;
    this.current = this.collector.finish((id) => this.miner.template(id), (id) => this.miner.canonical(id));
    this.byId = new Map(this.current.map((s) => [s.id, s]));
    return this.current;
  }

  /** The signals of the last update. */
  signals(): TemplateSignal[] {
    return this.current;
  }

  /** The template of the record that covers 1-based `line`, with its count and time range. */
  templateAt(line: number): TemplateAtLine | undefined {
    const id = line >= 1 && line <= this.lineIds.length ? this.lineIds[line - 1]! : -1;
    if (id < 0) return undefined;
    const s = this.byId.get(this.miner.canonical(id));
    if (!s) return undefined;
    const out: TemplateAtLine = { template: s.template, count: s.count };
    if (s.firstTime) out.firstTime = s.firstTime;
    if (s.lastTime) out.lastTime = s.lastTime;
    return out;
  }

  private reset(inode: number): void {
    this.miner = new TemplateMiner();
    this.collector = new TemplateSignalCollector();
    this.lineIds = new Int32Array(1024).fill(-1);
    this.endOffset = 0;
    this.nextLine = 1;
    this.inode = inode;
    this.format = undefined;
    this.current = [];
    this.byId = new Map();
  }

  private mark(line: number, lineCount: number, id: number): void {
    const last = line + lineCount - 1;
    if (last > this.lineIds.length) {
      let size = this.lineIds.length;
      while (size < last) size *= 2;
      const grown = new Int32Array(size).fill(-1);
      grown.set(this.lineIds);
      this.lineIds = grown;
    }
    this.lineIds.fill(id, line - 1, last);
  }
}
