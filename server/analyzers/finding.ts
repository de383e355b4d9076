/**
 * A finding: one analyzer's conclusion about one component, with the evidence behind it. The observer
 * merges findings with the same fault and component into a hypothesis.
 */
import type { Evidence, FaultLabel } from '../protocol';
import type { ProbeIdea } from '../agents/probes/catalog/probe';
import type { FixIdea } from '../agents/executor/fix-idea';

export type { ProbeIdea, FixIdea };

/** One analyzer's conclusion. */
export interface Finding {
  fault: FaultLabel;
  component: string;
  /** Strength of this piece of support, 0..1; pieces combine as independent evidence. */
  strength: number;
  /** One sentence for the explanation, built from the evidence. */
  summary: string;
  evidence: Evidence[];
  /** Read-only probes from the catalog that would confirm or rule out this finding. */
  probes?: ProbeIdea[];
  /**
   * Evidence against the hypothesis (a probe's answer that rules it out): its strength discounts the
   * hypothesis's combined confidence instead of adding to it.
   */
  refutes?: boolean;
  /**
   * What would remove this cause: edits to the file that holds the wrong value (positions from the evidence)
   * or a mutating command. Proposed for the hypotheses confident enough to fix, applied only after approval.
   */
  fix?: FixIdea;
}
