/**
 * Near misses between words: a value, key or host name that is a typo, an inflection or a change of case of
 * the one that was meant. Fixes use it to pick the one right word among candidates the evidence offers (the
 * values an error lists as allowed, the keys an application says it reads), and only when exactly one is
 * close: two close candidates are a guess, not a fix.
 */

/** Levenshtein distance between `a` and `b` (insertions, deletions and substitutions of one character). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * Whether `written` reads as a slip for `meant`: the same word in another case; an inflection (the longer
 * word starts with all of the shorter one, or all but its last letter: `enforcing` for `enforce`, at least
 * 3 letters shared); or at most one edit per four characters (at least one, at most `maxEdits`).
 */
export function isNearMiss(written: string, meant: string, maxEdits = 2): boolean {
  const a = written.toLowerCase();
  const b = meant.toLowerCase();
  if (a === b) return written !== meant;
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  if (shorter.length >= 4 && commonPrefix(a, b) >= Math.max(3, shorter.length - 1)) return true;
  if (shorter.length === 3 && longer.startsWith(shorter)) return true;
  const allowed = Math.min(maxEdits, Math.max(1, Math.floor(longer.length / 4)));
  return editDistance(a, b) <= allowed;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The one candidate that `written` is a near miss of; undefined when none or several are. */
export function soleNearMiss(written: string, candidates: Iterable<string>, maxEdits = 2): string | undefined {
  const close = [...new Set(candidates)].filter((c) => c !== written && isNearMiss(written, c, maxEdits));
  if (close.length <= 1) return close[0];
  // Several close ones: the single nearest one decides; a tie decides nothing.
  const scored = close.map((c) => ({ c, d: editDistance(written.toLowerCase(), c.toLowerCase()) })).sort((x, y) => x.d - y.d);
  return scored[0]!.d < scored[1]!.d ? scored[0]!.c : undefined;
}
