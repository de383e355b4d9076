/**
 * Team guidance drawn from one wrong diagnosis: the signature of the state it was made in (the episode's most
 * telling log templates and its evidence notes, masked, plus the wrong fault), what was right instead (its
 * fault, and its component told by relation to the wrong one: the same component, the caller that logged the
 * symptom, the target it called, else by name), a sentence for a person, and the provenance. Entries of
 * different episodes with the same signature merge, counting their support.
 */
import { isCorrect, type Episode } from '../exports/episodes';
import type { WrongAttempt } from './failed-attempts';
import { GUIDANCE_VERSION, guidanceId, type ComponentRelation, type GuidanceConclusion, type GuidanceEntry } from './guidance-entry';
import { maskText, mentions, nameSet, tellingTemplates } from './symptom-signature';

/** Templates and notes a signature keeps. */
const TEMPLATES = 3;
const NOTES = 4;

/** The guidance of attempt `a` of `e`, or undefined when there is none to give (no right answer, `none` on either side, nothing to match on). */
export function episodeGuidance(e: Episode, a: WrongAttempt): GuidanceEntry | undefined {
  const right = e.correct;
  if (!right || right.fault === 'none' || a.answer.fault === 'none') return undefined;
  if (isCorrect(e, a.answer)) return undefined;
  const templates = e.observation.templates ?? [];
  const names = nameSet([a.answer.component, right.component, ...e.components, ...e.hypotheses.map((h) => h.component), ...templates.map((t) => t.owner ?? '')]);
  const telling = tellingTemplates(templates, TEMPLATES);
  const notes = [...new Set(e.observation.evidence.map((ev) => ev.note).filter((n): n is string => !!n))];
  const signature = {
    fault: a.answer.fault,
    templates: unique(telling.map((t) => maskText(t.template, names))),
    notes: unique(notes.map((n) => maskText(n, names))).slice(0, NOTES),
  };
  if (signature.templates.length === 0 && signature.notes.length === 0) return undefined;
  const relation = relationOf(a.answer.component, right.component, templates);
  const conclusion: GuidanceConclusion = { fault: right.fault, relation, ...(relation === 'named' ? { component: right.component } : {}) };
  const shown = telling[0]?.template;
  const when = shown ? `the logs show "${shown}"${notes[0] ? ` (${notes[0]})` : ''}` : `the evidence says "${notes[0]}"`;
  return {
    version: GUIDANCE_VERSION,
    id: guidanceId(signature),
    signature,
    conclusion,
    text: `When ${when}, it was ${roles(conclusion, a.answer.fault, a.answer.component)} — ${why(a)}`,
    support: 1,
    dissent: 0,
    provenance: [{ sessions: e.sessions, session: a.session, seq: a.seq, by: a.by, reason: a.reason, incident: e.digest }],
  };
}

/**
 * Entries merged by id: the conclusion most episodes reached wins (ties: the earliest), `support` counts its
 * episodes and `dissent` the others. Sorted by id; provenance oldest first.
 */
export function mergeGuidance(entries: readonly GuidanceEntry[]): GuidanceEntry[] {
  const byId = new Map<string, GuidanceEntry[]>();
  for (const g of entries) byId.set(g.id, [...(byId.get(g.id) ?? []), g]);
  const out: GuidanceEntry[] = [];
  for (const [id, group] of [...byId].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const sorted = [...group].sort((a, b) => order(a.provenance[0]!, b.provenance[0]!));
    const byConclusion = new Map<string, GuidanceEntry[]>();
    for (const g of sorted) {
      const key = JSON.stringify(g.conclusion);
      byConclusion.set(key, [...(byConclusion.get(key) ?? []), g]);
    }
    const episodes = (gs: GuidanceEntry[]): number => new Set(gs.flatMap((g) => g.provenance.map((p) => p.incident))).size;
    // Map order is first-seen order, so among equals the earliest conclusion wins.
    const winner = [...byConclusion.values()].reduce((best, gs) => (episodes(gs) > episodes(best) ? gs : best));
    const provenance = winner.flatMap((g) => g.provenance).sort(order);
    const support = episodes(winner);
    out.push({ ...winner[0]!, id, support, dissent: episodes(sorted) - support, provenance });
  }
  return out;
}

/** How the right component relates to the wrong one, read off the templates' owners and words. */
function relationOf(wrong: string, right: string, templates: readonly { template: string; owner?: string }[]): ComponentRelation {
  if (wrong === right) return 'same';
  if (templates.some((t) => t.owner === right && mentions(t.template, wrong))) return 'caller';
  if (templates.some((t) => t.owner === wrong && mentions(t.template, right))) return 'target';
  return 'named';
}

/** "port_misconfig of the caller, not service_down of the target". */
function roles(c: GuidanceConclusion, wrongFault: string, wrongComponent: string): string {
  if (c.relation === 'same') return `${c.fault} of the same component, not ${wrongFault}`;
  if (c.relation === 'caller') return `${c.fault} of the caller, not ${wrongFault} of the target`;
  if (c.relation === 'target') return `${c.fault} of the target, not ${wrongFault} of the caller`;
  return `${c.fault} of ${c.component}, not ${wrongFault} of ${wrongComponent}`;
}

/** "rejected by alice: 'redis was up'". */
function why(a: WrongAttempt): string {
  const said = a.reason ? `: '${a.reason}'` : '';
  if (a.failure === 'rejected') return `rejected by ${a.by}${said}`;
  if (a.failure === 'fix-rejected') return `its fix was rejected by ${a.by}${said}`;
  if (a.failure === 'not-cleared') return `its fix ${a.reason.replace(/^applied, /, 'was applied and ')}`;
  return a.by === 'truth' ? `${a.reason}` : `corrected by ${a.by}${said}`;
}

function order(a: { session: string; seq: number }, b: { session: string; seq: number }): number {
  return a.session < b.session ? -1 : a.session > b.session ? 1 : a.seq - b.seq;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
