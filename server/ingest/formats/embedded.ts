/**
 * A message inside an envelope (a CRI or Docker line, a syslog message) parsed again by what it looks like,
 * one cheap check each: a JSON object, klog, an nginx error or access line, logfmt, else plain text. Containers
 * mix these (nginx writes its access log to stdout and its error log to stderr), so the choice is per message.
 */
import type { LogRecord } from '../log-record';
import { parseJsonLine } from './json-line';
import { looksLikeKlog, parseKlogLine } from './klog';
import { parseLogfmtLine, startsWithPair } from './logfmt';
import { parseNginxAccessLine, parseNginxErrorLine } from './nginx';
import type { ParseContext } from './parse-context';
import { parsePlainLine } from './plain';

/** The record of an embedded message; never undefined (plain text is the fallback). */
export function parseEmbeddedMessage(text: string, ctx: ParseContext, lean = false): LogRecord {
  const c = text.charCodeAt(0);
  let rec: LogRecord | undefined;
  if (c === 123) rec = parseJsonLine(text, ctx, lean);
  else if (looksLikeKlog(text)) rec = parseKlogLine(text, ctx, lean);
  else if (c >= 48 && c <= 57) rec = text.charCodeAt(4) === 47 ? parseNginxErrorLine(text, ctx, lean) : parseNginxAccessLine(text, ctx, lean);
  else if (startsWithPair(text, 0)) rec = parseLogfmtLine(text, ctx, lean);
  return rec ?? parsePlainLine(text, ctx, lean);
}
