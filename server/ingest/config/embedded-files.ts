/**
 * Config files carried inside ConfigMaps (`application.yaml: |`, `redis.conf: |`, `users.acl: |`): each
 * entry that holds a whole file is read like that file would be, with positions in the manifest, and its
 * settings belong to the workloads that mount the ConfigMap.
 */
import type { ConfigFacts, ConfigObjectFact, SettingFact } from './facts';
import { keyValueSettings, treeSettings } from './key-values';
import { SourceText } from './source-text';
import { parseYamlStream } from './yaml-tree';

/** Settings of every file-like ConfigMap entry; `sources` maps manifest paths to their text. */
export function embeddedFileSettings(facts: ConfigFacts, sources: ReadonlyMap<string, SourceText>): SettingFact[] {
  const out: SettingFact[] = [];
  for (const cm of facts.configObjects) {
    if (cm.kind !== 'ConfigMap') continue;
    const owners = mountingWorkloads(facts, cm);
    for (const entry of cm.entries) {
      if (entry.value === undefined || !entry.value.includes('\n')) continue;
      const manifest = sources.get(entry.evidence.file);
      const firstLine = entry.value.split('\n').find((l) => l.trim() !== '')?.trim();
      // Positions hold only for a block scalar whose content starts on the line after the key.
      if (!manifest || !firstLine || !manifest.lines.slice(entry.evidence.line, entry.evidence.line + 3).some((l) => l.includes(firstLine))) continue;
      const offset = entry.evidence.line + manifest.lines.slice(entry.evidence.line).findIndex((l) => l.includes(firstLine));
      const skipped = entry.value.split('\n').findIndex((l) => l.trim() !== '');
      const src = new SourceText(entry.evidence.file, '\n'.repeat(offset - skipped) + entry.value);
      for (const owner of owners.length > 0 ? owners : [undefined]) {
        if (/\.(ya?ml|json)$/i.test(entry.key)) {
          for (const doc of parseYamlStream(src.text).documents) if (doc) out.push(...treeSettings(doc, src, owner));
        } else {
          out.push(...keyValueSettings(src, owner));
        }
      }
    }
  }
  return out;
}

/** Workloads of the ConfigMap's namespace that mount it as a volume or load it with envFrom. */
function mountingWorkloads(facts: ConfigFacts, cm: ConfigObjectFact): string[] {
  return facts.workloads
    .filter((w) => w.namespace === cm.namespace && (w.volumes?.some((v) => v.source.kind === 'configMap' && v.source.ref === cm.name) || w.containers.some((c) => c.envFrom?.some((e) => e.kind === 'ConfigMap' && e.name === cm.name))))
    .map((w) => w.name);
}
