/**
 * Fix of an app_misconfig whose error lists the values a setting accepts (`allowed=off|shadow|enforce`,
 * `must be one of [json, text]`, `invalid choice: 'x' (choose from 'a', 'b')`): the setting's value replaced
 * by one of them. Which one, in this order, each only when it names exactly one:
 * 1. the allowed value the written one is a slip of (case, typo, inflection: `enforcing` -> `enforce`);
 * 2. the value other components give the same setting;
 * 3. the default the error names.
 * Otherwise no fix: choosing among modes is the owner's call.
 */
import type { SettingFact } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { soleNearMiss } from './near-miss';

/** One allowed-values phrase: the words that introduce the list, then the list. */
const LIST_INTRO = /\b(?:allowed(?:[ _]values)?|accepted(?:[ _]values)?|valid(?:[ _](?:values|options|choices))?(?:\s+(?:are|is))?|supported(?:[ _]values)?|possible[ _]values|expected(?:\s+one\s+of)?|must\s+be(?:\s+one\s+of)?|one\s+of|choose\s+from)\s*[:=]?\s*/gi;
const ITEM = String.raw`['"\x60]?[\w.-]+['"\x60]?`;
const LIST = new RegExp(String.raw`^[\[({]?\s*(${ITEM}(?:\s*(?:,|\||/|\bor\b)\s*${ITEM})+)`, 'i');
const DEFAULT = /\bdefaults?(?:\s+(?:is|value|to))?\s*[:=]?\s*['"\x60]?([\w.-]+)/i;

/** The values the error texts list as allowed, in their order; empty when none lists any. */
export function allowedValues(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const intro of text.matchAll(LIST_INTRO)) {
      const list = LIST.exec(text.slice(intro.index + intro[0].length));
      if (!list) continue;
      for (const item of list[1]!.split(/\s*(?:,|\||\/|\bor\b)\s*/i)) {
        const v = item.replace(/^['"`]|['"`]$/g, '');
        if (v && !out.includes(v)) out.push(v);
      }
    }
  }
  return out;
}

/**
 * `setting` set to the allowed value the evidence points at. `texts` are the error lines that name it,
 * `others` the same setting in other components' configuration.
 */
export function allowedValueFix(setting: SettingFact, component: string, texts: readonly string[], others: readonly SettingFact[]): FixIdea | undefined {
  const allowed = allowedValues(texts);
  const wrong = setting.value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (allowed.length < 2 || wrong === '' || allowed.includes(wrong)) return undefined;
  // The error must be about this value, not only about this key.
  if (!texts.some((t) => new RegExp(`(^|[^\\w.-])${escape(wrong)}($|[^\\w.-])`).test(t))) return undefined;
  if (!setting.evidence.text.includes(wrong)) return undefined;
  const near = soleNearMiss(wrong, allowed);
  const peers = [...new Set(others.map((s) => s.value.trim().replace(/^(["'])(.*)\1$/, '$2')).filter((v) => allowed.includes(v)))];
  const named = texts.map((t) => DEFAULT.exec(t)?.[1]).filter((v): v is string => !!v && allowed.includes(v));
  const defaults = [...new Set(named)];
  const right = near ?? (peers.length === 1 ? peers[0] : undefined) ?? (defaults.length === 1 ? defaults[0] : undefined);
  if (right === undefined) return undefined;
  const reason = near ? `"${wrong}" reads as a slip for "${right}"` : peers.length === 1 ? `the other components set ${setting.key} to "${right}"` : `the error names "${right}" as the default`;
  return replaceValue(setting.evidence, wrong, right, `${component} rejects ${setting.key}="${wrong}"; it accepts ${allowed.join(', ')}, and ${reason}.`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
