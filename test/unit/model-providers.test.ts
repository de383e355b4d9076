/**
 * Execution-provider fallback, lazy loading and the rules-only fallback of a diagnosis: each provider is tried
 * in its own session, a model that loads nowhere leaves the expert rules' ranking with a note, and `none`
 * (or no model) is the rules alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { openSession, providerOrder } from '../../server/model/providers';
import { OnnxObserverModel } from '../../server/model/observer-model';
import { chooseModel } from '../../server/model/model-choice';
import { diagnose } from '../../server/diagnose';

test('auto tries webgpu, cuda, then cpu, each in its own create', async () => {
  assert.deepEqual(providerOrder('auto'), ['webgpu', 'cuda', 'cpu']);
  const tried: string[][] = [];
  const fake = {} as InferenceSession;
  const opened = await openSession('m.onnx', 'auto', async (_f, p) => {
    tried.push([p]);
    if (p !== 'cpu') throw new Error(`${p} adapter unavailable\nstack`);
    return fake;
  });
  assert.deepEqual(tried, [['webgpu'], ['cuda'], ['cpu']]);
  assert.equal(opened.provider, 'cpu');
  assert.equal(opened.session, fake);
  assert.deepEqual(opened.failures, ['webgpu: webgpu adapter unavailable', 'cuda: cuda adapter unavailable']);
});

test('a provider named alone does not fall back', async () => {
  await assert.rejects(openSession('m.onnx', 'webgpu', async () => Promise.reject(new Error('Couldn’t load Vulkan'))), /no execution provider loaded m\.onnx \(webgpu: Couldn’t load Vulkan\)/);
});

test('a model that does not load leaves the rules’ ranking, with a note saying why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aoi-model-'));
  writeFileSync(join(dir, 'manifest.json'), '{"format": 1}');
  const broken = new OnnxObserverModel(dir, 'cpu');
  const rules = await diagnose('examples/k8s-cart-targetport');
  const d = await diagnose('examples/k8s-cart-targetport', { model: { scorer: broken } });
  assert.deepEqual(d.hypotheses, rules.hypotheses);
  assert.equal(d.model.executionProvider, 'none');
  assert.match(d.notes.map((n) => n.message).join('\n'), /model not used, the expert rules ranked alone: .*name: expected a non-empty string/);
});

test('none chooses the rules alone', () => {
  assert.deepEqual(chooseModel('none', 'auto'), { none: 'rules alone, as asked' });
});
