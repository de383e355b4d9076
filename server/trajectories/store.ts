/**
 * The trajectory store: one folder of append-only JSONL files, one per session (`<id>.jsonl`, then
 * `<id>.1.jsonl`, ... once a part reaches the size cap). Every record is redacted, validated and framed
 * (framing.ts) before it is written, and an append resolves only after the file is flushed to disk, so a
 * step that was acknowledged survives a crash. A torn last line (a crash mid-write) is reported and
 * skipped when read, never fatal; the next append starts on a fresh line. When the folder outgrows its cap,
 * the oldest sessions are removed. The store writes nothing outside its folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError } from '../errors';
import { frame, unframe } from './framing';
import { recordProblem, TRAJECTORY_VERSION, type SessionHeader, type Step } from './schema';

/** What the store needs of the redactor: every string of a value redacted, in a new value. */
export interface DeepRedactor {
  redactDeep<T>(value: T): T;
}

/** Limits of one store. */
export interface StoreOptions {
  /** A session part is closed and the next begun from this size. Default 8 MiB. */
  maxSessionBytes?: number;
  /** Oldest sessions are removed when the folder holds more than this. Default 512 MiB. */
  maxStoreBytes?: number;
  now?: () => Date;
}

/** A session read back. */
export interface SessionRead {
  header: SessionHeader;
  steps: Step[];
  /** Lines skipped, with where and why: "20260101T...-ab12cd34.jsonl:7: incomplete line (a torn or partial write)". */
  problems: string[];
}

/** A line of the session list. */
export interface SessionSummary {
  header: SessionHeader;
  steps: number;
  bytes: number;
  problems: number;
}

/** The fields of a new session the caller gives. */
export type NewSession = Omit<SessionHeader, 'type' | 'version' | 'id' | 'startedAt'>;

/** The fields of a new step the caller gives. */
export type NewStep = Omit<Step, 'type' | 'version' | 'session' | 'seq' | 'at'> & { at?: string };

const ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

/** A folder of sessions. */
export class TrajectoryStore {
  private readonly maxSessionBytes: number;
  private readonly maxStoreBytes: number;

  constructor(
    readonly root: string,
    private readonly redactor: DeepRedactor,
    private readonly options: StoreOptions = {},
  ) {
    this.maxSessionBytes = options.maxSessionBytes ?? 8 * 1024 * 1024;
    this.maxStoreBytes = options.maxStoreBytes ?? 512 * 1024 * 1024;
  }

