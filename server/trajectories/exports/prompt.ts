/**
 * The conversation a model is trained on, built from an episode: a system message that states the task and
 * the labels, a user message with what the observer saw (log templates and the evidence lines behind the
 * first hypotheses, never raw logs), the tools of the agent (read-only probes, fix proposals, the diagnosis),
 * and the assistant's answers in the shapes the exports need. Messages and tools follow the chat format TRL
 * and OpenAI fine-tuning read (`role`, `content`, `tool_calls` with JSON `arguments`).
 */
import { FAULT_LABELS, RCA_BY_FAULT } from '../../protocol';
import type { Answer, Episode, RecordedFix } from './episodes';

/** One chat message. `content` is always a string, so every row has the same column types. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

const SYSTEM = [
  'You are the Observer of AOI, an incident diagnosis agent. You read evidence (log templates with counts, config lines, probe outputs) and find the root cause.',
  'You never run anything yourself: you may ask for read-only probes (run_probe), propose a fix for a reviewer to approve (propose_fix), and must end with submit_diagnosis.',
  `Fault labels: ${FAULT_LABELS.join(', ')}. The component is the service or resource whose state or configuration must change.`,
].join('\n');

/** The function tools of the agent, as OpenAI/TRL `tools` entries. */
export const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'run_probe',
      description: 'Run one read-only diagnostic command (argv, no shell); the read-only policy refuses anything that writes.',
      parameters: { type: 'object', properties: { argv: { type: 'array', items: { type: 'string' } } }, required: ['argv'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'propose_fix',
      description: 'Propose a fix as a unified diff to one file, or a mutating command; a reviewer must approve it before it is applied.',
      parameters: { type: 'object', properties: { file: { type: 'string' }, diff: { type: 'string' }, argv: { type: 'array', items: { type: 'string' } }, why: { type: 'string' } }, required: ['why'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'submit_diagnosis',
      description: 'Submit the root cause.',
      parameters: { type: 'object', properties: { fault: { type: 'string', enum: [...FAULT_LABELS] }, component: { type: 'string' }, system_level: { type: 'string' }, fault_type: { type: 'string' } }, required: ['fault', 'component'] },
    },
  },
] as const;

/** The system and user messages of an episode's first state. */
export function promptOf(e: Episode): ChatMessage[] {
  const lines: string[] = [`Incident: ${e.incident}`, ''];
  const templates = e.observation.templates ?? [];
  if (templates.length > 0) {
    lines.push('Log templates (count, component):');
    for (const t of templates.slice(0, 30)) lines.push(`- [${t.count}x${t.owner ? ` ${t.owner}` : ''}] ${t.template}`);
    lines.push('');
  }
  lines.push('Evidence:');
  for (const ev of e.observation.evidence.slice(0, 40)) lines.push(`- ${ev.file}:${ev.line}${ev.role ? ` (${ev.role})` : ''}: ${ev.text}${ev.note ? ` -- ${ev.note}` : ''}`);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: lines.join('\n') },
  ];
}

/** The assistant's final message: the diagnosis as a submit_diagnosis call. */
export function submitMessage(a: Answer, id: string): ChatMessage {
  const rca = RCA_BY_FAULT[a.fault];
  return { role: 'assistant', content: '', tool_calls: [{ id, type: 'function', function: { name: 'submit_diagnosis', arguments: JSON.stringify({ fault: a.fault, component: a.component, system_level: rca.system_level, fault_type: rca.fault_type }) } }] };
}

/** The assistant proposing a fix. */
export function fixMessage(f: RecordedFix, id: string): ChatMessage {
  const args = f.kind === 'command' ? { argv: f.argv ?? [], why: f.why } : { file: f.file, diff: f.diff, why: f.why };
  return { role: 'assistant', content: '', tool_calls: [{ id, type: 'function', function: { name: 'propose_fix', arguments: JSON.stringify(args) } }] };
}

/** The assistant asking for a probe, and the tool's answer. */
export function probeMessages(p: Episode['probes'][number], id: string): ChatMessage[] {
  return [
    { role: 'assistant', content: '', tool_calls: [{ id, type: 'function', function: { name: 'run_probe', arguments: JSON.stringify({ argv: p.argv }) } }] },
    { role: 'tool', tool_call_id: id, content: `[${p.status}]${p.output ? `\n${p.output}` : ''}` },
  ];
}
