/**
 * `npm run eval:model [-- DIR...] [--config small] [--seeds 5] [--runs training/runs] [--plan]`: evaluates the
 * observer model against the expert rules. examples/ is the training set; extra DIRs (folders of labelled
 * bundles, e.g. `aoi lab run --save-bundles` output) are the held-out test set; without any, a fixed third
 * of examples/ is held out. It writes the training data (scripts/model-data.ts), trains every run it needs
 * with training/train.py (`/usr/bin/python3`, or `$AOI_PYTHON`) unless the run's folder already has a
 * manifest (runs trained elsewhere, e.g. on a GPU machine, are reused), then diagnoses the test bundles:
 *
 * - held-out bundles: rules alone, model alone (weight 1) and combined, for SFT only, SFT+GRPO and SFT+GRPO
 *   without the Evolver's corrective pairs;
 * - held-out fault types: the fault labels are split into three groups; for each, SFT+GRPO trains without
 *   the bundles of those labels and is tested on every bundle of them.
 *
 * Each trained configuration runs with `--seeds` seeds: avg@1 is the first run's top-1 accuracy (fault and
 * component), avg@5 the mean over the runs, std their standard deviation, best@k the share of bundles any run
 * got right. `--plan` prints the training commands instead (to run them elsewhere, in parallel).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { diagnose } from '../server/diagnose';
import { OnnxObserverModel } from '../server/model/observer-model';
import type { Diagnosis } from '../server/protocol';
import { findBundles, type LabeledBundle } from './eval/truth';

interface Run {
  id: string;
  args: string[];
  test: LabeledBundle[];
  group: string;
}

const DATA = 'training/data';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { config: { type: 'string', default: 'small' }, seeds: { type: 'string', default: '5' }, runs: { type: 'string', default: 'training/runs' }, plan: { type: 'boolean' } } });
  const seeds = Number(values.seeds);
  const train = findBundles(['examples']);
  const extra = positionals.length > 0 ? findBundles(positionals) : [];
  mkdirSync(DATA, { recursive: true });
  const script = ['--import', 'tsx', 'scripts/model-data.ts'];
  node([...script, '--out', `${DATA}/examples.jsonl`, 'examples']);
  const held = extra.length > 0 ? extra : train.filter((b) => third(b.name));
  const excluded = extra.length > 0 ? [] : held.map((b) => b.name);
  const runs: Run[] = [];
  const common = ['training/train.py', '--data', `${DATA}/examples.jsonl`, '--config', values.config!, '--threads', '2'];
  const variants: [string, string[]][] = [
    ['sft', ['--phases', 'sft']],
    ['sft+grpo', ['--phases', 'sft,grpo']],
    ['sft+grpo, no evolver', ['--phases', 'sft,grpo', '--no-corrective']],
  ];
  for (const [name, args] of variants) {
    for (let s = 0; s < seeds; s++) runs.push({ id: `${slug(name)}-${values.config}-s${s}${excluded.length ? '-third' : ''}`, args: [...common, ...args, '--seed', String(s), ...(excluded.length ? ['--exclude-names', excluded.join(',')] : [])], test: held, group: `held-out bundles: ${name}` });
  }
  const labels = [...new Set(train.map((b) => b.truth.fault).filter((f) => f !== 'none'))].sort();
  const everything = [...train, ...extra];
  for (let g = 0; g < 3; g++) {
    const group = labels.filter((_, i) => i % 3 === g);
    for (let s = 0; s < seeds; s++) {
      runs.push({ id: `types${g}-${values.config}-s${s}`, args: [...common, '--phases', 'sft,grpo', '--exclude-labels', group.join(','), '--seed', String(s)], test: everything.filter((b) => group.includes(b.truth.fault)), group: `held-out fault types (sft+grpo)` });
    }
  }
  if (values.plan) {
    for (const r of runs) console.log(['python3', ...r.args, '--out', join(values.runs!, r.id)].join(' '));
    return;
  }
  for (const r of runs) {
    const out = join(values.runs!, r.id);
    if (existsSync(join(out, 'manifest.json'))) continue;
    console.error(`eval:model: training ${r.id}`);
    const p = spawnSync(process.env['AOI_PYTHON'] ?? '/usr/bin/python3', [...r.args, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (p.status !== 0) throw new Error(`training ${r.id} failed (exit ${p.status ?? p.signal})`);
  }

  const rules = new Map<string, boolean>();
  for (const b of new Set(runs.flatMap((r) => r.test))) rules.set(b.dir, right(await diagnose(b.dir), b));
  const results = new Map<string, { model: boolean[][]; combined: boolean[][]; rules: boolean[] }>();
  for (const r of runs) {
    const scorer = new OnnxObserverModel(join(values.runs!, r.id), 'cpu');
    const entry = results.get(r.group) ?? { model: [], combined: [], rules: r.test.map((b) => rules.get(b.dir)!) };
    const modelOnly: boolean[] = [];
    const combined: boolean[] = [];
    for (const b of r.test) {
      modelOnly.push(right(await diagnose(b.dir, { model: { scorer, weight: 1 } }), b));
      combined.push(right(await diagnose(b.dir, { model: { scorer } }), b));
    }
    entry.model.push(modelOnly);
    entry.combined.push(combined);
    if (r.group.startsWith('held-out fault types') && entry.rules.length < entry.model.flat().length / entry.model.length) entry.rules = r.test.map((b) => rules.get(b.dir)!);
    results.set(r.group, entry);
  }
  console.log(`test set: ${extra.length > 0 ? positionals.join(', ') : 'a fixed third of examples/'} (${held.length} bundles); fault-type groups: ${[0, 1, 2].map((g) => labels.filter((_, i) => i % 3 === g).join('+')).join(' | ')}; ${seeds} seeds, config ${values.config}\n`);
  console.log('| evaluation | ranking | avg@1 | avg@5 | std | best@5 |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [group, e] of results) {
    if (!group.includes('no evolver') && !group.endsWith('sft')) row(group, 'rules alone', [e.rules]);
    row(group, 'model alone', e.model);
    row(group, 'combined', e.combined);
  }
}

function row(group: string, ranking: string, runs: boolean[][]): void {
  const acc = runs.map((r) => r.filter(Boolean).length / Math.max(1, r.length));
  const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
  const std = Math.sqrt(acc.reduce((a, b) => a + (b - mean) ** 2, 0) / acc.length);
  const best = runs[0]!.map((_, i) => runs.some((r) => r[i])).filter(Boolean).length / Math.max(1, runs[0]!.length);
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log(`| ${group} | ${ranking} | ${pct(acc[0]!)} | ${pct(mean)} | ${(100 * std).toFixed(1)} | ${pct(best)} |`);
}

/** Top-1 fault right, and for a faulty bundle an acceptable component. */
function right(d: Diagnosis, b: LabeledBundle): boolean {
  const top = d.hypotheses[0]!;
  return top.fault === b.truth.fault && (b.truth.fault === 'none' || b.truth.components.includes(top.component));
}

/** A fixed third of the bundles by name (the held-out set when no extra folder is given). */
function third(name: string): boolean {
  return createHash('sha256').update(name).digest()[0]! % 3 === 0;
}

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function node(args: string[]): void {
  const p = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (p.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${p.status ?? p.signal})`);
}

main().catch((err: unknown) => {
  console.error(`eval:model: ${(err as Error).message}`);
  process.exitCode = 1;
});
