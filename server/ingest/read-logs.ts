/**
 * The log pass of a diagnosis: every log file is read as records (format detection, multi-line folding),
 * each record attributed to the component that wrote it and mined into that component's templates, and the
 * per-line signals (refused connections, listen announcements) collected on the way.
 */
import type { FileNote } from '../protocol';
import { isAbort, oneLine } from '../errors';
import { LogSignalCollector, type LogSignals } from '../analyzers/log-signals';
import { evidenceText, LogEvidenceCollector, type LogEvidence } from './log-evidence';
import { open } from 'node:fs/promises';
import { ownerOfFile, promptOwner } from './owners';
import { readLogRecords } from './record-reader';
import type { ClassifiedFile } from './read-configs';

/** What the logs of a folder said. */
export interface LogReading {
  evidence: LogEvidence;
  signals: LogSignals;
  /** Physical lines read. */
  lines: number;
}

/** Reads `logs`; unreadable files become notes. */
export async function readLogs(
  logs: ClassifiedFile[],
  notes: FileNote[],
  context: { mounts: ReadonlyMap<string, string>; known: ReadonlySet<string>; signal?: AbortSignal; onFile?: (f: ClassifiedFile) => void },
): Promise<LogReading> {
  const evidence = new LogEvidenceCollector();
  const signals = new LogSignalCollector();
  let lines = 0;
  for (const file of logs) {
    context.signal?.throwIfAborted();
    context.onFile?.(file);
    const fileOwner = promptOwner(await firstLine(file.path)) ?? ownerOfFile(file.rel, context.mounts, context.known);
    try {
      const result = await readLogRecords(
        file.path,
        (record) => {
          const owner = LogEvidenceCollector.ownerOf(record, fileOwner);
          const text = evidenceText(record);
          evidence.observe(file.rel, owner, record, text);
          signals.observe(file.rel, owner, text, record.line, record.timeText, record.body);
        },
        context.signal ? { signal: context.signal } : {},
      );
      lines += result.lines;
      if (result.truncatedLines > 0) notes.push({ file: file.rel, message: `${result.truncatedLines} over-long line(s) cut to 64 KiB` });
      if (result.decodeError) notes.push({ file: file.rel, message: `compressed data stopped early: ${result.decodeError}` });
    } catch (err) {
      if (isAbort(err)) throw err;
      notes.push({ file: file.rel, message: `skipped: cannot read: ${oneLine(err)}` });
    }
  }
  return { evidence: evidence.finish(), signals: signals.result(), lines };
}

/** The first line of a file (up to 1 KiB); empty when it cannot be read or is compressed. */
async function firstLine(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      if (buf[0] === 0x1f && buf[1] === 0x8b) return '';
      return buf.subarray(0, bytesRead).toString('utf8').split('\n')[0]!;
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
