/** Exit codes of every `aoi` subcommand (spec/cli.md), and the error that carries a refusal to the exit. */

/** Exit codes of every subcommand. */
export const ExitCode = { Ok: 0, Internal: 1, BadInput: 2, Refused: 3 } as const;

/** Thrown by a subcommand after it has said why the policy or the gate refused: the CLI exits 3 without another message. */
export class RefusedByPolicy extends Error {
  override readonly name = 'RefusedByPolicy';
}
