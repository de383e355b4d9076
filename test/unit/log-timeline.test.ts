import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeline, MAX_BUCKETS, MAX_SERIES, OTHER } from '../../server/ingest/log-timeline';
import { BUCKET_MS } from '../../server/ingest/template-signals';
import type { OwnedTemplate } from '../../server/ingest/log-evidence';
import { diagnose } from '../../server/diagnose';

const T0 = Date.parse('2026-11-20T10:00:00Z');

/** A template of `owner` with `buckets` per-minute counts starting `offset` minutes after T0. */
function template(owner: string | undefined, severityNumber: number, offset: number, buckets: number[], extra: Partial<OwnedTemplate> = {}): OwnedTemplate {
  const first = buckets.findIndex((n) => n > 0);
  return {
    id: 0,
    template: `${owner ?? 'anon'} says ${severityNumber}`,
    count: buckets.reduce((a, b) => a + b, 0),
    severityNumber,
    sources: [`logs/${owner ?? 'anon'}.log`],
    examples: [{ file: `logs/${owner ?? 'anon'}.log`, line: 10 + offset, text: 'x' }],
    buckets,
    bucketStart: T0 + offset * BUCKET_MS,
    firstTime: new Date(T0 + (offset + first) * BUCKET_MS).toISOString(),
    failureWords: [],
    owner,
    ...extra,
  };
}

test('error and warning counts per component, aligned on one time axis; info templates left out', () => {
  const t = buildTimeline([
    template('api', 17, 0, [1, 0, 2]),
    template('api', 13, 1, [0, 4]),
    template('web', 17, 2, [5, 5]),
    template('web', 9, 0, [100, 100, 100, 100]),
  ])!;
  assert.equal(t.start, T0);
  assert.equal(t.bucketMs, BUCKET_MS);
  assert.deepEqual(t.series, [
    { component: 'web', errors: [0, 0, 5, 5], warnings: [0, 0, 0, 0], templates: 1 },
    { component: 'api', errors: [1, 0, 2, 0], warnings: [0, 0, 4, 0], templates: 2 },
  ]);
});

test('no timeline without timed error or warning records', () => {
  assert.equal(buildTimeline([template('web', 9, 0, [3])]), undefined);
  assert.equal(buildTimeline([{ ...template('web', 17, 0, [3]), bucketStart: undefined, buckets: [] }]), undefined);
});

test('a long span is summed into wider buckets, at most MAX_BUCKETS of them', () => {
  const day = new Array<number>(24 * 60).fill(1);
  const t = buildTimeline([template('db', 17, 0, day)])!;
  assert.ok(t.series[0]!.errors.length <= MAX_BUCKETS);
  assert.equal(t.bucketMs, 12 * BUCKET_MS);
  assert.equal(t.series[0]!.errors[0], 12);
  assert.equal(t.series[0]!.errors.reduce((a, b) => a + b, 0), 24 * 60);
});

test('components beyond MAX_SERIES are summed into one series', () => {
  const many = Array.from({ length: MAX_SERIES + 3 }, (_, i) => template(`svc${i}`, 17, 0, [MAX_SERIES + 3 - i]));
  const t = buildTimeline(many)!;
  assert.equal(t.series.length, MAX_SERIES + 1);
  assert.equal(t.series.at(-1)!.component, OTHER);
  assert.deepEqual(t.series.at(-1)!.errors, [3 + 2 + 1]);
  assert.equal(t.series.at(-1)!.templates, 3);
});

test('the first anomaly: a new template the top hypothesis cites wins over an earlier new one it does not', () => {
  const early = template('web', 13, 5, [1], { newSince: 'early' });
  const cited = template('api', 17, 9, [2], { newSince: 'late' });
  const baseline = template('db', 17, 0, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  const t = buildTimeline([early, cited, baseline], [{ file: 'logs/api.log', line: 19, text: 'x' }])!;
  assert.equal(t.firstAnomaly!.component, 'api');
  assert.equal(t.firstAnomaly!.at, T0 + 9 * BUCKET_MS);
  assert.equal(t.firstAnomaly!.level, 'error');
  assert.deepEqual(t.firstAnomaly!.evidence, { file: 'logs/api.log', line: 19, text: 'x' });
  assert.equal(buildTimeline([early, cited, baseline])!.firstAnomaly!.component, 'web', 'uncited: the earliest new template');
  assert.equal(buildTimeline([baseline])!.firstAnomaly!.at, T0, 'nothing new: the earliest error');
});

test('the example incident has a timeline whose first anomaly is the refused cart requests the hypothesis cites', async () => {
  const d = await diagnose('examples/k8s-cart-targetport');
  const t = d.timeline!;
  assert.ok(t.series.some((s) => s.component === 'frontend' && s.errors.some((n) => n > 0)));
  assert.equal(t.firstAnomaly!.component, 'frontend');
  assert.match(t.firstAnomaly!.template, /cart request failed/);
  assert.ok(d.hypotheses[0]!.evidence.some((e) => e.file === t.firstAnomaly!.evidence.file && e.line === t.firstAnomaly!.evidence.line));
});
