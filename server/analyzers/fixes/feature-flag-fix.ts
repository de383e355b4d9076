/**
 * Fixes of code_defect that a feature flag switches on: the failing code path (the function and file names
 * of the stack frames the errors carry) names the feature of one flag the component has enabled
 * (`FEATURE_BUNDLE_PRICING=true` and `at bundlePrice (src/pricing/bundles.js:41:7)`): the flag switched off,
 * written the way its value is (`true` -> `false`, `1` -> `0`, `on` -> `off`, ...). The code is the real fix;
 * turning the flag off takes the path out of service until it is. No fix when no frame names a flag's
 * feature, or when several enabled flags match (which one guards the path cannot be told).
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { literalSetting, settingsOf } from './setting-values';

/** A feature-flag key: `FEATURE_X`, `FF_X`, `ENABLE_X`, `X_ENABLED`, `features.x`, `flags.x.enabled`. */
const FLAG_KEY = /(^|[._])(FEATURES?|FF|FLAGS?|ENABLE|ENABLED|TOGGLES?)([._]|$)/i;
/** Values that switch a flag on, with the word that switches it off. */
const OFF: Readonly<Record<string, string>> = { true: 'false', '1': '0', on: 'off', yes: 'no', enabled: 'disabled', enable: 'disable' };
/** Key words that say a setting is a flag, not what feature it guards. */
const FLAG_WORDS = new Set(['feature', 'features', 'ff', 'flag', 'flags', 'enable', 'enabled', 'toggle', 'toggles', 'env', 'is', 'use', 'new', 'v1', 'v2', 'app']);
/** A stack frame: `at fn (file:line:col)`, `at file:line:col`, Python's `File "x.py", line 3, in fn`, Go's `pkg.fn(...)`. */
const FRAME = /\bat\s+(?:async\s+)?([\w$.<>[\]]+)?\s*\(?([^\s():]+)?|File "([^"]+)", line \d+, in ([\w<>]+)|\n\s*([\w/.-]+\.[A-Za-z]\w*)\(/g;

/** The fix that switches off the one enabled flag of `component` whose feature the failing frames name. */
export function featureFlagFix(incident: Incident, component: string, hits: readonly SymptomHit[]): FixIdea | undefined {
  const frameWords = new Set(hits.flatMap((h) => [h.text, h.template.sample ?? '', ...h.template.examples.map((e) => e.text)]).flatMap(frameNames).flatMap(words));
  if (frameWords.size === 0) return undefined;
  const matching = new Map<string, SettingFact>();
  for (const s of settingsOf(incident, component)) {
    if (!FLAG_KEY.test(s.key)) continue;
    const at = literalSetting(incident, s);
    const value = at?.value.trim().replace(/^["']|["']$/g, '');
    if (!at || !value || !(value.toLowerCase() in OFF)) continue;
    const feature = words(s.key.replace(/^.*\.(?=[^.]+\.(enabled?|on)$)/i, '')).filter((w) => !FLAG_WORDS.has(w));
    if (feature.length === 0 || !feature.every((f) => [...frameWords].some((w) => sameStem(f, w)))) continue;
    matching.set(`${at.evidence.file}:${at.evidence.line}`, at);
  }
  const keys = new Set([...matching.values()].map((s) => s.key.replace(/^.*\./, '')));
  if (matching.size !== 1 || keys.size !== 1) return undefined;
  const at = [...matching.values()][0]!;
  const value = at.value.trim().replace(/^["']|["']$/g, '');
  const off = casedLike(value, OFF[value.toLowerCase()]!);
  if (!at.evidence.text.includes(value)) return undefined;
  // The setting's column points at its value (key-values.ts, yaml-tree.ts), so a key holding the same word is left alone.
  return replaceValue(at.evidence, value, off, `${component}'s errors come from the code path that ${at.key} switches on (its stack frames name the feature); switching the flag off takes that path out of service until the code is fixed.`);
}

/** Function and file names of the stack frames in `text`. */
function frameNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/\\n/g, '\n').matchAll(FRAME)) {
    for (const name of [m[1], m[2], m[3], m[4], m[5]]) if (name && !/^(node:|internal\/)/.test(name) && !/node_modules/.test(name)) out.push(name.replace(/^.*[/\\]/, '').replace(/\.\w+$/, ''));
  }
  return out;
}

/** Lower-case words of an identifier: camelCase, snake_case, kebab-case and dots split. */
function words(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3);
}

/** `pricing` and `price`, `bundle` and `bundles`: one word but for its ending. */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n >= 4 && n >= Math.min(a.length, b.length) - 1;
}

/** `off` written in the case of `value` (`TRUE` -> `FALSE`, `True` -> `False`). */
function casedLike(value: string, off: string): string {
  if (value === value.toUpperCase() && /[A-Z]/.test(value)) return off.toUpperCase();
  if (/^[A-Z]/.test(value)) return off[0]!.toUpperCase() + off.slice(1);
  return off;
}
