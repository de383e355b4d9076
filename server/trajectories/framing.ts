/**
 * Self-checking JSONL lines: each record is one JSON object on one line whose last key, `check`, is the first
 * 16 hex digits of the sha256 of the same object serialised without it. A reader can tell a complete record
 * from a torn or altered one (as LevelDB's log checksums its records) and still read the files with any JSON
 * lines tool.
 */
import { createHash } from 'node:crypto';

/** One record as a line, newline included. */
export function frame(record: object): string {
  const json = JSON.stringify(record);
  if (json.length < 2 || json[0] !== '{') throw new Error('a record is a JSON object');
  const body = json === '{}' ? '{' : `${json.slice(0, -1)},`;
  return `${body}"check":"${checkOf(json)}"}\n`;
}

/** A line read back: the record, or why it is not one. */
export type Unframed = { ok: true; record: Record<string, unknown> } | { ok: false; problem: string };

/** Parses one line (without its newline) and verifies its check against the text the writer hashed. */
export function unframe(line: string): Unframed {
  const m = /(,|^\{)"check":"([0-9a-f]{16})"\}$/.exec(line);
  if (!m) return { ok: false, problem: line.trimEnd().endsWith('}') ? 'no check field' : 'incomplete line (a torn or partial write)' };
  const json = m[1] === ',' ? `${line.slice(0, m.index)}}` : '{}';
  if (checkOf(json) !== m[2]) return { ok: false, problem: 'check does not match (the line was altered or torn)' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object' };
  return { ok: true, record: value as Record<string, unknown> };
}

function checkOf(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}
