/**
 * What became of one probe: run live, answered from a recording, refused by the policy, or not recorded.
 */

/** How a probe ended. */
export type ProbeStatus = 'ran' | 'replayed' | 'not recorded' | 'refused' | 'timed out' | 'cancelled' | 'failed';

/** The outcome of one probe. */
export interface ProbeOutcome {
  argv: string[];
  status: ProbeStatus;
  /** Why it ended so: the policy's reason for a refusal, the limit for a timeout, `ran` otherwise. */
  reason: string;
  exitCode?: number;
  /** Output as run or recorded (capped by the runner). */
  stdout: string;
  stderr: string;
  /** Bytes of output beyond the cap, counted and dropped. */
  truncatedBytes?: number;
  durationMs: number;
  /** For a replayed probe: the recording's file, relative to the bundle, and the time it was taken. */
  recording?: { file: string; at?: string };
}
