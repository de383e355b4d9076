/**
 * `node --import tsx scripts/model-data.ts --out FILE [--store STORE] DIR...`: runs the engine over the
 * labelled incident bundles under DIR (examples/, `aoi lab run --save-bundles` folders: any folder of
 * `<name>/` + `<name>.truth.json`) and writes one JSON line per bundle with everything the training pipeline
 * (training/) needs, so Python only reads featurized data:
 *
 * - `base`: the evidence items (server/model/evidence-items.ts) of the first state, before any probe;
 * - `probes`: each probe the rules propose there, with its catalog id, how the replay environment answers it
 *   (`replayed`, `not recorded`, `refused`) and the items its answer adds;
 * - `expert`: the rule observer's own replayed probe sequence and whether its diagnosis was right (accepted);
 * - `corrective`: the Evolver's corrective pairs for the bundle (from failed attempts recorded in a trajectory
 *   store: the engine's configs-only attempts, which this script records, plus any sessions of `--store`),
 *   each with the items of the state it failed in.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diagnose, type InitialObservation } from '../server/diagnose';
import { ProbePolicy } from '../server/agents/probes/policy';
import { readRecordings, RecordedProbes } from '../server/agents/probes/recordings';
import { openStore } from '../server/trajectories/open-store';
import { SessionRecorder } from '../server/trajectories/recorder';
import { evolve } from '../server/trajectories/evolver/evolve';
import type { EvidenceItem } from '../server/model/evidence-items';
import type { FaultLabel } from '../server/protocol';
import { findBundles, type LabeledBundle } from './eval/truth';
import { readStoreSessions } from './model/store-sessions';

/** Most probes of the first state offered to the replay environment. */
const MAX_PROBES = 10;
/** Probes the expert (the rule observer) asks in its replayed trajectory. */
const EXPERT_PROBES = 3;

/** An item as written: text, component, kind. */
type Row = { t: string; c: string; k: EvidenceItem['kind'] };
const row = (i: EvidenceItem): Row => ({ t: i.text, c: i.component, k: i.kind });

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, store: { type: 'string', multiple: true } } });
  if (!values.out || positionals.length === 0) throw new Error('usage: model-data.ts --out FILE [--store STORE] DIR...');
  const bundles = findBundles(positionals);
  const policy = new ProbePolicy({ resolve: (tool) => `/usr/bin/${tool}` });
  const attempts = mkdtempSync(join(tmpdir(), 'aoi-model-data-'));
  const store = openStore(attempts);
  const lines: string[] = [];
  const configsOnlyItems = new Map<string, Row[]>();
  try {
    for (const b of bundles) {
      const { line, configsOnly } = await bundleRecord(b, policy, store);
      lines.push(line);
      configsOnlyItems.set(b.name, configsOnly);
    }
    const sessions = [...(await readStoreSessions(attempts)), ...(await Promise.all((values.store ?? []).map((s) => readStoreSessions(resolve(s))))).flat()];
    const evolved = evolve(sessions);
    const nameOf = new Map(sessions.map((s) => [s.header.id, s.header.incident.name]));
    const pairs = new Map<string, unknown[]>();
    for (const p of evolved.pairs.filter((x) => x.contrast === 'diagnosis')) {
      const name = nameOf.get(p.provenance.session);
      const chosen = submitted(p.chosen[0]?.tool_calls?.[0]?.function.arguments);
      const rejected = submitted(p.rejected[0]?.tool_calls?.[0]?.function.arguments);
      if (!name || !chosen || !rejected || !configsOnlyItems.has(name)) continue;
      pairs.set(name, [...(pairs.get(name) ?? []), { items: configsOnlyItems.get(name), chosen, rejected, reason: p.reason }]);
    }
    const out = lines.map((l) => {
      const r = JSON.parse(l) as { name: string };
      return JSON.stringify({ ...r, corrective: pairs.get(r.name) ?? [] });
    });
    writeFileSync(values.out, `${out.join('\n')}\n`);
    console.error(`model-data: ${bundles.length} bundles, ${evolved.episodes} episodes evolved, ${evolved.failed} failed, ${[...pairs.values()].flat().length} corrective pairs -> ${values.out}`);
  } finally {
    rmSync(attempts, { recursive: true, force: true });
  }
}

/** One bundle's line, and the items of its configs-only state (recorded as an attempt in `store`). */
async function bundleRecord(b: LabeledBundle, policy: ProbePolicy, store: ReturnType<typeof openStore>): Promise<{ line: string; configsOnly: Row[] }> {
  let items: EvidenceItem[] = [];
  const keep = (xs: EvidenceItem[]): void => void (items = xs);
  const first = await diagnose(b.dir, { policy, observeItems: keep });
  const base = items.map(row);
  const baseKeys = new Set(base.map((r) => r.t));
  const probeDir = join(b.dir, 'probes');
  let files: { rel: string; path: string }[] = [];
  try {
    files = readdirSync(probeDir).filter((f) => f.endsWith('.json')).map((f) => ({ rel: `probes/${f}`, path: join(probeDir, f) }));
  } catch {
    files = [];
  }
  const recorded = new RecordedProbes(policy, await readRecordings(files, []));
  const probes = [];
  for (const p of first.probes.slice(0, MAX_PROBES)) {
    const outcome = recorded.run(p.argv);
    let added: Row[] = [];
    if (outcome.status === 'replayed') {
      await diagnose(b.dir, { policy, answered: [outcome], observeItems: keep });
      added = items.map(row).filter((r) => !baseKeys.has(r.t));
    }
    probes.push({ id: p.id ?? '', argv: p.argv, status: outcome.status, items: added });
  }
  const expert = await diagnose(b.dir, { policy, replay: { maxProbes: EXPERT_PROBES, policy } });
  const asked = expert.probes.filter((p) => p.status !== 'proposed' && p.status !== 'refused');
  const truth = { fault: b.truth.fault as FaultLabel, components: b.truth.components };
  const top = expert.hypotheses[0]!;
  const correct = top.fault === truth.fault && (truth.fault === 'none' || truth.components.includes(top.component));

  // The configs-only attempt: what the engine concludes without the logs. Recorded with the truth, so the
  // Evolver finds it wrong where it is.
  let observed: InitialObservation | undefined;
  const quick = await diagnose(b.dir, { policy, configsOnly: true, observeItems: keep, observe: (o) => (observed = o) });
  const configsOnly = items.map(row);
  const recorder = await SessionRecorder.start(store, { source: 'cli', folder: b.name, truth: { fault: truth.fault, component: truth.components[0] ?? '', components: truth.components } }, observed?.hypotheses ?? quick.hypotheses);
  await recorder.diagnosis(quick, observed);

  const line = JSON.stringify({
    name: b.name,
    dir: basename(resolve(b.dir, '..')),
    truth,
    rules: { fault: first.hypotheses[0]!.fault, component: first.hypotheses[0]!.component },
    base,
    probes,
    expert: { probes: asked.map((p) => p.id ?? ''), statuses: asked.map((p) => p.status), correct },
  });
  return { line, configsOnly };
}

/** `{fault, component}` of a submit_diagnosis call's JSON arguments. */
function submitted(args: string | undefined): { fault: string; component: string } | undefined {
  if (!args) return undefined;
  const a = JSON.parse(args) as { fault?: string; component?: string };
  return typeof a.fault === 'string' ? { fault: a.fault, component: a.component ?? '' } : undefined;
}

main().catch((err: unknown) => {
  console.error(`model-data: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
