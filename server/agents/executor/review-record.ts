/**
 * A review record: one proposal as a reviewer judges it, with every verdict and application, kept as
 * `.aoi/reviews/<id>.json` in the diagnosed folder so it can go through git like any change. The proposal
 * part is fixed when the record is made; verdicts and applications are appended. Its status is derived,
 * never stored.
 */
import type { FixProposal, FixStatus, FixVerdict, FixVerification } from '../../protocol';
import { sha256 } from './hashes';

/** Version of the record format. */
export const REVIEW_RECORD_VERSION = 1;

/** Who may approve: anyone, the proposer included (a single engineer), or only someone else (teams). */
export type ReviewPolicy = 'self-approval-allowed' | 'distinct-reviewer';

/** The proposal as it was made: what a verdict is about. */
export type StoredProposal = Omit<FixProposal, 'status' | 'review' | 'verification' | 'undone'> & {
  /** Who asked for the review (saved it), `aoi` when the tool's proposal was judged directly. */
  proposedBy: string;
  proposedAt: string;
  /** The policy it was saved under; the stricter of this and the current setting applies. */
  policy: ReviewPolicy;
};

/** A verdict as recorded: bound to the proposal's hash and sealed by a digest over its fields. */
export interface VerdictRecord extends FixVerdict {
  /** The hash of the proposal approved or rejected. */
  proposalHash: string;
  /** sha256 over the verdict's fields (verdictDigest): an edited verdict no longer matches it. */
  digest: string;
}

/** One time the executor applied the proposal (or tried to, for a command). */
export interface ApplicationRecord {
  at: string;
  by: string;
  /** The digest of the approval this application spent. */
  approvalDigest: string;
  /** Edits: sha256 of the content written. */
  appliedHash?: string;
  /** Commands: how it ended. A failed command does not spend its approval. */
  command?: { exitCode: number | null; output: string; ok: boolean };
  undone?: { at: string; by: string };
  verification?: FixVerification;
}

/** The whole record. */
export interface ReviewRecord {
  version: typeof REVIEW_RECORD_VERSION;
  proposal: StoredProposal;
  verdicts: VerdictRecord[];
  applications: ApplicationRecord[];
}

/** The digest that seals a verdict: sha256 over its kind, reviewer, time, comment and proposal hash. */
export function verdictDigest(v: Omit<VerdictRecord, 'digest'>): string {
  return sha256(JSON.stringify(['aoi-verdict', v.verdict, v.by, v.at, v.comment ?? null, v.proposalHash]));
}

/** A sealed verdict. */
export function sealVerdict(v: Omit<VerdictRecord, 'digest'>): VerdictRecord {
  return { ...v, digest: verdictDigest(v) };
}

/** True when the application spent its approval (an edit written, a command that succeeded). */
export function spent(a: ApplicationRecord): boolean {
  return a.command ? a.command.ok : true;
}

/**
 * Where the record stands: applied (or verified) while its last application stands; else the latest
 * verdict, where an approval already spent by an undone application counts as none.
 */
export function statusOf(record: ReviewRecord): FixStatus {
  const last = record.applications.filter(spent).at(-1);
  if (last && !last.undone) return last.verification?.cleared ? 'verified' : 'applied';
  const verdict = record.verdicts.at(-1);
  if (!verdict) return 'proposed';
  if (verdict.verdict === 'rejected') return 'rejected';
  return record.applications.some((a) => spent(a) && a.approvalDigest === verdict.digest) ? 'proposed' : 'approved';
}

/** The record as a fix of a diagnosis: the proposal with its status, latest verdict and verification. */
export function toFixProposal(record: ReviewRecord): FixProposal {
  const { proposedBy, proposedAt, policy, ...proposal } = record.proposal;
  const out: FixProposal = { ...proposal, status: statusOf(record) };
  const verdict = record.verdicts.at(-1);
  if (verdict) out.review = { verdict: verdict.verdict, by: verdict.by, at: verdict.at, ...(verdict.comment !== undefined ? { comment: verdict.comment } : {}) };
  const last = record.applications.filter(spent).at(-1);
  if (last?.verification) out.verification = last.verification;
  if (last?.undone) out.undone = last.undone;
  return out;
}
