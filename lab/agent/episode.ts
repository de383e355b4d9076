/**
 * One agent episode on the live lab: inject a fault, let the workload run into it, and run the AOI loop:
 * observe and probe live (read-only, through the probe policy), rank, propose fixes, have the scripted
 * reviewer approve or reject them, apply the approved one through the executor's gate, and verify it against
 * the live shop. The episode scores the four AIOpsLab task types of its fault at once: detection, localization,
 * root-cause analysis and mitigation. It is recorded as a trajectory when a store is given.
 */
import { cp, mkdir, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnose, type DiagnoseOptions, type InitialObservation } from '../../server/diagnose';
import { Executor, type ExecutorEvent } from '../../server/agents/executor/executor';
import { verification } from '../../server/agents/executor/verify';
import { ProbePolicy } from '../../server/agents/probes/policy';
import { SessionRecorder } from '../../server/trajectories/recorder';
import type { TrajectoryStore } from '../../server/trajectories/store';
import type { Diagnosis } from '../../server/protocol';
import type { Lab } from '../lab-control';
import type { Fault, FixTruth } from '../faults/fault';
import { injectFault, recoverActiveFault, CONFIG_DIRS } from '../faults/active-fault';
import { runWorkload, type WorkloadResult } from '../workload';
import { shopHealthy } from '../supervisor/health';
import { waitFor } from '../supervisor/datastores';
import { readStatus } from '../supervisor/status';
import { review, REVIEWER } from './reviewer';

export type TaskType = 'detection' | 'localization' | 'analysis' | 'mitigation';
export const TASK_TYPES: readonly TaskType[] = ['detection', 'localization', 'analysis', 'mitigation'];

export interface EpisodeOptions {
  run: number;
  /** The workload's success rate on the healthy shop (mitigation must get back to it). */
  baseline: number;
  /** How long the workload runs into the fault, and again after the fix. */
  windowMs: number;
  maxProbes: number;
  store?: TrajectoryStore;
  /** Saves the incident as a bundle (workspace files, recorded probes, truth) under this folder. */
  saveBundles?: string;
}

export interface EpisodeResult {
  fault: string;
  label: string;
  run: number;
  /** Per task type; absent where the task does not apply (only detection for the no-fault control). */
  success: Partial<Record<TaskType, boolean>>;
  top: { fault: string; component: string; confidence: number };
  probes: number;
  fixes: { proposed: number; rejected: number; approved?: string; applied: boolean };
  workload: { faulted: WorkloadResult; after?: WorkloadResult };
  wallMs: number;
  session?: string;
  error?: string;
}

/** Mitigation counts when the success rate is within this of the baseline. */
const TOLERANCE = 0.02;

/** The truth's fix for this lab. */
export function fixTruth(fault: Fault, lab: Lab): FixTruth | undefined {
  const f = fault.truth.fix;
  return typeof f === 'function' ? f(lab.ports) : f;
}

export function componentMatches(fault: Fault, component: string): boolean {
  const names = [fault.truth.component, ...(fault.truth.components ?? [])].map((n) => n.toLowerCase());
  return names.includes(component.toLowerCase());
}

/** Empties every log of the workspace: the incident window starts now (the processes append to them). */
async function truncateLogs(lab: Lab): Promise<void> {
  for (const e of await readdir(lab.paths.logs, { recursive: true, withFileTypes: true })) if (e.isFile()) await truncate(join(e.parentPath, e.name));
}

/** Waits until the supervisor finished a round that began after now (it has seen every file change). */
async function settle(lab: Lab, extraMs = 1200): Promise<void> {
  const since = Date.now();
  await waitFor('the lab supervisor', async () => {
    const s = await readStatus(lab.paths.status);
    if (!s || Date.parse(s.updatedAt) < since + 600) throw new Error('no round since the change');
  }, 10000);
  await new Promise((r) => setTimeout(r, extraMs));
}

/**
 * Puts the lab back to healthy: the fault recovered, review records gone, the receipts volume emptied (the
 * shop's archive job, which would otherwise fill it over many episodes), every part answering.
 */
export async function resetLab(lab: Lab): Promise<void> {
  await recoverActiveFault(lab);
  await rm(join(lab.paths.workspace, '.aoi'), { recursive: true, force: true });
  for (const f of await readdir(lab.paths.receipts).catch(() => [])) await rm(join(lab.paths.receipts, f), { force: true });
  await settle(lab, 300);
  await waitFor('the shop after recovery', () => shopHealthy(lab.paths, lab.ports), 30000);
}

