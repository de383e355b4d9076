/**
 * The engine's entry: `diagnose(folder)` reads a folder of logs and configs (an incident bundle or a
 * workspace) and returns ranked hypotheses with evidence. Both fronts (the CLI and the language server)
 * call it. It reads files and never writes any.
 */
import { readFile } from 'node:fs/promises';
import { listWorkspaceFiles, type WorkspaceFile } from './ingest/workspace';
import { classifyFile, type FileKind } from './ingest/classify';
import { forEachLine } from './ingest/line-reader';
import { ownerOfFile } from './ingest/owners';
import { parseYamlStream, type PNode } from './ingest/config/yaml-tree';
import { SourceText } from './ingest/config/source-text';
import { emptyFacts, mergeFacts, type ConfigFacts } from './ingest/config/facts';
import { isKubernetesDocument, kubernetesFacts } from './ingest/config/kubernetes';
import { composeFacts, isComposeDocument } from './ingest/config/compose';
import { nginxFacts, parseNginxConfig } from './ingest/config/nginx-conf';
import { keyValueSettings, treeSettings } from './ingest/config/key-values';
import { LogSignalCollector } from './analyzers/log-signals';
import { Topology } from './analyzers/topology';
import { analyzePorts } from './analyzers/port-misconfig';
import { rankFindings } from './agents/observer/rank';
import { BadInputError, isAbort, oneLine } from './errors';
import { resolveSettings, type AoiSettings, type Diagnosis, type FileNote } from './protocol';

/** Options of one diagnosis. */
export interface DiagnoseOptions {
  settings?: Partial<AoiSettings>;
  signal?: AbortSignal;
  /** Called as files are read: what is being read, files done, files in all. */
  onProgress?: (message: string, done: number, total: number) => void;
}

interface ClassifiedFile extends WorkspaceFile {
  kind: FileKind;
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

  const total = readable.length;
  let done = 0;
  const progress = (f: WorkspaceFile): void => options.onProgress?.(`reading ${f.rel}`, done++, total);
  const configs = readable.filter((f) => f.kind !== 'log');
  const logs = readable.filter((f) => f.kind === 'log');

  const facts = emptyFacts();
  const { mounts, deferred } = await readStructuredConfigs(configs, facts, notes, progress, signal);
  const known = new Set(facts.components.map((c) => c.name.toLowerCase()));
  for (const [file, source, parse] of deferred) {
    signal?.throwIfAborted();
    mergeFacts(facts, parse(source, ownerOfFile(file.rel, mounts, known)));
  }

  const collector = new LogSignalCollector();
  let logLines = 0;
  for (const file of logs) {
    signal?.throwIfAborted();
    progress(file);
    const owner = ownerOfFile(file.rel, mounts, known);
    try {
      const stats = await forEachLine(file.path, (text, line) => collector.observe(file.rel, owner, text, line), signal ? { signal } : {});
      logLines += stats.lines;
      if (stats.truncatedLines > 0) notes.push({ file: file.rel, message: `${stats.truncatedLines} over-long line(s) cut to 64 KiB` });
    } catch (err) {
      if (isAbort(err)) throw err;
      notes.push({ file: file.rel, message: `skipped: cannot read: ${oneLine(err)}` });
    }
  }

  const signals = collector.result();
  const topology = new Topology(facts, signals.listening);
  const findings = analyzePorts({ topology, services: facts.services, workloads: facts.workloads, refused: signals.refused });
  const { hypotheses, probes } = rankFindings(findings);
  return {
    version: 1,
    detected: hypotheses[0]!.fault !== 'none',
    hypotheses,
    probes,
    fixes: [],
    model: { name: 'none', version: '', executionProvider: 'none', inferenceMs: 0 },
    timings: { totalMs: Math.round(performance.now() - started) },
    notes,
    inputs: { filesRead: readable.length, logLines, configFiles: configs.length, logFiles: logs.length },
  };
}

type DeferredParse = [ClassifiedFile, SourceText, (src: SourceText, owner: string | undefined) => ConfigFacts];

/**
 * Reads every config. Kubernetes and Compose facts are extracted at once (they name their own
 * components); files that need to know their owner (nginx.conf, .env, app configs) are deferred until
 * every Compose file has said which service mounts what.
 */
async function readStructuredConfigs(
  configs: ClassifiedFile[],
  facts: ConfigFacts,
  notes: FileNote[],
  progress: (f: WorkspaceFile) => void,
  signal: AbortSignal | undefined,
): Promise<{ mounts: Map<string, string>; deferred: DeferredParse[] }> {
  const mounts = new Map<string, string>();
  const deferred: DeferredParse[] = [];
  for (const file of configs) {
    signal?.throwIfAborted();
    progress(file);
    let source: SourceText;
    try {
      source = new SourceText(file.rel, await readFile(file.path, 'utf8'));
    } catch (err) {
      notes.push({ file: file.rel, message: `skipped: cannot read: ${oneLine(err)}` });
      continue;
    }
    if (file.kind === 'yaml' || file.kind === 'json') {
      const { documents, problems } = parseYamlStream(source.text);
      for (const p of problems) notes.push({ file: file.rel, line: p.line, message: `${yamlProblemPrefix(source.text)}${p.message}` });
      const docs = documents.filter((d): d is PNode => d !== null);
      const k8s = docs.filter(isKubernetesDocument);
      if (k8s.length > 0) mergeFacts(facts, kubernetesFacts(k8s, source));
      for (const doc of docs.filter((d) => !isKubernetesDocument(d))) {
        if (isComposeDocument(doc)) {
          const compose = composeFacts(doc, source);
          mergeFacts(facts, compose.facts);
          for (const [path, owner] of compose.owners) mounts.set(path, owner);
        } else {
          deferred.push([file, source, (src, owner) => ({ ...emptyFacts(), settings: treeSettings(doc, src, owner) })]);
        }
      }
    } else if (file.kind === 'nginx') {
      const config = parseNginxConfig(source.text);
      for (const p of config.problems) notes.push({ file: file.rel, line: p.line, message: `nginx config: ${p.message}` });
      deferred.push([file, source, (src, owner) => nginxFacts(config, src, owner ?? 'nginx')]);
    } else {
      deferred.push([file, source, (src, owner) => ({ ...emptyFacts(), settings: keyValueSettings(src, owner) })]);
    }
  }
  return { mounts, deferred };
}

/** Helm templates are not YAML until rendered: say so instead of only quoting the parser. */
function yamlProblemPrefix(text: string): string {
  return /\{\{.*\}\}/.test(text) ? 'Helm template, not rendered YAML: ' : 'YAML syntax error: ';
}
