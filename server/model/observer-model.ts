/**
 * The observer's model: an ONNX evidence encoder loaded lazily (on the first diagnosis that uses it), run on
 * the first execution provider that loads, over all evidence items of an incident state in one batch. It only
 * reads files. When it cannot load, `score` says why and the diagnosis falls back to the expert rules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { FaultLabel, ModelInfo } from '../protocol';
import type { EvidenceItem } from './evidence-items';
import { readManifest, type ModelManifest } from './manifest';
import { openSession, onnxSessionFactory, type ProviderChoice, type SessionFactory } from './providers';
import { tokenize } from './tokenizer';

/** Name of the bundled default model's folder under models/. */
export const DEFAULT_MODEL = 'aoi-observer';

/** What the model says of one incident state. */
export interface ModelScores {
  /** Probability of each fault label (sums to 1 over the manifest's labels). */
  faults: Map<FaultLabel, number>;
  /** Per input item, the probability that it is about the faulty component. */
  items: number[];
  /** Probability of each next action (`submit` or a probe catalog id). */
  actions: Map<string, number>;
  /** The items scored (the first `maxItems` of those given). */
  scored: number;
  inferenceMs: number;
}

/** A model that scores incident states (the ONNX one, or a fake in tests). */
export interface EvidenceScorer {
  /** Loads if needed and scores `items`; throws when the model cannot load or run. */
  score(items: readonly EvidenceItem[]): Promise<ModelScores>;
  /** Name, version and provider once loaded; the requested path before. */
  info(): Omit<ModelInfo, 'inferenceMs'>;
  /** How the combined ranking weighs the model against the rules (the manifest's `modelWeight`). */
  weight(): number;
}

/** The bundled model's folder, looked up beside the running code (dist/ or server/model/). */
export function defaultModelPath(): string | undefined {
  for (const up of ['..', join('..', '..')]) {
    const dir = join(__dirname, up, 'models', DEFAULT_MODEL);
    if (existsSync(join(dir, 'manifest.json'))) return dir;
  }
  return undefined;
}

interface Loaded {
  manifest: ModelManifest;
  session: InferenceSession;
  provider: string;
  ort: typeof import('onnxruntime-node');
}

/** The ONNX model at `path` (a model folder or its manifest), on the providers of `choice`. */
export class OnnxObserverModel implements EvidenceScorer {
  private loading: Promise<Loaded> | undefined;
  private loaded: Loaded | undefined;

  constructor(
    readonly path: string,
    readonly choice: ProviderChoice = 'auto',
    private readonly create: SessionFactory = onnxSessionFactory,
  ) {}

  /** Loads the manifest and a session once; later calls share the first attempt (and its failure). */
  load(): Promise<Loaded> {
    this.loading ??= (async () => {
      const { manifest, onnxPath } = await readManifest(this.path);
      const opened = await openSession(onnxPath, this.choice, this.create);
      this.loaded = { manifest, session: opened.session, provider: opened.provider, ort: await import('onnxruntime-node') };
      return this.loaded;
    })();
    return this.loading;
  }

  info(): Omit<ModelInfo, 'inferenceMs'> {
    if (!this.loaded) return { name: this.path, version: '', executionProvider: 'none' };
    return { name: this.loaded.manifest.name, version: this.loaded.manifest.version, executionProvider: this.loaded.provider };
  }

  weight(): number {
    return this.loaded?.manifest.modelWeight ?? 0;
  }

  async score(items: readonly EvidenceItem[]): Promise<ModelScores> {
    const { manifest, session, ort } = await this.load();
    const started = performance.now();
    const kept = items.slice(0, manifest.maxItems);
    const rows = kept.length > 0 ? kept.map((i) => tokenize(i.text, manifest.tokenizer)) : [tokenize('empty', manifest.tokenizer)];
    const flat = BigInt64Array.from(rows.flat(), (x) => BigInt(x));
    const out = await session.run({ [manifest.io.tokens]: new ort.Tensor('int64', flat, [rows.length, manifest.tokenizer.maxTokens]) });
    const faults = softmax(values(out[manifest.io.faults]));
    const actions = softmax(values(out[manifest.io.actions]));
    return {
      faults: new Map(manifest.labels.map((l, i) => [l, faults[i]!])),
      items: kept.length > 0 ? values(out[manifest.io.items]).map(sigmoid) : [],
      actions: new Map(manifest.actions.map((a, i) => [a, actions[i]!])),
      scored: kept.length,
      inferenceMs: performance.now() - started,
    };
  }
}

function values(t: Tensor | undefined): number[] {
  if (!t) throw new Error('the model did not return an output its manifest names');
  return Array.from(t.data as Float32Array);
}

function softmax(xs: number[]): number[] {
  const max = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
