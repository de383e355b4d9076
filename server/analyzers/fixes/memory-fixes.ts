/**
 * Fixes of oom: the memory cap that killed the process (a container's `limits.memory`, Compose's
 * `mem_limit`, systemd's `MemoryMax=`) raised to what the process needs, written in the old value's unit.
 *
 * How much it needs, in order of what the evidence can tell:
 * - the runtime's own heap cap (`-Xmx1024m`, `--max-old-space-size=2048`) does not fit under the cap with
 *   room for the rest of the process: the cap becomes HEAP_OVERHEAD times the heap;
 * - otherwise, a kill record shows the kernel killed the process at this cap (OOMKilled, a memory-cgroup
 *   kill, systemd's `oom-kill` result) and nothing measures the need: the cap is doubled;
 * - or the runtime's heap filled up (`JavaScript heap out of memory`, `Java heap space`) while no heap cap is
 *   set: Node and the JVM size their default heap from the container's memory limit, so the limit is what
 *   capped it, and it is doubled likewise.
 * No fix when the new cap would pass what the machine can give (the largest node's allocatable memory, the
 * host's available memory), or when nothing shows the cap itself killed the process.
 */
import type { Evidence } from '../../protocol';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { formatBytes } from '../../ingest/config/quantity';
import { scaleText, unitOf, writeLike } from './quantity-text';

/** The heap is at most two thirds of the cap: metaspace, thread stacks, code cache and buffers need the rest. */
export const HEAP_OVERHEAD = 1.5;

/** Growth of a cap that the process hit with no measure of what it needs. */
const HIT_CAP_GROWTH = 2;

/** A memory cap as a config file writes it. */
export interface MemoryCap {
  /** The value as written: `768Mi`, `768M`, `1g`. */
  text: string;
  /** Its value in bytes, as the tool that reads it counts. */
  bytes: number;
  /** What it is, for the reviewer: `limits.memory`, `MemoryMax`. */
  name: string;
  evidence: Evidence;
}

/** A runtime heap cap found in a command line or an options variable. */
export interface HeapCap {
  bytes: number;
  /** As written: `-Xmx1024m`, `--max-old-space-size=2048`. */
  text: string;
  evidence: Evidence;
}

/** What the evidence says about the memory the process needs and may have. */
export interface MemoryNeed {
  heap?: HeapCap;
  /** A kill record shows the process was killed at the cap (not by a host-wide OOM). */
  killedAtCap: boolean;
  /** The runtime's heap filled up, with no heap cap of its own set (its default heap follows the cap). */
  heapFilledUnderCap?: boolean;
  /** The most the cap may be raised to, in bytes; undefined when the inputs do not tell. */
  ceiling?: number;
}

/** The cap raised to cover the need, or undefined when the need or the room for it is not known. */
export function raiseMemoryCap(cap: MemoryCap, need: MemoryNeed): FixIdea | undefined {
  const unit = unitOf(cap.text, cap.bytes);
  if (unit === undefined) return undefined;
  let next: string | undefined;
  let why: string;
  if (need.heap && cap.bytes < need.heap.bytes * HEAP_OVERHEAD) {
    next = writeLike(cap.text, unit, need.heap.bytes * HEAP_OVERHEAD, 'up');
    why = `${need.heap.text} lets the heap alone grow to ${formatBytes(need.heap.bytes)}, and the process needs room beyond its heap; ${cap.name} ${cap.text} kills it first. A cap of ${next} holds the heap plus half again.`;
  } else if (need.killedAtCap) {
    next = scaleText(cap.text, HIT_CAP_GROWTH);
    why = `The process was killed when it reached ${cap.name} ${cap.text}; doubling the cap to ${next} gives the work it was doing room to finish.`;
  } else if (need.heapFilledUnderCap && !need.heap) {
    next = scaleText(cap.text, HIT_CAP_GROWTH);
    why = `The runtime's heap filled up with no heap size set, so its default heap follows ${cap.name} ${cap.text}; doubling the cap to ${next} doubles the room its heap may take.`;
  } else return undefined;
  if (!next) return undefined;
  const nextBytes = (Number(/^[\d.]+/.exec(next)?.[0]) || 0) * unit;
  if (nextBytes <= cap.bytes) return undefined;
  if (need.ceiling !== undefined && nextBytes > need.ceiling) return undefined;
  return replaceValue(cap.evidence, cap.text, next, why);
}

/** JVM `-Xmx<size>` (k, m, g; bytes without a unit). */
const XMX = /(?:^|\s)(-Xmx(\d+(?:\.\d+)?)([kKmMgGtT]?))(?=\s|$)/;
/** Node's `--max-old-space-size=<MiB>`. */
const OLD_SPACE = /(--max[-_]old[-_]space[-_]size[= ](\d+))/;
const JVM_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** The heap cap that `text` (an options variable, a command word) sets, if any. */
export function heapCapIn(text: string, evidence: Evidence): HeapCap | undefined {
  const xmx = XMX.exec(text);
  if (xmx) return { bytes: Number(xmx[2]) * JVM_UNITS[xmx[3]!.toLowerCase()]!, text: xmx[1]!, evidence };
  const old = OLD_SPACE.exec(text);
  if (old) return { bytes: Number(old[2]) * 1024 ** 2, text: old[1]!, evidence };
  return undefined;
}

/** A runtime reporting its own heap full: Node's V8, the JVM. */
const HEAP_FULL = /JavaScript heap out of memory|Reached heap limit|OutOfMemoryError: Java heap space/;

/** True when a line shows the runtime's heap full (not a kill from outside the process). */
export function heapFilled(lines: readonly string[]): boolean {
  return lines.some((l) => HEAP_FULL.test(l)) && !lines.some((l) => HOST_OOM.test(l));
}

/** Kill records of a cap: Kubernetes' OOMKilled, the memory cgroup's OOM kill, a limit reached, systemd's `oom-kill`. */
const CAP_KILL = /OOMKilled|Memory cgroup out of memory|CONSTRAINT_MEMCG|oom_memcg=|memory limit (?:was )?(?:exceeded|reached)|exceeded (?:its |the )?memory limit|result '?oom-kill/i;
/** A host-wide OOM: the kernel ran out of memory for everyone, which a higher cap would make worse. */
const HOST_OOM = /CONSTRAINT_NONE|(?<!cgroup )\bOut of memory: Kill/;

/** True when the kill lines show the cap killed the process, and none shows a host-wide OOM. */
export function killedAtCap(lines: readonly string[]): boolean {
  return lines.some((l) => CAP_KILL.test(l)) && !lines.some((l) => HOST_OOM.test(l));
}
