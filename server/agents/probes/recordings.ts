/**
 * Replay mode: recorded probe results of a bundle (`probes/*.json`, spec/bundle.md) answer a probe whose argv
 * equals the recording's argv, word for word. A probe with no recording is `not recorded`, never an
 * invented output. The policy still decides first: a recorded write is as refused as a live one.
 */
import { readFile } from 'node:fs/promises';
import { oneLine } from '../../errors';
import type { FileNote } from '../../protocol';
import type { ProbeOutcome } from './outcome';
import type { ArgvPolicy } from './runner';

/** One recording as the bundle format defines it. */
export interface ProbeRecording {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  at?: string;
  /** The recording's file, relative to the bundle. */
  file: string;
}

/** Reads the recordings among `files` (folder-relative path and absolute path); bad ones become notes. */
export async function readRecordings(files: { rel: string; path: string }[], notes: FileNote[]): Promise<ProbeRecording[]> {
  const out: ProbeRecording[] = [];
  for (const f of files) {
    try {
      const raw = JSON.parse(await readFile(f.path, 'utf8')) as Record<string, unknown>;
      const argv = raw['argv'];
      if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) throw new Error('"argv" must be a non-empty array of strings');
      const rec: ProbeRecording = {
        argv: argv as string[],
        stdout: typeof raw['stdout'] === 'string' ? raw['stdout'] : '',
        stderr: typeof raw['stderr'] === 'string' ? raw['stderr'] : '',
        exitCode: typeof raw['exitCode'] === 'number' ? raw['exitCode'] : 0,
        file: f.rel,
      };
      if (typeof raw['at'] === 'string') rec.at = raw['at'];
      out.push(rec);
    } catch (err) {
      notes.push({ file: f.rel, message: `probe recording skipped: ${oneLine(err)}` });
    }
  }
  return out;
}

/** Answers probes from recordings. */
export class RecordedProbes {
  private readonly byArgv = new Map<string, ProbeRecording>();

  constructor(
    private readonly policy: ArgvPolicy,
    recordings: ProbeRecording[],
  ) {
    for (const r of recordings) this.byArgv.set(key(r.argv), r);
  }

  /** How many recordings there are. */
  get size(): number {
    return this.byArgv.size;
  }

  /** The recorded outcome of `argv`, `not recorded`, or `refused` when the policy says no. */
  run(argv: string[]): ProbeOutcome {
    const decision = this.policy.check(argv);
    if (!decision.allowed) return { argv, status: 'refused', reason: decision.reason, stdout: '', stderr: '', durationMs: 0 };
    const rec = this.byArgv.get(key(argv));
    if (!rec) return { argv, status: 'not recorded', reason: 'no recording of this exact command in probes/', stdout: '', stderr: '', durationMs: 0 };
    const outcome: ProbeOutcome = { argv, status: 'replayed', reason: 'replayed from a recording', exitCode: rec.exitCode, stdout: rec.stdout, stderr: rec.stderr, durationMs: 0, recording: { file: rec.file } };
    if (rec.at) outcome.recording!.at = rec.at;
    return outcome;
  }
}

function key(argv: string[]): string {
  return argv.join('\u0000');
}
