/**
 * Signals per template for the observer: how often a template occurs, when first and last, its rate over
 * time buckets, its worst severity, the files it comes from, example lines (file:line), whether it is new
 * since the start of the logs, whether it bursts above its own baseline, and the failure words it holds.
 * Pure: it only looks at records handed to it.
 */
import type { Evidence } from '../protocol';
import type { LogRecord } from './log-record';
import { clip } from './config/source-text';

/** Width of the time buckets rates are counted in. */
export const BUCKET_MS = 60_000;
/** Most example lines kept per template. */
const MAX_EXAMPLES = 3;
/** Characters of the first occurrence kept as the template's sample. */
const SAMPLE_CHARS = 2000;
/** A template is "new" when it first occurs after this fraction of the logs' time span. */
const NEW_AFTER_FRACTION = 0.25;
/** A bucket bursts when it holds this many times the template's median bucket (and at least MIN_BURST). */
const BURST_RATIO = 5;
const MIN_BURST = 10;

const FAILURE_WORDS =
  /\b(errors?|exceptions?|fail(?:s|ed|ure|ing)?|fatal|panic(?:ked)?|refused|time[d ]?out|timeouts?|denied|unavailable|cannot|could not|unable|crash(?:ed)?|killed|oom|out of memory|invalid|reset|broken pipe|unreachable|no such|not found|expired|rejected|abort(?:ed)?|unauthori[sz]ed|forbidden)\b/gi;

/** What the observer learns about one template. */
export interface TemplateSignal {
  id: number;
  template: string;
  count: number;
  /** Highest OpenTelemetry severity number seen, 0 when no record had one. */
  severityNumber: number;
  severityText?: string;
  firstTime?: string;
  lastTime?: string;
  /** Files the template occurs in. */
  sources: string[];
  /** The first occurrence, then later ones (file:line and the line's text). */
  examples: Evidence[];
  /** Counts per `BUCKET_MS` bucket from `bucketStart` (epoch ms) on, over the whole logs' span. */
  buckets: number[];
  bucketStart?: number;
  /** Set when the template first occurs well after the logs begin: the time it first occurred. */
  newSince?: string;
  /** The busiest bucket, when it bursts against the template's own baseline. */
  burst?: { at: string; count: number; baseline: number };
  /**
   * The first occurrence's text at a greater length than evidence keeps (SAMPLE_CHARS), for rules that read
   * what a long line says at its end (nginx's `upstream: "..."`, a wrapped exception message).
   */
  sample?: string;
  /** Failure words of the template ("refused", "timeout", ...), lower-case, unique. */
  failureWords: string[];
}

interface Accumulator {
  id: number;
  count: number;
  severityNumber: number;
  severityText?: string;
  first?: number;
  last?: number;
  firstText?: string;
  sample?: string;
  lastText?: string;
  sources: Set<string>;
  examples: Evidence[];
  buckets: Map<number, number>;
}

/** Collects template signals over the records of many files. */
export class TemplateSignalCollector {
  private readonly byId = new Map<number, Accumulator>();
  private minTime = Infinity;
  private maxTime = -Infinity;

  /**
   * Counts `record` of `file` under template `id`. `sampleText` is the text kept as the template's sample
   * (default: the body); examples always quote the body.
   */
  observe(file: string, record: LogRecord, id: number, sampleText: string = record.body): void {
    let acc = this.byId.get(id);
    if (!acc) {
      acc = { id, count: 0, severityNumber: 0, sources: new Set(), examples: [], buckets: new Map() };
      this.byId.set(id, acc);
    }
    acc.count++;
    if ((record.severityNumber ?? 0) > acc.severityNumber) {
      acc.severityNumber = record.severityNumber!;
      acc.severityText = record.severityText;
    }
    acc.sources.add(file);
    if (acc.sample === undefined) acc.sample = sampleText.trim().slice(0, SAMPLE_CHARS);
    if (acc.examples.length < MAX_EXAMPLES) acc.examples.push({ file, line: record.line, text: clip(record.body.trim()), count: 1 });
    const t = record.timestamp;
    if (t !== undefined && Number.isFinite(t)) {
      if (acc.first === undefined || t < acc.first) {
        acc.first = t;
        acc.firstText = readableTime(record.timeText, t);
      }
      if (acc.last === undefined || t >= acc.last) {
        acc.last = t;
        acc.lastText = readableTime(record.timeText, t);
      }
      if (t < this.minTime) this.minTime = t;
      if (t > this.maxTime) this.maxTime = t;
      const bucket = Math.floor(t / BUCKET_MS);
      acc.buckets.set(bucket, (acc.buckets.get(bucket) ?? 0) + 1);
    }
  }

