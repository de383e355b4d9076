/**
 * Turns fix ideas into proposals a reviewer can judge: the file is read, the edits applied in memory, and the
 * change shown as a unified diff and bound by its hash (spec/cli.md: the approval names it). Nothing is
 * written here. An idea whose file is missing, outside the folder, or no longer holds the value is dropped
 * with a note saying why.
 */
import { readFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { shellLine, type FileNote, type FixProposal } from '../../protocol';
import type { RankedFixIdea } from '../observer/rank';
import { applyEdits } from './edits';
import type { FileFixIdea } from './fix-idea';
import { commandHash, editHash, sha256, shortId } from './hashes';
import { folderFile } from './folder-file';

/** A proposal with the content it would write (edits only); the content is never part of a diagnosis. */
export interface Proposal extends FixProposal {
  newContent?: string;
}

/** Folder-relative paths whose text replaces the file on disk (editor documents with unsaved changes). */
export type Overrides = ReadonlyMap<string, string>;

/** Proposals for `ideas` in `folder`, in the order given, with notes for the ideas that no longer apply. */
export async function proposeFixes(folder: string, ideas: readonly RankedFixIdea[], overrides?: Overrides): Promise<{ proposals: Proposal[]; notes: FileNote[] }> {
  const proposals: Proposal[] = [];
  const notes: FileNote[] = [];
  const seen = new Set<string>();
  for (const ranked of ideas) {
    const made = ranked.idea.kind === 'command' ? commandProposal(ranked) : await editProposal(folder, ranked, ranked.idea, overrides);
    if ('note' in made) {
      notes.push(made.note);
      continue;
    }
    if (seen.has(made.hash)) continue;
    seen.add(made.hash);
    proposals.push(made);
  }
  return { proposals, notes };
}

/** The unified diff of `before` -> `after` for `file`, as shown to reviewers and stored in review files. */
export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 })
    .split('\n')
    .filter((l) => !l.startsWith('====='))
    .join('\n');
}

async function editProposal(folder: string, ranked: RankedFixIdea, idea: FileFixIdea, overrides: Overrides | undefined): Promise<Proposal | { note: FileNote }> {
  const target = folderFile(folder, idea.file);
  if ('error' in target) return { note: { file: idea.file, message: `fix not proposed: ${target.error}` } };
  let before: string;
  try {
    before = overrides?.get(idea.file) ?? (await readFile(target.path, 'utf8'));
  } catch (err) {
    return { note: { file: idea.file, message: `fix not proposed: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})` } };
  }
  const edited = applyEdits(before, idea.edits);
  if (!edited.ok) return { note: { file: idea.file, message: `fix not proposed: ${edited.reason}` } };
  if (edited.text === before) return { note: { file: idea.file, message: 'fix not proposed: the edit changes nothing' } };
  const baseHash = sha256(before);
  const hash = editHash(idea.file, baseHash, edited.text);
  return {
    id: shortId(hash),
    hash,
    kind: 'edit',
    file: idea.file,
    diff: unifiedDiff(idea.file, before, edited.text),
    why: idea.why,
    status: 'proposed',
    baseHash,
    fault: ranked.fault,
    component: ranked.component,
    confidence: ranked.confidence,
    evidence: evidenceFor(ranked, idea.file),
    newContent: edited.text,
  };
}

function commandProposal(ranked: RankedFixIdea): Proposal {
  const idea = ranked.idea;
  if (idea.kind !== 'command') throw new Error('not a command idea');
  const hash = commandHash(idea.argv);
  return {
    id: shortId(hash),
    hash,
    kind: 'command',
    file: '',
    argv: [...idea.argv],
    diff: `$ ${shellLine(idea.argv)}`,
    why: idea.why,
    status: 'proposed',
    fault: ranked.fault,
    component: ranked.component,
    confidence: ranked.confidence,
    evidence: evidenceFor(ranked),
  };
}

/** The hypothesis's evidence, the lines of the edited file first. */
function evidenceFor(ranked: RankedFixIdea, file?: string): FixProposal['evidence'] {
  const inFile = ranked.evidence.filter((e) => e.file === file);
  return [...inFile, ...ranked.evidence.filter((e) => e.file !== file)].slice(0, 6);
}
