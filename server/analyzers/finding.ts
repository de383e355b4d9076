/**
 * A finding: one analyzer's conclusion about one component, with the evidence behind it. The observer
 * merges findings with the same fault and component into a hypothesis.
 */
import type { Evidence, FaultLabel } from '../protocol';

/** A read-only probe an analyzer suggests to confirm or rule out its finding. */
export interface ProbeIdea {
  argv: string[];
  why: string;
}

/** One analyzer's conclusion. */
export interface Finding {
  fault: FaultLabel;
  component: string;
  /** Strength of this piece of support, 0..1; pieces combine as independent evidence. */
  strength: number;
  /** One sentence for the explanation, built from the evidence. */
  summary: string;
  evidence: Evidence[];
  probes?: ProbeIdea[];
}
