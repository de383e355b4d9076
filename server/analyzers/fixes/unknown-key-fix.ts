/**
 * Fix of an app_misconfig where the application ignores a key it does not know (`unknown key
 * 'gateway.endpont_path'`, `unrecognized option`, `unexpected field`): the key is a misspelling of one the
 * application reads, and the application's own log names that one (`endpoint_path not set, using default`).
 * The key is renamed to the name the application logs, when exactly one logged key-shaped word is within a
 * typo (one edit per four letters, at most two) of it and the file does not set that key already. The value
 * stays as written.
 */
import type { SettingFact } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { editDistance } from './near-miss';

/** An error that says a key was not recognised, with the key it names. */
const UNKNOWN_KEY = /\b(?:unknown|unrecogni[sz]ed|unexpected|unsupported|unused|invalid)\s+(?:config(?:uration)?\s+)?(?:key|field|option|setting|property|parameter|directive|entry)s?\b\s*[:=]?\s*['"`]?([\w.-]+)/i;
/** Words shaped like config keys: snake_case, kebab-case, dotted or camelCase, two parts at least. */
const KEY_WORD = /\b([a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)\b/g;

/** The key an unknown-key error names, or undefined when `text` is no such error. */
export function unknownKeyOf(text: string): string | undefined {
  return UNKNOWN_KEY.exec(text)?.[1];
}

/**
 * `setting`'s key renamed to the one the application reads. `errors` are the lines that report the unknown
 * key; `logged` every line the same component logged; `siblings` the settings of the same file.
 */
export function unknownKeyFix(setting: SettingFact, component: string, errors: readonly string[], logged: readonly string[], siblings: readonly SettingFact[]): FixIdea | undefined {
  const named = errors.map(unknownKeyOf).filter((k): k is string => !!k);
  const leaf = (k: string): string => k.split('.').pop()!;
  const written = leaf(setting.key);
  if (!named.some((k) => k === setting.key || leaf(k) === written)) return undefined;
  const taken = new Set(siblings.map((s) => leaf(s.key)));
  const words = new Set<string>();
  for (const line of logged) {
    if (unknownKeyOf(line)) continue;
    for (const m of line.matchAll(KEY_WORD)) words.add(leaf(m[1]!));
  }
  const close = [...words].filter((w) => w !== written && !taken.has(w) && typo(written, w));
  if (close.length !== 1) return undefined;
  const right = close[0]!;
  if (!setting.evidence.text.includes(written)) return undefined;
  const at = { ...setting.evidence, column: undefined };
  return replaceValue(at, written, right, `${component} ignores the unknown key ${setting.key} and logs that it reads ${right}; the key is misspelt, its value is never used.`);
}

/**
 * A typo between keys: one to two edits, at most one per four letters. No inflections here (`timeout` is no
 * slip for `timeout_ms`: the two may take values in different units).
 */
function typo(written: string, meant: string): boolean {
  const d = editDistance(written.toLowerCase(), meant.toLowerCase());
  return d >= 1 && d <= Math.min(2, Math.floor(Math.max(written.length, meant.length) / 4));
}
