/**
 * The lab's scripted reviewer (`--reviewer auto`): it reads each proposed fix in the order the engine ranked
 * them and approves the first one that makes the change the fault's ground truth says works (the file, and a
 * line it adds or removes); every fix it read before that one is rejected with the reason. A person reviews the
 * same way: the reviewer knows the system, the engine must propose the fix.
 */
import type { FixProposal } from '../../server/protocol';
import type { FixTruth } from '../faults/fault';

export const REVIEWER = 'lab-reviewer';

export interface ReviewDecision {
  proposal: FixProposal;
  approve: boolean;
  reason: string;
}

/** Lines the diff adds (`+`) or removes (`-`), without the file headers. */
function diffLines(diff: string, sign: '+' | '-'): string[] {
  return diff.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign}`)).map((l) => l.slice(1));
}

export function fixMatches(truth: FixTruth, p: FixProposal): boolean {
  if ('argv' in truth) return !!p.argv && truth.argv.test(p.argv.join(' '));
  if (p.file !== truth.file) return false;
  if (truth.added) return diffLines(p.diff, '+').some((l) => truth.added.test(l));
  return diffLines(p.diff, '-').some((l) => truth.removed!.test(l));
}

/** The reviewer's verdicts, in order: rejections, then at most one approval. */
export function review(truth: FixTruth | undefined, proposals: readonly FixProposal[]): ReviewDecision[] {
  const out: ReviewDecision[] = [];
  for (const p of proposals) {
    if (truth && fixMatches(truth, p)) {
      out.push({ proposal: p, approve: true, reason: 'makes the change that restores the service' });
      return out;
    }
    out.push({ proposal: p, approve: false, reason: truth ? `does not address the cause (${p.fault} in ${p.component}, ${p.file})` : 'nothing is wrong: no change is wanted' });
  }
  return out;
}
