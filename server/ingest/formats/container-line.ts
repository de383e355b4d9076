/**
 * The container runtimes' log files, one line per write of a container's stdout or stderr:
 * - CRI (containerd, CRI-O; /var/log/pods, /var/log/containers): `2026-11-20T10:00:00.123456789Z stdout F msg`,
 *   tag `P` for a partial line the runtime split (the rest follows in the next lines), `F` for the last part;
 * - Docker's json-file driver: `{"log":"msg\n","stream":"stderr","time":"2026-11-20T10:00:00.123456789Z"}`, a `log`
 *   without its final newline being a partial line.
 * Both give the same envelope; the message inside is parsed again (embedded.ts).
 */
import { parseObject } from './json-line';
import { isoTimestampAt } from './timestamp';

/** One line of a container log: the runtime's time, the stream, whether the message continues, the message. */
export interface ContainerLine {
  /** Epoch ms; NaN when the runtime's time could not be read. */
  timeMs: number;
  timeText: string;
  stream: string;
  /** The runtime split a long line here: the next line of the same stream continues this message. */
  partial: boolean;
  message: string;
}

/** Parses a CRI line; undefined when it is not one. */
export function parseCriLine(text: string): ContainerLine | undefined {
  const space = text.indexOf(' ');
  if (space < 19 || space > 40) return undefined;
  const time = isoTimestampAt(text, 0);
  if (!time || time.end !== space) return undefined;
  const stream = text.startsWith('stdout ', space + 1) ? 'stdout' : text.startsWith('stderr ', space + 1) ? 'stderr' : undefined;
  if (!stream) return undefined;
  const tag = text.charCodeAt(space + 8);
  if (tag !== 70 && tag !== 80) return undefined;
  const tagEnd = text.indexOf(' ', space + 8);
  return { timeMs: time.ms, timeText: text.slice(0, space), stream, partial: tag === 80, message: tagEnd < 0 ? '' : text.slice(tagEnd + 1) };
}

/** Parses a Docker json-file line; undefined when it is not one. */
export function parseDockerJsonLine(text: string): ContainerLine | undefined {
  if (!text.startsWith('{"log":')) return undefined;
  const obj = parseObject(text);
  const log = obj?.log;
  if (typeof log !== 'string') return undefined;
  const timeText = typeof obj!.time === 'string' ? obj!.time : '';
  const time = isoTimestampAt(timeText, 0);
  const partial = !log.endsWith('\n');
  let end = partial ? log.length : log.length - 1;
  if (!partial && log.charCodeAt(end - 1) === 13) end--;
  return { timeMs: time ? time.ms : NaN, timeText, stream: typeof obj!.stream === 'string' ? obj!.stream : '', partial, message: log.slice(0, end) };
}
