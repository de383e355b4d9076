/**
 * klog, the log format of Kubernetes components and many Go programs:
 * `I1120 10:00:00.525108       1 controller.go:79] message`: a severity letter (I, W, E, F), month and day,
 * time, thread id (some writers leave it out) and the source file:line. The severity letter becomes
 * severityText, the file:line the `caller` attribute and the thread id the `thread` attribute. A structured
 * message (`"Syncing deployment" deployment="shop/cart"`, from klog's InfoS and ErrorS) gives its quoted
 * message as the body and its key=value pairs as attributes.
 */
import type { LogRecord } from '../log-record';
import { type PairSink, quotedValueAt, quotedValueEnd, readLogfmtPairs } from './logfmt';
import { newRecord } from './lazy-record';
import type { ParseContext } from './parse-context';
import { severityOfWord } from './severity';
import { type FieldValue, setAttribute } from './structured-fields';
import { readCompactMonthDay, timeReadMs } from './timestamp';

/** Collects the key=value pairs of a structured message into an attributes object. */
class AttributeSink implements PairSink {
  attributes: Record<string, FieldValue> = {};
  add(key: string, value: string | boolean): void {
    setAttribute(this.attributes, key, value);
  }
}
const sink = new AttributeSink();

/** Whether `text` starts with a klog header letter and month-day (`I1120 `, `E0101 `): the cheap pre-check. */
export function looksLikeKlog(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 73 || c === 87 || c === 69 || c === 70) && text.charCodeAt(5) === 32 && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(4));
}

/** Parses a klog line; undefined when the line has no klog header. */
export function parseKlogLine(text: string, ctx: ParseContext, lean = false): LogRecord | undefined {
  if (!looksLikeKlog(text)) return undefined;
  const timeEnd = readCompactMonthDay(text, 1, ctx);
  if (timeEnd < 0) return undefined;
  const timeMs = timeReadMs();
  let p = timeEnd;
  while (text.charCodeAt(p) === 32) p++;
  // The thread id is left out by some writers (the kubelet through journald).
  let threadEnd = p;
  while (isDigit(text.charCodeAt(threadEnd))) threadEnd++;
  const hasThread = threadEnd > p && text.charCodeAt(threadEnd) === 32;
  const thread = hasThread && !lean ? text.slice(p, threadEnd) : undefined;
  if (hasThread) p = threadEnd + 1;
  const close = text.indexOf('] ', p);
  const callerEnd = close < 0 && text.endsWith(']') ? text.length - 1 : close;
  if (callerEnd <= p || callerEnd - p > 256 || text.lastIndexOf(' ', callerEnd) >= p) return undefined;
  const severityText = text[0]!;
  const messageStart = Math.min(callerEnd + 2, text.length);
  const quoted = text.charCodeAt(messageStart) === 34;
  const rec = newRecord('klog', quoted ? quotedValueAt(text, messageStart) : text.slice(messageStart), lean);
  rec.timestamp = timeMs;
  rec.timeText = text.slice(1, timeEnd);
  rec.severityText = severityText;
  rec.severityNumber = severityOfWord(severityText)!;
  if (lean) return rec;
  const attributes: Record<string, FieldValue> = { caller: text.slice(p, callerEnd) };
  if (thread !== undefined) attributes.thread = thread;
  if (quoted) {
    sink.attributes = attributes;
    readLogfmtPairs(text, quotedValueEnd(), sink);
  }
  rec.attributes = attributes;
  return rec;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
