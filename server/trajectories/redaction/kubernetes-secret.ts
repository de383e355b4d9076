/**
 * Values of Kubernetes Secrets. Whether a `data:` map holds secrets is told by its context lines, not its
 * values: the map belongs to a YAML document (or `kubectl get -o yaml` list item) that says `kind: Secret`,
 * wherever in the document that line is (kubectl sorts `data` before `kind`). This pass reads the text by
 * lines, splits it into documents at `---`, and redacts every value under a top-level `data:` or `stringData:`
 * of a Secret document, block scalars (`tls.key: |`) included. Unified diffs are read with their `+`/`-`/` `
 * markers set aside. JSON Secrets (`kubectl get secret -o json`) get the same treatment for `"data": {...}`.
 */
import type { SecretKind, Span } from './secret-kind';

const KIND_SECRET = /^[ \t]*(?:-[ \t]+)?kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/;
const DATA_KEY = /^([ \t]*)(-[ \t]+)?(data|stringData):[ \t]*(?:#.*)?$/;
const ENTRY = /^([ \t]*)(["']?)[\w.-]+\2:(?:[ \t]+(.*))?$/d;
const DOC_BREAK = /^(?:---|\.\.\.)(?:[ \t].*)?$/;
const JSON_KIND = /"kind"\s*:\s*"Secret"/;
const JSON_DATA = /"(?:data|stringData)"\s*:\s*\{/g;
const JSON_ENTRY = /\s*"[^"\\\n]{1,253}"\s*:\s*"((?:[^"\\\n]|\\.){0,65536})"\s*,?/dy;

/** One line of the text: where its content starts (after any diff marker) and ends. */
interface Line {
  start: number;
  end: number;
  body: string;
}

/** The lines of `text`, with diff markers set aside when `diff`. */
function linesOf(text: string, diff: boolean): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i <= text.length) {
    let next = text.indexOf('\n', i);
    if (next < 0) next = text.length;
    const end = next > i && text[next - 1] === '\r' ? next - 1 : next;
    const start = diff && (text[i] === '+' || text[i] === '-' || text[i] === ' ') && !text.startsWith('+++', i) && !text.startsWith('---', i) ? i + 1 : i;
    lines.push({ start, end, body: text.slice(start, end) });
    i = next + 1;
  }
  return lines;
}

const indentOf = (body: string): number => body.length - body.trimStart().length;

/** The value span of the entry line `line` (quotes set aside), or the span of its block scalar lines. */
function entryValue(lines: readonly Line[], i: number, out: Span[]): number {
  const line = lines[i]!;
  const m = ENTRY.exec(line.body);
  const raw = m?.[3]?.trimEnd();
  if (!m || raw === undefined || raw === '') return i;
  const own = m[1]!.length;
  if (/^[|>][-+]?\d?(?:[ \t]+#.*)?$/.test(raw)) {
    let j = i + 1;
    let last = -1;
    while (j < lines.length && (lines[j]!.body.trim() === '' || indentOf(lines[j]!.body) > own)) {
      if (lines[j]!.body.trim() !== '') last = j;
      j++;
    }
    if (last > i) out.push([lines[i + 1]!.start + indentOf(lines[i + 1]!.body), lines[last]!.end]);
    return last > i ? last : i;
  }
  const valueStart = line.start + m.indices![3]![0];
  let s = valueStart;
  let e = valueStart + raw.length;
  const hash = raw.search(/[ \t]#/);
  if (hash >= 0 && raw[0] !== '"' && raw[0] !== "'") e = valueStart + hash;
  if ((raw[0] === '"' || raw[0] === "'") && raw.length >= 2 && raw.endsWith(raw[0])) {
    s++;
    e--;
  }
  if (e > s) out.push([s, e]);
  return i;
}

/** Values under data:/stringData: of the YAML Secret documents of `text`. */
function yamlSecretValues(text: string, out: Span[]): void {
  const diff = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(text);
  const lines = linesOf(text, diff);
  let docStart = 0;
  for (let k = 0; k <= lines.length; k++) {
    if (k < lines.length && !DOC_BREAK.test(lines[k]!.body)) continue;
    if (lines.slice(docStart, k).some((l) => KIND_SECRET.test(l.body))) {
      for (let i = docStart; i < k; i++) {
        const d = DATA_KEY.exec(lines[i]!.body);
        if (!d) continue;
        const base = d[1]!.length + (d[2]?.length ?? 0);
        let j = i + 1;
        let entryIndent = -1;
        for (; j < k; j++) {
          const body = lines[j]!.body;
          if (body.trim() === '' || body.trimStart().startsWith('#')) continue;
          const ind = indentOf(body);
          if (ind <= base) break;
          if (entryIndent < 0) entryIndent = ind;
          if (ind === entryIndent) j = entryValue(lines, j, out);
        }
        i = j - 1;
      }
    }
    docStart = k + 1;
  }
}

/** Values of "data"/"stringData" objects of JSON Secrets. */
function jsonSecretValues(text: string, out: Span[]): void {
  if (!JSON_KIND.test(text)) return;
  JSON_DATA.lastIndex = 0;
  for (let m = JSON_DATA.exec(text); m !== null; m = JSON_DATA.exec(text)) {
    JSON_ENTRY.lastIndex = JSON_DATA.lastIndex;
    for (let e = JSON_ENTRY.exec(text); e !== null && e[0].length > 0; e = JSON_ENTRY.exec(text)) {
      const at = e.indices![1]!;
      if (at[1] > at[0]) out.push([at[0], at[1]]);
    }
    JSON_DATA.lastIndex = Math.max(JSON_DATA.lastIndex, JSON_ENTRY.lastIndex);
  }
}

/** Kubernetes Secret `data:`/`stringData:` values, found by the `kind: Secret` of their document. */
export const kubernetesSecret: SecretKind = {
  id: 'kubernetes-secret',
  description: 'Value under data: or stringData: of a Kubernetes Secret (YAML documents, kubectl list items, JSON), found by the kind: Secret of its document.',
  detect: (text) => {
    const out: Span[] = [];
    if (!text.includes('Secret')) return out;
    yamlSecretValues(text, out);
    jsonSecretValues(text, out);
    return out;
  },
};
