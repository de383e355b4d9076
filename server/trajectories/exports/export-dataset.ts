/**
 * `aoi export --store STORE --format sft|dpo|kto|grpo --out DIR`: reads every session of the store, joins them
 * into episodes, builds the rows of the format, redacts them once more, and writes `DIR/<format>.jsonl` and
 * `DIR/README.md` (the dataset card). Each file is written whole or not at all (temporary file and rename);
 * the same store gives the same bytes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../agents/executor/atomic-write';
import { BadInputError } from '../../errors';
import type { SessionRead, TrajectoryStore } from '../store';
import { datasetCard } from './dataset-card';
import { episodesOf, type Episode } from './episodes';
import { grpoRows } from './grpo-rows';
import { dpoRows, ktoRows } from './preference-rows';
import { sftRows } from './sft-rows';
import { correctiveDpoRows } from '../evolver/evolved-files';

/** The export formats. */
export const EXPORT_FORMATS = ['sft', 'dpo', 'kto', 'grpo'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export wrote. */
export interface ExportResult {
  format: ExportFormat;
  rows: number;
  sessions: number;
  episodes: number;
  files: string[];
  /** Lines of the store skipped as torn or invalid. */
  skipped: string[];
}

/** Every readable session of the store, oldest first; unreadable ones are named in `skipped`. */
export async function readAll(store: TrajectoryStore, onProgress?: (done: number, total: number) => void): Promise<{ sessions: SessionRead[]; skipped: string[] }> {
  const ids = await store.ids();
  const sessions: SessionRead[] = [];
  const skipped: string[] = [];
  for (const [i, id] of ids.entries()) {
    try {
      const read = await store.read(id);
      sessions.push(read);
      skipped.push(...read.problems);
    } catch (err) {
      skipped.push(`${id}: ${(err as Error).message}`);
    }
    onProgress?.(i + 1, ids.length);
  }
  return { sessions, skipped };
}

/** Exports `format` from `store` into `out`. */
export async function exportDataset(store: TrajectoryStore, format: string, out: string, onProgress?: (done: number, total: number) => void): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new BadInputError(`unknown export format "${format}" (expected one of ${EXPORT_FORMATS.join(', ')})`);
  const f = format as ExportFormat;
  const { sessions, skipped } = await readAll(store, onProgress);
  if (sessions.length === 0) throw new BadInputError(`no sessions in ${store.root}`);
  const episodes = episodesOf(sessions);
  // The Evolver's corrective pairs (aoi evolve) join the DPO rows, with kind "corrective".
  const corrective = f === 'dpo' ? await correctiveDpoRows(store.root) : [];
  const rows = store.redact([...rowsOf(f, episodes), ...corrective]);
  const perLabel = new Map<string, number>();
  for (const r of rows) {
    const label = labelOf(f, r, episodes);
    perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  }
  const file = `${f}.jsonl`;
  await mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, file), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  await writeFileAtomic(join(out, 'README.md'), datasetCard({ format: f, file, rows: rows.length, episodes, sessions: sessions.length, perLabel }));
  return { format: f, rows: rows.length, sessions: sessions.length, episodes: episodes.length, files: [join(out, file), join(out, 'README.md')], skipped };
}

function rowsOf(f: ExportFormat, episodes: Episode[]): object[] {
  if (f === 'sft') return sftRows(episodes);
  if (f === 'dpo') return dpoRows(episodes);
  if (f === 'kto') return ktoRows(episodes);
  return grpoRows(episodes);
}

/** The fault label of a row's right answer, through the episode it came from. */
function labelOf(f: ExportFormat, row: object, episodes: Episode[]): string {
  if (f === 'grpo') return (row as { truth_fault: string }).truth_fault;
  const digest = (row as { incident: string }).incident;
  return episodes.find((e) => e.digest === digest)?.correct?.fault ?? 'unknown';
}
