/** Command lines for display: an argv quoted where a shell would need it. Nothing runs them through a shell. */

/** One argument, quoted for a POSIX shell when it holds anything but plain word characters. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one shell-readable line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
