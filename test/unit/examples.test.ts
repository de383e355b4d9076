/**
 * Every example bundle with a truth file beside it (spec/bundle.md) is diagnosed correctly: the top
 * hypothesis has the true fault and one of the acceptable components, and a fault's evidence includes
 * the file that the fix changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../server/diagnose';

interface Truth {
  fault: string;
  components: string[];
  fix?: { file: string; added: string };
}

const EXAMPLES = 'examples';
const bundles = readdirSync(EXAMPLES).filter((n) => existsSync(join(EXAMPLES, `${n}.truth.json`)));

test('there are example bundles with truth files: two port_misconfig setups and a healthy one at least', () => {
  const truths = bundles.map((n) => JSON.parse(readFileSync(join(EXAMPLES, `${n}.truth.json`), 'utf8')) as Truth);
  assert.ok(truths.filter((t) => t.fault === 'port_misconfig').length >= 2);
  assert.ok(truths.some((t) => t.fault === 'none'));
});

for (const name of bundles) {
  test(`example ${name}`, async () => {
    const truth = JSON.parse(readFileSync(join(EXAMPLES, `${name}.truth.json`), 'utf8')) as Truth;
    const d = await diagnose(join(EXAMPLES, name));
    const top = d.hypotheses[0]!;
    assert.equal(top.fault, truth.fault, `top hypothesis: ${top.fault} ${top.component} (${top.confidence})`);
    assert.equal(d.detected, truth.fault !== 'none');
    if (truth.fault === 'none') return;
    assert.ok(truth.components.includes(top.component), `component ${top.component} not in ${truth.components.join(', ')}`);
    if (truth.fix) assert.ok(top.evidence.some((e) => e.file === truth.fix!.file), `evidence names ${truth.fix.file}`);
    for (const e of top.evidence) {
      const lines = readFileSync(join(EXAMPLES, name, e.file), 'utf8').split('\n');
      assert.ok(e.line >= 1 && e.line <= lines.length, `${e.file}:${e.line} exists`);
      // A secret's value is never quoted: its evidence names the key only.
      const parts = e.text.replace(/…$/, '').split(/<redacted>|<secret:[a-z0-9-]+>/).map((p) => p.slice(0, 60));
      assert.ok(parts.every((p) => lines[e.line - 1]!.includes(p)), `${e.file}:${e.line} quotes its line`);
    }
  });
}
