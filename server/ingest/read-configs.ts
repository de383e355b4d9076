/**
 * Reads every non-log file of a folder into config facts and runtime state: Kubernetes manifests and
 * `kubectl -o yaml|json` dumps, Compose files, nginx configs, env/INI/TOML/properties and space-separated
 * configs (redis.conf, postgresql.conf), pg_hba.conf, Dockerfiles, PEM certificates and saved command
 * outputs. Problems (a YAML syntax error, a Helm template, a cut-off table) become notes on the file; the
 * rest is still read.
 */
import { open, readFile } from 'node:fs/promises';
import type { FileNote } from '../protocol';
import { isAbort, oneLine } from '../errors';
import { humanSize, type FileKind } from './classify';
import { ownerOfFile } from './owners';
import type { WorkspaceFile } from './workspace';
import { at, text, type PNode } from './config/yaml-tree';
import { MANIFEST_BUDGET_CHARS, readManifestStream } from './config/manifest-stream';
import { SourceText } from './config/source-text';
import { emptyFacts, mergeFacts, type ConfigFacts } from './config/facts';
import { composeFacts, isComposeDocument } from './config/compose';
import { nginxFacts, parseNginxConfig } from './config/nginx-conf';
import { keyValueSettings, treeSettings } from './config/key-values';
import { pgHbaRules } from './config/pg-hba';
import { dockerfileFacts } from './config/dockerfile';
import { certificateFacts } from './config/certificate';
import { tlsFileReferences } from './config/tls-files';
import { configMapSettings } from './config/kubernetes-config-refs';
import { embeddedFileSettings } from './config/embedded-files';
import { commandSettings } from './config/command-settings';
import { emptyRuntimeState, mergeRuntimeState, type RuntimeState } from './runtime/state';
import { readCommandOutput } from './runtime/read-command-output';
import { runtimeStateFromObjects } from './runtime/status-objects';

/** Most bytes of one config file held in memory; a manifest is parsed within a smaller budget anyway. */
const MAX_CONFIG_READ = MANIFEST_BUDGET_CHARS + (1 << 20);

/** The first `bytes` of a file as text (a character cut at the end is dropped). */
async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(0, bytesRead)).replace(/\uFFFD$/, '');
  } finally {
    await handle.close();
  }
}

/** A file with its kind. */
export interface ClassifiedFile extends WorkspaceFile {
  kind: FileKind;
}

/** What the configs of a folder say. */
export interface ConfigReading {
  facts: ConfigFacts;
  runtime: RuntimeState;
  /** Folder-relative paths mounted or loaded by a Compose service, to that service. */
  mounts: Map<string, string>;
  /** Component names the manifests declared. */
  known: Set<string>;
}

type Deferred = [ClassifiedFile, SourceText, (src: SourceText, owner: string | undefined) => ConfigFacts];

/**
 * Reads `configs`. `overrides` maps folder-relative paths to text that replaces the file on disk (an editor's
 * unsaved document). Kubernetes and Compose facts come first (they name their components); files that need
 * to know their owner (nginx.conf, .env, app configs, Dockerfiles) are read after every Compose file has said
 * which service mounts what.
 */
export async function readConfigs(
  configs: ClassifiedFile[],
  notes: FileNote[],
  options: { overrides?: ReadonlyMap<string, string>; signal?: AbortSignal; onFile?: (f: WorkspaceFile) => void } = {},
): Promise<ConfigReading> {
  const facts = emptyFacts();
  const runtime = emptyRuntimeState();
  const mounts = new Map<string, string>();
  const deferred: Deferred[] = [];
  const sources = new Map<string, SourceText>();
  for (const file of configs) {
    options.signal?.throwIfAborted();
    options.onFile?.(file);
    let source: SourceText;
    try {
      const override = options.overrides?.get(file.rel);
      source = new SourceText(file.rel, override ?? (file.size > MAX_CONFIG_READ ? await readHead(file.path, MAX_CONFIG_READ) : await readFile(file.path, 'utf8')));
      if (override === undefined && file.size > MAX_CONFIG_READ) notes.push({ file: file.rel, message: `only the first ${MAX_CONFIG_READ >> 20} MiB of ${humanSize(file.size)} read` });
    } catch (err) {
      if (isAbort(err)) throw err;
      notes.push({ file: file.rel, message: `skipped: cannot read: ${oneLine(err)}` });
      continue;
    }
    if (file.kind === 'yaml' || file.kind === 'json') sources.set(file.rel, source);
    readOne(file, source, { facts, runtime, mounts, notes, deferred });
  }
  const known = new Set(facts.components.map((c) => c.name.toLowerCase()));
  for (const [file, source, parse] of deferred) {
    options.signal?.throwIfAborted();
    mergeFacts(facts, parse(source, ownerOfFile(file.rel, mounts, known)));
  }
  // A ConfigMap and the workload that loads it may sit in different files: resolve across the folder.
  facts.settings.push(...configMapSettings(facts.workloads, facts.configObjects, facts.settings));
  facts.settings.push(...embeddedFileSettings(facts, sources));
  facts.settings.push(...commandSettings(facts.workloads));
  facts.tlsFiles.push(...tlsFileReferences(facts.settings));
  return { facts, runtime, mounts, known };
}

