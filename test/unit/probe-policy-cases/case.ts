/**
 * The probe policy's table: argvs, whether they are allowed, and a part of the expected reason. Refusals
 * marked `widenable` are reads the allowlist leaves out: a settings entry naming their words allows them.
 * Every other refusal must hold whatever the settings say. A string argv is split on single spaces.
 */

/** One row of the table. */
export interface PolicyCase {
  argv: string[];
  allowed: boolean;
  /** A part of the expected reason. */
  reason: string;
  /** A refusal an `extraAllowed` entry naming the argv's words may lift. */
  widenable?: boolean;
}

/** A string argv is split on single spaces. */
export const words = (argv: string | string[]): string[] => (typeof argv === 'string' ? argv.split(' ') : argv);
/** Allowed, with a part of the reason. */
export const ok = (argv: string | string[], reason: string): PolicyCase => ({ argv: words(argv), allowed: true, reason });
/** Refused whatever the settings say. */
export const no = (argv: string | string[], reason: string): PolicyCase => ({ argv: words(argv), allowed: false, reason });
/** Refused, but a settings entry may allow it. */
export const left = (argv: string | string[], reason: string): PolicyCase => ({ argv: words(argv), allowed: false, reason, widenable: true });
