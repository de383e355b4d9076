/**
 * The model manifest: `models/<name>/manifest.json` beside the ONNX file. It says what the model reads (the
 * tokenizer's parameters, the input's name, the most items per run), what it outputs (fault labels, probe
 * actions, output names), which version it is, what it was trained on (a digest of the training data) and
 * how it scored. The training pipeline writes it (training/aoi_model/export.py); the server reads it.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FAULT_LABELS, type FaultLabel } from '../protocol';
import type { TokenizerParams } from './tokenizer';
import { BadInputError } from '../errors';

/** Version of the manifest format. */
export const MANIFEST_FORMAT = 1;

/** A model manifest. */
export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  name: string;
  version: string;
  /** The ONNX file, relative to the manifest. */
  file: string;
  /** The fault head's labels, in output order (the taxonomy's labels). */
  labels: FaultLabel[];
  /** The next-probe head's actions, in output order: `submit` and probe catalog ids (`redis.ping`). */
  actions: string[];
  tokenizer: TokenizerParams;
  /** Most evidence items one run takes (the first ones are kept). */
  maxItems: number;
  /** Graph names: input `tokens` int64 [items, maxTokens]; outputs fault [1, labels], items [items], actions [1, actions] logits. */
  io: { tokens: string; faults: string; items: string; actions: string };
  /** Weight of the model against the expert rules when their rankings are combined (0: rules alone, 1: model alone). */
  modelWeight: number;
  /** How it was trained: data digest (sha256 of the training JSONL), sizes, configuration. */
  training: { dataDigest: string; [key: string]: unknown };
  /** Evaluation results at export time. */
  metrics: Record<string, unknown>;
}

/** A manifest read from disk, with the absolute path of its ONNX file. */
export interface LoadedManifest {
  manifest: ModelManifest;
  onnxPath: string;
}

/**
 * Reads the manifest at `path` (a manifest file or a model folder holding `manifest.json`). Throws
 * `BadInputError` saying what was expected when it is missing or malformed.
 */
export async function readManifest(path: string): Promise<LoadedManifest> {
  const file = path.endsWith('.json') ? path : join(path, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new BadInputError(`expected a model manifest at ${file}: ${(err as Error).message}`);
  }
  const problem = manifestProblem(raw);
  if (problem) throw new BadInputError(`${file}: ${problem}`);
  const manifest = raw as ModelManifest;
  return { manifest, onnxPath: join(dirname(file), manifest.file) };
}

/** Why `m` is not a valid manifest, or undefined. */
export function manifestProblem(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null) return 'expected a JSON object';
  const r = m as Record<string, unknown>;
  if (r['format'] !== MANIFEST_FORMAT) return `format: expected ${MANIFEST_FORMAT}, got ${JSON.stringify(r['format'])}`;
  for (const k of ['name', 'version', 'file']) if (typeof r[k] !== 'string' || r[k] === '') return `${k}: expected a non-empty string`;
  const labels = r['labels'];
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => (FAULT_LABELS as readonly string[]).includes(l as string))) return 'labels: expected taxonomy labels';
  const actions = r['actions'];
  if (!Array.isArray(actions) || !actions.includes('submit') || !actions.every((a) => typeof a === 'string')) return 'actions: expected probe catalog ids and "submit"';
  const t = r['tokenizer'] as Record<string, unknown> | undefined;
  if (!t || t['kind'] !== 'hashed-word-pieces' || !Number.isInteger(t['vocab']) || !Number.isInteger(t['maxTokens'])) return 'tokenizer: expected {kind: "hashed-word-pieces", vocab, maxTokens}';
  if (!Number.isInteger(r['maxItems']) || (r['maxItems'] as number) < 1) return 'maxItems: expected a positive integer';
  const io = r['io'] as Record<string, unknown> | undefined;
  if (!io || !['tokens', 'faults', 'items', 'actions'].every((k) => typeof io[k] === 'string')) return 'io: expected {tokens, faults, items, actions} names';
  const w = r['modelWeight'];
  if (typeof w !== 'number' || w < 0 || w > 1) return 'modelWeight: expected a number in 0..1';
  return undefined;
}
