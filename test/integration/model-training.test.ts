/**
 * The training pipeline end to end on the CPU (Debian's python3-torch in /usr/bin/python3): the Python
 * tokenizer gives the shared vectors, a smoke configuration trains on the featurized examples (SFT, GRPO,
 * corrective pairs) and exports ONNX, and the export gives PyTorch's outputs in onnxruntime-node (max abs
 * diff <= 1e-4). Skipped, saying why, where that Python has no torch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readManifest } from '../../server/model/manifest';
import { OnnxObserverModel } from '../../server/model/observer-model';
import { diagnose } from '../../server/diagnose';

const PYTHON = process.env['AOI_PYTHON'] ?? '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
const skip = hasTorch ? false : `${PYTHON} lacks torch/onnx (apt-get install python3-torch python3-onnx)`;
const work = mkdtempSync(join(tmpdir(), 'aoi-training-'));

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

test('the Python tokenizer gives the shared vectors', { skip }, () => {
  run(PYTHON, ['-m', 'unittest', 'discover', '-s', 'training/tests']);
});

test('a smoke configuration trains on the CPU and exports ONNX with a manifest; the export matches PyTorch', { skip, timeout: 300_000 }, async () => {
  const data = join(work, 'examples.jsonl');
  run(process.execPath, ['--import', 'tsx', 'scripts/model-data.ts', '--out', data, 'examples']);
  const model = join(work, 'model');
  const log = JSON.parse(run(PYTHON, ['training/train.py', '--data', data, '--out', model, '--config', 'smoke', '--threads', '2']).trim().split('\n').at(-1)!) as Record<string, number>;
  assert.equal(log['incidents'], 35);
  assert.ok(Number.isFinite(log['sft_loss']) && Number.isFinite(log['grpo_reward_last']));
  const { manifest, onnxPath } = await readManifest(model);
  assert.equal(manifest.training.dataDigest.length, 64);
  assert.ok(manifest.actions.includes('submit') && manifest.actions.includes('kubectl.get-pods'));

  const expected = join(work, 'parity.json');
  run(PYTHON, ['training/parity.py', model, expected]);
  const session = await ort.InferenceSession.create(onnxPath, { executionProviders: ['cpu'] });
  let worst = 0;
  for (const c of (JSON.parse(readFileSync(expected, 'utf8')) as { cases: { tokens: number[][]; faults: number[]; items: number[]; actions: number[] }[] }).cases) {
    const t = new ort.Tensor('int64', BigInt64Array.from(c.tokens.flat(), (x) => BigInt(x)), [c.tokens.length, c.tokens[0]!.length]);
    const out = await session.run({ [manifest.io.tokens]: t });
    for (const [name, want] of [[manifest.io.faults, c.faults], [manifest.io.items, c.items], [manifest.io.actions, c.actions]] as const) {
      const got = Array.from(out[name]!.data as Float32Array);
      assert.equal(got.length, want.length, name);
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    }
  }
  assert.ok(worst <= 1e-4, `max abs diff ${worst}`);

  const d = await diagnose('examples/k8s-cart-targetport', { model: { scorer: new OnnxObserverModel(model, 'cpu') } });
  assert.equal(d.model.executionProvider, 'cpu');
  assert.equal(d.model.name, 'aoi-observer');
});
