/**
 * The result of one diagnosis: the JSON document of `aoi diagnose --json` (spec/cli.md, version 1) and the
 * payload of the `aoi/diagnose` request. Fields beyond the spec are additions, never changes.
 */
import type { FaultLabel, RootCauseFields } from './faults';

/** A piece of evidence, pointing back at the file and line it came from. */
export interface Evidence {
  /** Path relative to the diagnosed folder, with `/` separators. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** The line's text (trimmed, capped), or the part of it that matters. */
  text: string;
  /** 1-based column where the relevant value starts, when known. */
  column?: number;
  /** What this evidence says, in a few words: "targetPort 8081 matches no containerPort". */
  note?: string;
  /** How many log lines this evidence stands for (1 for a config value). */
  count?: number;
  /**
   * What part the evidence plays: the wrong value itself (`cause`), what the fault did (`symptom`, e.g.
   * refused connections), or the other side that shows what is right (`context`).
   */
  role?: EvidenceRole;
}

/** The part a piece of evidence plays in a hypothesis. */
export type EvidenceRole = 'cause' | 'symptom' | 'context';

/** One ranked root-cause hypothesis. */
export interface Hypothesis {
  fault: FaultLabel;
  /** The service or resource whose state or configuration must change (empty for `none`). */
  component: string;
  /** 0..1, calibrated so that 0.9 means right about nine times in ten. */
  confidence: number;
  rca: RootCauseFields;
  /** One or two sentences built from the evidence. */
  explanation: string;
  evidence: Evidence[];
}

/** A read-only probe the observer suggests (run or replayed only by the probe runner). */
export interface ProbeSuggestion {
  argv: string[];
  why: string;
  /**
   * `proposed` until asked; `refused` when the read-only policy refuses it (the reason is in `output`); how it
   * ended once run or replayed.
   */
  status: 'proposed' | 'replayed' | 'ran' | 'not recorded' | 'refused' | 'timed out' | 'failed' | 'cancelled';
  /** The catalog template it was made from, e.g. `redis.ping`. */
  id?: string;
  /** Hypotheses an answer would support, with the answer: "service_down redis if refused". */
  supports?: string[];
  /** Hypotheses an answer would rule out, with the answer: "service_down redis if answered". */
  rulesOut?: string[];
  exitCode?: number;
  output?: string;
  /** What the probe's answer changed: "port_misconfig cart 84% -> 95%; service_down cart 30% -> 4%". */
  effect?: string;
}

/** Where a fix is in its review: proposed, approved or rejected by a reviewer, applied, verified cleared. */
export type FixStatus = 'proposed' | 'approved' | 'rejected' | 'applied' | 'verified';

/**
 * A proposed write fix (applied only by the executor, after an approval of its exact hash). `file`, `diff`,
 * `why` and `status` are spec/cli.md's; the rest are additions.
 */
export interface FixProposal {
  /** The file it changes, relative to the diagnosed folder; empty for a command. */
  file: string;
  /** A unified diff (`--- a/FILE`, `+++ b/FILE`); for a command, `$ ` and the command line. */
  diff: string;
  why: string;
  status: FixStatus;
  /** The first 12 hex digits of `hash`: what `aoi fix show DIR ID` takes. */
  id: string;
  /**
   * sha256 (hex) binding the exact change: over the kind, the file path, the sha256 of the content it was
   * computed from and the new content; for a command, over its exact argv. An approval names this hash.
   */
  hash: string;
  /** A file edit or a mutating command. */
  kind: 'edit' | 'command';
  /** The command, for `kind: 'command'`. */
  argv?: string[];
  /** sha256 (hex) of the file content the diff was computed from (edits only). */
  baseHash?: string;
  /** The hypothesis it fixes. */
  fault: FaultLabel;
  component: string;
  /** The hypothesis's confidence when it was proposed. */
  confidence: number;
  /** The evidence that shows the wrong value (the hypothesis's cause evidence first). */
  evidence: Evidence[];
  /** The latest verdict, once reviewed. */
  review?: FixVerdict;
  /** Whether the symptom cleared after it was applied. */
  verification?: FixVerification;
  /** Set when an applied fix was undone; the approval is spent and the fix is proposed again. */
  undone?: { at: string; by: string };
}

