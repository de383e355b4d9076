/**
 * What the lab reads from the workspace's Kubernetes-style manifests (k8s/*.yaml): Deployments (replicas,
 * command, memory limit), Services (port -> targetPort by selector), PersistentVolumeClaims (requested size)
 * and Chaos Mesh NetworkChaos experiments (delay or loss for the pods a label selector picks). A manifest that
 * does not parse is reported, and what parsed of the others still counts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface DeploymentSpec {
  name: string;
  replicas: number;
  command: string[];
  memoryMi?: number;
  labels: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  selector: Record<string, string>;
  ports: { port: number; targetPort: number }[];
}

export interface ChaosSpec {
  name: string;
  action: 'delay' | 'loss' | 'other';
  selector: Record<string, string>;
  latencyMs: number;
  jitterMs: number;
  /** Share of connections lost, 0..1. */
  loss: number;
}

export interface Manifests {
  deployments: Map<string, DeploymentSpec>;
  services: ServiceSpec[];
  claims: Map<string, number>;
  chaos: ChaosSpec[];
  problems: string[];
}

/** A Kubernetes quantity in MiB (`256Mi`, `1Gi`, `300M`); undefined when it is none. */
export function mebibytes(q: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|K|M|G)?$/.exec(String(q ?? '').trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, K: 1e3 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, '': 1 / 1048576 };
  return n * unit[m[2] ?? '']!;
}

/** A duration (`800ms`, `2s`) in milliseconds. */
export function millis(d: unknown): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(d ?? '').trim());
  if (!m) return 0;
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60000 } as Record<string, number>)[m[2] ?? 'ms']!;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const labels = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, String(x)]));

export async function readManifests(dir: string): Promise<Manifests> {
  const out: Manifests = { deployments: new Map(), services: [], claims: new Map(), chaos: [], problems: [] };
  let names: string[] = [];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    out.problems.push(`${dir}: ${(err as Error).message}`);
    return out;
  }
  for (const name of names) {
    const docs = parseAllDocuments(await readFile(join(dir, name), 'utf8'));
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        out.problems.push(`k8s/${name}: ${doc.errors[0]!.message.split('\n')[0]}`);
        continue;
      }
      addObject(obj(doc.toJS()), out);
    }
  }
  return out;
}

function addObject(o: Obj, out: Manifests): void {
  const name = String(obj(o.metadata).name ?? '');
  const spec = obj(o.spec);
  if (o.kind === 'Deployment') {
    const template = obj(spec.template);
    const container = obj(list(obj(template.spec).containers)[0]);
    const limit = mebibytes(obj(obj(container.resources).limits).memory);
    out.deployments.set(name, {
      name,
      replicas: spec.replicas === undefined ? 1 : Number(spec.replicas),
      command: [...list(container.command), ...list(container.args)].map(String),
      ...(limit !== undefined ? { memoryMi: limit } : {}),
      labels: labels(obj(template.metadata).labels),
    });
  } else if (o.kind === 'Service') {
    const ports = list(spec.ports).map((p) => ({ port: Number(obj(p).port), targetPort: Number(obj(p).targetPort ?? obj(p).port) }));
    out.services.push({ name, selector: labels(spec.selector), ports: ports.filter((p) => Number.isInteger(p.port) && Number.isInteger(p.targetPort)) });
  } else if (o.kind === 'PersistentVolumeClaim') {
    const size = mebibytes(obj(obj(spec.resources).requests).storage);
    if (size !== undefined) out.claims.set(name, size);
  } else if (o.kind === 'NetworkChaos') {
    const action = String(spec.action ?? '');
    const delay = obj(spec.delay);
    out.chaos.push({
      name,
      action: action === 'delay' ? 'delay' : action === 'loss' ? 'loss' : 'other',
      selector: labels(obj(spec.selector).labelSelectors),
      latencyMs: millis(delay.latency),
      jitterMs: millis(delay.jitter),
      loss: Math.min(1, Number(obj(spec.loss).loss ?? 0) / 100),
    });
  }
}
