/**
 * `npm run eval:bundles [DIR...] [-- --fit] [--json]`: diagnoses every bundle with a truth file (default:
 * examples/) and prints a table per bundle and the totals: top-1 and top-3 fault accuracy, component
 * accuracy, detection accuracy (healthy and faulty bundles apart), fix hit rate where fixes exist, and a
 * reliability table of the top confidence. `--fit` refits the confidence calibration on these bundles and
 * writes server/agents/observer/calibration-params.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { diagnose } from '../server/diagnose';
import { calibrate } from '../server/agents/observer/calibration';
import { CALIBRATION } from '../server/agents/observer/calibration-params';
import { findBundles, score, type LabeledBundle, type Score } from './eval/truth';
import { fitPlatt } from './eval/calibration-fit';

interface Row {
  bundle: LabeledBundle;
  predicted: string;
  component: string;
  raw: number;
  /** Every hypothesis's raw score and whether it names the true fault and an acceptable component. */
  samples: { raw: number; correct: boolean }[];
  score: Score;
  /** Fixes proposed. */
  fixes: number;
  ms: number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { fit: { type: 'boolean' }, json: { type: 'boolean' } } });
  const bundles = findBundles(positionals.length > 0 ? positionals : ['examples']);
  if (bundles.length === 0) {
    console.error('eval:bundles: no bundle with a truth file (<name>.truth.json beside <name>/) in ' + (positionals.join(', ') || 'examples'));
    process.exitCode = 2;
    return;
  }


  const rows: Row[] = [];
  for (const bundle of bundles) {
    const started = performance.now();
    const d = await diagnose(bundle.dir, { rawConfidence: true });
    const top = d.hypotheses[0]!;
    const raw = top.confidence;
    const truth = bundle.truth;
    const samples = d.hypotheses.map((h) => ({ raw: h.confidence, correct: h.fault === truth.fault && (truth.fault === 'none' || truth.components.includes(h.component)) }));
    for (const h of d.hypotheses) h.confidence = calibrate(h.confidence);
    rows.push({ bundle, predicted: top.fault, component: top.component, raw, samples, score: score(d, bundle.truth), fixes: d.fixes.length, ms: performance.now() - started });
  }

  // Fitted on every hypothesis, not only the top one: the runners-up are the wrong answers it must learn to doubt.
  const params = values.fit ? fitPlatt(rows.flatMap((r) => r.samples)) : CALIBRATION;
  if (values.fit) {
    for (const r of rows) r.score.confidence = calibrate(r.raw, params);
    const stamp = new Date().toISOString().slice(0, 10);
    writeFileSync(
      'server/agents/observer/calibration-params.ts',
      `/** Written by \`npm run eval:bundles -- --fit\`: Platt parameters and what they were fitted on. */\nexport const CALIBRATION = { a: ${params.a.toFixed(4)}, b: ${params.b.toFixed(4)}, bundles: ${rows.length}, fitted: '${stamp}' } as const;\n`,
    );
  }

  const faulty = rows.filter((r) => r.bundle.truth.fault !== 'none');
  const healthy = rows.filter((r) => r.bundle.truth.fault === 'none');
  const rate = (xs: Row[], f: (r: Row) => boolean | undefined): { hit: number; n: number } => {
    const counted = xs.filter((r) => f(r) !== undefined);
    return { hit: counted.filter((r) => f(r) === true).length, n: counted.length };
  };
  const summary = {
    bundles: rows.length,
    top1Fault: rate(rows, (r) => r.score.top1Fault),
    top3Fault: rate(rows, (r) => r.score.top3Fault),
    component: rate(faulty, (r) => r.score.component),
    detectionHealthy: rate(healthy, (r) => r.score.detection),
    detectionFaulty: rate(faulty, (r) => r.score.detection),
    fixHit: rate(faulty, (r) => r.score.fixHit),
    fixesOnHealthy: healthy.reduce((n, r) => n + r.fixes, 0),
    reliability: reliability(rows, params),
    calibration: params,
  };

  if (values.json) {
    console.log(JSON.stringify({ summary, bundles: rows.map((r) => ({ name: r.bundle.name, truth: r.bundle.truth, predicted: r.predicted, predictedComponent: r.component, ...r.score, confidence: round(r.score.confidence) })) }, null, 2));
  } else {
    printTable(
      ['bundle', 'truth', 'predicted', 'component', 'conf', 'ok', 'fix', 'ms'],
      rows.map((r) => [r.bundle.name, r.bundle.truth.fault, r.predicted, r.component || '-', r.score.confidence.toFixed(2), r.score.top1Fault && r.score.component !== false ? 'yes' : 'NO', r.score.fixHit === undefined ? '-' : r.score.fixHit ? 'hit' : 'MISS', String(Math.round(r.ms))]),
    );
    console.log('');
    const pct = (x: { hit: number; n: number }): string => (x.n === 0 ? 'n/a' : `${((100 * x.hit) / x.n).toFixed(1)}% (${x.hit}/${x.n})`);
    printTable(
      ['metric', 'value'],
      [
        ['top-1 fault accuracy', pct(summary.top1Fault)],
        ['top-3 fault accuracy', pct(summary.top3Fault)],
        ['component accuracy (faulty)', pct(summary.component)],
        ['detection accuracy (healthy)', pct(summary.detectionHealthy)],
        ['detection accuracy (faulty)', pct(summary.detectionFaulty)],
        ['fix hit rate (bundles with a known fix)', pct(summary.fixHit)],
        ['fixes proposed on healthy bundles', String(summary.fixesOnHealthy)],
      ],
    );
    console.log('');
    printTable(['confidence (all hypotheses)', 'hypotheses', 'right', 'mean conf'], summary.reliability.map((b) => [b.range, String(b.n), b.n ? `${((100 * b.right) / b.n).toFixed(0)}%` : '-', b.n ? b.mean.toFixed(2) : '-']));
    console.log(`\ncalibration: a=${params.a.toFixed(3)} b=${params.b.toFixed(3)}${values.fit ? ' (refitted, written to server/agents/observer/calibration-params.ts)' : ''}`);
  }
}

/** The calibrated confidence of every hypothesis in bins, with how often hypotheses in each were right. */
function reliability(rs: Row[], params: { a: number; b: number }): { range: string; n: number; right: number; mean: number }[] {
  const all = rs.flatMap((r) => r.samples.map((s) => ({ p: calibrate(s.raw, params), correct: s.correct })));
  const edges = [0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0001];
  return edges.slice(0, -1).map((lo, i) => {
    const hi = edges[i + 1]!;
    const inBin = all.filter((x) => x.p >= lo && x.p < hi);
    return {
      range: `${lo.toFixed(1)}-${Math.min(hi, 1).toFixed(1)}`,
      n: inBin.length,
      right: inBin.filter((x) => x.correct).length,
      mean: inBin.reduce((s, x) => s + x.p, 0) / Math.max(1, inBin.length),
    };
  });
}

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err: unknown) => {
  console.error(`eval:bundles: ${(err as Error).message}`);
  process.exitCode = 1;
});
