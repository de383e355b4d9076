/**
 * Evidence items: what the model reads of an incident state, one short text per item, with the component
 * the item is about (for localization). Built from the mined log templates, the analyzers' findings and the
 * answered probes; the training pipeline reads the same items (scripts/model-data.ts writes them), so the
 * text layout here is part of the model's contract (a change needs a retrained model).
 */
import type { Finding } from '../analyzers/finding';
import type { OwnedTemplate } from '../ingest/log-evidence';
import type { ProbeOutcome } from '../agents/probes/outcome';
import type { Evidence } from '../protocol';

/** One item the model scores. */
export interface EvidenceItem {
  kind: 'template' | 'finding' | 'probe';
  /** The tokenizer's input (tokenizer.ts). */
  text: string;
  /** The component the item is about; empty when unknown (it then takes no part in localization). */
  component: string;
  /** The file line it stands for, when it has one (shown with a hypothesis the model adds). */
  evidence?: Evidence;
}

/** An incident state: what the observer ranked on. */
export interface EvidenceState {
  templates: readonly OwnedTemplate[];
  findings: readonly Finding[];
  /** Answered probes, each with the component its catalog entry is about and its catalog id. */
  probes: readonly { outcome: ProbeOutcome; subject: string; id: string }[];
}

/** Most template items: the most severe and frequent first. */
const MAX_TEMPLATES = 300;
/** Output lines of one probe that become items. */
const PROBE_LINES = 6;

/** The items of `state`: findings, then probe answers, then templates (the order the model's cap keeps). */
export function evidenceItems(state: EvidenceState): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const f of state.findings) {
    const quoted = f.evidence.slice(0, 2).map((e) => e.note ?? e.text).join(' | ');
    const text = `finding fault:${f.fault} s${Math.round(f.strength * 10)}${f.refutes ? ' refutes' : ''} | ${f.summary} | ${quoted}`;
    items.push({ kind: 'finding', component: f.component, text, ...(f.evidence[0] ? { evidence: f.evidence[0] } : {}) });
  }
  for (const p of state.probes) {
    const o = p.outcome;
    const head = `probe ${p.id} ${o.status.replace(' ', '_')} exit:${o.exitCode ?? 'none'}`;
    const lines = `${o.stdout}\n${o.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, PROBE_LINES);
    if (lines.length === 0) items.push({ kind: 'probe', component: p.subject, text: `${head} | ${o.reason}` });
    for (const l of lines) items.push({ kind: 'probe', component: p.subject, text: `${head} | ${l}` });
  }
  const templates = [...state.templates].sort((a, b) => b.severityNumber - a.severityNumber || b.count - a.count).slice(0, MAX_TEMPLATES);
  for (const t of templates) {
    const flags = `${t.newSince ? ' new' : ''}${t.burst ? ' burst' : ''}`;
    const text = `template ${severity(t.severityNumber)} c${Math.floor(Math.log2(t.count + 1))}${flags} | ${t.described ?? t.template}`;
    items.push({ kind: 'template', component: t.owner ?? '', text, ...(t.examples[0] ? { evidence: { ...t.examples[0], count: t.count, role: 'symptom' as const } } : {}) });
  }
  return items;
}

/** OpenTelemetry severity number as a word. */
function severity(n: number): string {
  if (n >= 21) return 'fatal';
  if (n >= 17) return 'error';
  if (n >= 13) return 'warn';
  if (n >= 9) return 'info';
  if (n >= 1) return 'debug';
  return 'unknown';
}
