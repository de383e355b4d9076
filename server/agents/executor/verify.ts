/**
 * Verification after an applied fix: the folder is diagnosed again (with live probes when the caller allows
 * them, so the probes that showed the symptom run again) and the hypothesis the fix was for must be gone, or
 * have fallen below the confidence at which fixes are proposed and off the top.
 */
import type { Diagnosis, FixVerification } from '../../protocol';
import type { StoredProposal } from './review-record';

/** Below this confidence a hypothesis no longer counts as standing. */
const CLEARED_BELOW = 0.3;

/** Compares the diagnosis after the fix with the hypothesis the fix was for. */
export function verification(proposal: Pick<StoredProposal, 'fault' | 'component' | 'confidence'>, after: Diagnosis, at: Date = new Date()): FixVerification {
  const same = after.hypotheses.find((h) => h.fault === proposal.fault && h.component === proposal.component);
  const top = after.hypotheses[0]!;
  const before = `${proposal.fault} ${proposal.component} ${pct(proposal.confidence)}`;
  const probes = after.probes.filter((p) => p.status === 'ran').length;
  const how = probes > 0 ? ` (re-diagnosed with ${probes} live probe${probes === 1 ? '' : 's'})` : ' (re-diagnosed)';
  if (!same) return { at: at.toISOString(), cleared: true, detail: `${before} -> absent${how}` };
  const cleared = same.confidence < CLEARED_BELOW && top !== same;
  return { at: at.toISOString(), cleared, detail: `${before} -> ${pct(same.confidence)}${cleared ? '' : ', still standing'}${how}` };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
