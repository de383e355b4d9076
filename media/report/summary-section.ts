/**
 * The report's head: the summary line (what is wrong, where, how sure), what was read and which model
 * ranked it, the timeline chart, and the team guidance that applied to this diagnosis.
 */
import type { AppliedGuidance, Diagnosis } from '../../server/protocol';
import { el, pct, section } from './dom';

/** "port_misconfig in cart, 97% sure", or "No fault found (90% sure)". */
export function summaryLine(d: Diagnosis): string {
  const top = d.hypotheses[0]!;
  return d.detected ? `${top.fault} in ${top.component}, ${pct(top.confidence)} sure` : `No fault found (${pct(top.confidence)} sure)`;
}

/** Appends the summary line and the inputs line to `root`. */
export function renderSummary(root: HTMLElement, d: Diagnosis): void {
  const summary = el('h1', `summary ${d.detected ? 'fault' : 'healthy'}`, summaryLine(d));
  root.append(summary);
  const top = d.hypotheses[0]!;
  if (d.detected) root.append(el('p', 'summary-detail', `${top.rca.system_level} / ${top.rca.fault_type}: ${top.explanation}`));
  const model = d.model.name === 'none' ? 'expert rules' : `${d.model.name} ${d.model.version} on ${d.model.executionProvider}`;
  root.append(el('p', 'inputs', `${d.inputs.filesRead} files read (${d.inputs.configFiles} configs, ${d.inputs.logFiles} logs, ${d.inputs.logLines} log lines) in ${d.timings.totalMs} ms · ranked by ${model}`));
}

function guidanceItem(g: AppliedGuidance): HTMLElement {
  const li = el('li', 'guidance-entry');
  li.append(el('p', 'text', g.text), el('p', 'note', `${g.source} · changed: ${g.effect}`));
  return li;
}

/** Appends the "Team guidance" section to `root` when guidance applied. */
export function renderGuidance(root: HTMLElement, guidance: readonly AppliedGuidance[] | undefined): void {
  if (!guidance || guidance.length === 0) return;
  const s = section(root, 'Team guidance', 'guidance');
  const list = el('ul', 'guidance-list');
  for (const g of guidance) list.append(guidanceItem(g));
  s.append(list);
}

/** Appends the notes on skipped or partly read files to `root`. */
export function renderNotes(root: HTMLElement, d: Diagnosis): void {
  if (d.notes.length === 0) return;
  const s = section(root, 'Files skipped or partly read', 'notes');
  const list = el('ul');
  for (const n of d.notes) list.append(el('li', undefined, `${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}`));
  s.append(list);
}
