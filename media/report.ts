/**
 * The incident report webview: a summary line, the ranked hypotheses with confidence bars, their
 * explanations and evidence (clicking evidence opens the file at the line). Every string from the
 * incident is untrusted and set as text, never as HTML.
 */
import type { DiagnoseResult, Evidence, Hypothesis, ReportPush, ReportReply, ReportRequest, ReportRequests, ReportState } from '../server/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): ReportState | undefined;
  setState(state: ReportState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

function request<K extends keyof ReportRequests>(method: K, params: ReportRequests[K][0]): Promise<ReportRequests[K][1]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    vscode.postMessage({ id, method, params } as ReportRequest);
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function evidenceItem(e: Evidence): HTMLElement {
  const li = el('li', `evidence role-${e.role ?? 'context'}`);
  const link = el('a', 'location', `${e.file}:${e.line}`);
  link.href = '#';
  link.title = `Open ${e.file} at line ${e.line}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    request('openEvidence', { file: e.file, line: e.line, ...(e.column ? { column: e.column } : {}) }).catch((err: Error) => {
      link.title = err.message;
    });
  });
  li.append(link);
  if (e.note) li.append(el('span', 'note', ` ${e.note}`));
  li.append(el('code', 'text', e.text));
  return li;
}

function hypothesisCard(h: Hypothesis, rank: number): HTMLElement {
  const card = el('section', `hypothesis${rank === 0 ? ' top' : ''}`);
  const header = el('h3');
  header.append(el('span', 'fault', h.fault), el('span', 'component', h.component ? ` — ${h.component}` : ''));
  const bar = el('div', 'bar');
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(Math.round(h.confidence * 100)));
  bar.setAttribute('aria-label', `confidence ${pct(h.confidence)}`);
  const fill = el('div', 'fill');
  fill.style.width = pct(h.confidence);
  bar.append(fill);
  card.append(header, el('div', 'confidence', pct(h.confidence)), bar, el('p', 'explanation', h.explanation));
  if (h.fault !== 'none') card.append(el('p', 'rca', `${h.rca.system_level} / ${h.rca.fault_type}`));
  if (h.evidence.length > 0) {
    const list = el('ul', 'evidence-list');
    for (const e of h.evidence) list.append(evidenceItem(e));
    card.append(list);
  }
  return card;
}

function render(result: DiagnoseResult): void {
  const d = result.diagnosis;
  const root = document.getElementById('report')!;
  root.replaceChildren();
  const top = d.hypotheses[0]!;
  const summary = el('h2', `summary ${d.detected ? 'fault' : 'healthy'}`);
  summary.textContent = d.detected ? `${top.fault} in ${top.component}, ${pct(top.confidence)} sure` : `No fault found (${pct(top.confidence)} sure)`;
  root.append(summary);
  root.append(el('p', 'inputs', `${d.inputs.filesRead} files read (${d.inputs.configFiles} configs, ${d.inputs.logFiles} logs, ${d.inputs.logLines} log lines) in ${d.timings.totalMs} ms`));
  root.append(el('h2', undefined, 'Hypotheses'));
  d.hypotheses.forEach((h, i) => root.append(hypothesisCard(h, i)));
  if (d.probes.length > 0) {
    root.append(el('h2', undefined, 'Suggested probes (read-only)'));
    const list = el('ul', 'probes');
    for (const p of d.probes) {
      const li = el('li');
      li.append(el('code', undefined, p.argv.join(' ')), el('span', 'note', ` ${p.why}`));
      list.append(li);
    }
    root.append(list);
  }
  if (d.notes.length > 0) {
    root.append(el('h2', undefined, 'Files skipped or partly read'));
    const list = el('ul', 'notes');
    for (const n of d.notes) list.append(el('li', undefined, `${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}`));
    root.append(list);
  }
}

window.addEventListener('message', (event: MessageEvent<ReportPush | ReportReply>) => {
  const msg = event.data;
  if ('type' in msg && msg.type === 'show') {
    vscode.setState({ result: msg.result });
    render(msg.result);
  } else if ('id' in msg) {
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (!waiter) return;
    if (msg.status === 'success') waiter.resolve(msg.content);
    else waiter.reject(new Error(msg.error));
  }
});

const saved = vscode.getState();
if (saved) render(saved.result);
