/**
 * Symptom signatures, the part of team guidance that must match across incidents: log templates and evidence
 * notes with what differs from one incident to the next masked out. Component names become `<component>`,
 * words with digits (ports, counts, times, addresses, pod hashes) become `<*>`, and two texts compare as sets
 * of their remaining words (Jaccard similarity), so "api cache lookup failed: connect ECONNREFUSED redis:6380"
 * and "worker session read failed: connect ECONNREFUSED kv:7001" are close and a disk error is not. Pure: the
 * Evolver builds signatures with it, the observer matches them.
 */

/** What a masked component name reads as. */
const COMPONENT = '<component>';

/** A log template with its count, as the trajectory records it. */
export interface CountedTemplate {
  template: string;
  count: number;
}

/** Templates that say something failed, in the words the symptom catalog uses. */
const TELLING = /error|fail|refused|timed? ?out|denied|unable|cannot|could not|exception|panic|fatal|killed|crash|reset|unreachable|not found|invalid|warn|unavailable|expired|rejected|exceeded|no space|oom|unknown/i;
const WORD = /[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?/g;
/** Words too common to tell two messages apart. */
const STOPWORDS = new Set(['the', 'an', 'to', 'on', 'of', 'in', 'at', 'for', 'from', 'by', 'is', 'was', 'and', 'or', 'with', 'times', 'once']);

/** `text` with each word that is one of `names` (any case) written `<component>` and each word with a digit `<*>`. */
export function maskText(text: string, names: ReadonlySet<string>): string {
  return text.replace(WORD, (w) => (names.has(w.toLowerCase()) ? COMPONENT : /\d/.test(w) ? '<*>' : w));
}

/** The lower-case names of `components`, empty ones left out: what `maskText` takes. */
export function nameSet(components: Iterable<string>): Set<string> {
  return new Set([...components].filter((c) => c !== '').map((c) => c.toLowerCase()));
}

/** The words of a masked text, lower-case, without variables, stop words and one-letter words. */
export function tokenSet(masked: string): Set<string> {
  const words = masked.toLowerCase().replace(/<\*>/g, ' ').split(/[^a-z0-9_<>-]+/);
  return new Set(words.filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !/\d/.test(w) && (w === COMPONENT || !/[<>]/.test(w))));
}

/** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Whether a template reports a failure (an error, a refusal, a timeout, a warning ...). */
function isTelling(template: string): boolean {
  return TELLING.test(template);
}

/**
 * The `max` most telling templates: those reporting a failure, most frequent first (ties keep their order);
 * when none does, the first `max` as given (the recorder lists the most severe first).
 */
export function tellingTemplates<T extends CountedTemplate>(templates: readonly T[], max: number): T[] {
  const failing = templates
    .map((t, i) => ({ t, i }))
    .filter((x) => isTelling(x.t.template))
    .sort((a, b) => b.t.count - a.t.count || a.i - b.i)
    .map((x) => x.t);
  return (failing.length > 0 ? failing : [...templates]).slice(0, max);
}

/** Whether the word `name` occurs in `text` (any case), as a whole word. */
export function mentions(text: string, name: string): boolean {
  if (name === '') return false;
  const lower = name.toLowerCase();
  return (text.match(WORD) ?? []).some((w) => w.toLowerCase() === lower);
}

/** The words of `text` that are one of `names`, in order, each once (lower-case). */
export function namesIn(text: string, names: ReadonlySet<string>): string[] {
  return [...new Set((text.match(WORD) ?? []).map((w) => w.toLowerCase()).filter((w) => names.has(w)))];
}