/** A reviewer's verdict on one proposal. */
export interface FixVerdict {
  verdict: 'approved' | 'rejected';
  /** Who decided (a name or e-mail as the reviewer gave it). */
  by: string;
  /** ISO 8601 time. */
  at: string;
  /** The reviewer's comment on an approval, the reason of a rejection. */
  comment?: string;
}

/** The check after an applied fix: was the hypothesis it fixed gone on re-diagnosis (and from its probes)? */
export interface FixVerification {
  at: string;
  cleared: boolean;
  /** What was checked and what it showed: "port_misconfig cart 97% -> absent". */
  detail: string;
}

/** Which model ranked the hypotheses, and where it ran. */
export interface ModelInfo {
  name: string;
  version: string;
  /** `webgpu`, `cuda`, `cpu`, or `none` when the expert rules ranked alone. */
  executionProvider: string;
  inferenceMs: number;
}

/** A file that was skipped or only partly read, with the reason. */
export interface FileNote {
  file: string;
  message: string;
  /** 1-based line the note is about, when there is one (e.g. a YAML syntax error). */
  line?: number;
}

/** What the engine looked at. */
export interface InputSummary {
  filesRead: number;
  logLines: number;
  configFiles: number;
  logFiles: number;
}

/** A piece of team guidance (mined by the Evolver from failed trajectories) that changed the ranking. */
export interface AppliedGuidance {
  /** The entry's id in the guidance file. */
  id: string;
  /** What it says, for a person. */
  text: string;
  /** Who judged the incidents it came from, in how many episodes, and how close this incident is to them. */
  source: string;
  /** What it changed: "port_misconfig api absent -> 78%; service_down redis 35% -> 4%". */
  effect: string;
}

/**
 * Error and warning records of the logs over time, per component: the report's timeline chart. Bucket `i` of
 * every series covers `[start + i * bucketMs, start + (i + 1) * bucketMs)`.
 */
export interface IncidentTimeline {
  /** Epoch ms where the first bucket starts (a whole minute). */
  start: number;
  /** Width of a bucket in ms: whole minutes, wide enough that a series has at most 120 buckets. */
  bucketMs: number;
  /** One series per component with error or warning records, the busiest first (at most 8, then `(other)`). */
  series: TimelineSeries[];
  /** Where the incident first showed in the logs, when a timed error or warning template says so. */
  firstAnomaly?: TimelineAnomaly;
}

/** One component's error and warning records per bucket. */
export interface TimelineSeries {
  /** The component that wrote them; empty when neither the file nor the records name one. */
  component: string;
  /** Error-or-worse records per bucket (and unlevelled ones that name a failure). */
  errors: number[];
  /** Warning records per bucket. */
  warnings: number[];
  /** How many distinct error and warning templates the series holds. */
  templates: number;
}

/**
 * The first anomaly: the earliest template that is new since the logs began or bursts (preferring those the
 * top hypothesis cites), else the earliest error template.
 */
export interface TimelineAnomaly {
  /** Epoch ms, at the resolution of a minute. */
  at: number;
  /** The time as the log wrote it. */
  time: string;
  component: string;
  template: string;
  level: 'error' | 'warning';
  /** Its first occurrence. */
  evidence: Evidence;
}

/** The whole diagnosis. */
export interface Diagnosis {
  version: 1;
  /** False when the top hypothesis is `none`. */
  detected: boolean;
  /** Sorted by confidence, highest first. */
  hypotheses: Hypothesis[];
  probes: ProbeSuggestion[];
  fixes: FixProposal[];
  model: ModelInfo;
  timings: { totalMs: number };
  /** Skipped or partly read files. */
  notes: FileNote[];
  /** Fix ideas of the analyzers that could not be proposed, with why (the value is no longer on its line, ...). */
  fixNotes?: FileNote[];
  inputs: InputSummary;
  /** The team guidance that applied, when guidance was given (empty when none matched). */
  guidance?: AppliedGuidance[];
  /** Error and warning records over time per component (an addition; absent when no log line had a time). */
  timeline?: IncidentTimeline;
}
