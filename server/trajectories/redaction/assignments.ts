/**
 * The assignment scanner: every place a text gives a value to a secret-like name, in the syntaxes incident
 * material uses. `NAME=value` (env files, logfmt, query strings, libpq and JDBC keywords, `-Dx=y`), `name: value`
 * (YAML, HTTP headers), `"name": "value"` (JSON, also escaped inside a log message), `name = value` (INI, TOML,
 * properties), `--name value` (command lines), `<name>value</name>` (XML), `requirepass value` (redis.conf),
 * `ENV NAME value` (Dockerfile), `proxy_set_header Name value;` (nginx), `password value` (.netrc), and a
 * Kubernetes `value:` whose `name:` sits just before it.
 *
 * The scan runs once per text: kinds that read assignments share a one-entry memo keyed by the text. Each
 * match is classified by `classifyName` before its value is read, and the scan resumes after a value it read,
 * so no stretch of text is read twice.
 */
import { classifyName, type NameClass } from './secret-names';
import { isNonSecretValue, looksRandom } from './value-shapes';
import type { SecretKind, Span } from './secret-kind';

/** One value assigned to a secret-like name. */
export interface Assignment {
  /** The name as written, or for a Kubernetes/ECS `value:` the `name:` beside it. */
  readonly name: string;
  /** What the name says: kind for the placeholder and tier. */
  readonly cls: NameClass;
  /** Start and end of the value (inside quotes when quoted). */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly quoted: boolean;
  /** True when the value passes the tier's test: a real value (`always`) or a random-looking one (`entropy`). */
  readonly secret: boolean;
}

