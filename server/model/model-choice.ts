/**
 * Which observer model a diagnosis uses: `none` for the expert rules alone, a path for a model folder or
 * manifest, or empty for the bundled model (models/aoi-observer). One model object per path and provider
 * choice per process, so a session is loaded once (lazily, on first use) and a WebGPU session is never
 * created twice (onnxruntime issue 32561: two at once can crash on Linux/Vulkan).
 */
import { resolve } from 'node:path';
import { defaultModelPath, OnnxObserverModel, type EvidenceScorer } from './observer-model';
import type { ProviderChoice } from './providers';

/** The model asked for: a scorer, or why there is none (`none` asked, no bundled model). */
export type ModelChoice = { scorer: EvidenceScorer } | { none: string };

const models = new Map<string, OnnxObserverModel>();

/** The model for `path` (`""`: bundled, `none`: rules alone) on `provider`. */
export function chooseModel(path: string, provider: ProviderChoice): ModelChoice {
  if (path === 'none') return { none: 'rules alone, as asked' };
  const dir = path === '' ? defaultModelPath() : resolve(path);
  if (!dir) return { none: 'no bundled model found beside the code (models/aoi-observer/manifest.json); the expert rules ranked alone' };
  const key = `${dir}\u0000${provider}`;
  let model = models.get(key);
  if (!model) {
    model = new OnnxObserverModel(dir, provider);
    models.set(key, model);
  }
  return { scorer: model };
}
