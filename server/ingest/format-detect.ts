/**
 * Detects a log file's format from its first non-empty lines, by content alone: each format's parser is tried
 * on every sample line (trace lines such as `\tat ...` left out), and the format that reads at least half of
 * them wins, the more specific one on a tie (a Docker line is also JSON). When none does and most lines carry
 * `kubectl logs --timestamps`' prefix, the lines are tried again without it. Plain text is the fallback.
 */
import type { LogFormat } from './log-record';
import { parseCriLine, parseDockerJsonLine } from './formats/container-line';
import { composePrefixOf, streamLabelsAt, timestampPrefixOf } from './formats/kubectl-prefix';
import { HEADED_FORMATS, hasRecordPrefix, lineParserFor } from './formats/line-parsers';
import { readLogfmtPairs, startsWithPair } from './formats/logfmt';
import { parseContext, type ParseContext } from './formats/parse-context';
import { TraceTracker } from './formats/stack-trace';

/** How many non-empty lines of a file's head the detection reads. */
export const DETECT_SAMPLE_LINES = 50;

/** How a file's lines are laid out, as read from its head. */
export interface FileLayout {
  /** The file's format, as its records report it. */
  format: LogFormat;
  /** Lines start with `kubectl logs --timestamps`' RFC 3339 prefix, which is read as the time and stripped. */
  timestampPrefix: boolean;
  /** Lines start with `docker compose logs`' `service-1  | ` prefix, which names the service and is stripped. */
  composePrefix?: boolean;
  /**
   * Records start with a prefix (a header, a time or a level) so that a line without one continues the record
   * before it. True for klog, syslog and nginx's error log; for plain text and container messages, when at
   * least half of the sample has one.
   */
  prefixed: boolean;
}

/** Formats tried, most specific first: on equal counts the earlier wins. */
const CANDIDATES: LogFormat[] = ['cri', 'docker-json', 'json', 'syslog-5424', 'nginx-access', 'nginx-error', 'klog', 'syslog-3164', 'logfmt'];
/** Share of the sample a format must read. */
const MIN_SHARE = 0.5;
/** Share of the sample that must carry the kubectl prefix. */
const MIN_PREFIX_SHARE = 0.8;

/** The format of a file whose first lines are `sample`. */
export function detectFormat(sample: string[]): LogFormat {
  return detectLayout(sample).format;
}

/** The layout of a file whose first lines are `sample`; with `forced`, its format is that one. */
export function detectLayout(sample: string[], forced?: LogFormat): FileLayout {
  const ctx = parseContext(Date.now());
  const lines = sampleLines(sample);
  if (lines.length === 0) return { format: forced ?? 'plain', timestampPrefix: false, prefixed: false };
  const stripped = strippedLines(lines);
  if (forced) {
    const timestampPrefix = stripped !== undefined && !isContainer(forced) && readCount(stripped, forced, ctx) > readCount(lines, forced, ctx);
    return { format: forced, timestampPrefix, prefixed: isPrefixed(timestampPrefix ? stripped! : lines, forced, ctx) };
  }
  const direct = bestFormat(lines, ctx);
  if (direct) return { format: direct, timestampPrefix: false, prefixed: isPrefixed(lines, direct, ctx) };
  const composed = composeStripped(lines);
  if (composed) {
    const inner = strippedLines(composed);
    const format = bestFormat(inner ?? composed, ctx) ?? 'plain';
    return { format, timestampPrefix: inner !== undefined, composePrefix: true, prefixed: isPrefixed(inner ?? composed, format, ctx) };
  }
  if (stripped) {
    const format = bestFormat(stripped, ctx) ?? 'plain';
    return { format, timestampPrefix: true, prefixed: isPrefixed(stripped, format, ctx) };
  }
  return { format: 'plain', timestampPrefix: false, prefixed: isPrefixed(lines, 'plain', ctx) };
}

