/**
 * The shape of a secret kind and the small scanning helpers the kind families share. A kind names what it
 * finds (its `id` is the `KIND` of the `<secret:KIND>` placeholder) and finds it: `detect` returns the spans of
 * the secret values only, so the text around them (`password=`, `Bearer `, the PEM armour lines) keeps its
 * shape.
 *
 * Every regular expression here is written to stay linear on adversarial input: a token pattern starts behind
 * a look-behind that refuses the middle of a run of its own characters (so a run is tried once, not once per
 * character), and an unbounded quantifier is followed only by something its class cannot match.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the scanned text. */
export type Span = readonly [start: number, end: number];

/** One kind of secret the redactor knows. */
export interface SecretKind {
  /** Kebab-case name used in the placeholder `<secret:ID>`; unique among kinds. */
  readonly id: string;
  /** One sentence for a person: what the kind is and how it is recognised. */
  readonly description: string;
  /**
   * The spans of the secret values of this kind in `text`, in any order; spans may overlap. Detectors are
   * pure and allocate no state between calls (the assignment scanner's one-entry memo aside).
   */
  readonly detect: (text: string) => Span[];
}

/**
 * The spans of group `group` (0: the whole match) of every match of `re` in `text`. `re` must carry the `g`
 * and `d` flags. `accept`, when given, sees the group's value and the match and can refuse it.
 */
export function regexSpans(text: string, re: RegExp, group = 0, accept?: (value: string, match: RegExpExecArray) => boolean): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    const at = m.indices?.[group];
    const value = m[group];
    if (at === undefined || value === undefined || value.length === 0) continue;
    if (accept && !accept(value, m)) continue;
    out.push([at[0], at[1]]);
  }
  return out;
}

/** A kind whose values are the matches (or group `group` of the matches) of one regular expression. */
export function regexKind(id: string, description: string, re: RegExp, group = 0, accept?: (value: string, match: RegExpExecArray) => boolean): SecretKind {
  if (!re.global || !re.hasIndices) throw new Error(`secret kind ${id}: expected a regular expression with the g and d flags, got /${re.source}/${re.flags}`);
  return { id, description, detect: (text) => regexSpans(text, re, group, accept) };
}

/** True when `s` has at least one ASCII digit, one upper-case and one lower-case letter. */
export function hasMixedClasses(s: string): boolean {
  return /\d/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s);
}

/** The text of the line around offset `at`, at most `reach` characters either side (bounded on long lines). */
export function lineAround(text: string, at: number, reach = 200): string {
  let start = at;
  const low = Math.max(0, at - reach);
  while (start > low && text.charCodeAt(start - 1) !== 10) start--;
  let end = at;
  const high = Math.min(text.length, at + reach);
  while (end < high && text.charCodeAt(end) !== 10) end++;
  return text.slice(start, end);
}
