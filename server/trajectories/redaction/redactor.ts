/**
 * The redactor: replaces secrets in text by typed placeholders that keep the text's shape, before anything
 * about an incident is written to disk. `password=hunter2` becomes `password=<secret:password>`, a PEM key keeps
 * its armour lines, a URL keeps its user and host; e-mail addresses and IP addresses become `<email>` and
 * `<ip>` when asked.
 *
 * Contract:
 * - Idempotent: placeholders are never matched again (a span touching one is dropped), and `redact` repeats
 *   its pass until nothing changes, so `redact(redact(x)) === redact(x)`.
 * - Total: it never throws. A detector that fails on a text (a regular expression out of stack) is run line by
 *   line instead, and a line it still fails on is replaced whole by its placeholder: a failure hides more, never
 *   less.
 * - Linear: the built-in detectors read a text a bounded number of times, so megabytes take well under seconds.
 *   User patterns are the user's to keep linear.
 */
import { oneLine } from '../../errors';
import { SECRET_KINDS, type SecretKind, type Span } from './secret-kinds';
import { emailSpans, ipSpans } from './network-masks';

/** How a redactor is set up. */
export interface RedactorOptions {
  /**
   * Extra regular-expression sources (from a setting) whose matches are secrets, redacted as `<secret:custom>`;
   * where a pattern has capture groups, only group 1 is redacted. Invalid patterns, and patterns that match the
   * empty string, are refused with a `RedactionPatternError`. A leading `(?i)` makes a pattern case-insensitive.
   * Default none.
   */
  extraPatterns?: readonly string[];
  /** Replace e-mail addresses by `<email>`. Default false. */
  maskEmails?: boolean;
  /** Replace IPv4 and IPv6 addresses by `<ip>`. Default false. */
  maskIps?: boolean;
}

/** A text after redaction, and how many placeholders of each kind (`password`, `email`, `ip`...) it received. */
export interface RedactionResult {
  text: string;
  counts: Record<string, number>;
}

/** An extra pattern from the options that cannot be used; `index` is its position in `extraPatterns`. */
export class RedactionPatternError extends Error {
  override readonly name = 'RedactionPatternError';
  readonly code = 'invalid-redaction-pattern';
  constructor(
    readonly pattern: string,
    readonly index: number,
    reason: string,
  ) {
    super(`extraPatterns[${index}]: expected a regular expression that matches a secret, got ${JSON.stringify(pattern)}: ${reason}`);
  }
}

/** The placeholder of a secret of kind `kind`. */
export const placeholder = (kind: string): string => `<secret:${kind}>`;

/** Placeholders already in a text: never matched again. */
const PLACEHOLDER = /<secret:[a-z0-9-]{1,64}>|<email>|<ip>/g;
/** How many placeholders `text` holds. */
const placeholders = (text: string): number => text.match(PLACEHOLDER)?.length ?? 0;
/** How many items before it an item of a string array is read after. */
const WORD_CONTEXT = 8;
/** Arrays longer than this, or with an item longer than `MAX_WORD`, are lists of texts, redacted item by item. */
const MAX_WORDS = 256;
const MAX_WORD = 1024;
/** The kind id of user patterns. */
const CUSTOM = 'custom';
/** Passes before `redactWithCounts` stops looking for more (each pass only shrinks the unredacted text). */
const MAX_PASSES = 6;

/** A detector the redactor runs: a secret kind, or one of the masks. */
interface Detector {
  id: string;
  replacement: string;
  detect: (text: string) => Span[];
}

