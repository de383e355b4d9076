/**
 * What a setting's value really is when it is written as an interpolation (`PG_POOL_MAX: ${PG_POOL_MAX}`
 * in a Compose file, the number in `.env`), and the round numbers that fixes raise limits to. A fix edits
 * the place where the literal is written, so the resolution returns that setting, not the reference.
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Incident } from '../incident';

/** `${VAR}`, `${VAR:-default}`, `${VAR-default}` or `$VAR`, alone as the whole value. */
const INTERPOLATION = /^\$(?:\{([A-Za-z_][\w]*)(?::?-([^}]*))?\}|([A-Za-z_][\w]*))$/;

/**
 * The setting that holds `s`'s literal value: `s` itself, or the one setting that defines the variable it
 * interpolates (one literal value among the definitions, the owner's own first). Undefined when the
 * variable is undefined or defined with different values (which one applies cannot be told).
 */
export function literalSetting(incident: Incident, s: SettingFact): SettingFact | undefined {
  const m = INTERPOLATION.exec(s.value.trim());
  if (!m) return s.value.includes('${') ? undefined : s;
  const name = m[1] ?? m[3]!;
  const defs = incident.facts.settings.filter((d) => d !== s && d.key === name && !d.value.includes('$'));
  const own = defs.filter((d) => d.owner === s.owner);
  const pick = own.length > 0 ? own : defs;
  const values = new Set(pick.map((d) => d.value.trim()));
  if (values.size === 1) return pick[0];
  return undefined;
}

/** `s`'s value as a whole non-negative number (after interpolation), with the setting that holds it. */
export function numericSetting(incident: Incident, s: SettingFact): { value: number; at: SettingFact } | undefined {
  const at = literalSetting(incident, s);
  const text = at?.value.trim().replace(/^["']|["']$/g, '');
  if (!at || !text || !/^\d+$/.test(text)) return undefined;
  return { value: Number(text), at };
}

/**
 * The round number at or above `n` a limit is set to: a multiple of 10 up to 100, of 50 up to 1000, of 100
 * beyond (94 -> 100, 42 -> 50, 260 -> 300, 1040 -> 1100), leaving the headroom that rounding up gives.
 */
export function roundUp(n: number): number {
  const step = n <= 100 ? 10 : n <= 1000 ? 50 : 100;
  return Math.max(step, Math.ceil(n / step) * step);
}

/** The settings of `component` (by the topology's canonical names). */
export function settingsOf(incident: Incident, component: string): SettingFact[] {
  return incident.facts.settings.filter((s) => !!s.owner && incident.topology.componentFor(s.owner) === component);
}
