import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/protocol';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
/** Settings read by the client library itself, not by AOI's code. */
const CLIENT_ONLY = ['aoi.trace.server'];

test('package.json contributes exactly the settings of the code, with the same defaults and types', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { type: string; default: unknown; markdownDescription?: string; description?: string }>;
  const contributed = Object.keys(props).filter((k) => !CLIENT_ONLY.includes(k)).sort();
  assert.deepEqual(contributed, Object.keys(DEFAULT_SETTINGS).map((k) => `aoi.${k}`).sort());
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const prop = props[`aoi.${key}`]!;
    assert.equal(prop.default, value, key);
    assert.equal(prop.type, typeof value, key);
    assert.ok((prop.markdownDescription ?? prop.description ?? '').length > 10, `${key} is described`);
  }
});

test('resolveSettings keeps defaults for missing or ill-typed values', () => {
  assert.deepEqual(resolveSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings({ maxFileSizeMB: 'big', maxFiles: -1 }), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings({ maxFileSizeMB: 5, maxFiles: 10.7 }), { maxFileSizeMB: 5, maxFiles: 10 });
});

test('every command has the AOI category and an icon, and the palette hides the ones that need a context', () => {
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'AOI', c.command);
    assert.match(c.icon, /^\$\([\w-]+\)$/, c.command);
  }
  const hidden = pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
  assert.deepEqual(hidden.sort(), ['aoi.diagnoseFolder', 'aoi.openEvidence']);
});
