/**
 * The engine's entry: `diagnose(folder)` reads a folder of logs and configs (an incident bundle or a
 * workspace) and returns ranked hypotheses with evidence. Both fronts (the CLI and the language server)
 * call it. It reads files and never writes any.
 */
import { listWorkspaceFiles, type WorkspaceFile } from './ingest/workspace';
import { classifyFile } from './ingest/classify';
import { readConfigs, type ClassifiedFile } from './ingest/read-configs';
import { readLogs } from './ingest/read-logs';
import { Topology } from './analyzers/topology';
import { logComponents } from './analyzers/log-components';
import { buildIncident } from './analyzers/incident';
import { analyzeIncident } from './analyzers/analyzers';
import { rankFindings } from './agents/observer/rank';
import { rankWithGuidance } from './agents/observer/guidance';
import type { GuidanceEntry } from './trajectories/evolver/guidance-entry';
import { probeLoop, withAnswers, type Ranking } from './agents/observer/probe-loop';
import { argvKey, verdictFindings } from './agents/probes/catalog/verdicts';
import type { ProbeIdea } from './agents/probes/catalog/probe';
import { probeEvidence } from './agents/probes/probe-evidence';
import { readRecordings, RecordedProbes } from './agents/probes/recordings';
import { ProbeRunner, type ArgvPolicy } from './agents/probes/runner';
import type { ProbeOutcome } from './agents/probes/outcome';
import { emptyRuntimeState, mergeRuntimeState } from './ingest/runtime/state';
import type { OwnedTemplate } from './ingest/log-evidence';
import { proposeFixes } from './agents/executor/proposal';
import { buildTimeline } from './ingest/log-timeline';
import { BadInputError, oneLine } from './errors';
import { evidenceItems, type EvidenceItem, type EvidenceState } from './model/evidence-items';
import type { EvidenceScorer } from './model/observer-model';
import { combineWithModel } from './agents/observer/model-ranking';
import { resolveSettings, type RawSettings, type Diagnosis, type ProbeSuggestion } from './protocol';

/** Options of one diagnosis. */
export interface DiagnoseOptions {
  settings?: RawSettings;
  signal?: AbortSignal;
  /** Called as files are read: what is being read, files done, files in all. */
  onProgress?: (message: string, done: number, total: number) => void;
  /** Folder-relative paths whose text replaces the file on disk (documents open in an editor, unsaved). */
  overrides?: ReadonlyMap<string, string>;
  /** Reads configs and command outputs only, no logs: the fast check an editor runs as the user types. */
  configsOnly?: boolean;
  /** Reports the analyzers' combined strengths instead of calibrated confidences (for fitting the calibration). */
  rawConfidence?: boolean;
  /**
   * Lets the observer ask for up to `maxProbes` probes, answered from the folder's recorded probe results
   * (`probes/*.json`) after the read-only policy allowed them; nothing runs live.
   */
  replay?: { maxProbes: number; policy: ArgvPolicy };
  /**
   * Lets the observer run up to `maxProbes` probes live, each through the read-only policy and the probe runner
   * (no shell, scrubbed environment, in the diagnosed folder, under `timeoutMs`). Only when asked for.
   */
  live?: { maxProbes: number; policy: ArgvPolicy; timeoutMs?: number };
  /**
   * Answers already obtained for this folder (probes run from the editor), in the order run: read as evidence,
   * and shown on their probes with what each changed.
   */
  answered?: readonly ProbeOutcome[];
  /** Marks the proposed probes this policy refuses as `refused`, with its reason, so nobody is offered them. */
  policy?: ArgvPolicy;
  /**
   * Sees what the observer started from, once, before any probe of this diagnosis: the ranking and the log
   * templates it was drawn from (warnings and errors first). The trajectory recorder keeps it as the step's
   * observation.
   */
  observe?: (first: InitialObservation) => void;
  /**
   * Team guidance (`aoi evolve`): entries whose symptom signature matches the incident support the conclusion
   * people reached and discount the hypothesis they ruled out; `Diagnosis.guidance` says which applied.
   */
  guidance?: readonly GuidanceEntry[];
  /**
   * The observer's model (server/model/): scores the evidence items of the final state, and its scores are
   * combined with the rules' ranking at the model's weight (or `weight`: 1 ranks by the model alone). A model
   * that cannot load or run leaves the rules' ranking, with a note saying why. Absent: rules alone.
   */
  model?: { scorer: EvidenceScorer; weight?: number };
  /** Sees the evidence items of the final state (what a model reads), e.g. to write training data. */
  observeItems?: (items: EvidenceItem[]) => void;
}