  /**
   * The signals, most severe first, then most frequent. `templateOf` gives a template's current text;
   * `canonical` maps an id to the id it was merged into (identity when templates never merge).
   */
  finish(templateOf: (id: number) => string, canonical: (id: number) => number = (id) => id): TemplateSignal[] {
    const merged = new Map<number, Accumulator>();
    for (const acc of this.byId.values()) {
      const id = canonical(acc.id);
      const into = merged.get(id);
      if (!into) merged.set(id, { ...acc, id, sources: new Set(acc.sources), buckets: new Map(acc.buckets), examples: [...acc.examples] });
      else mergeInto(into, acc);
    }
    const hasTime = Number.isFinite(this.minTime);
    const startBucket = hasTime ? Math.floor(this.minTime / BUCKET_MS) : 0;
    const bucketCount = hasTime ? Math.floor(this.maxTime / BUCKET_MS) - startBucket + 1 : 0;
    const newAfter = this.minTime + (this.maxTime - this.minTime) * NEW_AFTER_FRACTION;
    const out = [...merged.values()].map((acc): TemplateSignal => {
      const template = templateOf(acc.id);
      const signal: TemplateSignal = {
        id: acc.id,
        template,
        count: acc.count,
        severityNumber: acc.severityNumber,
        sources: [...acc.sources].sort(),
        examples: acc.examples,
        buckets: [],
        failureWords: [...new Set((template.match(FAILURE_WORDS) ?? []).map((w) => w.toLowerCase()))],
      };
      if (acc.sample !== undefined) signal.sample = acc.sample;
      if (acc.severityText) signal.severityText = acc.severityText;
      if (acc.first !== undefined && acc.last !== undefined) {
        signal.firstTime = acc.firstText ?? new Date(acc.first).toISOString();
        signal.lastTime = acc.lastText ?? new Date(acc.last).toISOString();
        signal.bucketStart = startBucket * BUCKET_MS;
        signal.buckets = Array.from({ length: bucketCount }, (_, i) => acc.buckets.get(startBucket + i) ?? 0);
        if (this.maxTime > this.minTime && acc.first > newAfter) signal.newSince = signal.firstTime;
        const burst = burstOf(signal.buckets);
        if (burst) signal.burst = { at: new Date((startBucket + burst.index) * BUCKET_MS).toISOString(), count: burst.count, baseline: burst.baseline };
      }
      return signal;
    });
    return out.sort((a, b) => b.severityNumber - a.severityNumber || b.count - a.count || a.id - b.id);
  }
}

function mergeInto(into: Accumulator, acc: Accumulator): void {
  into.count += acc.count;
  if (acc.severityNumber > into.severityNumber) {
    into.severityNumber = acc.severityNumber;
    into.severityText = acc.severityText;
  }
  for (const s of acc.sources) into.sources.add(s);
  for (const e of acc.examples) if (into.examples.length < MAX_EXAMPLES) into.examples.push(e);
  into.examples.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  if (acc.first !== undefined && (into.first === undefined || acc.first < into.first)) {
    into.first = acc.first;
    into.firstText = acc.firstText;
  }
  if (acc.last !== undefined && (into.last === undefined || acc.last >= into.last)) {
    into.last = acc.last;
    into.lastText = acc.lastText;
  }
  for (const [b, n] of acc.buckets) into.buckets.set(b, (into.buckets.get(b) ?? 0) + n);
}

/** The busiest bucket when it holds BURST_RATIO times the median bucket (zeros included) and MIN_BURST events. */
function burstOf(buckets: number[]): { index: number; count: number; baseline: number } | undefined {
  if (buckets.length < 3) return undefined;
  let index = 0;
  for (let i = 1; i < buckets.length; i++) if (buckets[i]! > buckets[index]!) index = i;
  const sorted = [...buckets].sort((a, b) => a - b);
  const baseline = sorted[Math.floor(sorted.length / 2)]!;
  const count = buckets[index]!;
  return count >= MIN_BURST && count >= BURST_RATIO * Math.max(baseline, 1) ? { index, count, baseline } : undefined;
}

/** The time as written, or as ISO 8601 when it was written as epoch seconds or milliseconds. */
function readableTime(written: string | undefined, ms: number): string | undefined {
  return written !== undefined && /^\d+(\.\d+)?$/.test(written) ? new Date(ms).toISOString() : written;
}
