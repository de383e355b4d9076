/**
 * The line parser of each format, and what a line that does not parse means for it. Records of a headed format
 * (klog, syslog, nginx's error log) always start with their header, so a line without one continues the record
 * before it; a structured format (JSON, logfmt, access log) has no such rule.
 */
import type { LogFormat, LogRecord } from '../log-record';
import { parseEmbeddedMessage } from './embedded';
import { parseJsonLine } from './json-line';
import { parseKlogLine } from './klog';
import { parseLogfmtLine } from './logfmt';
import { parseNginxAccessLine, parseNginxErrorLine } from './nginx';
import type { LineParser } from './parse-context';
import { parsePlainLine } from './plain';
import { parseSyslog3164Line, parseSyslog5424Line } from './syslog';

const PARSERS: Record<LogFormat, LineParser> = {
  json: parseJsonLine,
  logfmt: parseLogfmtLine,
  klog: parseKlogLine,
  'syslog-5424': parseSyslog5424Line,
  'syslog-3164': parseSyslog3164Line,
  'nginx-access': parseNginxAccessLine,
  'nginx-error': parseNginxErrorLine,
  // The message inside a CRI or Docker line is parsed by what it looks like.
  cri: parseEmbeddedMessage,
  'docker-json': parseEmbeddedMessage,
  plain: parsePlainLine,
};

/** Formats whose records always start with their own header (time, level). */
export const HEADED_FORMATS: ReadonlySet<LogFormat> = new Set<LogFormat>(['klog', 'syslog-5424', 'syslog-3164', 'nginx-error']);

/** The parser for the lines (for cri and docker-json: the messages) of `format`. */
export function lineParserFor(format: LogFormat): LineParser {
  return PARSERS[format];
}

/**
 * Whether a line's parse shows the start of a record: it parsed in a format other than plain text, or as plain
 * text with a leading time or level.
 */
export function hasRecordPrefix(rec: LogRecord | undefined): boolean {
  if (rec === undefined) return false;
  return rec.format !== 'plain' || rec.timeText !== undefined || rec.severityText !== undefined;
}
