/**
 * Fixes of crash_loop where the start command names a file that is not there (`Cannot find module
 * '/app/dist/worker.js'`, `'/etc/recs/gunicorn.conf.py' doesn't exist`): the path in the command pointed at
 * the file that does exist, taken from the evidence, never guessed:
 * - a ConfigMap or Secret mounted into the container holds a key with the file's name: the path under that
 *   volume's mountPath (a Compose bind mount of a file with that name: its target);
 * - the image declares its own command (an `image inspect` Cmd/Entrypoint array in the outputs, a Dockerfile
 *   CMD/ENTRYPOINT of the component) with one file of the same folder and extension: that file;
 * - the inputs hold the folder of a relative command path (the service's source checked in beside its
 *   manifest) without the missing file, and it has exactly one file of the same extension: that file.
 * No fix when no command word is the missing path, or when the evidence names no file or several.
 */
import { posix } from 'node:path';
import type { ContainerFact, WorkloadFact } from '../../ingest/config/facts';
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { workloadOf } from '../workloads';

/** Paths in a line: `/app/dist/worker.js`, `dist/worker.js`, `/etc/recs/gunicorn.conf.py`. */
const PATH = /(?:\.{0,2}\/)?(?:[\w.@-]+\/)+[\w.@-]+/g;
/** An argv written as a JSON array of strings (`["node","dist/index.js"]`), as `image inspect` prints Cmd. */
const ARGV_ARRAY = /\[\s*"(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")*\s*\]/g;

/** The wrong path of the start command, where it is written, and the one the evidence shows instead. */
export function startPathFix(incident: Incident, component: string, hits: readonly SymptomHit[]): FixIdea | undefined {
  const workload = workloadOf(incident, component);
  if (!workload) return undefined;
  const missing = [...new Set(hits.flatMap((h) => [...h.text.matchAll(PATH)].map((m) => m[0])))];
  const wrong = wrongWords(workload, missing);
  if (wrong.length !== 1) return undefined;
  const { container, index, path } = wrong[0]!;
  const mounted = mountedPaths(incident, workload, container, path);
  const declared = mounted.length > 0 ? [] : declaredPaths(incident, component, workload, path, missing);
  const present = mounted.length > 0 || declared.length > 0 ? [] : presentPaths(incident.files ?? [], path);
  const right = mounted.length > 0 ? mounted : declared.length > 0 ? declared : present;
  if (right.length !== 1) return undefined;
  const at = container.commandWordEvidence?.[index] ?? container.commandEvidence;
  if (!at || !at.text.includes(path)) return undefined;
  const source = mounted.length > 0 ? 'is mounted there' : declared.length > 0 ? "is the file the image's own command runs" : `is the one ${posix.extname(path)} file of ${posix.dirname(path)} in the inputs`;
  return replaceValue(at, path, right[0]!, `${component} starts with ${path}, which does not exist at start; ${right[0]} ${source}.`);
}

