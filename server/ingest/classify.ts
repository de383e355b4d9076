/**
 * Decides what a file is from its content first and its name second (spec/bundle.md): a log, a YAML or
 * JSON document (Kubernetes, compose or application config), an nginx config, an env file, a key-value
 * config, a recorded probe, or something to skip with a reason.
 */
import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { oneLine } from '../errors';
import { detectCommandOutput } from './runtime/detect';
import type { WorkspaceFile } from './workspace';

/** The kinds of file the engine reads. */
export type FileKind =
  | 'yaml'
  | 'json'
  | 'nginx'
  | 'env'
  | 'kv'
  | 'pg-hba'
  | 'dockerfile'
  | 'certificate'
  | 'command-output'
  | 'log'
  | 'probe-recording';

/** A file the engine will read, or a reason why it will not. */
export type Classification = { kind: FileKind } | { skip: string };

const HEAD_BYTES = 64 * 1024;
/** Configs larger than this are read as logs (line by line), never parsed whole. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

const LOG_EXT = /\.(log|out|err|txt|jsonl|ndjson|journal)$|\.log\.\d+$/i;
const YAML_EXT = /\.ya?ml$/i;
const KV_EXT = /\.(ini|properties|toml|cfg|conf|cnf)$/i;
const DOC_EXT = /\.(md|markdown|rst|adoc|html?|css|svg|pdf|png|jpe?g|gif|ico|zip|tar|gz|tgz|bz2|xz|7z|jar|war|class|so|dll|exe|pyc|woff2?|ttf)$/i;

/** Reads the head of `file` and classifies it. `maxBytes` is the size cap from the settings. */
export async function classifyFile(file: WorkspaceFile, maxBytes: number): Promise<Classification> {
  if (file.size === 0) return { skip: 'empty file' };
  if (file.size > maxBytes) {
    return { skip: `too large: ${humanSize(file.size)} is over the ${humanSize(maxBytes)} cap (setting aoi.maxFileSizeMB)` };
  }
  let head: Buffer;
  try {
    const handle = await open(file.path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, file.size));
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { skip: code === 'EACCES' ? 'cannot read: permission denied' : `cannot read: ${oneLine(err)}` };
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return classifyGzip(file.rel, head, file.size);
  if (isBinary(head)) return { skip: 'binary file' };
  return classifyText(file.rel, head.toString('utf8'), file.size);
}

/**
 * A gzip file is classified by its decompressed head and its name without `.gz`: a log is read (the readers
 * decompress it as they stream); a tar archive, a binary or any other kind of file is skipped with a reason.
 */
function classifyGzip(rel: string, head: Buffer, size: number): Classification {
  const inner = rel.replace(/\.gz$/i, '');
  if (/\.(tar|tgz)$/i.test(inner)) return { skip: 'not incident evidence (archive)' };
  const text = gunzipHead(head);
  if (text === undefined) return LOG_EXT.test(inner.toLowerCase()) ? { kind: 'log' } : { skip: 'compressed (gzip): its data could not be read' };
  if (isBinary(text)) return { skip: 'binary file (gzip)' };
  const inside = classifyText(inner, text.toString('utf8'), size);
  if ('kind' in inside && inside.kind !== 'log') return { skip: `compressed (gzip) ${inside.kind} file: only logs are read compressed` };
  return inside;
}

/** The decompressed start of a gzip head (a cut-short stream is fine), or undefined when it is corrupt. */
function gunzipHead(head: Buffer): Buffer | undefined {
  // Highly repetitive data can expand past the output cap: then read from a smaller piece of the input.
  for (const inputBytes of [8192, 512]) {
    try {
      return gunzipSync(head.subarray(0, inputBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 4 * HEAD_BYTES });
    } catch (err) {
      if (!(err instanceof RangeError)) return undefined;
    }
  }
  return undefined;
}

/** Classifies by name and the text of the file's head; pure, for tests. */
export function classifyText(rel: string, head: string, size: number): Classification {
  const name = rel.split('/').pop() ?? rel;
  const lower = name.toLowerCase();
  if (DOC_EXT.test(lower)) return { skip: 'not incident evidence (document or archive)' };
  if (/(^|\/)probes\//.test(rel) && lower.endsWith('.json') && /"argv"\s*:/.test(head)) return { kind: 'probe-recording' };
  if (size <= MAX_CONFIG_BYTES && detectCommandOutput(rel, head)) return { kind: 'command-output' };
  // A large manifest is still a manifest: its reader parses it one document at a time within a budget.
  if (size > MAX_CONFIG_BYTES && YAML_EXT.test(lower) && !LOG_EXT.test(lower)) return { kind: 'yaml' };
  if (size > MAX_CONFIG_BYTES || LOG_EXT.test(lower)) return { kind: 'log' };

  const trimmed = head.trimStart();
  if (/-----BEGIN (TRUSTED )?CERTIFICATE-----/.test(head)) return { kind: 'certificate' };
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head)) return { skip: 'private key: never read' };
  if (/\.(pem|crt|cer|key|p12|pfx|jks)$/.test(lower)) return { skip: 'key or certificate store without a PEM certificate' };
  if (/^pg_hba(\..+)?\.conf$/.test(lower)) return { kind: 'pg-hba' };
  if (/^(dockerfile|containerfile)(\..+)?$|\.dockerfile$/i.test(name)) return { kind: 'dockerfile' };
  if (lower.endsWith('.json')) return trimmed.startsWith('{') && isJsonLines(head) ? { kind: 'log' } : { kind: 'json' };
  if (YAML_EXT.test(lower)) return { kind: 'yaml' };
  if (/^\.env(\..+)?$|\.env$/.test(lower)) return { kind: 'env' };
  if (looksLikeNginx(lower, rel, head)) return { kind: 'nginx' };
  if (KV_EXT.test(lower)) return { kind: 'kv' };

  // No telling name: decide from the content.
  if (trimmed.startsWith('{') && isJsonLines(head)) return { kind: 'log' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(head);
      return { kind: 'json' };
    } catch {
      // not a whole JSON document: fall through
    }
  }
  if (/^(apiVersion|kind|services):/m.test(head) && /^\s*[\w.-]+:\s/m.test(head)) return { kind: 'yaml' };
  if (looksLikeEnv(head)) return { kind: 'env' };
  return { kind: 'log' };
}

/** "512 B", "2.0 KiB", "200 MiB", "1.5 GiB". */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function isBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  let control = 0;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  return head.length > 0 && control / head.length > 0.1;
}

function isJsonLines(head: string): boolean {
  const lines = head.split('\n').filter((l) => l.trim() !== '').slice(0, 5);
  if (lines.length < 2) return false;
  return lines.slice(0, -1).every((l) => {
    const t = l.trim();
    return t.startsWith('{') && t.endsWith('}');
  });
}

function looksLikeNginx(lower: string, rel: string, head: string): boolean {
  if (/nginx.*\.conf$|\.nginx$/.test(lower) || /(^|\/)(nginx|sites-(available|enabled)|conf\.d)\//.test(rel)) {
    return !YAML_EXT.test(lower) && !lower.endsWith('.log');
  }
  return /^\s*(http|events|stream)\s*\{|^\s*upstream\s+[\w.-]+\s*\{|^\s*server\s*\{[\s\S]*\blisten\b/m.test(head);
}

function looksLikeEnv(head: string): boolean {
  const lines = head.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^(export\s+)?[A-Za-z_][A-Za-z0-9_.]*=/.test(l));
}
