/**
 * Tells saved command outputs (kubectl, docker, systemctl, df, free, ss, netstat, pasted one after another
 * with or without prompts) from logs, by their content: a known header row, a `kubectl describe` block, a
 * `systemctl status` block or a rollout status line before the file reads like a log.
 */
import { parsePrompt } from './command-line';
import { headerKind, isDescribeStart, isRolloutLine, statusUnitOf } from './headers';

/** How many lines of the head are looked at. */
const SCAN_LINES = 400;
/** After this many log-like lines with no command output seen, the file is a log. */
const MAX_LOG_LINES = 3;

/** A line that starts like a log record: a timestamp, a syslog date, a klog header, an access-log IP, JSON, logfmt. */
const LOG_LINE =
  /^(?:\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\[?\d\d\/[A-Z][a-z]{2}\/\d{4}|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|[IWEF]\d{4} \d\d:\d\d|\d{1,3}(?:\.\d{1,3}){3} - |\{"|(?:time|ts|level|lvl)=|\[?(?:TRACE|DEBUG|INFO|WARN(?:ING)?|ERROR|FATAL)\b|\d{10}(?:\.\d+)?\s)/;

const DESCRIBE_KEY = /^(?:Namespace|Labels|Annotations|Status|Node|Containers|Roles|Taints|Selector|Type|Replicas|CreationTimestamp|Priority|Service Account|StorageClass|Start Time|Controlled By|IP|Events):/;

/**
 * True when the text file `rel`, whose first bytes are `head`, holds saved outputs of the commands the
 * runtime readers know; false for logs (application logs, access logs, journal exports, `kubectl logs`).
 */
export function detectCommandOutput(rel: string, head: string): boolean {
  if (/\.(jsonl|ndjson)$/i.test(rel)) return false;
  const trimmed = head.trimStart();
  if (/^(?:[{[]|---|apiVersion:|kind:)/.test(trimmed)) return false;
  const lines = head.split(/\r?\n/).slice(0, SCAN_LINES);
  let logLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    if (isOutputStart(lines, i)) return true;
    if (LOG_LINE.test(text.trimStart()) && ++logLines >= MAX_LOG_LINES) return false;
  }
  return false;
}

function isOutputStart(lines: readonly string[], i: number): boolean {
  const text = lines[i]!;
  const kind = headerKind(text);
  if (kind === 'kubectl-other') return text.trim().split(/\s{2,}/).length >= 3 && /\bAGE\b/.test(text);
  if (kind) return true;
  const next = lines.slice(i + 1, i + 13);
  if (isDescribeStart(text)) return next.filter((l) => DESCRIBE_KEY.test(l)).length >= 2;
  if (statusUnitOf(text)) return next.slice(0, 3).some((l) => /^\s+(?:Loaded|Active):/.test(l));
  if (isRolloutLine(text)) return true;
  const prompt = parsePrompt(text, i + 1);
  if (prompt?.tool === 'kubectl' && prompt.verb === 'get' && [...prompt.flags].some((f) => /^o=(yaml|json)$/.test(f))) {
    return next.slice(0, 2).some((l) => /^(?:apiVersion:|\{)/.test(l.trim()));
  }
  return false;
}
