/**
 * Fixes of image_pull_failure:
 * - a tag the registry does not have (`not found`, `manifest unknown`) replaced by the tag that exists: the
 *   same version written the way the repository's other working images write theirs (`v3.18.0` -> `3.18.0`
 *   when every working tag of that registry namespace goes without the `v`, and the other way round), else
 *   the one tag the workload's running pods use;
 * - a pull the registry denies for want of credentials given the pull secret that the other workloads of the
 *   namespace pulling from the same registry use: the wrong secret's name replaced, or, with none, an
 *   `imagePullSecrets` entry added above the pod's `containers:`.
 * Only one candidate makes a fix; several or none leave it to the reviewer.
 */
import type { ContainerFact, WorkloadFact } from '../../ingest/config/facts';
import { insertLines, replaceValue, type FixIdea } from '../../agents/executor/fix-idea';

/** An image reference split into where it lives and which version it names. */
export interface ImageRef {
  /** Registry host; `docker.io` when the reference names none. */
  registry: string;
  /** Repository path under the registry (`library/nginx`, `lumen/recommendations`). */
  path: string;
  tag?: string;
  digest?: string;
}

/** `ghcr.io/acme/api:v1.2` -> { registry: ghcr.io, path: acme/api, tag: v1.2 }; undefined for an empty text. */
export function parseImage(ref: string): ImageRef | undefined {
  const [name, digest] = ref.trim().split('@', 2) as [string, string | undefined];
  if (!name) return undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const repo = colon > slash ? name.slice(0, colon) : name;
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const parts = repo.split('/');
  const hosted = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  const registry = hosted ? parts[0]! : 'docker.io';
  const rest = hosted ? parts.slice(1) : parts;
  const path = registry === 'docker.io' && rest.length === 1 ? `library/${rest[0]}` : rest.join('/');
  return { registry, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The repository a reference names, without its tag: `ghcr.io/acme/api`. */
function repoOf(r: ImageRef): string {
  return `${r.registry}/${r.path}`;
}

/** The namespace a repository sits in: `ghcr.io/acme` (the registry and the path up to its last part). */
function namespaceOf(r: ImageRef): string {
  return `${r.registry}/${r.path.split('/').slice(0, -1).join('/')}`;
}

/** A version tag: `3.18.0`, `v1.2`, `2.0.1-rc1`. */
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]+)?$/;

/**
 * The container's image with the tag that exists. `working` are references known to pull (running pods,
 * `Successfully pulled` events, images of workloads that run); `running` are the images of this workload's
 * own running pods.
 */
export function imageTagFix(container: ContainerFact, working: readonly string[], running: readonly string[]): FixIdea | undefined {
  if (!container.image || !container.imageEvidence) return undefined;
  const ref = parseImage(container.image);
  if (!ref?.tag || ref.digest) return undefined;
  const tag = ref.tag;
  const known = working.map(parseImage).filter((r): r is ImageRef => !!r?.tag && !(repoOf(r) === repoOf(ref) && r.tag === tag));
  let next: string | undefined;
  let why = '';
  if (VERSION.test(tag)) {
    const style = known.filter((r) => namespaceOf(r) === namespaceOf(ref) && VERSION.test(r.tag!)).map((r) => r.tag!.startsWith('v'));
    const withV = !tag.startsWith('v');
    if (style.length > 0 && style.every((v) => v === withV)) {
      next = withV ? `v${tag}` : tag.slice(1);
      why = `The registry has no ${container.image}; the working images of ${namespaceOf(ref)} are tagged ${withV ? 'with' : 'without'} a leading "v", so this version is ${next}.`;
    }
  }
  if (!next) {
    const tags = [...new Set(running.map(parseImage).filter((r): r is ImageRef => !!r?.tag && repoOf(r) === repoOf(ref)).map((r) => r.tag!))].filter((t) => t !== tag);
    if (tags.length === 1) {
      next = tags[0];
      why = `The registry has no ${container.image}; the workload's running pods use tag ${next}, which pulls.`;
    }
  }
  if (!next) return undefined;
  return replaceValue(container.imageEvidence, container.image, `${container.image.slice(0, container.image.length - tag.length)}${next}`, why);
}

/**
 * The pull secret of `w` set to the one that the other workloads of its namespace pulling from the same
 * registry (the same project first) use. Undefined when they use none, several, or one `w` already has.
 */
export function pullSecretFix(w: WorkloadFact, workloads: readonly WorkloadFact[]): FixIdea | undefined {
  const image = w.containers.find((c) => c.image && c.imageEvidence)?.image;
  const ref = image ? parseImage(image) : undefined;
  if (!ref) return undefined;
  const project = (r: ImageRef): string => `${r.registry}/${r.path.split('/')[0]}`;
  const peers = workloads.filter((x) => x !== w && x.kind !== 'Dockerfile' && x.namespace === w.namespace && (x.imagePullSecrets?.length ?? 0) > 0);
  const refsOf = (x: WorkloadFact): ImageRef[] => x.containers.map((c) => (c.image ? parseImage(c.image) : undefined)).filter((r): r is ImageRef => !!r);
  const pulling = (same: (r: ImageRef) => boolean): WorkloadFact[] => peers.filter((x) => refsOf(x).some(same));
  const sameProject = pulling((r) => project(r) === project(ref));
  const group = sameProject.length > 0 ? sameProject : pulling((r) => r.registry === ref.registry);
  const theirs = new Set(group.flatMap((x) => x.imagePullSecrets ?? []));
  const own = w.imagePullSecrets ?? [];
  if (own.some((s) => theirs.has(s)) || theirs.size !== 1) return undefined;
  const secret = [...theirs][0]!;
  const users = group.map((x) => x.name).slice(0, 3).join(', ');
  const refs = w.imagePullSecretRefs ?? [];
  if (own.length === 1 && refs.length === 1) {
    return replaceValue(refs[0]!.evidence, refs[0]!.name, secret, `${ref.registry} denies ${w.name} its image with pull secret ${refs[0]!.name}; ${users} pull from it with ${secret}.`);
  }
  const key = w.containersKey;
  // The key's column gives the indentation; a `- containers:` list item or a flow map has no line to insert above.
  if (own.length > 0 || !key?.column || !key.text.startsWith('containers:')) return undefined;
  const indent = ' '.repeat(key.column - 1);
  return insertLines(key.file, key.line - 1, [`${indent}imagePullSecrets:`, `${indent}  - name: ${secret}`], `${ref.registry} denies ${w.name} its image without credentials; ${users} pull from it with pull secret ${secret}.`);
}
