/**
 * The log record model, close to OpenTelemetry's log data model: one record per logical log entry (a
 * stack trace folded into the line that starts it), with its time, severity, body, attributes and the
 * resource that emitted it, pointing back at its file and lines.
 */

/** The formats the readers recognise, per file. */
export type LogFormat =
  | 'json'
  | 'logfmt'
  | 'klog'
  | 'syslog-5424'
  | 'syslog-3164'
  | 'nginx-access'
  | 'nginx-error'
  | 'cri'
  | 'docker-json'
  | 'plain';

/** Where a record came from: the service, pod, container or host that wrote it, when the line says. */
export interface LogResource {
  service?: string;
  host?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  /** stdout or stderr, for CRI and Docker logs. */
  stream?: string;
}

/** One logical log entry. */
export interface LogRecord {
  /** 1-based number of the record's first physical line in its file. */
  line: number;
  /** How many physical lines the record spans (folded continuation lines included); at least 1. */
  lineCount: number;
  /** Epoch milliseconds, when the record carries a time that could be read. */
  timestamp?: number;
  /** The time as written. */
  timeText?: string;
  /** Severity as written ("ERROR", "warn", "E" for klog, ...). */
  severityText?: string;
  /** OpenTelemetry severity number: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL. */
  severityNumber?: number;
  /** The message, without the prefix the format adds (time, level, pid...). Templates are mined from it. */
  body: string;
  /** Structured fields: JSON keys, logfmt pairs, nginx access fields, klog's file:line. */
  attributes?: Record<string, string | number | boolean>;
  resource?: LogResource;
  format: LogFormat;
}

/** Maps a severity word (any case, common abbreviations) to an OpenTelemetry severity number. */
export function severityNumberOf(text: string): number | undefined {
  switch (text.toLowerCase()) {
    case 'trace':
    case 'finest':
    case 'finer':
      return 1;
    case 'debug':
    case 'dbug':
    case 'fine':
    case 'd':
    case 'verbose':
      return 5;
    case 'info':
    case 'information':
    case 'informational':
    case 'notice':
    case 'i':
    case 'inf':
      return 9;
    case 'warn':
    case 'warning':
    case 'w':
    case 'wrn':
      return 13;
    case 'error':
    case 'err':
    case 'e':
    case 'severe':
    case 'crit':
    case 'critical':
      return 17;
    case 'fatal':
    case 'f':
    case 'panic':
    case 'emerg':
    case 'emergency':
    case 'alert':
      return 21;
    default:
      return undefined;
  }
}