/**
 * Tells the lines that show a file's format from blank lines and trace lines (frames, a Go panic's dump, a
 * Python traceback), which do not; it follows a trace across the lines it is given, in order.
 */
export class FormatSampler {
  private readonly trace = new TraceTracker();

  /** Whether `line`, the next line of the file, is a sample line. */
  accepts(line: string): boolean {
    const role = this.trace.classify(line);
    if (role === 'fold' || role === 'fold-unless-prefixed') {
      this.trace.fold(line);
      return false;
    }
    this.trace.begin(line, line);
    return true;
  }
}

/** The first sample lines of `sample`, at most DETECT_SAMPLE_LINES. */
function sampleLines(sample: string[]): string[] {
  const sampler = new FormatSampler();
  const out: string[] = [];
  for (const line of sample) {
    if (out.length >= DETECT_SAMPLE_LINES) break;
    if (sampler.accepts(line)) out.push(line);
  }
  return out;
}

/** The lines without their `docker compose logs` prefix, when most carry one. */
function composeStripped(lines: string[]): string[] | undefined {
  const out: string[] = [];
  for (const line of lines) {
    const prefix = composePrefixOf(line);
    if (prefix) out.push(line.slice(prefix.end));
  }
  return out.length >= MIN_PREFIX_SHARE * lines.length ? out : undefined;
}

/** The lines without their kubectl prefix, when most carry one. */
function strippedLines(lines: string[]): string[] | undefined {
  const out: string[] = [];
  for (const line of lines) {
    const prefix = timestampPrefixOf(line);
    if (prefix) out.push(line.slice(streamLabelsAt(line, prefix.end + 1)?.end ?? prefix.end + 1));
  }
  return out.length >= MIN_PREFIX_SHARE * lines.length ? out : undefined;
}

function bestFormat(lines: string[], ctx: ParseContext): LogFormat | undefined {
  let best: LogFormat | undefined;
  let bestCount = 0;
  for (const format of CANDIDATES) {
    const count = readCount(lines, format, ctx);
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return bestCount >= MIN_SHARE * lines.length ? best : undefined;
}

/** How many of `lines` read as `format`, with the stricter tests detection needs (a syslog tag, two logfmt pairs). */
function readCount(lines: string[], format: LogFormat, ctx: ParseContext): number {
  const ignore = { add: () => undefined };
  let count = 0;
  for (const line of lines) {
    switch (format) {
      case 'cri':
        if (parseCriLine(line)) count++;
        break;
      case 'docker-json':
        if (parseDockerJsonLine(line)) count++;
        break;
      case 'logfmt':
        if (startsWithPair(line, 0) && readLogfmtPairs(line, 0, ignore) >= 2) count++;
        break;
      case 'syslog-3164':
        if (lineParserFor(format)(line, ctx)?.resource?.service !== undefined) count++;
        break;
      case 'plain':
        count++;
        break;
      default:
        // A lean parse reads a line exactly when a full one does.
        if (lineParserFor(format)(line, ctx, true)) count++;
    }
  }
  return count;
}

function isPrefixed(lines: string[], format: LogFormat, ctx: ParseContext): boolean {
  if (HEADED_FORMATS.has(format)) return true;
  if (format !== 'plain' && !isContainer(format)) return false;
  const sampler = new FormatSampler();
  let prefixed = 0;
  let total = 0;
  for (const line of lines) {
    const message = format === 'plain' ? line : (format === 'cri' ? parseCriLine(line) : parseDockerJsonLine(line))?.message;
    if (message === undefined || !sampler.accepts(message)) continue;
    total++;
    const rec = lineParserFor(format)(message, ctx, true);
    if (hasRecordPrefix(rec) && (rec!.format === 'plain' || HEADED_FORMATS.has(rec!.format))) prefixed++;
  }
  return total > 0 && prefixed >= MIN_SHARE * total;
}

function isContainer(format: LogFormat): boolean {
  return format === 'cri' || format === 'docker-json';
}