const ASSIGN = /(?<![\w.$@/-])([\w.-]+)(\\?["'])?[ \t]*(:=|=>|=(?![=~])|:(?![:=]|\/\/))[ \t]*/g;
const FLAG = /(?<![\w-])(--[A-Za-z][\w-]{0,63}|-[a-z][a-z0-9_-]{1,63})[ \t]+(?=[^\s-])/g;
const DIRECTIVE = /^[ \t]*(?:[+-][ \t]*)?(?:(requirepass|masterauth)|ENV[ \t]+([A-Za-z_]\w{0,127}))[ \t]+(?=[^\s=])/gm;
const HEADER_DIRECTIVE = /(?<![\w-])(?:proxy_set_header|add_header|more_set_headers|grpc_set_header|fastcgi_param|uwsgi_param|scgi_param)[ \t]+["']?([\w-]{1,128})["']?[ \t]+/g;
const NETRC_PASSWORD = /^[ \t]*(?:(?:machine|login|account|port)[ \t]+\S+[ \t]+|default[ \t]+)*(password|passwd)[ \t]+(?=\S+[ \t]*(?:$|(?:machine|login|account|port)[ \t]))/gm;
/** `password X` in running text (a log message quoting a .netrc or a command); only random-looking values count. */
const PROSE_PASSWORD = /(?<![\w-])(password|passwd|passphrase)[ \t]+(?=[^\s=:])/gi;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,63})>([^<\n]{1,1024})<\/\1>/dg;
const LINE_PREFIX = /^[ \t+#>-]*(?:(?:export|set|setx|ENV|ARG|declare[ \t]+-x)[ \t]+)?["'{]?[ \t]*$/;
const CONTEXT_NAME = /\b(?:name|key|Name|Key)\\?["']?[ \t]*[:=][ \t]*\\?["']?([\w.-]{1,128})/g;
/** Characters that end an unquoted value in the middle of a line, by char code (below 128). */
const MIDLINE_STOP = new Uint8Array(128);
for (const c of ' \t\n\r\v\f"\'`,;&)]}<>|\\') MIDLINE_STOP[c.charCodeAt(0)] = 1;
/** True when the char code `c` ends an unquoted value in the middle of a line. */
const stopsMidline = (c: number): boolean => (c < 128 ? MIDLINE_STOP[c] === 1 : c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000);
const MAX_VALUE = 8192;

/** A value read after an operator: its span and whether it was quoted. */
interface Read {
  start: number;
  end: number;
  quoted: boolean;
  /** Where the scan resumes: after the closing quote or the value. */
  resume: number;
}

/** Reads a quoted value starting at the quote `pos` (`escaped`: the quote is written `\"`). */
function readQuoted(text: string, pos: number, escaped: boolean): Read {
  const q = text[escaped ? pos + 1 : pos]!;
  const start = pos + (escaped ? 2 : 1);
  const bound = Math.min(text.length, start + MAX_VALUE);
  let i = start;
  while (i < bound) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') break;
    if (escaped) {
      if (c === '\\' && text[i + 1] === q) return { start, end: i, quoted: true, resume: i + 2 };
      if (c === '\\' && text[i + 1] === '\\') i++;
    } else {
      if (c === '\\') i++;
      else if (c === q) return { start, end: i, quoted: true, resume: i + 1 };
    }
    i++;
  }
  const end = Math.min(i, bound);
  return { start, end, quoted: true, resume: end };
}

/** Leading spaces of the line that holds `at`, a diff marker (`+`, `-`) counted as a space. */
function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  if (text[i] === '+' || text[i] === '-') i++;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** Start of the line holding `at`, if it is within `reach` characters; -1 otherwise. */
function lineStartNear(text: string, at: number, reach: number): number {
  const low = Math.max(0, at - reach);
  for (let i = at; i > low; i--) if (text.charCodeAt(i - 1) === 10) return i;
  return low === 0 ? 0 : -1;
}

/** Reads the lines of a YAML block scalar (`key: |`) that follow the line ending at `lineEnd`. */
function readBlock(text: string, lineEnd: number, keyIndent: number): Read | null {
  let i = lineEnd + 1;
  let start = -1;
  let end = -1;
  const bound = Math.min(text.length, lineEnd + 65536);
  while (i < bound) {
    let next = text.indexOf('\n', i);
    if (next < 0 || next > bound) next = bound;
    const line = text.slice(i, next);
    if (line.trim() !== '' && indentOf(text, i) <= keyIndent) break;
    if (line.trim() !== '') {
      const first = i + line.length - line.replace(/^[+-]?\s*/, '').length;
      if (start < 0) start = first;
      end = next > i && text[next - 1] === '\r' ? next - 1 : next;
    }
    i = next + 1;
  }
  return start < 0 ? null : { start, end, quoted: false, resume: end };
}

/** Reads an unquoted value at `pos`; `lineStart`: the name began its line, so the value may hold spaces. */
function readUnquoted(text: string, pos: number, lineStart: boolean, nameLine: number): Read | null {
  const first = text[pos];
  if (first === undefined || first === '\n' || first === '\r' || first === '{' || first === '[') return null;
  const bound = Math.min(text.length, pos + MAX_VALUE);
  let end = pos;
  if (lineStart) {
    while (end < bound && text[end] !== '\n' && text[end] !== '\r') end++;
    let value = text.slice(pos, end);
    const comment = value.search(/[ \t]#/);
    if (comment >= 0) value = value.slice(0, comment);
    const pair = value.search(/[ \t]+[\w.-]+=/);
    if (pair >= 0) value = value.slice(0, pair);
    value = value.replace(/\s+$/, '');
    if (/^[|>][-+]?\d?$/.test(value) && nameLine >= 0) return readBlock(text, end, indentOf(text, nameLine));
    return value.length === 0 ? null : { start: pos, end: pos + value.length, quoted: false, resume: pos + value.length };
  }
  while (end < bound && !stopsMidline(text.charCodeAt(end))) end++;
  return end === pos ? null : { start: pos, end, quoted: false, resume: end };
}

/** Reads the value that starts at `pos`. */
function readValue(text: string, pos: number, lineStart: boolean, nameLine: number): Read | null {
  const c = text[pos];
  if (c === '"' || c === "'" || c === '`') return readQuoted(text, pos, false);
  if (c === '\\' && (text[pos + 1] === '"' || text[pos + 1] === "'")) return readQuoted(text, pos, true);
  return readUnquoted(text, pos, lineStart, nameLine);
}

/** For a `value:`, the `name:`/`key:` on the same or the previous line (Kubernetes env, ECS, Terraform). */
function contextName(text: string, at: number): string | undefined {
  let from = at;
  let lines = 0;
  const low = Math.max(0, at - 300);
  while (from > low && lines < 2) {
    from--;
    if (text.charCodeAt(from) === 10) lines++;
  }
  let found: string | undefined;
  CONTEXT_NAME.lastIndex = 0;
  const window = text.slice(from, at);
  for (let m = CONTEXT_NAME.exec(window); m !== null; m = CONTEXT_NAME.exec(window)) found = m[1];
  return found;
}

/** The classified value of one candidate, or null. */
function judge(text: string, name: string, cls: NameClass, read: Read, minLength = 1): Assignment | null {
  const value = text.slice(read.start, read.end);
  if (value.length < minLength || value.includes('<secret:')) return null;
  const secret = cls.tier === 'always' ? !isNonSecretValue(value, name, read.quoted) : looksRandom(value);
  return { name, cls, start: read.start, end: read.end, value, quoted: read.quoted, secret };
}

/** Runs `re` over `text`; for each match whose name classifies, reads its value at the end of the match. */
function scanNamed(text: string, re: RegExp, out: Assignment[], nameOf: (m: RegExpExecArray) => string, lineStartOf: (m: RegExpExecArray) => boolean, minLength = 1): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    // `scheme://user:password@` is user info, read by the URL kind: the user is no name.
    if (m.index >= 2 && text.startsWith('//', m.index - 2)) continue;
    let name = nameOf(m);
    if (name.length === 5 && name.toLowerCase() === 'value') name = contextName(text, m.index) ?? name;
    const cls = classifyName(name.charCodeAt(0) === 45 || name.charCodeAt(0) === 95 || name.charCodeAt(0) === 46 ? name.replace(/^[-_.]+/, '') : name);
    if (!cls) continue;
    const line = lineStartNear(text, m.index, 120);
    const read = readValue(text, re.lastIndex, lineStartOf(m), line);
    if (!read) continue;
    const found = judge(text, name, cls, read, minLength);
    if (found) out.push(found);
    re.lastIndex = Math.max(re.lastIndex, read.resume);
  }
}

/** True when the name of match `m` of ASSIGN starts its line (after indentation, `export`, a diff marker...). */
function startsLine(text: string, m: RegExpExecArray): boolean {
  if (m[1]!.startsWith('-')) return false;
  const line = lineStartNear(text, m.index, 80);
  return line >= 0 && LINE_PREFIX.test(text.slice(line, m.index));
}

/** Scans `text` without the memo. */
function scan(text: string): Assignment[] {
  const out: Assignment[] = [];
  scanNamed(text, ASSIGN, out, (m) => m[1]!, (m) => startsLine(text, m));
  scanNamed(text, FLAG, out, (m) => m[1]!, () => false, 4);
  scanNamed(text, DIRECTIVE, out, (m) => m[1] ?? m[2]!, () => false);
  scanNamed(text, HEADER_DIRECTIVE, out, (m) => m[1]!, () => false);
  if (/^[ \t]*machine[ \t]+\S/m.test(text)) scanNamed(text, NETRC_PASSWORD, out, (m) => m[1]!, () => false);
  PROSE_PASSWORD.lastIndex = 0;
  for (let m = PROSE_PASSWORD.exec(text); m !== null; m = PROSE_PASSWORD.exec(text)) {
    const cls = classifyName(m[1]!);
    const read = readUnquoted(text, PROSE_PASSWORD.lastIndex, false, -1);
    if (!cls || !read) continue;
    const value = text.slice(read.start, read.end);
    if (looksRandom(value) && !value.includes('<secret:')) out.push({ name: m[1]!, cls, start: read.start, end: read.end, value, quoted: false, secret: true });
  }
  if (text.includes('</')) {
    XML_ELEMENT.lastIndex = 0;
    for (let m = XML_ELEMENT.exec(text); m !== null; m = XML_ELEMENT.exec(text)) {
      const name = m[1]!.replace(/^.*:/, '');
      const cls = classifyName(name);
      const at = m.indices![2]!;
      const found = cls && judge(text, name, cls, { start: at[0], end: at[1], quoted: true, resume: at[1] });
      if (found) out.push(found);
    }
  }
  return out;
}

let memoText: string | undefined;
let memoResult: readonly Assignment[] = [];
let memoByKind: Map<string, [number, number][]> | undefined;

/** Every assignment to a secret-like name in `text` (secret or not; see `Assignment.secret`). Memoised for the last text. */
export function assignmentsOf(text: string): readonly Assignment[] {
  if (text !== memoText) {
    memoText = undefined;
    memoByKind = undefined;
    memoResult = scan(text);
    memoText = text;
  }
  return memoResult;
}

/** The spans of the secret values assigned to names that give kind `kind`. */
export function assignedSpans(text: string, kind: string): [number, number][] {
  const all = assignmentsOf(text);
  if (!memoByKind) {
    memoByKind = new Map();
    for (const a of all) {
      if (!a.secret) continue;
      const list = memoByKind.get(a.cls.kind);
      if (list) list.push([a.start, a.end]);
      else memoByKind.set(a.cls.kind, [[a.start, a.end]]);
    }
  }
  return [...(memoByKind.get(kind) ?? [])];
}

/** True when the assignment's name is `word` but for case and leading `-`, `_`, `.` (`_auth` and `auth` are both `auth`). */
export function nameIs(a: Assignment, word: string): boolean {
  return a.name.length <= word.length + 3 && a.name.replace(/^[-_.]+/, '').toLowerCase() === word;
}

/** A kind found by name alone: the secret values assigned to names that `classifyName` gives kind `id`. */
export function assignedKind(id: string, description: string): SecretKind {
  return { id, description, detect: (text): Span[] => assignedSpans(text, id) };
}
