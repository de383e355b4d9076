/**
 * Alignment of a template pattern with a message of another length: lets messages whose variable spans a
 * different number of tokens share a template (`lifetime 00:01` and `lifetime <1 sec`, `5 bytes sent` and
 * `5 bytes (5.1 KB) sent`). The two token lists are aligned to keep the most tokens in place; every stretch
 * between kept tokens must look like a variable (variables and punctuation, at most one word beside a
 * variable: a unit), and becomes a gap, a `<*>` that stands for any tokens, none included.
 */
import { VAR } from './token-mask';
import { fits, isVarish, type Pattern } from './template-pattern';

/** `runs` value of a gap: any number of tokens, none included. */
export const GAP = -2;
/** Alignments larger than this many token pairs are not tried (about 150 tokens by 150): long lines stay apart. */
const MAX_CELLS = 22_500;

/** Whether `token` is a short word with punctuation around it, like the unit of a value (`sec`, `KB)`). */
function isUnit(token: string): boolean {
  const letters = token.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
  return letters.length > 0 && letters.length <= 5 && /^[A-Za-z]+$/.test(letters);
}

/** Whether the stretch `tokens[from, to)` may be absorbed into a gap: variables and at most one unit. */
function absorbable(p: Pattern, from: number, to: number): { ok: boolean; variable: boolean } {
  let units = 0;
  let variable = false;
  for (let k = from; k < to; k++) {
    const token = p.tokens[k]!;
    if (p.runs[k] !== 0 || (token.includes(VAR) && isVarish(token))) variable = true;
    else if (isUnit(token)) units++;
    else return { ok: false, variable };
  }
  return { ok: units === 0 || (units === 1 && variable), variable };
}

/**
 * The pattern that covers both `c` and `p` when they align with only variable-like stretches between
 * kept tokens, or undefined. Both must keep their first token and at least half of their tokens.
 */
export function alignPatterns(c: Pattern, p: Pattern): Pattern | undefined {
  const n = c.tokens.length;
  const m = p.tokens.length;
  if (n * m > MAX_CELLS) return undefined;
  const score = new Int32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let best = Math.max(score[at(i - 1, j)]!, score[at(i, j - 1)]!);
      if (c.runs[i - 1] !== GAP && fits(c, i - 1, p.tokens[j - 1]!, p.runs[j - 1]!)) best = Math.max(best, score[at(i - 1, j - 1)]! + 1);
      score[at(i, j)] = best;
    }
  }
  const kept = score[at(n, m)]!;
  if (kept < 2 || kept * 2 < Math.max(n, m)) return undefined;
  // walk back to the kept pairs
  const pairs: [number, number][] = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (c.runs[i - 1] !== GAP && score[at(i, j)] === score[at(i - 1, j - 1)]! + 1 && fits(c, i - 1, p.tokens[j - 1]!, p.runs[j - 1]!)) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (score[at(i, j)] === score[at(i - 1, j)]) i--;
    else j--;
  }
  pairs.reverse();
  if (pairs[0]![0] !== 0 || pairs[0]![1] !== 0) return undefined;
  const out: Pattern = { tokens: [], learned: [], runs: [] };
  const gap = (): void => {
    if (out.runs[out.runs.length - 1] === GAP) return;
    out.tokens.push(VAR);
    out.learned.push(true);
    out.runs.push(GAP);
  };
  pairs.push([n, m]);
  for (let k = 0; k < pairs.length; k++) {
    const [i, j] = pairs[k]!;
    if (k > 0) {
      const [pi, pj] = pairs[k - 1]!;
      if (i - pi > 1 || j - pj > 1) {
        let gapOnly = true;
        for (let x = pi + 1; x < i; x++) gapOnly &&= c.runs[x] === GAP;
        const mine = absorbable(c, pi + 1, i);
        const theirs = absorbable(p, pj + 1, j);
        if (!gapOnly && (!mine.ok || !theirs.ok || !(mine.variable || theirs.variable))) return undefined;
        if (gapOnly && !theirs.ok) return undefined;
        gap();
      }
    }
    if (i === n) break;
    out.tokens.push(c.tokens[i]!);
    out.learned.push(c.learned[i]!);
    out.runs.push(c.runs[i] !== 0 && c.runs[i] !== p.runs[j] ? -1 : c.runs[i]!);
  }
  return out;
}

/** Whether `p` has a gap, so that only `alignPatterns` can match messages to it. */
export const hasGap = (p: Pattern): boolean => p.runs.includes(GAP);
