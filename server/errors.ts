/**
 * Errors the engine reports to its fronts. A `BadInputError` is the user's to fix (exit 2, a one-line
 * message naming the problem); anything else is an internal error (exit 1).
 */

/** Input that cannot be diagnosed: a missing folder, an empty one, a path that is not a folder. */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

/** The one-line message of any thrown value, without a stack. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim();
}

/** True when `err` is the rejection of an aborted operation. */
export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as NodeJS.ErrnoException).code === 'ABORT_ERR');
}