/** Compiles the user's extra patterns, refusing invalid ones. */
function compileExtra(sources: readonly string[]): Detector[] {
  return sources.map((source, index) => {
    if (typeof source !== 'string' || source.length === 0) throw new RedactionPatternError(String(source), index, 'the pattern is empty');
    const caseless = source.startsWith('(?i)');
    const body = caseless ? source.slice(4) : source;
    let re: RegExp;
    try {
      re = new RegExp(body, caseless ? 'dgi' : 'dg');
    } catch (err) {
      throw new RedactionPatternError(source, index, oneLine(err));
    }
    if (new RegExp(body, caseless ? 'i' : '').test('')) throw new RedactionPatternError(source, index, 'it matches the empty string');
    return { id: CUSTOM, replacement: placeholder(CUSTOM), detect: (text: string) => customSpans(text, re) };
  });
}

/** Spans of a user pattern: group 1 where the pattern has one and it took part in the match, else the match. */
function customSpans(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const at = m.indices?.[1] && m[1] ? m.indices[1] : m.indices![0]!;
    out.push([at[0], at[1]]);
  }
  return out;
}

/** A span with the rank of the detector that found it (lower ranks name merged spans). */
interface Ranked {
  start: number;
  end: number;
  rank: number;
}

/** Sorts `spans` and merges overlapping ones; a merged span keeps the lowest rank. */
function mergeSpans(spans: Ranked[]): Ranked[] {
  spans.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const out: Ranked[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.rank = Math.min(last.rank, s.rank);
    } else out.push({ ...s });
  }
  return out;
}

/** True when `[start, end)` overlaps one of the sorted, disjoint `ranges`. */
function overlapsAny(ranges: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo]![0] < end;
}

/** The spans of `detector` in `text`; on failure, line by line, failing lines whole. */
function safeDetect(detector: Detector, text: string): Span[] {
  try {
    return detector.detect(text);
  } catch {
    const out: Span[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      try {
        for (const [s, e] of detector.detect(line)) out.push([start + s, start + e]);
      } catch {
        if (line.length > 0) out.push([start, start + line.length]);
      }
      start += line.length + 1;
    }
    return out;
  }
}

/** Best-effort text of a value that is not a string. */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

/** Replaces secrets (and, when asked, e-mail and IP addresses) by placeholders. */
export class Redactor {
  private readonly secrets: Detector[];
  private readonly masks: Detector[];

  /** Throws a `RedactionPatternError` when an extra pattern is invalid; nothing else throws afterwards. */
  constructor(options: RedactorOptions = {}) {
    const builtIn = SECRET_KINDS.map((k: SecretKind): Detector => ({ id: k.id, replacement: placeholder(k.id), detect: k.detect }));
    this.secrets = [...compileExtra(options.extraPatterns ?? []), ...builtIn];
    this.masks = [];
    if (options.maskEmails) this.masks.push({ id: 'email', replacement: '<email>', detect: emailSpans });
    if (options.maskIps) this.masks.push({ id: 'ip', replacement: '<ip>', detect: ipSpans });
  }

  /** `text` with its secrets replaced by placeholders. */
  redact(text: string): string {
    return this.redactWithCounts(text).text;
  }

