import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/protocol';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
/** A package.json string as shown: `%key%` resolved through package.nls.json. */
const shown = (s: string | undefined): string => s?.replace(/^%(.+)%$/, (_m, k: string) => nls[k] ?? s) ?? '';
/** Settings read by the client library itself, not by AOI's code. */
const CLIENT_ONLY = ['aoi.trace.server'];

test('package.json contributes exactly the settings of the code, with the same defaults and types', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { type: string; default: unknown; markdownDescription?: string; description?: string }>;
  const contributed = Object.keys(props).filter((k) => !CLIENT_ONLY.includes(k)).sort();
  const defaults = flatten(DEFAULT_SETTINGS);
  assert.deepEqual(contributed, Object.keys(defaults).map((k) => `aoi.${k}`).sort());
  for (const [key, value] of Object.entries(defaults)) {
    const prop = props[`aoi.${key}`]!;
    assert.deepEqual(prop.default, value, key);
    assert.equal(prop.type, Array.isArray(value) ? 'array' : typeof value, key);
    assert.ok(shown(prop.markdownDescription ?? prop.description).length > 10, `${key} is described`);
  }
});

test('resolveSettings keeps defaults for missing or ill-typed values', () => {
  assert.deepEqual(resolveSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings({ maxFileSizeMB: 'big', maxFiles: -1 }), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings({ maxFileSizeMB: 5, maxFiles: 10.7 }), { ...DEFAULT_SETTINGS, maxFileSizeMB: 5, maxFiles: 10 });
  assert.deepEqual(resolveSettings({ probes: 'x' }).probes, DEFAULT_SETTINGS.probes);
  assert.deepEqual(resolveSettings({ probes: { extraAllowed: {}, timeoutSeconds: -2 } }).probes, DEFAULT_SETTINGS.probes);
  assert.deepEqual(resolveSettings({ probes: { extraAllowed: [{ tool: 'xfs_info' }], timeoutSeconds: 3 } }).probes, { extraAllowed: [{ tool: 'xfs_info' }], timeoutSeconds: 3 });
});

test('settings that widen what probes may run are restricted in untrusted workspaces', () => {
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['aoi.probes.extraAllowed']);
});

test('every command has the AOI category and an icon, and the palette hides the ones that need a context', () => {
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'AOI', c.command);
    assert.match(c.icon, /^\$\([\w-]+\)$/, c.command);
  }
  const hidden = pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
  assert.deepEqual(hidden.sort(), ['aoi.applyFix', 'aoi.approveFix', 'aoi.confirmHypothesis', 'aoi.deleteTrajectory', 'aoi.diagnoseFolder', 'aoi.openEvidence', 'aoi.openProbeOutput', 'aoi.openTrajectory', 'aoi.rejectFix', 'aoi.reviewFix', 'aoi.ruleOutHypothesis', 'aoi.runProbe', 'aoi.saveFixForReview', 'aoi.undoFix']);
});

/** `{probes: {timeoutSeconds: 15}}` as `{'probes.timeoutSeconds': 15}`. */
function flatten(o: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) Object.assign(out, flatten(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}
