/**
 * Fix of a dns_failure where callers address a Kubernetes workload by a name no Service gives it (the Service
 * was deleted or pruned while the Deployment runs): a Service restored as a new YAML document appended to
 * the file that declares the workload.
 * - name: the one name the callers fail to resolve (its first DNS label), else the workload's name;
 * - selector: the pod labels under the keys the namespace's other Services select by, else every pod label
 *   but the per-version ones;
 * - ports: the ports callers use, each sent to the container port of that number (by its name when it has
 *   one), or to the only container port; with no caller port known, every container port as it is.
 * Nothing is proposed when a caller port matches none of several container ports.
 */
import type { ServiceFact, WorkloadFact } from '../../ingest/config/facts';
import { insertLines, type FixIdea } from '../../agents/executor/fix-idea';

/** Pod labels that change with every release and must not select a Service's pods. */
const VOLATILE = /(^|\/)(version|pod-template-hash|controller-revision-hash|revision|release|chart|helm\.sh\/chart)$/i;
/** A DNS label (RFC 1123), what a Service name must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Service for `w`, addressed as `names` (the names that do not resolve) on `callerPorts`. */
export function missingServiceFix(w: WorkloadFact, names: readonly string[], callerPorts: readonly number[], siblings: readonly ServiceFact[]): FixIdea | undefined {
  if (!/\.ya?ml$/i.test(w.evidence.file)) return undefined;
  const labels = [...new Set(names.map((n) => n.toLowerCase().split('.')[0]!))];
  const name = labels.length === 1 && DNS_LABEL.test(labels[0]!) ? labels[0]! : w.name;
  const selector = selectorFor(w, siblings);
  const ports = portsFor(w, callerPorts);
  if (!DNS_LABEL.test(name) || !selector || !ports) return undefined;
  const lines = ['---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`];
  if (w.namespace && w.namespace !== 'default') lines.push(`  namespace: ${w.namespace}`);
  lines.push('  labels:', ...Object.entries(selector).map(([k, v]) => `    ${k}: ${scalar(v)}`));
  lines.push('spec:', '  selector:', ...Object.entries(selector).map(([k, v]) => `    ${k}: ${scalar(v)}`), '  ports:');
  for (const p of ports) lines.push(`    - name: ${p.name}`, `      port: ${p.port}`, `      targetPort: ${p.targetPort}`);
  const why = `${w.kind} ${w.name} runs, but no Service gives its pods the name "${name}" that callers resolve; a Service selecting its pods (${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')}) on port${ports.length > 1 ? 's' : ''} ${ports.map((p) => p.port).join(', ')} restores the name.`;
  return insertLines(w.evidence.file, Number.MAX_SAFE_INTEGER, lines, why);
}

/** The selector: the label keys the other Services use when the pods carry them all, else the stable pod labels. */
function selectorFor(w: WorkloadFact, siblings: readonly ServiceFact[]): Record<string, string> | undefined {
  const keySets = [...new Set(siblings.filter((s) => s.namespace === w.namespace && Object.keys(s.selector).length > 0).map((s) => Object.keys(s.selector).sort().join('\u0000')))];
  const keys = keySets.length === 1 ? keySets[0]!.split('\u0000') : undefined;
  const chosen = keys && keys.every((k) => k in w.podLabels) ? keys : Object.keys(w.podLabels).filter((k) => !VOLATILE.test(k));
  if (chosen.length === 0) return undefined;
  return Object.fromEntries(chosen.map((k) => [k, w.podLabels[k]!]));
}

/** Service ports: name, port, targetPort. */
function portsFor(w: WorkloadFact, callerPorts: readonly number[]): { name: string; port: number; targetPort: string | number }[] | undefined {
  const declared = w.containers.filter((c) => !c.init).flatMap((c) => c.ports);
  const unique = [...new Map(declared.map((p) => [p.port, p])).values()];
  const wanted = [...new Set(callerPorts)].sort((a, b) => a - b);
  const out: { name: string; port: number; targetPort: string | number }[] = [];
  if (wanted.length === 0) {
    for (const p of unique) out.push({ name: p.name ?? `tcp-${p.port}`, port: p.port, targetPort: p.name ?? p.port });
  } else {
    for (const port of wanted) {
      const target = unique.find((p) => p.port === port) ?? (unique.length === 1 ? unique[0] : undefined);
      if (!target) return undefined;
      out.push({ name: target.name ?? `tcp-${port}`, port, targetPort: target.name ?? target.port });
    }
  }
  if (out.length === 0 || new Set(out.map((p) => p.name)).size !== out.length) return undefined;
  return out;
}

/** A label value as a YAML scalar: quoted unless it is a plain word that YAML reads as a string. */
function scalar(v: string): string {
  return /^[A-Za-z][\w./-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}