  /** `text` with its secrets replaced, and the number of placeholders of each kind it received. */
  redactWithCounts(text: string): RedactionResult {
    let current = typeof text === 'string' ? text : asText(text);
    const counts: Record<string, number> = {};
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const next = this.pass(current, counts);
      if (next === current) break;
      current = next;
    }
    return { text: current, counts };
  }

  /**
   * A copy of `value` with every string inside it redacted: strings, array items, object property values,
   * Map values, Set items, Error messages. Keys are left alone; cycles are copied as cycles; other values
   * (numbers, dates, buffers) are returned as they are.
   */
  redactDeep<T>(value: T): T {
    return this.deep(value, new Map()) as T;
  }

  private deep(value: unknown, seen: Map<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return seen.get(value);
    if (ArrayBuffer.isView(value) || value instanceof Date || value instanceof RegExp || value instanceof ArrayBuffer) return value;
    try {
      if (Array.isArray(value)) {
        if (value.length > 1 && value.length <= MAX_WORDS && value.every((item) => typeof item === 'string' && item.length <= MAX_WORD)) {
          const out = this.redactWords(value as string[]);
          seen.set(value, out);
          return out;
        }
        const out: unknown[] = [];
        seen.set(value, out);
        for (const item of value) out.push(this.deep(item, seen));
        return out;
      }
      if (value instanceof Map) {
        const out = new Map<unknown, unknown>();
        seen.set(value, out);
        for (const [k, v] of value) out.set(k, this.deep(v, seen));
        return out;
      }
      if (value instanceof Set) {
        const out = new Set<unknown>();
        seen.set(value, out);
        for (const v of value) out.add(this.deep(v, seen));
        return out;
      }
      const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
      seen.set(value, out);
      if (value instanceof Error) {
        for (const key of ['name', 'message', 'stack'] as const) {
          const v: unknown = value[key];
          if (typeof v === 'string') Object.defineProperty(out, key, { value: this.redact(v), writable: true, configurable: true });
        }
      }
      for (const key of Object.keys(value)) {
        try {
          out[key] = this.deep((value as Record<string, unknown>)[key], seen);
        } catch {
          // A throwing getter: the property is left out rather than copied unredacted.
        }
      }
      return out;
    } catch {
      return undefined;
    }
  }

  /**
   * An array of strings (an argv, a list of lines) redacted item by item, each read after the few items before
   * it, so `['redis-cli', '-a', 'hunter2']` loses its password the way the command line `redis-cli -a hunter2`
   * would. Where a secret spans the join the whole item becomes the placeholder: hiding more, never less.
   */
  private redactWords(items: readonly string[]): string[] {
    return items.map((item, i) => {
      const alone = this.redact(item);
      if (i === 0) return alone;
      const context = items.slice(Math.max(0, i - WORD_CONTEXT), i).join(' ');
      const before = this.redact(context);
      const joined = this.redact(`${context} ${item}`);
      if (joined.startsWith(`${before} `)) {
        const inContext = joined.slice(before.length + 1);
        // The item read in context, unless alone it got more placeholders (a kind that needs the item to start a line).
        return placeholders(alone) > placeholders(inContext) ? alone : inContext;
      }
      return /<secret:[a-z0-9-]+>/.exec(joined.slice(before.length))?.[0] ?? alone;
    });
  }

  /** One pass: finds spans on `text`, replaces them, adds to `counts`. */
  private pass(text: string, counts: Record<string, number>): string {
    if (text.length === 0) return text;
    const held: Span[] = [];
    if (text.includes('<')) {
      for (const m of text.matchAll(PLACEHOLDER)) held.push([m.index, m.index + m[0].length]);
    }
    const collect = (detectors: readonly Detector[], rankBase: number, out: Ranked[]): void => {
      detectors.forEach((d, i) => {
        for (const [start, end] of safeDetect(d, text)) {
          if (!(start >= 0 && end > start && end <= text.length)) continue;
          if (held.length > 0 && overlapsAny(held, start, end)) continue;
          out.push({ start, end, rank: rankBase + i });
        }
      });
    };
    const secretSpans: Ranked[] = [];
    collect(this.secrets, 0, secretSpans);
    const found = mergeSpans(secretSpans);
    if (this.masks.length > 0) {
      const maskSpans: Ranked[] = [];
      collect(this.masks, this.secrets.length, maskSpans);
      const taken: Span[] = found.map((s) => [s.start, s.end]);
      found.push(...mergeSpans(maskSpans).filter((s) => !overlapsAny(taken, s.start, s.end)));
      found.sort((a, b) => a.start - b.start);
    }
    if (found.length === 0) return text;
    const all = [...this.secrets, ...this.masks];
    const parts: string[] = [];
    let at = 0;
    for (const s of found) {
      const d = all[s.rank]!;
      parts.push(text.slice(at, s.start), d.replacement);
      counts[d.id] = (counts[d.id] ?? 0) + 1;
      at = s.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
  }
}
