/**
 * app_misconfig: an application setting is wrong (env var, flag, URL, feature flag, missing key). Config
 * errors a service logs name the service; when the line names a setting the inputs hold (`FEATURE_X`,
 * `payments.url`), that setting's line is the cause. Calls that a dependency answers with "not found"
 * point at the caller's URL setting for that dependency. Fixes of a named setting: a rejected value replaced by
 * the allowed one the evidence points at (fixes/allowed-value-fix.ts); a misspelt key renamed to the one the
 * application logs that it reads (fixes/unknown-key-fix.ts); a URL path the dependency answers with 404 replaced
 * by the one it serves (fixes/route-fix.ts).
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Finding } from '../finding';
import { hitsOf, type Incident } from '../incident';
import { cause, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject } from '../workloads';
import { proposals } from '../probe-target';
import { allowedValueFix } from '../fixes/allowed-value-fix';
import { unknownKeyFix } from '../fixes/unknown-key-fix';
import { calledPaths, routeFix, servedPaths } from '../fixes/route-fix';

/** Words that look like setting names: UPPER_SNAKE, dotted.keys, kebab-flags. */
const SETTING_WORD = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][\w-]*(?:\.[a-z][\w-]*)+|--?[a-z][\w-]+)\b/g;

/** Findings of app_misconfig. */
export function analyzeAppMisconfig(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'app_misconfig', (h) => lineSubject(incident, h.owner, h.text))) {
    const route = group.hits.every((h) => h.symptom.id === 'wrong-route');
    // A config error in a component that keeps restarting: each run fails the same way, the log shows one.
    const looping = !route && hitsOf(incident, 'crash_loop').some((h) => h.symptom.id === 'crashloop' && lineSubject(incident, h.owner, h.text) === group.component);
    const strength = looping ? Math.min(0.95, group.strength + 0.15) : group.strength;
    findings.push(groupFinding('app_misconfig', group, route ? `${group.component}'s calls reach a path its dependency does not serve (${times(group.count)}).` : `${group.component} reports a configuration error (${times(group.count)} in ${reporters(group)})${looping ? ' and keeps restarting on it' : ''}.`, proposals(incident, 'app_misconfig', group.component), strength));
    const texts = group.hits.map((h) => h.text);
    const named = namedSettings(incident, group.component, texts);
    for (const s of named.slice(0, 2)) {
      const fix = settingFix(incident, group.component, s, texts);
      findings.push({ fault: 'app_misconfig', component: group.component, strength: 0.35, summary: `The error names its setting ${s.key}.`, evidence: [cause(s.evidence, `${s.key} named by the error`)], ...(fix ? { fix } : {}) });
    }
    if (route && named.length === 0) {
      const url = urlSettings(incident, group.component, group.hits.map((h) => h.text));
      for (const s of url.slice(0, 1)) {
        const fix = urlPathFix(incident, group.component, s, texts);
        findings.push({ fault: 'app_misconfig', component: group.component, strength: 0.25, summary: `Its setting ${s.key} sets the URL it calls.`, evidence: [cause(s.evidence, `${s.key} = ${s.value}`)], ...(fix ? { fix } : {}) });
      }
    }
  }
  return findings;
}

/** The fix of a setting an error names: an allowed value for a rejected one, or the key the application reads. */
function settingFix(incident: Incident, component: string, s: SettingFact, errors: string[]): Finding['fix'] {
  const others = incident.facts.settings.filter((o) => o.key === s.key && o.owner && incident.topology.componentFor(o.owner) !== component);
  const allowed = allowedValueFix(s, component, errors, others);
  if (allowed) return allowed;
  const logged = incident.logs.templates.filter((t) => t.owner && incident.topology.componentFor(t.owner) === component).flatMap((t) => [t.template, ...t.examples.map((e) => e.text)]);
  const siblings = incident.facts.settings.filter((o) => o.evidence.file === s.evidence.file && o !== s);
  return unknownKeyFix(s, component, errors, logged, siblings);
}

/** The URL setting's path pointed at the one its dependency serves (the host's component's own logs and routes). */
function urlPathFix(incident: Incident, component: string, s: SettingFact, errors: string[]): Finding['fix'] {
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^:/\s?#]+)/i.exec(s.value.trim())?.[1];
  const target = host ? incident.topology.resolve(host)?.component : undefined;
  if (!target || target === component) return undefined;
  const mine = (owner: string | undefined): boolean => !!owner && incident.topology.componentFor(owner) === target;
  const lines = incident.logs.templates.filter((t) => mine(t.owner)).flatMap((t) => t.examples.map((e) => e.text));
  const served = servedPaths(lines, incident.facts.settings.filter((x) => mine(x.owner)));
  return routeFix(s, component, target, calledPaths(errors), served);
}

/** Settings of `component` (or unowned ones) whose key appears in one of `texts`. */
function namedSettings(incident: Incident, component: string, texts: string[]): SettingFact[] {
  const words = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(SETTING_WORD)) words.add(m[1]!.replace(/^-+/, '').toLowerCase());
  if (words.size === 0) return [];
  const mine = (s: SettingFact): boolean => !s.owner || incident.topology.componentFor(s.owner) === component;
  return incident.facts.settings.filter((s) => mine(s) && (words.has(s.key.toLowerCase()) || words.has(s.key.split('.').pop()!.toLowerCase())));
}

/** URL settings of `component` whose path or host appears in the failing lines. */
function urlSettings(incident: Incident, component: string, texts: string[]): SettingFact[] {
  const joined = texts.join('\n');
  return incident.facts.settings.filter((s) => {
    if (!s.owner || incident.topology.componentFor(s.owner) !== component) return false;
    const m = /^[a-z]+:\/\/[^/\s]+(\/[^\s?#]*)?/i.exec(s.value);
    return !!m && (joined.includes(s.value) || (m[1] !== undefined && m[1].length > 1 && joined.includes(m[1])));
  });
}
