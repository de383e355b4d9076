/**
 * Where review records live: `.aoi/reviews/<id>.json` in the diagnosed folder, one pretty-printed JSON file
 * per proposal, so a review travels through git and a reviewer who opens the same repository sees it.
 * Beside it, the executor's private state that must not go through git: `undo/` (previous contents) and
 * `locks/` (one apply at a time per file), listed in `.aoi/.gitignore`. Records are validated when read:
 * a malformed one is reported by name, never half-read.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError, oneLine } from '../../errors';
import { writeFileAtomic } from './atomic-write';
import { REVIEW_RECORD_VERSION, type ReviewRecord } from './review-record';

/** The folder AOI keeps its state in, inside a workspace or bundle. */
export const STATE_FOLDER = '.aoi';
/** What `.aoi/.gitignore` keeps out of git: undo copies and locks are one machine's business. */
const GITIGNORE = '# AOI: reviews/ is meant for git; undo copies, locks and local trajectories are not.\nundo/\nlocks/\ntrajectories/\n';

/** The review records of one folder. */
export class ReviewStore {
  readonly root: string;

  constructor(readonly folder: string) {
    this.root = join(folder, STATE_FOLDER);
  }

  /** The path of a record. */
  pathOf(id: string): string {
    return join(this.root, 'reviews', `${checkedId(id)}.json`);
  }

  /** The record of `id`, or undefined when there is none. Throws BadInputError for a malformed one. */
  async get(id: string): Promise<ReviewRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return parseRecord(text, `${STATE_FOLDER}/reviews/${id}.json`);
  }

  /** Every record, by id. Malformed files are skipped and named in `problems`. */
  async all(): Promise<{ records: ReviewRecord[]; problems: string[] }> {
    let names: string[];
    try {
      names = (await readdir(join(this.root, 'reviews'))).filter((n) => n.endsWith('.json')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
      throw err;
    }
    const records: ReviewRecord[] = [];
    const problems: string[] = [];
    for (const name of names) {
      try {
        const r = await this.get(name.slice(0, -5));
        if (r) records.push(r);
      } catch (err) {
        problems.push(oneLine(err));
      }
    }
    return { records, problems };
  }

  /** Writes `record` atomically under its id. */
  async put(record: ReviewRecord): Promise<void> {
    await this.ensure('reviews');
    await writeFileAtomic(this.pathOf(record.proposal.id), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Creates `.aoi/<sub>` (and `.aoi/.gitignore` the first time) and returns its path. */
  async ensure(sub: string): Promise<string> {
    const dir = join(this.root, sub);
    await mkdir(dir, { recursive: true });
    const ignore = join(this.root, '.gitignore');
    try {
      await stat(ignore);
    } catch {
      await writeFileAtomic(ignore, GITIGNORE);
    }
    return dir;
  }
}

/** A proposal id: 12 lowercase hex digits (the start of its hash). */
export function checkedId(id: string): string {
  if (!/^[0-9a-f]{12}$/.test(id)) throw new BadInputError(`not a fix id: "${id}" (expected 12 hex digits, as aoi fix list shows)`);
  return id;
}

/** Parses and checks a record's shape; `name` is used in the error. */
export function parseRecord(text: string, name: string): ReviewRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new BadInputError(`${name} is not JSON: ${oneLine(err)}`);
  }
  const problem = recordProblem(value);
  if (problem) throw new BadInputError(`${name} is not a review record: ${problem}`);
  return value as ReviewRecord;
}

function recordProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'expected an object';
  if (v['version'] !== REVIEW_RECORD_VERSION) return `expected version ${REVIEW_RECORD_VERSION}, got ${JSON.stringify(v['version'])}`;
  const p = v['proposal'];
  if (!isObject(p)) return 'expected a proposal object';
  for (const key of ['id', 'hash', 'file', 'diff', 'why', 'fault', 'component', 'proposedBy', 'proposedAt', 'policy'] as const) {
    if (typeof p[key] !== 'string') return `proposal.${key}: expected a string, got ${typeof p[key]}`;
  }
  if (p['kind'] !== 'edit' && p['kind'] !== 'command') return `proposal.kind: expected "edit" or "command", got ${JSON.stringify(p['kind'])}`;
  if (p['kind'] === 'edit' && typeof p['baseHash'] !== 'string') return 'proposal.baseHash: expected a string for an edit';
  if (p['kind'] === 'command' && !(Array.isArray(p['argv']) && p['argv'].every((a) => typeof a === 'string'))) return 'proposal.argv: expected an array of strings for a command';
  if (!Array.isArray(v['verdicts'])) return 'verdicts: expected an array';
  for (const [i, d] of v['verdicts'].entries()) {
    if (!isObject(d) || (d['verdict'] !== 'approved' && d['verdict'] !== 'rejected') || typeof d['by'] !== 'string' || typeof d['at'] !== 'string' || typeof d['proposalHash'] !== 'string' || typeof d['digest'] !== 'string') return `verdicts[${i}]: expected {verdict, by, at, proposalHash, digest}`;
  }
  if (!Array.isArray(v['applications'])) return 'applications: expected an array';
  for (const [i, a] of v['applications'].entries()) {
    if (!isObject(a) || typeof a['at'] !== 'string' || typeof a['by'] !== 'string' || typeof a['approvalDigest'] !== 'string') return `applications[${i}]: expected {at, by, approvalDigest}`;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
