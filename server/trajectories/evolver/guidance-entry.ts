/**
 * Team guidance, as the Evolver writes it to `STORE/evolved/guidance.jsonl` (one entry a line) and the observer
 * reads it back: a symptom signature (what the incident looked like when the agent went wrong), the conclusion
 * people reached instead, a sentence for a person, and where it came from. Component names differ across
 * incidents, so the conclusion names its component by its relation to the wrong hypothesis' component
 * whenever it can.
 */
import { createHash } from 'node:crypto';
import { FAULT_LABELS, type FaultLabel } from '../../protocol';

/** Version of the guidance format. */
export const GUIDANCE_VERSION = 1;

/** What an incident looked like when the agent concluded wrongly. Equal signatures give equal ids. */
export interface SymptomSignature {
  /** The fault the agent concluded and people (or the truth) ruled out. */
  fault: FaultLabel;
  /** The most telling log templates (failures, most frequent first), names masked `<component>`, numbers `<*>`. */
  templates: string[];
  /** The evidence notes of the first ranking's hypotheses, masked the same way. */
  notes: string[];
}

/**
 * Where the concluded component is, relative to the wrong hypothesis' component: the `same` one, the `caller`
 * that logged the symptom about it, the `target` it was calling, or a component `named` explicitly.
 */
export type ComponentRelation = 'same' | 'caller' | 'target' | 'named';

/** What to conclude instead. */
export interface GuidanceConclusion {
  fault: FaultLabel;
  relation: ComponentRelation;
  /** The component's name, for `named`. */
  component?: string;
}

/** One episode an entry was mined from. */
export interface GuidanceProvenance {
  /** The episode's sessions, oldest first. */
  sessions: string[];
  /** The session and step where the attempt went wrong. */
  session: string;
  seq: number;
  /** Who said it was wrong: a reviewer's name, `truth` for a labelled incident, `verification` for a fix that did not clear. */
  by: string;
  reason: string;
  /** The incident's digest. */
  incident: string;
}

/** One piece of team guidance. */
export interface GuidanceEntry {
  version: typeof GUIDANCE_VERSION;
  /** The first 16 hex digits of the sha256 of the signature. */
  id: string;
  signature: SymptomSignature;
  conclusion: GuidanceConclusion;
  /** For a person: "When the logs show ..., it was X of the caller, not Y of the target — rejected by alice: '...'". */
  text: string;
  /** Episodes that reached this conclusion. */
  support: number;
  /** Episodes with the same signature that concluded something else. */
  dissent: number;
  /** The supporting episodes, oldest first. */
  provenance: GuidanceProvenance[];
}

/** The stable id of a signature: templates and notes count as sets. */
export function guidanceId(signature: SymptomSignature): string {
  const canonical = JSON.stringify([signature.fault, [...signature.templates].sort(), [...signature.notes].sort()]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Why `value` is not a guidance entry, or undefined when it is one. */
export function guidanceProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'expected an object';
  if (value['version'] !== GUIDANCE_VERSION) return `version: expected ${GUIDANCE_VERSION}, got ${JSON.stringify(value['version'])}`;
  if (typeof value['id'] !== 'string' || !/^[0-9a-f]{16}$/.test(value['id'])) return `id: expected 16 hex digits, got ${JSON.stringify(value['id'])}`;
  const s = value['signature'];
  if (!isObject(s) || !isFault(s['fault']) || !isStrings(s['templates']) || !isStrings(s['notes'])) return 'signature: expected {fault: a taxonomy label, templates: string[], notes: string[]}';
  const c = value['conclusion'];
  if (!isObject(c) || !isFault(c['fault']) || !RELATIONS.has(c['relation'] as string)) return 'conclusion: expected {fault: a taxonomy label, relation: same|caller|target|named}';
  if (c['relation'] === 'named' && typeof c['component'] !== 'string') return 'conclusion.component: expected the component of a named conclusion';
  if (typeof value['text'] !== 'string') return 'text: expected a string';
  if (!isCount(value['support']) || value['support'] === 0 || !isCount(value['dissent'])) return 'support, dissent: expected whole numbers, support at least 1';
  if (!Array.isArray(value['provenance']) || !value['provenance'].every(isProvenance)) return 'provenance: expected [{sessions, session, seq, by, reason, incident}]';
  return undefined;
}

const RELATIONS = new Set<string>(['same', 'caller', 'target', 'named']);
const FAULTS = new Set<string>(FAULT_LABELS);

function isProvenance(p: unknown): boolean {
  return isObject(p) && isStrings(p['sessions']) && typeof p['session'] === 'string' && isCount(p['seq']) && typeof p['by'] === 'string' && typeof p['reason'] === 'string' && typeof p['incident'] === 'string';
}

function isFault(v: unknown): boolean {
  return typeof v === 'string' && FAULTS.has(v);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isCount(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