/** Command words (or their `--flag=` values) that a missing path names, with their container and index. */
function wrongWords(workload: WorkloadFact, missing: readonly string[]): { container: ContainerFact; index: number; path: string }[] {
  const out: { container: ContainerFact; index: number; path: string }[] = [];
  for (const container of workload.containers) {
    for (const [index, word] of (container.command ?? []).entries()) {
      const path = word.includes('=') ? word.slice(word.indexOf('=') + 1) : word;
      if (!path.includes('/')) continue;
      const bare = path.replace(/^\.\//, '');
      if (missing.some((m) => m === path || m.endsWith(`/${bare}`))) out.push({ container, index, path });
    }
  }
  return out;
}

/** Where a ConfigMap/Secret volume (or a Compose file mount) puts a file named like `path`. */
function mountedPaths(incident: Incident, workload: WorkloadFact, container: ContainerFact, path: string): string[] {
  const name = posix.basename(path);
  const out = new Set<string>();
  for (const mount of container.mounts ?? []) {
    const volume = workload.volumes?.find((v) => v.name === mount.volume);
    if (volume && (volume.source.kind === 'configMap' || volume.source.kind === 'secret')) {
      const kind = volume.source.kind === 'configMap' ? 'ConfigMap' : 'Secret';
      const object = incident.facts.configObjects.find((o) => o.kind === kind && o.name === volume.source.ref && o.namespace === workload.namespace);
      if (object?.entries.some((e) => e.key === name)) out.add(posix.join(mount.path, name));
    } else if (workload.kind === 'ComposeService' && posix.basename(mount.path) === name && posix.extname(name) !== '') {
      out.add(mount.path);
    }
  }
  out.delete(path);
  return [...out];
}

/**
 * Files of the same folder and extension as `path` that the image's own command runs: argv arrays in outputs
 * that also name the component's image (or the component), and the component's Dockerfile command.
 */
function declaredPaths(incident: Incident, component: string, workload: WorkloadFact, path: string, missing: readonly string[]): string[] {
  const dir = posix.dirname(path.replace(/^\.\//, ''));
  const ext = posix.extname(path);
  if (!ext) return [];
  const words: string[] = [];
  for (const w of incident.facts.workloads) {
    if (w.kind === 'Dockerfile' && incident.topology.componentFor(w.name) === component) words.push(...w.containers.flatMap((c) => c.command ?? []));
  }
  const image = workload.containers.map((c) => c.image?.split('@')[0]?.replace(/:[^/:]*$/, '')).find((i) => i);
  const mentions = filesMentioning(incident, [image, component].filter((n): n is string => !!n));
  for (const t of incident.logs.templates) {
    for (const e of t.examples) {
      if (!mentions.has(e.file)) continue;
      for (const m of e.text.matchAll(ARGV_ARRAY)) words.push(...parseArgv(m[0]));
    }
  }
  const out = new Set<string>();
  for (const word of words) {
    const w = word.replace(/^\.\//, '');
    if (posix.extname(w) !== ext || posix.basename(w) === posix.basename(path)) continue;
    const wDir = posix.dirname(w);
    if (wDir !== dir && !wDir.endsWith(`/${dir}`)) continue;
    const candidate = dir === '.' ? posix.basename(w) : posix.join(posix.dirname(path), posix.basename(w));
    if (!missing.some((m) => m.endsWith(`/${posix.basename(w)}`) && posix.dirname(m).endsWith(dir))) out.add(candidate);
  }
  return [...out];
}

/**
 * The one file of the same extension in the folder of the relative command path `path`, as the inputs hold
 * it (`services/api/main.js` missing, `services/api/server.js` present: that one); none when the folder is
 * not in the inputs, holds the missing file itself, or holds several candidates.
 */
function presentPaths(files: readonly string[], path: string): string[] {
  const bare = path.replace(/^\.\//, '');
  const dir = posix.dirname(bare);
  const ext = posix.extname(bare);
  if (posix.isAbsolute(path) || dir === '.' || !ext) return [];
  const inDir = files.filter((f) => posix.dirname(f) === dir || posix.dirname(f).endsWith(`/${dir}`));
  if (inDir.length === 0 || inDir.some((f) => posix.basename(f) === posix.basename(bare))) return [];
  const names = [...new Set(inDir.filter((f) => posix.extname(f) === ext).map((f) => posix.basename(f)))];
  return names.length === 1 ? [posix.join(posix.dirname(path), names[0]!)] : [];
}

/** Files whose log lines name one of `names`. */
function filesMentioning(incident: Incident, names: readonly string[]): Set<string> {
  const files = new Set<string>();
  if (names.length === 0) return files;
  for (const t of incident.logs.templates) {
    for (const e of t.examples) if (names.some((n) => e.text.includes(n))) files.add(e.file);
  }
  return files;
}

function parseArgv(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
