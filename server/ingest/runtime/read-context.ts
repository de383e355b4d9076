/**
 * What every section reader of a command-output file shares: the text, the state being filled, the
 * problems found, and the command of the prompt above the section.
 */
import type { SourceText } from '../config/source-text';
import type { CommandLine } from './command-line';
import type { RuntimeState } from './state';

/** Something in a command-output file that could not be read, at a 1-based line. */
export interface OutputProblem {
  line: number;
  message: string;
}

/** The state of one reading of a command-output file. */
export interface ReadContext {
  src: SourceText;
  state: RuntimeState;
  problems: OutputProblem[];
  /** The command of the prompt line above the current section, when there was one. */
  command?: CommandLine;
  /** True when line `index` (0-based) starts a new section or block: a prompt, or a header of another output. */
  isBoundary(index: number): boolean;
}

/** The namespace a row belongs to: its own column, else the command's `-n`, else none. */
export function namespaceOf(ctx: ReadContext, column: string | undefined): string | undefined {
  if (column && column !== '<none>') return column;
  return ctx.command?.namespace;
}
