/**
 * The Evolver's files, in `STORE/evolved/`: `corrective-pairs.jsonl` and `guidance.jsonl`, one JSON value a
 * line, each written whole or not at all (temporary file and rename). Readers check every line and name the
 * first bad one by file and line; a missing guidance file is an error that says how to make one, a missing
 * pairs file just means there are none yet.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../agents/executor/atomic-write';
import { BadInputError, oneLine } from '../../errors';
import type { CorrectivePair } from './corrective-pairs';
import type { Evolved } from './evolve';
import { guidanceProblem, type GuidanceEntry } from './guidance-entry';

/** The paths of the Evolver's files under the store folder `root`. */
export function evolvedPaths(root: string): { folder: string; pairs: string; guidance: string } {
  const folder = join(root, 'evolved');
  return { folder, pairs: join(folder, 'corrective-pairs.jsonl'), guidance: join(folder, 'guidance.jsonl') };
}

/** Writes the pairs and the guidance of `evolved` under the store folder `root`; returns the two paths. */
export async function writeEvolved(root: string, evolved: Pick<Evolved, 'pairs' | 'guidance'>): Promise<string[]> {
  const paths = evolvedPaths(root);
  await mkdir(paths.folder, { recursive: true });
  await writeFileAtomic(paths.pairs, jsonl(evolved.pairs));
  await writeFileAtomic(paths.guidance, jsonl(evolved.guidance));
  return [paths.pairs, paths.guidance];
}

/** The guidance entries of the file at `path`. */
export async function readGuidance(path: string): Promise<GuidanceEntry[]> {
  const text = await readOptional(path);
  if (text === undefined) throw new BadInputError(`no guidance file at ${path} (run 'aoi evolve --store STORE' to make one)`);
  return lines(path, text).map(({ value, where }) => {
    const problem = guidanceProblem(value);
    if (problem) throw new BadInputError(`${where}: not a guidance entry: ${problem}`);
    return value as GuidanceEntry;
  });
}

/** The guidance of the store folder `root` (`root/evolved/guidance.jsonl`). */
export function readStoreGuidance(root: string): Promise<GuidanceEntry[]> {
  return readGuidance(evolvedPaths(root).guidance);
}

/**
 * The corrective pairs of the store folder `root` as DPO rows (the columns of the export's rows, kind
 * `corrective`); none when the Evolver has not run.
 */
export async function correctiveDpoRows(root: string): Promise<object[]> {
  const path = evolvedPaths(root).pairs;
  const text = await readOptional(path);
  if (text === undefined) return [];
  return lines(path, text).map(({ value, where }) => {
    const p = value as Partial<CorrectivePair>;
    if (p.kind !== 'corrective' || !Array.isArray(p.prompt) || !Array.isArray(p.chosen) || !Array.isArray(p.rejected) || typeof p.incident !== 'string' || !Array.isArray(p.provenance?.sessions)) {
      throw new BadInputError(`${where}: not a corrective pair: expected {prompt, chosen, rejected, kind: "corrective", incident, provenance}`);
    }
    return { prompt: p.prompt, chosen: p.chosen, rejected: p.rejected, kind: 'corrective', reason: p.reason ?? '', sessions: p.provenance.sessions, incident: p.incident };
  });
}

function jsonl(values: readonly object[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

/** The file's text, or undefined when there is no such file. */
async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError(`cannot read ${path}: ${oneLine(err)}`);
  }
}

/** The JSON values of the non-blank lines of `text`, each with "path:line" for messages. */
function lines(path: string, text: string): { value: unknown; where: string }[] {
  const out: { value: unknown; where: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${path}:${i + 1}`;
    try {
      out.push({ value: JSON.parse(line), where });
    } catch (err) {
      throw new BadInputError(`${where}: expected one JSON value a line, got ${JSON.stringify(line.slice(0, 40))} (${oneLine(err)})`);
    }
  });
  return out;
}
