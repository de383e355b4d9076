/**
 * Execution-provider choice: `auto` tries WebGPU, then CUDA, then the CPU. Each provider gets its own
 * `InferenceSession.create`, because a session created with a list of providers does not fall back when
 * the first one fails to initialise (it throws; ../shared/notes/offline-recipes.md).
 */
import type { InferenceSession } from 'onnxruntime-node';

/** What the user asks for (`aoi.model.executionProvider`, `aoi diagnose --ep`). */
export type ProviderChoice = 'auto' | 'webgpu' | 'cuda' | 'cpu';

/** Every accepted choice. */
export const PROVIDER_CHOICES: readonly ProviderChoice[] = ['auto', 'webgpu', 'cuda', 'cpu'];

/** The providers to try for `choice`, in order. */
export function providerOrder(choice: ProviderChoice): ('webgpu' | 'cuda' | 'cpu')[] {
  return choice === 'auto' ? ['webgpu', 'cuda', 'cpu'] : [choice];
}

/** A session and the provider it runs on, with why the providers before it failed. */
export interface OpenedSession {
  session: InferenceSession;
  provider: 'webgpu' | 'cuda' | 'cpu';
  failures: string[];
}

/** Creates a session for a model file. */
export type SessionFactory = (file: string, provider: 'webgpu' | 'cuda' | 'cpu') => Promise<InferenceSession>;

/** onnxruntime-node's own factory, loaded on first use (the native addon stays out of startup). */
export const onnxSessionFactory: SessionFactory = async (file, provider) => {
  const ort = await import('onnxruntime-node');
  return ort.InferenceSession.create(file, { executionProviders: [provider], graphOptimizationLevel: 'all' });
};

/** Opens `file` on the first provider of `choice` that loads. Throws with every provider's failure when none does. */
export async function openSession(file: string, choice: ProviderChoice, create: SessionFactory = onnxSessionFactory): Promise<OpenedSession> {
  const failures: string[] = [];
  for (const provider of providerOrder(choice)) {
    try {
      return { session: await create(file, provider), provider, failures };
    } catch (err) {
      failures.push(`${provider}: ${firstLine(err)}`);
    }
  }
  throw new Error(`no execution provider loaded ${file} (${failures.join('; ')})`);
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300);
}
