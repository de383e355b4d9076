/**
 * ConfigMap values seen by the workloads that load them: a container's `envFrom.configMapRef` makes every
 * key of the ConfigMap an env var, `env[].valueFrom.configMapKeyRef` one key. Both become settings owned by
 * the workload, with the ConfigMap's value and the ConfigMap line as evidence (that is where a fix goes).
 */
import type { ConfigObjectFact, SettingFact, WorkloadFact } from './facts';

/**
 * Settings that `workloads` read from ConfigMaps of `configObjects` in their own namespace. A ConfigMap
 * that is not among `configObjects` is skipped. A variable that `existing` already sets for the same owner
 * (a literal `env` value wins over envFrom in Kubernetes) is skipped, and so are duplicates.
 */
export function configMapSettings(workloads: WorkloadFact[], configObjects: ConfigObjectFact[], existing: SettingFact[]): SettingFact[] {
  const maps = new Map<string, ConfigObjectFact>();
  for (const o of configObjects) if (o.kind === 'ConfigMap') maps.set(`${o.namespace}/${o.name}`, o);
  if (maps.size === 0) return [];
  const taken = new Set(existing.map((s) => `${s.owner}\u0000${s.key}`));
  const out: SettingFact[] = [];
  const push = (owner: string, key: string, entry: ConfigObjectFact['entries'][number], note: string): void => {
    const id = `${owner}\u0000${key}`;
    if (entry.value === undefined || taken.has(id)) return;
    taken.add(id);
    out.push({ owner, key, value: entry.value, evidence: { ...entry.evidence, note } });
  };
  for (const w of workloads) {
    for (const c of w.containers) {
      for (const ref of c.envRefs ?? []) {
        if (ref.kind !== 'ConfigMap') continue;
        const entry = maps.get(`${w.namespace}/${ref.name}`)?.entries.find((e) => e.key === ref.key);
        if (entry) push(w.name, ref.variable, entry, `ConfigMap ${ref.name} key ${ref.key}, read by ${w.name} as ${ref.variable}`);
      }
      for (const from of c.envFrom ?? []) {
        if (from.kind !== 'ConfigMap') continue;
        const map = maps.get(`${w.namespace}/${from.name}`);
        for (const entry of map?.entries ?? []) push(w.name, `${from.prefix ?? ''}${entry.key}`, entry, `ConfigMap ${from.name}, loaded by ${w.name} with envFrom`);
      }
    }
  }
  return out;
}
