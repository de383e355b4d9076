/**
 * A lab fault: how to inject it into the live shop, how to recover from it, and its ground truth (the
 * taxonomy label, the component whose state or configuration must change, and what a working fix changes).
 * Faults change the workspace's files (the supervisor applies them as a deployment would) or the live state of
 * a datastore or volume; recovery undoes the live change and restores the configuration from the pristine copy.
 */
import type { FaultLabel } from '../../server/protocol';
import type { Lab } from '../lab-control';
import type { ShopPorts } from '../shop';

/** What a fix that works changes: a line it adds to `file` (matched by `added`), or the command it runs. */
export type FixTruth = { file: string; added: RegExp; removed?: undefined } | { file: string; removed: RegExp; added?: undefined } | { argv: RegExp };

export interface FaultTruth {
  label: FaultLabel;
  /** The component a correct localization names; `components` lists other names accepted for it. */
  component: string;
  components?: string[];
  /** Absent for the no-fault control; a function of the lab's ports where the fix names one. */
  fix?: FixTruth | ((ports: ShopPorts) => FixTruth);
}

/** What a fault's steps work with. */
export interface FaultContext {
  lab: Lab;
  /** Rewrites the workspace file `rel` (recovery restores the whole configuration). */
  edit(rel: string, change: (text: string) => string): Promise<void>;
  /** Creates the workspace file `rel` (recovery deletes files the pristine copy lacks). */
  create(rel: string, text: string): Promise<void>;
}

export interface Fault {
  id: string;
  /** One line: what is wrong. */
  summary: string;
  truth: FaultTruth;
  /** True for faults that need root (mounting a size-limited volume). */
  needsRoot?: boolean;
  inject(ctx: FaultContext): Promise<void>;
  /** Undoes live changes beyond the recorded file edits (which are restored for every fault). */
  recover?(ctx: FaultContext): Promise<void>;
}

/** Replaces `from` by `to` in `text`, or throws: a fault that changes nothing would score a healthy lab. */
export function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fault injection found nothing to change: ${what}`);
  return next;
}