export async function runEpisode(lab: Lab, fault: Fault, o: EpisodeOptions): Promise<EpisodeResult> {
  const started = performance.now();
  const ws = lab.paths.workspace;
  await resetLab(lab);
  await truncateLogs(lab);
  await injectFault(lab, fault);
  await settle(lab);
  const faulted = await runWorkload({ gatewayPort: lab.ports.gateway, durationMs: o.windowMs });

  const policy = new ProbePolicy();
  const live: DiagnoseOptions = { live: { maxProbes: o.maxProbes, policy, timeoutMs: 3000 } };
  let first: InitialObservation | undefined;
  const d = await diagnose(ws, { ...live, observe: (f) => (first = f) });
  const truth = fault.truth;
  const top = d.hypotheses[0]!;
  const isFault = truth.label !== 'none';
  const success: EpisodeResult['success'] = { detection: d.detected === isFault };
  if (isFault) {
    success.localization = componentMatches(fault, top.component);
    success.analysis = top.fault === truth.label;
  }
  if (o.saveBundles) await saveBundle(lab, fault, o, d);

  const recorder = o.store ? await SessionRecorder.start(o.store, { source: 'lab', folder: ws, truth: { fault: truth.label, component: truth.component, ...(truth.components ? { components: truth.components } : {}) }, tags: { lab: fault.id, run: String(o.run) } }, first?.hypotheses ?? d.hypotheses) : undefined;
  await recorder?.diagnosis(d, first);

  const proposals = d.fixes.filter((f) => f.status === 'proposed');
  const fixes: EpisodeResult['fixes'] = { proposed: proposals.length, rejected: 0, applied: false };
  let after: WorkloadResult | undefined;
  if (isFault) {
    const events: Promise<void>[] = [];
    const executor = new Executor(ws, {
      onEvent: (e: ExecutorEvent) => void events.push(recorder?.executor(e) ?? Promise.resolve()),
      verify: async (p) => {
        // The change is live once the supervisor applied it; the fix is judged on fresh logs and traffic.
        await settle(lab, 1500);
        await truncateLogs(lab);
        after = await runWorkload({ gatewayPort: lab.ports.gateway, durationMs: o.windowMs });
        return verification(p, await diagnose(ws, live));
      },
    });
    for (const decision of review(fixTruth(fault, lab), proposals)) {
      if (!decision.approve) {
        await executor.reject(decision.proposal.id, REVIEWER, decision.reason, decision.proposal);
        fixes.rejected++;
        continue;
      }
      await executor.approve(decision.proposal.id, REVIEWER, decision.reason, decision.proposal);
      fixes.approved = decision.proposal.id;
      await executor.apply(decision.proposal.id, REVIEWER);
      fixes.applied = true;
    }
    let healthy = false;
    if (fixes.applied) healthy = await waitFor('the shop after the fix', () => shopHealthy(lab.paths, lab.ports), 8000).then(() => true, () => false);
    success.mitigation = fixes.applied && healthy && !!after && after.successRate >= o.baseline - TOLERANCE;
    await Promise.all(events);
    if (!fixes.applied) await recorder?.outcome(false, proposals.length === 0 ? 'no fix proposed' : `no proposed fix addresses ${fault.id}; ${fixes.rejected} rejected`);
    else if (!success.mitigation) await recorder?.outcome(false, `fix ${fixes.approved} applied, but the shop did not recover (${after ? `${(after.successRate * 100).toFixed(1)}% of requests succeed` : 'no traffic'}, health ${healthy ? 'ok' : 'failing'})`);
  } else {
    await recorder?.outcome(!d.detected, d.detected ? `false alarm: ${top.fault} in ${top.component}` : 'no fault reported on a healthy shop');
  }
  await recoverActiveFault(lab);
  return {
    fault: fault.id,
    label: truth.label,
    run: o.run,
    success,
    top: { fault: top.fault, component: top.component, confidence: top.confidence },
    probes: d.probes.filter((p) => p.status === 'ran' || p.status === 'failed').length,
    fixes,
    workload: { faulted, ...(after ? { after } : {}) },
    wallMs: Math.round(performance.now() - started),
    ...(recorder ? { session: recorder.id } : {}),
  };
}

/** The incident as a bundle: the workspace's configs and logs, the probes that ran (recorded), the truth. */
async function saveBundle(lab: Lab, fault: Fault, o: EpisodeOptions, d: Diagnosis): Promise<void> {
  const name = `lab-${fault.id}-run${o.run}`;
  const dir = join(o.saveBundles!, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'probes'), { recursive: true });
  for (const rel of [...CONFIG_DIRS, 'logs', 'README.md']) await cp(join(lab.paths.workspace, rel), join(dir, rel), { recursive: true });
  let i = 0;
  for (const p of d.probes.filter((x) => x.status === 'ran' || x.status === 'failed')) {
    const slug = p.argv.join('-').replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 60);
    await writeFile(join(dir, 'probes', `${String(++i).padStart(2, '0')}-${slug}.json`), `${JSON.stringify({ argv: p.argv, stdout: p.output ?? '', stderr: '', exitCode: p.exitCode ?? 0, at: new Date().toISOString() }, null, 2)}\n`);
  }
  const fix = fixTruth(fault, lab);
  const truth = { fault: fault.truth.label, components: [fault.truth.component, ...(fault.truth.components ?? [])].filter(Boolean), note: `AOI lab fault ${fault.id}: ${fault.summary}.`, ...(fix && !('argv' in fix) && fix.added ? { fix: { file: fix.file, added: fix.added.source } } : {}) };
  await writeFile(join(o.saveBundles!, `${name}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
}
