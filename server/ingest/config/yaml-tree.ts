/**
 * YAML (and JSON, a YAML subset) parsed into plain trees that keep the 1-based line and column of every key
 * and value, so each config fact can point at the exact place in the file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

/** Position of a node: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A scalar value with its position. */
export interface PScalar extends Position {
  kind: 'scalar';
  value: string | number | boolean | null;
}

/** A mapping; `keys` holds the position of each key. */
export interface PMap extends Position {
  kind: 'map';
  entries: Map<string, PNode>;
  keys: Map<string, Position>;
}

/** A sequence. */
export interface PSeq extends Position {
  kind: 'seq';
  items: PNode[];
}

/** Any node of a positioned tree. */
export type PNode = PScalar | PMap | PSeq;

/** A syntax problem found while parsing, at a 1-based line. */
export interface YamlProblem {
  line: number;
  message: string;
}

/** The documents of one YAML stream (a `---`-separated file) and the problems found in it. */
export interface YamlStream {
  /** One entry per document; `null` for an empty or unparseable document. */
  documents: (PNode | null)[];
  problems: YamlProblem[];
}

/** Parses every document of `text`; a broken document becomes `null` and a problem, never an exception. */
export function parseYamlStream(text: string): YamlStream {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const problems: YamlProblem[] = [];
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const documents = list.map((doc) => {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const line = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
        problems.push({ line, message: firstLine(err.message) });
      }
      return null;
    }
    return doc.contents ? toTree(doc.contents, doc, lineCounter) : null;
  });
  return { documents, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function position(node: Node, lc: LineCounter): Position {
  const offset = node.range?.[0] ?? 0;
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

function toTree(node: unknown, doc: Document.Parsed, lc: LineCounter, depth = 0): PNode {
  if (depth > 200) return { kind: 'scalar', value: null, line: 1, column: 1 };
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target ? toTree(target, doc, lc, depth + 1) : { kind: 'scalar', value: null, ...position(node, lc) };
  }
  if (isMap(node)) {
    const entries = new Map<string, PNode>();
    const keys = new Map<string, Position>();
    const merged: PMap[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode ?? '');
      if (key === '<<' && pair.value) {
        // A merge key (`<<: *defaults`, as Compose files use): the aliased maps' entries apply where this
        // map does not set the key itself, and keep the positions where they are written.
        const value = toTree(pair.value, doc, lc, depth + 1);
        for (const m of value.kind === 'seq' ? value.items : [value]) if (m.kind === 'map') merged.push(m);
        continue;
      }
      const keyPos = keyNode ? position(keyNode, lc) : position(node, lc);
      keys.set(key, keyPos);
      entries.set(
        key,
        pair.value ? toTree(pair.value, doc, lc, depth + 1) : { kind: 'scalar', value: null, ...keyPos },
      );
    }
    for (const m of merged) {
      for (const [k, v] of m.entries) {
        if (entries.has(k)) continue;
        entries.set(k, v);
        keys.set(k, m.keys.get(k)!);
      }
    }
    return { kind: 'map', entries, keys, ...position(node, lc) };
  }
  if (isSeq(node)) {
    return { kind: 'seq', items: node.items.map((item) => toTree(item, doc, lc, depth + 1)), ...position(node, lc) };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
    return { kind: 'scalar', value, ...position(node, lc) };
  }
  return { kind: 'scalar', value: null, line: 1, column: 1 };
}

/** The child of a map at `path`, or undefined. */
export function at(node: PNode | null | undefined, ...path: string[]): PNode | undefined {
  let cur: PNode | undefined = node ?? undefined;
  for (const key of path) {
    if (!cur || cur.kind !== 'map') return undefined;
    cur = cur.entries.get(key);
  }
  return cur;
}

/** A scalar node's value as a string, or undefined for anything else (null included). */
export function text(node: PNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** The items of a sequence node, or an empty list. */
export function items(node: PNode | undefined): PNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

/** A map node's string-valued entries as a plain record (non-scalars skipped). */
export function stringRecord(node: PNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.kind !== 'map') return out;
  for (const [k, v] of node.entries) {
    const s = text(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** The last line any node of `node`'s subtree starts on: where a block ends (a multi-line scalar's own lines aside). */
export function lastLineOf(node: PNode): number {
  let last = node.line;
  if (node.kind === 'map') for (const [k, v] of node.entries) last = Math.max(last, node.keys.get(k)?.line ?? 0, lastLineOf(v));
  else if (node.kind === 'seq') for (const item of node.items) last = Math.max(last, lastLineOf(item));
  return last;
}
