/**
 * Fixes of disk_full: the claim behind a full filesystem grown. A `df` row of a mount that the workload's
 * container mounts from a PersistentVolumeClaim (by its mount path, or by the claim's volume named in the
 * device), at FULL_PERCENT or more, makes the claim's requested size the value to change: it is doubled, in
 * the unit it is written in. Without such a row, the failing writes themselves can name the claim: a path
 * that is the claim's mount path, or has the claim's name as one of its segments (a volume provisioned in a
 * folder named after the claim). A full host filesystem has no config line that sizes it: no fix there.
 */
import type { VolumeClaimFact, WorkloadFact } from '../../ingest/config/facts';
import type { ClaimState, DiskState } from '../../ingest/runtime/state';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { scaleText } from './quantity-text';

/** A filesystem this full needs more room; less than this is left to cleanup. */
const FULL_PERCENT = 95;

/** Growth of a full claim with nothing that measures how much more it needs. */
const GROWTH = 2;

/** What the disk analyzer knows about claims and filesystems. */
export interface VolumeInputs {
  workloads: readonly WorkloadFact[];
  claims: readonly VolumeClaimFact[];
  runtimeClaims: readonly ClaimState[];
  disks: readonly DiskState[];
}

/**
 * The size of the claim that `workload` mounts at a full filesystem, doubled; undefined when no full
 * filesystem is tied to exactly one declared claim of it, or the claim's size is not written.
 */
export function growFullClaim(workload: WorkloadFact, inputs: VolumeInputs): FixIdea | undefined {
  const hits = new Map<VolumeClaimFact, DiskState>();
  for (const disk of inputs.disks) {
    if (disk.inodes || disk.usePercent < FULL_PERCENT) continue;
    const claim = claimAt(workload, disk, inputs);
    if (claim) hits.set(claim, disk);
  }
  if (hits.size !== 1) return undefined;
  const [claim, disk] = [...hits][0]!;
  if (!claim.size || !Number.isFinite(claim.size.value)) return undefined;
  const next = scaleText(claim.size.text, GROWTH);
  if (!next) return undefined;
  const template = workload.kind === 'StatefulSet' && claim.evidence.file === workload.evidence.file;
  const why = `${disk.mount} of ${workload.name} is ${disk.usePercent}% full on its ${claim.size.text} claim ${claim.name}; doubling the request to ${next} gives it room (the storage class must allow volume expansion${template ? "; existing pods' claims are patched to the same size, as a StatefulSet's template only sizes new ones" : ''}).`;
  return replaceValue(claim.size.evidence, claim.size.text, next, why);
}

/**
 * The size of the one claim of `workload` that the failing write `lines` name (by its mount path, or by the
 * claim's name as a path segment), doubled; undefined when they name none or several, or its size is not
 * written.
 */
export function growNamedClaim(workload: WorkloadFact, inputs: VolumeInputs, lines: readonly string[]): FixIdea | undefined {
  const named = new Map<VolumeClaimFact, string>();
  for (const v of workload.volumes ?? []) {
    if (v.source.kind !== 'pvc' || !v.source.ref) continue;
    const declared = inputs.claims.filter((c) => c.kind === 'PersistentVolumeClaim' && c.name === v.source.ref && c.namespace === workload.namespace);
    if (declared.length !== 1) continue;
    const claim = declared[0]!;
    const mounts = workload.containers.flatMap((c) => c.mounts ?? []).filter((m) => m.volume === v.name && m.path.length > 1).map((m) => m.path);
    const segment = new RegExp(`/${escapeRegExp(claim.name)}(?=$|[/"'\\s,;:)])`);
    const path = lines.map((l) => mounts.find((m) => pathIn(l, m)) ?? (segment.test(l) ? claim.name : undefined)).find((x) => x !== undefined);
    if (path) named.set(claim, path);
  }
  if (named.size !== 1) return undefined;
  const [claim, path] = [...named][0]!;
  if (!claim.size || !Number.isFinite(claim.size.value)) return undefined;
  const next = scaleText(claim.size.text, GROWTH);
  if (!next) return undefined;
  const where = path === claim.name ? `a path named after its claim ${claim.name}` : `${path}, its claim ${claim.name}`;
  const why = `${workload.name} runs out of space writing to ${where} (${claim.size.text}); doubling the request to ${next} gives it room (the storage class must allow volume expansion).`;
  return replaceValue(claim.size.evidence, claim.size.text, next, why);
}

/** True when `line` names `path` as a whole path (not a longer name that starts with it). */
function pathIn(line: string, path: string): boolean {
  const i = line.indexOf(path);
  return i >= 0 && !/[\w.-]/.test(line[i + path.length] ?? '') && !/[\w.-]/.test(line[i - 1] ?? '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The declared claim of `workload` that `disk` is, by mount path or by the bound volume in its device name. */
function claimAt(workload: WorkloadFact, disk: DiskState, inputs: VolumeInputs): VolumeClaimFact | undefined {
  const claimOf = (volume: string): VolumeClaimFact | undefined => {
    const ref = workload.volumes?.find((v) => v.name === volume && v.source.kind === 'pvc')?.source.ref;
    const declared = ref ? inputs.claims.filter((c) => c.kind === 'PersistentVolumeClaim' && c.name === ref && c.namespace === workload.namespace) : [];
    return declared.length === 1 ? declared[0] : undefined;
  };
  const mounted = workload.containers.flatMap((c) => c.mounts ?? []).filter((m) => m.path === disk.mount);
  // The same path mounted by another workload's claim leaves the df row's owner open.
  const others = inputs.workloads.filter((w) => w !== workload && w.containers.some((c) => c.mounts?.some((m) => m.path === disk.mount && w.volumes?.some((v) => v.name === m.volume && v.source.kind === 'pvc'))));
  const byPath = [...new Set(mounted.map((m) => claimOf(m.volume)).filter((c): c is VolumeClaimFact => !!c))];
  if (byPath.length === 1 && others.length === 0) return byPath[0];
  // The device of a provisioned volume carries its name (`/dev/longhorn/pvc-6f1c...`).
  const bound = inputs.runtimeClaims.find((c) => c.volume && c.kind !== 'PersistentVolume' && disk.filesystem.includes(c.volume));
  if (!bound) return undefined;
  for (const v of workload.volumes ?? []) {
    if (v.source.kind !== 'pvc' || !v.source.ref) continue;
    if (bound.name === v.source.ref || bound.name.startsWith(`${v.source.ref}-${workload.name}-`)) return claimOf(v.name);
  }
  return undefined;
}
