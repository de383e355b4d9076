/**
 * The prefix `kubectl logs --timestamps` puts before every line, whatever the format after it:
 * an RFC 3339 time with a `T` and a zone (`2026-11-20T10:00:00.123456789Z `), then one space.
 */
import { isoTimestampAt, type TimeMatch } from './timestamp';

/** The prefix's time, its `end` being the index of the space after it; undefined when the line has none. */
export function timestampPrefixOf(text: string): TimeMatch | undefined {
  if (text.charCodeAt(10) !== 84) return undefined;
  const time = isoTimestampAt(text, 0);
  if (!time || text.charCodeAt(time.end) !== 32) return undefined;
  const last = text.charCodeAt(time.end - 1);
  const sign = text.charCodeAt(time.end - 6);
  return last === 90 || sign === 43 || sign === 45 ? time : undefined;
}
