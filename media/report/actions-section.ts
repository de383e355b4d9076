/**
 * The report's probes (what ran and what each answer changed; proposed ones with a Run button) and fixes
 * (review state, verdict, verification, the diff as text, and buttons that run the Fixes view's commands).
 * Buttons show only in a trusted workspace; the extension re-checks trust and asks the same confirmations.
 */
import type { FixProposal, ProbeSuggestion, ReportFixAction } from '../../server/protocol';
// The module itself, not the protocol's index: the index pulls in the LSP library, which the page does not need.
import { shellLine } from '../../server/protocol/shell-line';
import { request } from './channel';
import { button, el, pct, section } from './dom';

/** The Fixes view's actions offered for a fix in each state (as its context menus offer them). */
function fixActions(fix: FixProposal): { action: ReportFixAction; label: string }[] {
  const s = fix.status;
  const out: { action: ReportFixAction; label: string }[] = [];
  if (fix.kind === 'edit') out.push({ action: 'review', label: 'Review' });
  if (s === 'proposed' || s === 'rejected') out.push({ action: 'approve', label: 'Approve' });
  if (s === 'proposed' || s === 'approved') out.push({ action: 'reject', label: 'Reject' });
  if (s === 'approved') out.push({ action: 'apply', label: 'Apply' });
  if (s === 'proposed') out.push({ action: 'save', label: 'Save for Review' });
  if ((s === 'applied' || s === 'verified') && fix.kind === 'edit') out.push({ action: 'undo', label: 'Undo' });
  return out;
}

function probeItem(p: ProbeSuggestion, trusted: boolean): HTMLElement {
  const li = el('li', `probe status-${p.status.replace(/\s+/g, '-')}`);
  li.append(el('code', 'command', `$ ${shellLine(p.argv)}`), el('span', 'badge', p.status));
  if (p.exitCode !== undefined) li.append(el('span', 'note', ` exit ${p.exitCode}`));
  li.append(el('p', 'why', p.why));
  if (p.status === 'proposed') {
    if (trusted) li.append(button('Run', `Run ${shellLine(p.argv)} (read-only, after a confirmation)`, () => request('runProbe', { argv: p.argv })));
  } else if (p.status === 'refused') {
    li.append(el('p', 'effect', `Refused: ${p.output ?? 'by the read-only policy'}`));
  } else {
    li.append(el('p', 'effect', p.effect ? `Changed: ${p.effect}` : 'No hypothesis moved.'));
  }
  return li;
}

function fixItem(f: FixProposal, trusted: boolean): HTMLElement {
  const li = el('li', `fix status-${f.status}`);
  const head = el('div', 'fix-head');
  head.append(el('code', 'target', f.kind === 'command' ? `$ ${shellLine(f.argv ?? [])}` : f.file), el('span', 'badge', f.status), el('span', 'note', ` ${f.fault} in ${f.component} (${pct(f.confidence)})`));
  li.append(head, el('p', 'why', f.why));
  if (f.review) li.append(el('p', 'review', `${f.review.verdict} by ${f.review.by} at ${f.review.at}${f.review.comment ? `: ${f.review.comment}` : ''}`));
  if (f.verification) li.append(el('p', 'verification', `Verification: ${f.verification.cleared ? 'cleared' : 'not cleared'} (${f.verification.detail})`));
  const diff = el('details', 'diff');
  diff.append(el('summary', undefined, 'Show the change'), el('pre', undefined, f.diff));
  li.append(diff);
  if (trusted) {
    const bar = el('div', 'actions');
    for (const a of fixActions(f)) bar.append(button(a.label, `${a.label} fix ${f.id} (as in the Fixes view)`, () => request('fixAction', { id: f.id, action: a.action })));
    li.append(bar);
  }
  return li;
}

/** Appends the Probes section (run ones first) to `root`. */
export function renderProbes(root: HTMLElement, probes: readonly ProbeSuggestion[], trusted: boolean): void {
  if (probes.length === 0) return;
  const s = section(root, 'Probes', 'probes');
  const order = (p: ProbeSuggestion): number => (p.status === 'proposed' ? 1 : p.status === 'refused' ? 2 : 0);
  const list = el('ul', 'probe-list');
  for (const p of [...probes].sort((a, b) => order(a) - order(b))) list.append(probeItem(p, trusted));
  s.append(list);
  if (!trusted) s.append(el('p', 'note', 'Probes run only in a trusted workspace.'));
}

/** Appends the Fixes section to `root`. */
export function renderFixes(root: HTMLElement, fixes: readonly FixProposal[], trusted: boolean): void {
  if (fixes.length === 0) return;
  const s = section(root, 'Fixes', 'fixes');
  const list = el('ul', 'fix-list');
  for (const f of fixes) list.append(fixItem(f, trusted));
  s.append(list);
  if (!trusted) s.append(el('p', 'note', 'Fixes are reviewed and applied only in a trusted workspace.'));
}