/** What the observer saw before probing. */
export interface InitialObservation {
  hypotheses: Diagnosis['hypotheses'];
  /** Log templates, the most severe and frequent first (at most 60). */
  templates: { template: string; count: number; owner?: string; severity: number }[];
}

/**
 * Diagnoses the folder at `folder`. Throws `BadInputError` for a missing folder, a file instead of a
 * folder, or a folder with nothing readable in it; unreadable, binary and oversized files become notes.
 */
export async function diagnose(folder: string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const started = performance.now();
  const settings = resolveSettings(options.settings);
  const { signal } = options;
  const { files, notes } = await listWorkspaceFiles(folder, settings.maxFiles, signal);
  if (files.length === 0 && notes.length === 0) throw new BadInputError(`empty folder: ${folder} holds no files to diagnose`);

  const classified: ClassifiedFile[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    const c = await classifyFile(file, settings.maxFileSizeMB * 1024 * 1024);
    if ('skip' in c) notes.push({ file: file.rel, message: `skipped: ${c.skip}` });
    else classified.push({ ...file, kind: c.kind });
  }
  const readable = classified.filter((f) => f.kind !== 'probe-recording');
  if (readable.length === 0) {
    const why = notes.slice(0, 3).map((n) => `${n.file}: ${n.message}`).join('; ');
    throw new BadInputError(`nothing to diagnose in ${folder}: ${notes.length} file(s) skipped (${why})`);
  }

  const configs = readable.filter((f) => f.kind !== 'log');
  const logs = options.configsOnly ? [] : readable.filter((f) => f.kind === 'log');
  const total = configs.length + logs.length;
  let done = 0;
  const onFile = (f: WorkspaceFile): void => options.onProgress?.(`reading ${f.rel}`, done++, total);

  const config = await readConfigs(configs, notes, { ...(options.overrides ? { overrides: options.overrides } : {}), ...(signal ? { signal } : {}), onFile });
  const logReading = await readLogs(logs, notes, { mounts: config.mounts, known: config.known, ...(signal ? { signal } : {}), onFile });
  // Every probe proposed so far, by argv: an answer is read by the probe that asked for it.
  const ideas = new Map<string, ProbeIdea>();
  const answered = options.answered ?? [];
  let state: EvidenceState = { templates: [], findings: [], probes: [] };
  const rank = (outcomes: ProbeOutcome[]): Ranking => {
    const extra = probeEvidence(outcomes);
    const runtime = emptyRuntimeState();
    mergeRuntimeState(runtime, config.runtime);
    mergeRuntimeState(runtime, extra.runtime);
    const logs = { ...logReading.evidence, templates: [...logReading.evidence.templates, ...extra.templates] };
    const topology = new Topology(config.facts, [...logReading.signals.listening, ...extra.signals.listening], logComponents(logReading.evidence));
    const incident = buildIncident({ facts: config.facts, runtime, topology, logs, refused: [...logReading.signals.refused, ...extra.signals.refused], files: files.map((f) => f.rel) });
    const findings = analyzeIncident(incident);
    for (const f of findings) for (const p of f.probes ?? []) if (!ideas.has(argvKey(p.argv))) ideas.set(argvKey(p.argv), p);
    const all = [...findings, ...verdictFindings(ideas, outcomes)];
    state = { templates: logs.templates, findings: all, probes: outcomes.map((o) => ({ outcome: o, subject: ideas.get(argvKey(o.argv))?.subject ?? '', id: ideas.get(argvKey(o.argv))?.id ?? '' })) };
    const raw = { raw: options.rawConfidence === true };
    const ranking = options.guidance ? rankWithGuidance(all, options.guidance, { templates: logs.templates, components: [...topology.components] }, raw) : rankFindings(all, raw);
    return options.policy ? { ...ranking, probes: ranking.probes.map((p) => refusedBy(options.policy!, p)) } : ranking;
  };
  let ranking = rank([]);
  if (answered.length > 0) ranking = withAnswers(ranking, rank, answered);
  options.observe?.({ hypotheses: ranking.hypotheses, templates: templateSummary(logReading.evidence.templates) });
  const rankLater = (later: ProbeOutcome[]): Ranking => rank([...answered, ...later]);
  if (options.replay && options.replay.maxProbes > 0) {
    const recorded = new RecordedProbes(options.replay.policy, await readRecordings(classified.filter((f) => f.kind === 'probe-recording'), notes));
    ranking = await probeLoop(ranking, rankLater, (argv) => recorded.run(argv), options.replay.maxProbes);
  } else if (options.live && options.live.maxProbes > 0) {
    const runner = new ProbeRunner(options.live.policy, { cwd: folder, ...(options.live.timeoutMs ? { timeoutMs: options.live.timeoutMs } : {}) });
    ranking = await probeLoop(ranking, rankLater, (argv) => runner.run(argv, signal), options.live.maxProbes);
  }
  let model: Diagnosis['model'] = { name: 'none', version: '', executionProvider: 'none', inferenceMs: 0 };
  const items = options.model || options.observeItems ? evidenceItems(state) : [];
  options.observeItems?.(items);
  if (options.model) {
    const { scorer } = options.model;
    try {
      const scores = await scorer.score(items);
      ranking = combineWithModel(ranking, items, scores, options.model.weight ?? scorer.weight());
      model = { ...scorer.info(), inferenceMs: Math.round(scores.inferenceMs * 10) / 10 };
    } catch (err) {
      notes.push({ file: scorer.info().name, message: `model not used, the expert rules ranked alone: ${oneLine(err)}` });
    }
  }
  const { hypotheses, probes } = ranking;
  const { proposals, notes: fixNotes } = await proposeFixes(folder, ranking.fixIdeas, options.overrides);
  const fixes = proposals.map(({ newContent, ...fix }) => fix);
  const timeline = buildTimeline(logReading.evidence.templates, hypotheses[0]!.evidence);
  return {
    version: 1,
    detected: hypotheses[0]!.fault !== 'none',
    hypotheses,
    probes,
    fixes,
    model,
    timings: { totalMs: Math.round(performance.now() - started) },
    notes,
    ...(fixNotes.length > 0 ? { fixNotes } : {}),
    inputs: { filesRead: configs.length + logs.length, logLines: logReading.lines, configFiles: configs.length, logFiles: logs.length },
    ...(ranking.guidance ? { guidance: ranking.guidance } : {}),
    ...(timeline ? { timeline } : {}),
  };
}

/** The templates worth showing a model, the most severe and frequent first. */
function templateSummary(templates: readonly OwnedTemplate[]): InitialObservation['templates'] {
  return [...templates]
    .sort((a, b) => b.severityNumber - a.severityNumber || b.count - a.count)
    .slice(0, 60)
    .map((t) => ({ template: t.template, count: t.count, severity: t.severityNumber, ...(t.owner ? { owner: t.owner } : {}) }));
}

/** `p` marked refused, with the policy's reason, when the policy refuses it and it was not asked yet. */
function refusedBy(policy: ArgvPolicy, p: ProbeSuggestion): ProbeSuggestion {
  if (p.status !== 'proposed') return p;
  const decision = policy.check(p.argv);
  return decision.allowed ? p : { ...p, status: 'refused', output: decision.reason };
}