  /** Starts a session: writes its header and returns the writer of its steps. Removes the oldest sessions past the cap. */
  async start(session: NewSession): Promise<SessionWriter> {
    const now = this.now();
    const id = `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
    const header: SessionHeader = this.redactor.redactDeep({ type: 'session', version: TRAJECTORY_VERSION, id, startedAt: now.toISOString(), ...session });
    checked(header);
    await mkdir(this.root, { recursive: true });
    const writer = new SessionWriter(this, id, 0, 0);
    await writer.write(header);
    await this.enforceCap(id);
    return writer;
  }

  /** A writer that appends to an existing session (a later verdict on it). */
  async resume(id: string): Promise<SessionWriter> {
    const read = await this.read(id);
    const parts = await this.partsOf(id);
    return new SessionWriter(this, id, read.steps.at(-1)?.seq ?? 0, parts.length - 1);
  }

  /** Every session, newest first. Unreadable ones are left out. */
  async list(): Promise<SessionSummary[]> {
    const out: SessionSummary[] = [];
    for (const id of await this.ids()) {
      try {
        const read = await this.read(id);
        let bytes = 0;
        for (const part of await this.partsOf(id)) bytes += (await stat(join(this.root, part))).size;
        out.push({ header: read.header, steps: read.steps.length, bytes, problems: read.problems.length });
      } catch {
        // A session whose header is unreadable is not listed; read() names the problem.
      }
    }
    return out.sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt) || b.header.id.localeCompare(a.header.id));
  }

  /** Reads a session: its header, its complete steps in order, and the lines skipped. */
  async read(id: string): Promise<SessionRead> {
    const parts = await this.partsOf(checkedId(id));
    if (parts.length === 0) throw new BadInputError(`no session ${id} in ${this.root}`);
    let header: SessionHeader | undefined;
    const steps: Step[] = [];
    const problems: string[] = [];
    for (const part of parts) {
      const text = await readFile(join(this.root, part), 'utf8');
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const u = unframe(line);
        const where = `${part}:${i + 1}`;
        if (!u.ok) return void problems.push(`${where}: ${u.problem}`);
        const problem = recordProblem(u.record);
        if (problem) return void problems.push(`${where}: ${problem}`);
        if (u.record['type'] === 'session') header ??= u.record as unknown as SessionHeader;
        else steps.push(u.record as unknown as Step);
      });
    }
    if (!header) throw new BadInputError(`session ${id} has no readable header (${problems[0] ?? 'empty file'})`);
    return { header, steps, problems };
  }

  /** Removes a session's files. */
  async delete(id: string): Promise<void> {
    const parts = await this.partsOf(checkedId(id));
    if (parts.length === 0) throw new BadInputError(`no session ${id} in ${this.root}`);
    for (const part of parts) await rm(join(this.root, part), { force: true });
  }

  /** Session ids in the folder, sorted. */
  async ids(): Promise<string[]> {
    return [...new Set((await this.names()).map((n) => /^(\d{8}T\d{6}Z-[0-9a-f]{8})(\.\d+)?\.jsonl$/.exec(n)?.[1]).filter((x): x is string => !!x))].sort();
  }

  /** The part files of a session, in order. */
  async partsOf(id: string): Promise<string[]> {
    const parts = (await this.names()).map((n) => ({ n, m: new RegExp(`^${id}(?:\\.(\\d+))?\\.jsonl$`).exec(n) })).filter((x) => x.m);
    return parts.sort((a, b) => Number(a.m![1] ?? 0) - Number(b.m![1] ?? 0)).map((x) => x.n);
  }

  /** The file names in the folder; none when it does not exist yet. */
  private async names(): Promise<string[]> {
    try {
      return await readdir(this.root);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** The path of part `n` of a session (inside the store's folder). */
  partPath(id: string, n: number): string {
    return join(this.root, n === 0 ? `${checkedId(id)}.jsonl` : `${checkedId(id)}.${n}.jsonl`);
  }

  get sessionCap(): number {
    return this.maxSessionBytes;
  }

  redact<T>(value: T): T {
    return this.redactor.redactDeep(value);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Removes the oldest sessions (never `keep`) while the folder is over its cap. */
  private async enforceCap(keep: string): Promise<void> {
    const sizes: { id: string; bytes: number }[] = [];
    let total = 0;
    for (const id of await this.ids()) {
      let bytes = 0;
      for (const part of await this.partsOf(id)) bytes += (await stat(join(this.root, part))).size;
      sizes.push({ id, bytes });
      total += bytes;
    }
    for (const s of sizes) {
      if (total <= this.maxStoreBytes) break;
      if (s.id === keep) continue;
      await this.delete(s.id);
      total -= s.bytes;
    }
  }
}

/** Appends the steps of one session, one at a time, each flushed before it is acknowledged. */
export class SessionWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: TrajectoryStore,
    readonly id: string,
    private seq: number,
    private part: number,
  ) {}

  /** Appends a step (redacted, validated, framed, flushed); resolves to the step as written. */
  append(step: NewStep): Promise<Step> {
    const run = this.queue.then(async () => {
      const record: Step = this.store.redact({ type: 'step', version: TRAJECTORY_VERSION, session: this.id, seq: this.seq + 1, at: step.at ?? this.store.now().toISOString(), ...withoutAt(step) });
      checked(record);
      await this.write(record);
      this.seq = record.seq;
      return record;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes one framed record to the current part, rotating first when it is full. */
  async write(record: SessionHeader | Step): Promise<void> {
    const line = frame(record);
    let path = this.store.partPath(this.id, this.part);
    const size = await stat(path).then((s) => s.size).catch(() => 0);
    if (size > 0 && size + Buffer.byteLength(line) > this.store.sessionCap) {
      this.part++;
      path = this.store.partPath(this.id, this.part);
    }
    let handle: FileHandle | undefined;
    try {
      handle = await open(path, 'a+');
      // A torn last line from a crash stays its own (skipped) line: start this record on a fresh one.
      const { size: now } = await handle.stat();
      let prefix = '';
      if (now > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, now - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(prefix + line);
      await handle.sync();
    } finally {
      await handle?.close();
    }
  }
}

function withoutAt(step: NewStep): Omit<NewStep, 'at'> {
  const { at, ...rest } = step;
  return rest;
}

function checked(record: SessionHeader | Step): void {
  const problem = recordProblem(record);
  if (problem) throw new BadInputError(`not a valid trajectory record: ${problem}`);
}

function checkedId(id: string): string {
  if (!ID.test(id)) throw new BadInputError(`not a session id: "${id}" (expected YYYYMMDDTHHMMSSZ-xxxxxxxx)`);
  return id;
}