interface Sink {
  facts: ConfigFacts;
  runtime: RuntimeState;
  mounts: Map<string, string>;
  notes: FileNote[];
  deferred: Deferred[];
}

function readOne(file: ClassifiedFile, source: SourceText, sink: Sink): void {
  const note = (line: number | undefined, message: string): void => void sink.notes.push(line ? { file: file.rel, line, message } : { file: file.rel, message });
  switch (file.kind) {
    case 'yaml':
    case 'json': {
      const read = readManifestStream(source, MANIFEST_BUDGET_CHARS, (doc) => mergeRuntimeState(sink.runtime, runtimeStateFromObjects([doc], source)));
      for (const p of read.problems) note(p.line, p.message.startsWith('manifest is') ? p.message : `${yamlProblemPrefix(source.text)}${p.message}`);
      const template = read.problems.length === 0 ? /\{\{-?\s*[.$\w]/.exec(source.text) : null;
      if (template) {
        const line = source.text.slice(0, template.index).split('\n').length;
        note(line, 'Helm template, not rendered YAML: values like {{ ... }} are read literally; render it (helm template) for a full analysis');
      }
      mergeFacts(sink.facts, read.facts);
      for (const doc of read.others) {
        if (isComposeDocument(doc)) {
          const compose = composeFacts(doc, source);
          mergeFacts(sink.facts, compose.facts);
          for (const [path, owner] of compose.owners) sink.mounts.set(path, owner);
        } else if (!looksLikeSecret(doc)) {
          sink.deferred.push([file, source, (src, owner) => ({ ...emptyFacts(), settings: treeSettings(doc, src, owner) })]);
        }
      }
      return;
    }
    case 'nginx': {
      const config = parseNginxConfig(source.text);
      for (const p of config.problems) note(p.line, `nginx config: ${p.message}`);
      sink.deferred.push([file, source, (src, owner) => nginxFacts(config, src, owner ?? 'nginx')]);
      return;
    }
    case 'pg-hba':
      sink.facts.hbaRules.push(...pgHbaRules(source));
      return;
    case 'dockerfile':
      sink.deferred.push([file, source, (src, owner) => dockerfileFacts(src, owner)]);
      return;
    case 'certificate': {
      const { certificates, problems } = certificateFacts(source);
      for (const p of problems) note(p.line, `certificate: ${p.message}`);
      sink.facts.certificates.push(...certificates);
      return;
    }
    case 'command-output': {
      const { state, problems } = readCommandOutput(source);
      for (const p of problems) note(p.line, p.message);
      mergeRuntimeState(sink.runtime, state);
      return;
    }
    default:
      sink.deferred.push([file, source, (src, owner) => ({ ...emptyFacts(), settings: keyValueSettings(src, owner) })]);
  }
}

/**
 * A Secret-shaped document that is not a full Kubernetes object (no apiVersion): its values must never
 * become settings, which quote their lines.
 */
function looksLikeSecret(doc: PNode): boolean {
  return text(at(doc, 'kind')) === 'Secret' || ((at(doc, 'data') !== undefined || at(doc, 'stringData') !== undefined) && text(at(doc, 'type')) !== undefined);
}

/** Helm templates are not YAML until rendered: say so instead of only quoting the parser. */
function yamlProblemPrefix(text: string): string {
  return /\{\{.*\}\}/.test(text) ? 'Helm template, not rendered YAML: ' : 'YAML syntax error: ';
}
