/**
 * What the probe policy answers, and the problems a tool's check finds on the way. A check collects every
 * problem of an argv, not only the first, so that a settings entry that widens one unlisted word can never
 * hide a write found further on: the most severe problem is the one reported.
 */

/** The policy's answer about one argv. `reason` is one line; the CLI prints it after `allowed: ` or `refused: `. */
export type PolicyDecision =
  | {
      allowed: true;
      /** Why the command is read-only, e.g. "kubectl get reads from the cluster". */
      reason: string;
      /** The tool, argv[0]. */
      tool: string;
      /** The binary that would run: argv[0] found in one of the fixed directories. */
      resolvedPath: string;
    }
  | {
      allowed: false;
      /** The offending word and why, e.g. "kubectl delete writes to the cluster". */
      reason: string;
    };

/**
 * How bad a problem is. `hard`: the command writes, runs other code, redirects credentials or reveals secrets;
 * no setting can allow it. `invalid`: a value or argument the policy cannot vouch for (a malformed name, a
 * control character, an ambiguous abbreviation); no setting can allow it either. `unlisted`: a read the
 * allowlist does not know (an unknown tool, subcommand or flag, a command that never ends); an `extraAllowed`
 * entry may allow it when the problem says which word it is about.
 */
export type Severity = 'hard' | 'invalid' | 'unlisted';

/** The word a settings entry must name to allow an `unlisted` problem. */
export interface Widening {
  kind: 'subcommand' | 'flag';
  /** The subcommand (words joined by one space) or the flag as spelled in full, e.g. "--context". */
  word: string;
  /** The flag's value, when it has one: an entry may pin it ("--context=staging"). */
  value?: string;
}

/** One problem found in an argv. */
export interface Issue {
  severity: Severity;
  /** One line naming the offending word and why. */
  reason: string;
  /** Present on `unlisted` problems that a settings entry may allow. */
  widen?: Widening;
}

/** What a tool's check found: its problems, and a line saying what the command reads when there are none. */
export interface ToolVerdict {
  issues: Issue[];
  /** E.g. "kubectl get reads from the cluster". */
  reads: string;
}

/** A problem no setting can allow: a write, code execution, a credential redirect, a secret. */
export const hard = (reason: string): Issue => ({ severity: 'hard', reason });

/** A value or argument the policy cannot vouch for. */
export const invalid = (reason: string): Issue => ({ severity: 'invalid', reason });

/** A read the allowlist does not know; `widen` names the word a settings entry may allow. */
export const unlisted = (reason: string, widen?: Widening): Issue => (widen ? { severity: 'unlisted', reason, widen } : { severity: 'unlisted', reason });

const RANK: Record<Severity, number> = { hard: 0, invalid: 1, unlisted: 2 };

/** The problem to report: the first of the most severe kind, or undefined when there is none. */
export function worst(issues: readonly Issue[]): Issue | undefined {
  let best: Issue | undefined;
  for (const i of issues) if (!best || RANK[i.severity] < RANK[best.severity]) best = i;
  return best;
}

/** A tool's check: the argv after the tool's name in, its problems and what it reads out. */
export type ToolCheck = (args: readonly string[]) => ToolVerdict;
