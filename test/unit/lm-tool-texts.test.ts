import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { diagnose } from '../../server/diagnose';
import { findingsText, fixesText, probeText, UNTRUSTED_NOTE } from '../../extension/lm-tool-texts';
import type { DiagnoseResult } from '../../server/protocol';

const folder = resolve('examples/k8s-cart-targetport');
const result = async (): Promise<DiagnoseResult> => ({ folderUri: pathToFileURL(folder).toString(), diagnosis: await diagnose(folder) });

test('the findings name the verdict, each hypothesis with its evidence, the first anomaly, probes and fix ids', async () => {
  const r = await result();
  const text = findingsText(r);
  const top = r.diagnosis.hypotheses[0]!;
  assert.ok(text.startsWith(UNTRUSTED_NOTE), 'incident text is marked as data');
  assert.ok(text.includes(`Verdict: ${top.fault} in ${top.component} (${Math.round(top.confidence * 100)}%)`));
  for (const e of top.evidence) assert.ok(text.includes(`${e.file}:${e.line}`), `${e.file}:${e.line} cited`);
  assert.match(text, /First anomaly: \S+ in frontend \(warning\): cart request failed/);
  assert.ok(text.includes(`- kubectl get endpoints cart -n shop [proposed]`));
  assert.ok(text.includes(`- ${r.diagnosis.fixes[0]!.id} k8s/cart-service.yaml [proposed]`));
});

test('a probe answer: a refusal says why; a run gives exit code, what changed and the new findings; no answer says it did not run', async () => {
  const r = await result();
  const argv = ['kubectl', 'get', 'endpoints', 'cart', '-n', 'shop'];
  assert.match(probeText(argv, undefined), /was not run/);
  assert.equal(probeText(['rm', '-rf', '/'], { run: { status: 'refused', reason: 'rm writes files', durationMs: 0 } }), 'The read-only policy refused rm -rf /: rm writes files');
  const ran = probeText(argv, { run: { status: 'ran', reason: 'ran', exitCode: 0, durationMs: 5 }, result: r });
  assert.match(ran, /^Quoted .*\n\$ kubectl get endpoints cart -n shop: ran, exit 0 \(ran\)\n/);
  assert.match(ran, /No hypothesis moved\.|Changed: /);
  assert.ok(ran.includes('Verdict: '));
});

test('the fixes are given as proposals with their hash and diff, never as applied', async () => {
  const { diagnosis } = await result();
  const text = fixesText(diagnosis.fixes, undefined);
  assert.match(text, /^Proposals only: nothing was applied\./);
  const fix = diagnosis.fixes[0]!;
  assert.ok(text.includes(`sha256 ${fix.hash}`) && text.includes(fix.diff));
  assert.match(fixesText([], undefined), /proposes no fix/);
  assert.match(fixesText(diagnosis.fixes, fix), new RegExp(`Opened fix ${fix.id} in the diff editor`));
});
