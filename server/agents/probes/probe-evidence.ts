/**
 * A probe's output as new evidence: the command line and its output are read like a saved command output
 * (kubectl tables, describe, systemctl status, df, ss ...) and, line by line, like a log (refused
 * connections, errors, timeouts). Evidence from it points at the recording file the output came from, with
 * a note naming the probe, since the output's own lines are not lines of any file in the folder.
 */
import type { Evidence } from '../../protocol';
import { SourceText } from '../../ingest/config/source-text';
import { readCommandOutput } from '../../ingest/runtime/read-command-output';
import { emptyRuntimeState, type RuntimeState } from '../../ingest/runtime/state';
import { LogEvidenceCollector, type OwnedTemplate } from '../../ingest/log-evidence';
import { LogSignalCollector, type LogSignals } from '../../analyzers/log-signals';
import type { ProbeOutcome } from './outcome';

/** What the outputs of the probes run so far add to the incident. */
export interface ProbeEvidence {
  runtime: RuntimeState;
  templates: OwnedTemplate[];
  signals: LogSignals;
}

/** The evidence of `outcomes` (replayed or run ones; others add nothing). */
export function probeEvidence(outcomes: ProbeOutcome[]): ProbeEvidence {
  const runtime = emptyRuntimeState();
  const logs = new LogEvidenceCollector();
  const signals = new LogSignalCollector();
  for (const o of outcomes) {
    if (o.status !== 'replayed' && o.status !== 'ran') continue;
    const file = o.recording?.file ?? `probe: ${o.argv.join(' ')}`;
    const command = `$ ${o.argv.join(' ')}`;
    const output = `${o.stdout}${o.stdout.endsWith('\n') || o.stdout === '' ? '' : '\n'}${o.stderr}`;
    const src = new SourceText(file, `${command}\n${output}`);
    const { state } = readCommandOutput(src);
    const at = (e: Evidence): Evidence => ({ ...e, line: 1, note: `${e.note ? `${e.note}; ` : ''}from probe ${command.slice(2)}` });
    for (const key of Object.keys(runtime) as (keyof RuntimeState)[]) {
      for (const item of state[key] as { evidence: Evidence }[]) (runtime[key] as unknown[]).push({ ...item, evidence: at(item.evidence) });
    }
    for (const text of src.lines.slice(1)) {
      if (text.trim() === '') continue;
      logs.observe(file, undefined, { line: 1, lineCount: 1, body: text.trim(), format: 'plain' });
      signals.observe(file, undefined, text, 1);
    }
  }
  const finished = logs.finish();
  return { runtime, templates: finished.templates.map((t) => ({ ...t, examples: t.examples.map((e) => ({ ...e, note: `probe output: ${e.text}` })) })), signals: signals.result() };
}
