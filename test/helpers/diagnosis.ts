/**
 * Shared helpers of the analyzer tests: diagnose a folder written from `files` and read its top hypothesis,
 * its cause evidence, and healthy log lines to mix symptoms into.
 */
import { diagnose } from '../../server/diagnose';
import type { Diagnosis } from '../../server/protocol';
import { makeTree } from './tree';

/** Diagnoses `files` as a folder: the diagnosis, its top hypothesis, and a one-line ranking for messages. */
export const run = async (files: Record<string, string>) => {
  const d = await diagnose(makeTree(files));
  return { d, h: d.hypotheses[0]!, ranking: d.hypotheses.map((x) => `${x.fault}/${x.component}@${x.confidence}`).join(', ') };
};

/** The cause evidence of the top hypothesis. */
export const causeOf = (d: Diagnosis) => d.hypotheses[0]!.evidence.find((e) => e.role === 'cause');

/** "file:line" of an evidence item, or "none". */
export const at = (e: { file: string; line: number } | undefined) => (e ? `${e.file}:${e.line}` : 'none');

/** `n` healthy request lines of `svc`, one a second from minute 09:00 + `from` seconds. */
export const healthy = (svc: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `2026-03-10T09:${String(Math.floor((from + i) / 60) % 60).padStart(2, '0')}:${String((from + i) % 60).padStart(2, '0')}.120Z INFO ${svc} GET /api/v1/items/${i % 17} 200 ${12 + (i % 9)}ms`).join('\n');

/** The lines a fix's diff adds (without the `+`), for the fixes of the diagnosis that change `file`. */
export const addedLines = (d: Diagnosis, file: string): string[] =>
  d.fixes.filter((f) => f.file === file).flatMap((f) => f.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1)));

/** The lines a fix's diff removes (without the `-`), for the fixes of the diagnosis that change `file`. */
export const removedLines = (d: Diagnosis, file: string): string[] =>
  d.fixes.filter((f) => f.file === file).flatMap((f) => f.diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).map((l) => l.slice(1)));
