/**
 * package.json's editor contributions against the code: localized strings resolve, the walkthrough's steps
 * name commands and pages that exist, every language-model tool declared is registered by the extension (and
 * no other), and every command of the table is contributed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));

/** Every string value of `value`, recursively. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

test('every %key% of package.json is in package.nls.json, and every entry there is used', () => {
  const used = strings(pkg).flatMap((s) => [...s.matchAll(/^%([^%\s]+)%$/g)].map((m) => m[1]!));
  for (const k of used) assert.ok(typeof nls[k] === 'string' && nls[k]!.length > 0, `package.nls.json has ${k}`);
  assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), []);
});

test('the walkthrough opens an example, diagnoses, runs a probe, reviews a fix and exports trajectories', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  const steps = walkthrough.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
  assert.deepEqual(steps.map((s) => s.completionEvents), [['onCommand:aoi.openExample'], ['onCommand:aoi.diagnoseWorkspace'], ['onCommand:aoi.runProbe'], ['onCommand:aoi.reviewFix'], ['onCommand:aoi.exportTrajectories']]);
  for (const s of steps) {
    assert.ok(existsSync(s.media.markdown), `${s.id}: ${s.media.markdown} exists`);
    for (const [, command] of (nls[s.description.slice(1, -1)] ?? '').matchAll(/\(command:([\w.]+)\)/g)) {
      assert.ok(commands.has(command!) || /^aoi\.\w+\.focus$/.test(command!), `${s.id}: ${command} is a command`);
    }
  }
  assert.ok(existsSync('examples/k8s-cart-targetport'), 'the example the first step opens');
});

test('the language-model tools declared are the ones the extension registers, each with an input schema', () => {
  const source = readFileSync('extension/lm-tools.ts', 'utf8');
  const registered = [...source.matchAll(/registerTool<[^(]+>\('(\w+)'/g)].map((m) => m[1]).sort();
  const declared = pkg.contributes.languageModelTools.map((t: { name: string }) => t.name).sort();
  assert.deepEqual(declared, registered);
  for (const t of pkg.contributes.languageModelTools) {
    assert.equal(t.inputSchema.type, 'object', t.name);
    assert.ok(t.modelDescription.length > 80, `${t.name} tells the model what it does`);
  }
});

test('every command of the extension table is contributed, and every contributed command is in the table', () => {
  const table = [...readFileSync('extension/main.ts', 'utf8').matchAll(/\{ id: '(aoi\.\w+)'/g)].map((m) => m[1]!);
  const constants = { OPEN_EVIDENCE_COMMAND: 'aoi.openEvidence', OPEN_PROBE_OUTPUT_COMMAND: 'aoi.openProbeOutput' };
  const all = [...table, ...Object.values(constants)].sort();
  assert.deepEqual(all, [...commands].sort());
});
