/**
 * The logs of an incident as evidence: every record is attributed to the component that wrote it (the
 * record's own resource when the line names one, else the file's owner), mined into templates per
 * component, and summarised as template signals (count, time range, severity, examples, bursts). The
 * observer and the analyzers see these templates, not raw lines, so a 1 GB log costs ingest time only.
 */
import { stripPodSuffix } from './owners';
import type { LogRecord } from './log-record';
import { TemplateMiner } from './template-miner';
import { TemplateSignalCollector, type TemplateSignal } from './template-signals';

/** A template of one component's logs. */
export interface OwnedTemplate extends TemplateSignal {
  /** The component whose logs hold it; undefined when neither the file nor the records say. */
  owner: string | undefined;
  /**
   * Text to match symptoms against instead of the first example, when the example alone lacks context: a
   * runtime row (`pod cart-7d9 CrashLoopBackOff last terminated exit code 1`) whose evidence quotes the table row.
   */
  described?: string;
}

/** The time span the logs cover, epoch ms. */
export interface LogWindow {
  start: number;
  end: number;
}

/** Everything the logs said, per component. */
export interface LogEvidence {
  templates: OwnedTemplate[];
  /** Undefined when no record carried a readable time. */
  window?: LogWindow;
  /** Per component: epoch ms of its first and last timed record, and how many records it wrote. */
  activity: Map<string, { first?: number; last?: number; records: number }>;
}

interface OwnerLogs {
  miner: TemplateMiner;
  collector: TemplateSignalCollector;
}

/** Attributes records to components and mines their templates. */
export class LogEvidenceCollector {
  private readonly owners = new Map<string, OwnerLogs>();
  private readonly activity = new Map<string, { first?: number; last?: number; records: number }>();
  private start = Infinity;
  private end = -Infinity;

  /** The component that wrote `record` of a file owned by `fileOwner`. */
  static ownerOf(record: LogRecord, fileOwner: string | undefined): string | undefined {
    const r = record.resource;
    const named = r?.service ?? r?.container ?? (r?.pod ? stripPodSuffix(r.pod) : undefined);
    return named && !GENERIC_SOURCES.has(named.toLowerCase()) ? named : fileOwner;
  }

  /** Counts `record` of log `file` under `owner`; `text` is its evidence text when the caller has it already. */
  observe(file: string, owner: string | undefined, record: LogRecord, text = evidenceText(record)): void {
    const key = owner ?? '';
    let logs = this.owners.get(key);
    if (!logs) {
      logs = { miner: new TemplateMiner(), collector: new TemplateSignalCollector() };
      this.owners.set(key, logs);
    }
    logs.collector.observe(file, record, logs.miner.add(text), text);
    let act = this.activity.get(key);
    if (!act) {
      act = { records: 0 };
      this.activity.set(key, act);
    }
    act.records++;
    const t = record.timestamp;
    if (t !== undefined && Number.isFinite(t)) {
      if (act.first === undefined || t < act.first) act.first = t;
      if (act.last === undefined || t > act.last) act.last = t;
      if (t < this.start) this.start = t;
      if (t > this.end) this.end = t;
    }
  }

  /** The templates of every component, most severe and most frequent first within each component. */
  finish(): LogEvidence {
    const templates: OwnedTemplate[] = [];
    for (const [key, logs] of this.owners) {
      const owner = key === '' ? undefined : key;
      for (const s of logs.collector.finish((id) => logs.miner.template(id), (id) => logs.miner.canonical(id))) templates.push({ ...s, owner });
    }
    const evidence: LogEvidence = { templates, activity: this.activity };
    if (Number.isFinite(this.start)) evidence.window = { start: this.start, end: this.end };
    return evidence;
  }
}

/** Structured fields that say what failed and against whom; the rest (ids, latencies, sizes) stays out. */
const TELLING_FIELD = /^(err|error|errors|exception|exc_info|stack|stacktrace|stack_trace|reason|cause|detail|details|upstream|upstream_addr|target|peer|peer\.service|remote|host|hostname|addr|address|url|uri|endpoint|dependency|db|database|user|status|status_code|statusCode|code|path|dir|directory|file|filename|filepath|mount|mountpoint|volume|route|method|request|component|setting|key|option|flag|param|parameter|variable|env|field|value|allowed|expected|error\.message|error\.type|exception\.message|exception\.type|err\.message)$/i;
/** Formats whose message leaves the error or its target in separate fields. */
const STRUCTURED = new Set(['json', 'logfmt', 'docker-json', 'nginx-error']);

/**
 * The text a record is mined and matched as: its body, plus the exception a folded stack trace ends in, plus the telling fields of a structured record
 * (`request failed error="dial tcp 10.0.0.7:5432: connect: connection refused"`) when it is a warning or
 * worse (or has no level), since structured loggers put the error beside the message, not in it.
 */
export function evidenceText(record: LogRecord): string {
  // A folded stack trace ends in the exception that was thrown: it says what failed.
  if (record.lineCount > 1 && !STRUCTURED.has(record.format)) {
    const a = record.attributes;
    const type = a?.['exception.type'];
    return type === undefined ? record.body : `${record.body} ${String(type)}: ${String(a?.['exception.message'] ?? '')}`.trimEnd();
  }
  // Info and debug records are mined by their message alone: their fields are rarely what failed, and
  // reading them costs most of the time of a large structured log.
  if (!STRUCTURED.has(record.format) || (record.severityNumber !== undefined && record.severityNumber < 13)) return record.body;
  const attrs = record.attributes;
  if (!attrs) return record.body;
  let text = record.body;
  for (const [key, value] of Object.entries(attrs)) {
    if (!TELLING_FIELD.test(key) || value === '' || typeof value === 'boolean') continue;
    text += ` ${key}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : String(value)}`;
  }
  return text;
}

/** Sources that name a writer, not a component: their records belong to the file's owner. */
const GENERIC_SOURCES = new Set([
  'app', 'main', 'root', 'server', 'default', 'stdout', 'stderr', '-',
  // interpreters and runtimes: the program name of a journal line, not the service it runs
  'python', 'python3', 'node', 'nodejs', 'java', 'ruby', 'php', 'php-fpm', 'dotnet', 'perl', 'bash', 'sh', 'bundle', 'npm', 'env',
  // application servers that run the service: the unit or file names it better
  'gunicorn', 'uwsgi', 'uvicorn', 'puma', 'unicorn', 'passenger', 'tomcat', 'jetty', 'kestrel',
]);
