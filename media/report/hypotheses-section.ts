/**
 * The report's ranked hypotheses: each with a confidence bar, its explanation, its AIOpsLab root-cause
 * fields and its evidence; clicking (or Enter on) an evidence location opens the file at the line.
 */
import type { Evidence, Hypothesis } from '../../server/protocol';
import { el, pct, section } from './dom';
import { evidenceLink } from './evidence-link';

function evidenceItem(e: Evidence): HTMLElement {
  const li = el('li', `evidence role-${e.role ?? 'context'}`);
  // Evidence from a probe run names the command, not a file: nothing to open.
  li.append(e.file.startsWith('probe: ') ? el('span', 'location', e.file) : evidenceLink(e));
  if (e.role) li.append(el('span', 'role', ` ${e.role}`));
  if (e.note) li.append(el('span', 'note', ` ${e.note}`));
  li.append(el('code', 'text', e.text));
  return li;
}

/** A bar of `confidence` (0..1) that assistive technology reads as a meter. */
export function confidenceBar(confidence: number): HTMLElement {
  const bar = el('div', 'bar');
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(Math.round(confidence * 100)));
  bar.setAttribute('aria-label', `confidence ${pct(confidence)}`);
  const fill = el('div', 'fill');
  fill.style.width = pct(confidence);
  bar.append(fill);
  return bar;
}

function hypothesisCard(h: Hypothesis, rank: number): HTMLElement {
  const card = el('article', `hypothesis${rank === 0 ? ' top' : ''}`);
  const header = el('h3');
  header.append(el('span', 'rank', `${rank + 1}. `), el('span', 'fault', h.fault), el('span', 'component', h.component ? ` — ${h.component}` : ''), el('span', 'confidence', ` ${pct(h.confidence)}`));
  card.append(header, confidenceBar(h.confidence), el('p', 'explanation', h.explanation));
  if (h.fault !== 'none') card.append(el('p', 'rca', `${h.rca.system_level} / ${h.rca.fault_type}`));
  if (h.evidence.length > 0) {
    const list = el('ul', 'evidence-list');
    list.setAttribute('aria-label', `evidence for ${h.fault}`);
    for (const e of h.evidence) list.append(evidenceItem(e));
    card.append(list);
  }
  return card;
}

/** Appends the Hypotheses section to `root`. */
export function renderHypotheses(root: HTMLElement, hypotheses: readonly Hypothesis[]): void {
  const s = section(root, 'Hypotheses', 'hypotheses');
  hypotheses.forEach((h, i) => s.append(hypothesisCard(h, i)));
}
