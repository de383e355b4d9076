/**
 * The incident's timeline for the report: error and warning records per component over time, in buckets
 * wide enough that the whole log span fits in `MAX_BUCKETS` points, and the first anomaly (where the
 * incident first showed in the logs). Pure: it reads the template signals the ingest already computed
 * (per-minute counts), never the records again.
 */
import type { Evidence, IncidentTimeline, TimelineAnomaly, TimelineSeries } from '../protocol';
import type { OwnedTemplate } from './log-evidence';
import { BUCKET_MS } from './template-signals';

/** Most points per series. */
export const MAX_BUCKETS = 120;
/** Most components charted; the quieter ones are summed into one series named `OTHER`. */
export const MAX_SERIES = 8;
/** The series that sums the components beyond `MAX_SERIES`. */
export const OTHER = '(other)';

const WARN = 13;
const ERROR = 17;

/** `error` for error-or-worse templates (and unlevelled ones that name a failure), `warning` for warnings. */
function levelOf(t: OwnedTemplate): 'error' | 'warning' | undefined {
  if (t.severityNumber >= ERROR || (t.severityNumber === 0 && t.failureWords.length > 0)) return 'error';
  return t.severityNumber >= WARN ? 'warning' : undefined;
}

/**
 * The timeline of `templates`, or undefined when no error or warning record carried a readable time.
 * `cited` is the evidence of the top hypothesis: a template it quotes is preferred as the first anomaly.
 */
export function buildTimeline(templates: readonly OwnedTemplate[], cited: readonly Evidence[] = []): IncidentTimeline | undefined {
  const timed = templates.filter((t) => t.bucketStart !== undefined && t.buckets.length > 0 && levelOf(t) !== undefined);
  if (timed.length === 0) return undefined;
  const firstMinute = Math.min(...timed.map((t) => t.bucketStart! / BUCKET_MS));
  const lastMinute = Math.max(...timed.map((t) => t.bucketStart! / BUCKET_MS + t.buckets.length - 1));
  const minutes = lastMinute - firstMinute + 1;
  const width = Math.ceil(minutes / MAX_BUCKETS);
  const count = Math.ceil(minutes / width);
  const slot = (t: OwnedTemplate, i: number): number => Math.floor((t.bucketStart! / BUCKET_MS + i - firstMinute) / width);

  const byComponent = new Map<string, { errors: number[]; warnings: number[]; templates: number; total: number }>();
  for (const t of timed) {
    const key = t.owner ?? '';
    let s = byComponent.get(key);
    if (!s) {
      s = { errors: new Array<number>(count).fill(0), warnings: new Array<number>(count).fill(0), templates: 0, total: 0 };
      byComponent.set(key, s);
    }
    const into = levelOf(t) === 'error' ? s.errors : s.warnings;
    t.buckets.forEach((n, i) => {
      if (n > 0) into[slot(t, i)]! += n;
    });
    s.templates++;
    s.total += t.count;
  }
  const ranked = [...byComponent.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1));
  const series: TimelineSeries[] = ranked.slice(0, MAX_SERIES).map(([component, s]) => ({ component, errors: s.errors, warnings: s.warnings, templates: s.templates }));
  const rest = ranked.slice(MAX_SERIES);
  if (rest.length > 0) {
    const sum = (pick: 'errors' | 'warnings'): number[] => Array.from({ length: count }, (_, i) => rest.reduce((acc, [, s]) => acc + s[pick][i]!, 0));
    series.push({ component: OTHER, errors: sum('errors'), warnings: sum('warnings'), templates: rest.reduce((acc, [, s]) => acc + s.templates, 0) });
  }
  const timeline: IncidentTimeline = { start: firstMinute * BUCKET_MS, bucketMs: width * BUCKET_MS, series };
  const anomaly = firstAnomaly(timed, cited);
  if (anomaly) timeline.firstAnomaly = anomaly;
  return timeline;
}

/**
 * Where the incident first showed: the earliest template that is new since the logs began or bursts,
 * preferring those the top hypothesis cites; failing that, the earliest error template, then warning.
 */
function firstAnomaly(timed: readonly OwnedTemplate[], cited: readonly Evidence[]): TimelineAnomaly | undefined {
  const quoted = (t: OwnedTemplate): boolean => t.examples.some((e) => cited.some((c) => c.file === e.file && c.line === e.line));
  const unusual = (t: OwnedTemplate): boolean => t.newSince !== undefined || t.burst !== undefined;
  const tiers = [
    timed.filter((t) => quoted(t) && unusual(t)),
    timed.filter(unusual),
    timed.filter((t) => levelOf(t) === 'error'),
    [...timed],
  ];
  const pool = tiers.find((tier) => tier.length > 0)!;
  const burstOnly = (t: OwnedTemplate): boolean => t.burst !== undefined && t.newSince === undefined;
  const at = (t: OwnedTemplate): number => (burstOnly(t) ? Date.parse(t.burst!.at) : t.bucketStart! + t.buckets.findIndex((n) => n > 0) * BUCKET_MS);
  const first = pool.reduce((best, t) => (at(t) < at(best) ? t : best));
  const example = first.examples[0];
  if (!example) return undefined;
  return {
    at: at(first),
    time: burstOnly(first) ? first.burst!.at : (first.firstTime ?? new Date(at(first)).toISOString()),
    component: first.owner ?? '',
    template: first.template,
    level: levelOf(first)!,
    evidence: { file: example.file, line: example.line, text: example.text },
  };
}
