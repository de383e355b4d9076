/**
 * Template patterns of the miner: a template is a list of tokens, each a constant word, a masked token
 * (`uid=<*>`, `[<*>]`), a run of bare `<*>` tokens, or a learned variable (a token position where messages
 * differed, written as the common head and tail of the values with `<*>` between: `[<*>]`, `user=<*>`).
 * This module holds the pure parts: splitting a skeleton into tokens, whether a token fits a position, how
 * differing values generalise, and how a pattern is written out as template text.
 */
import { PIECE_DELIM, classOf } from './token-shapes';
import { VAR } from './token-mask';

/** A template pattern, one entry per token position (runs of bare `<*>` tokens are one position). */
export interface Pattern {
  tokens: string[];
  /** Per position: the values were learned to vary here, so `<*>` in the token matches any text. */
  learned: boolean[];
  /**
   * Per position: how many bare `<*>` tokens the position stands for: 0 for other tokens, -1 for any number
   * of them, -2 for a gap (any tokens at all, none included; see `template-align.ts`).
   */
  runs: number[];
}

/** Splits a skeleton into a pattern: tokens on single spaces, runs of bare `<*>` tokens folded. */
export function patternOf(skeleton: string): Pattern {
  const tokens: string[] = [];
  const runs: number[] = [];
  for (const t of skeleton.split(' ')) {
    if (t === VAR && tokens.length > 0 && runs[runs.length - 1]! > 0) runs[runs.length - 1]!++;
    else {
      tokens.push(t);
      runs.push(t === VAR ? 1 : 0);
    }
  }
  return { tokens, learned: tokens.map(() => false), runs };
}

/** Wildcard matching gives up (equality only) past this many `<*>` in a token or chars in the text. */
const MAX_WILDCARDS = 8;
const MAX_MATCH_LENGTH = 1024;

const isDelim = (c: number): boolean => (classOf(c) & PIECE_DELIM) !== 0 || c === 32;

/** Whether `text` holds nothing but `<*>` markers and punctuation: a variable in every part. */
export function isVarish(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith(VAR, i)) i += 2;
    else if (!isDelim(text.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Whether `text` matches `pattern`, each `<*>` of the pattern standing for any text (`anyText`) or for
 * text that is itself only variables and punctuation, possibly empty (`(<*>)` matches `()`).
 */
export function wildcardMatch(pattern: string, text: string, anyText: boolean): boolean {
  const parts = pattern.split(VAR);
  if (parts.length === 1) return pattern === text;
  // bounded backtracking: a token with many variables or a very long text only matches when equal
  if (parts.length > MAX_WILDCARDS + 1 || text.length > MAX_MATCH_LENGTH) return pattern === text;
  if (!text.startsWith(parts[0]!) || !text.endsWith(parts[parts.length - 1]!)) return false;
  if (text.length < parts[0]!.length + parts[parts.length - 1]!.length) return false;
  const fits = (k: number, at: number): boolean => {
    if (k === parts.length - 1) {
      const end = text.length - parts[k]!.length;
      return end >= at && (anyText || isVarish(text.slice(at, end)));
    }
    for (let j = text.indexOf(parts[k]!, at); j >= 0; j = text.indexOf(parts[k]!, j + 1)) {
      if ((anyText || isVarish(text.slice(at, j))) && fits(k + 1, j + parts[k]!.length)) return true;
      if (parts[k] === '') break;
    }
    return false;
  };
  return fits(1, parts[0]!.length);
}

/**
 * Whether the message token `token` (a run of `run` bare `<*>` tokens when run > 0) fits position `i` of
 * `p`: it equals the token there, or matches its `<*>` (any text where the position was learned; where it
 * was masked, only variables and punctuation, or any text holding a variable when the position is nothing
 * but a variable: `<*>,` takes `LOCAL(<*>),`); a run fits a run of any length.
 */
export function fits(p: Pattern, i: number, token: string, run: number): boolean {
  const own = p.tokens[i]!;
  if (p.runs[i] !== 0) return run !== 0 || p.learned[i]! || token.includes(VAR);
  if (run !== 0) return run === 1 && p.learned[i]! && wildcardMatch(own, VAR, true);
  if (own === token) return true;
  return own.includes(VAR) && wildcardMatch(own, token, p.learned[i]! || (token.includes(VAR) && isVarish(own)));
}

/**
 * The pattern that covers every one of `values` (tokens seen at one position): their common head up to and
 * including a delimiter, `<*>`, and their common tail from a delimiter on (`[a8]`, `[b8]` give `[<*>]`).
 */
export function generalize(values: readonly string[]): string {
  let head = values[0]!;
  let tail = values[0]!;
  let shortest = head.length;
  for (const v of values) {
    let h = 0;
    while (h < head.length && h < v.length && head.charCodeAt(h) === v.charCodeAt(h)) h++;
    head = head.slice(0, h);
    let t = 0;
    while (t < tail.length && t < v.length && tail.charCodeAt(tail.length - 1 - t) === v.charCodeAt(v.length - 1 - t)) t++;
    tail = tail.slice(tail.length - t);
    shortest = Math.min(shortest, v.length);
  }
  // cut the head after a delimiter and the tail before one, so no piece is split
  let h = head.length;
  while (h > 0 && !isDelim(head.charCodeAt(h - 1))) h--;
  const tailCut = (max: number): number => {
    let t = max;
    while (t > 0 && !isDelim(tail.charCodeAt(tail.length - t))) t--;
    return t;
  };
  const keepTail = tailCut(Math.min(tail.length, shortest - h));
  const out = head.slice(0, h) + VAR + tail.slice(tail.length - keepTail);
  return out.replaceAll('<*><*>', VAR);
}

/**
 * The template text of a pattern: tokens joined by spaces, a run of n bare `<*>` written n times (once
 * when its length varies), and a learned variable next to another variable written as one with it (`5.2 KB`
 * and `384.0 B` at one position give `<*>`, not `<*> <*>`).
 */
export function render(p: Pattern): string {
  const out: string[] = [];
  let lastLearned = false;
  for (let i = 0; i < p.tokens.length; i++) {
    const run = p.runs[i]!;
    const learned = p.learned[i]!;
    const count = run === 0 ? 1 : run < 0 ? 1 : run;
    for (let k = 0; k < count; k++) {
      const token = run === 0 ? p.tokens[i]! : VAR;
      const prev = out.length > 0 ? out[out.length - 1]! : '';
      if ((learned || lastLearned) && prev.endsWith(VAR) && token.startsWith(VAR) && isVarish(prev) && isVarish(token)) {
        out[out.length - 1] = prev.slice(0, -VAR.length) + token;
      } else out.push(token);
      lastLearned = learned;
    }
  }
  return out.join(' ');
}
