/**
 * The answers of probes run from the editor, per diagnosed folder, for as long as the server runs: every
 * later diagnosis of the folder reads them as evidence. A probe run again replaces its earlier answer.
 */
import type { ProbeOutcome } from '../agents/probes/outcome';

/** Answers by folder URI, in the order the probes were run. */
export class ProbeAnswers {
  private readonly byFolder = new Map<string, ProbeOutcome[]>();

  /** The folder's answers, oldest first. */
  of(folderUri: string): readonly ProbeOutcome[] {
    return this.byFolder.get(folderUri) ?? [];
  }

  /** Keeps `outcome` as the folder's latest answer to its argv. */
  add(folderUri: string, outcome: ProbeOutcome): void {
    const key = outcome.argv.join('\u0000');
    const kept = this.of(folderUri).filter((o) => o.argv.join('\u0000') !== key);
    this.byFolder.set(folderUri, [...kept, outcome]);
  }
}
