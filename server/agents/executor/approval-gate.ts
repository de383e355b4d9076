/**
 * The approval gate: decides, without side effects, whether the executor may apply a proposal now. It allows
 * only when the latest verdict is an approval of exactly this proposal's hash, sealed, not yet spent, given
 * by someone the review policy accepts, and, for an edit, when the file still holds the content the proposal
 * was computed from and the recorded diff still yields the content the hash names. Every refusal has its own
 * code and a sentence that says what was expected and what was found.
 */
import { applyPatch } from 'diff';
import { commandHash, editHash, sha256, shortId } from './hashes';
import { spent, verdictDigest, type ReviewPolicy, type ReviewRecord, type VerdictRecord } from './review-record';

/** Why the gate refused. */
export type GateRefusalCode =
  | 'no-approval'
  | 'rejected'
  | 'approval-mismatch'
  | 'tampered-approval'
  | 'self-approval'
  | 'already-applied'
  | 'stale-file'
  | 'missing-file'
  | 'tampered-proposal'
  | 'busy';

/** The gate's answer. For an allowed edit, the exact content to write. */
export type GateDecision =
  | { allowed: true; approval: VerdictRecord; newContent?: string }
  | { allowed: false; code: GateRefusalCode; reason: string };

/** What the gate looks at for one apply. */
export interface GateInput {
  record: ReviewRecord;
  /** The file's current content (edits), undefined when it does not exist. */
  currentContent?: string | undefined;
}

/** The stricter of two review policies. */
export function stricter(a: ReviewPolicy, b: ReviewPolicy): ReviewPolicy {
  return a === 'distinct-reviewer' || b === 'distinct-reviewer' ? 'distinct-reviewer' : 'self-approval-allowed';
}

/** The gate, under the review policy of the current settings (a record saved under a stricter one keeps it). */
export class ApprovalGate {
  constructor(private readonly policy: ReviewPolicy = 'self-approval-allowed') {}

  /** Whether `by` may approve `record` now; undefined when they may. */
  approvalRefusal(record: ReviewRecord, by: string): { code: GateRefusalCode; reason: string } | undefined {
    if (stricter(this.policy, record.proposal.policy) !== 'distinct-reviewer') return undefined;
    if (record.proposal.proposedBy === 'aoi') return { code: 'self-approval', reason: `a distinct reviewer is required: save fix ${record.proposal.id} for review (aoi fix save) and have someone else approve it` };
    if (same(record.proposal.proposedBy, by)) return { code: 'self-approval', reason: `a distinct reviewer is required: ${record.proposal.proposedBy} asked for fix ${record.proposal.id}'s review and cannot approve it` };
    return undefined;
  }

  /** Whether the executor may apply `input.record` now. */
  check(input: GateInput): GateDecision {
    const { record } = input;
    const p = record.proposal;
    const latest = record.verdicts.at(-1);
    if (!latest) return refuse('no-approval', `fix ${p.id} has no approval`);
    if (latest.verdict === 'rejected') return refuse('rejected', `fix ${p.id} was rejected by ${latest.by}${latest.comment ? `: ${latest.comment}` : ''}`);
    if (latest.proposalHash !== p.hash) return refuse('approval-mismatch', `the approval by ${latest.by} is for another change (${shortId(latest.proposalHash)}), not fix ${p.id}`);
    if (verdictDigest(latest) !== latest.digest) return refuse('tampered-approval', `the approval of fix ${p.id} was altered after it was given (its digest does not match its fields)`);
    const self = this.approvalRefusal(record, latest.by);
    if (self) return refuse(self.code, self.reason);
    if (record.applications.some((a) => spent(a) && a.approvalDigest === latest.digest)) return refuse('already-applied', `the approval by ${latest.by} was already spent on an application of fix ${p.id}; a new apply needs a new approval`);
    if (p.kind === 'command') {
      if (!p.argv || commandHash(p.argv) !== p.hash || shortId(p.hash) !== p.id) return refuse('tampered-proposal', `fix ${p.id}'s command no longer matches its hash: the review record was altered`);
      return { allowed: true, approval: latest };
    }
    if (input.currentContent === undefined) return refuse('missing-file', `${p.file} does not exist any more`);
    const current = sha256(input.currentContent);
    if (current !== p.baseHash) return refuse('stale-file', `${p.file} changed since fix ${p.id} was proposed (sha256 ${current.slice(0, 12)}, expected ${(p.baseHash ?? '').slice(0, 12)})`);
    const patched = applyPatch(input.currentContent, p.diff);
    if (patched === false || editHash(p.file, p.baseHash!, patched) !== p.hash || shortId(p.hash) !== p.id) return refuse('tampered-proposal', `fix ${p.id}'s diff no longer yields the change its hash names: the review record was altered`);
    return { allowed: true, approval: latest, newContent: patched };
  }
}

function refuse(code: GateRefusalCode, reason: string): GateDecision {
  return { allowed: false, code, reason };
}

/** Two reviewer names are the same person when they match ignoring case and surrounding space. */
function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
