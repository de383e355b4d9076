/**
 * `--record --store STORE` for `aoi diagnose` and `aoi fix ...` (spec/cli.md): the session goes to the
 * trajectory store STORE, redacted like every recording. A truth file (spec/bundle.md) labels the session.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { BadInputError, oneLine } from '../errors';
import { FAULT_LABELS, type FaultLabel } from '../protocol';
import type { SessionHeader } from '../trajectories/schema';

/** The options every recording subcommand takes. */
export interface RecordOptions {
  record?: boolean;
  store?: string;
  truth?: string;
  session?: string;
}

/** The store path when recording is asked for; a usage error when the flags do not go together. */
export function storeOf(opts: RecordOptions): string | undefined {
  if (opts.record && !opts.store) throw new InvalidArgumentError('--record needs --store STORE');
  if (!opts.record && (opts.store || opts.truth || opts.session)) throw new InvalidArgumentError('--store, --truth and --session need --record');
  return opts.record ? opts.store : undefined;
}

/** The truth of a truth file: its fault, its first component and every acceptable one, the fix pattern. */
export async function readTruth(path: string): Promise<NonNullable<SessionHeader['truth']>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new BadInputError(`cannot read the truth file ${path}: ${oneLine(err)}`);
  }
  const t = value as { fault?: unknown; components?: unknown; fix?: { added?: unknown } };
  if (!FAULT_LABELS.includes(t.fault as FaultLabel)) throw new BadInputError(`${path}: expected "fault" to be a taxonomy label, got ${JSON.stringify(t.fault)}`);
  const components = Array.isArray(t.components) ? t.components.filter((c): c is string => typeof c === 'string') : [];
  if (t.fault !== 'none' && components.length === 0) throw new BadInputError(`${path}: expected "components" to list the faulty component`);
  return { fault: t.fault as FaultLabel, component: components[0] ?? '', ...(components.length > 1 ? { components } : {}), ...(typeof t.fix?.added === 'string' ? { fix: t.fix.added } : {}) };
}
