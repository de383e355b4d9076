/**
 * Reads a large multi-document YAML manifest (a `kubectl get all -A -o yaml` dump, Helm output) one document
 * at a time: each document is parsed, its Kubernetes facts taken and its tree dropped, so memory stays
 * bounded by the largest document instead of the file. The YAML parser reads about 3-5 MB a second, so a
 * byte budget bounds the time too; what lies past it is skipped and reported as a problem.
 */
import { parseYamlStream, type PNode, type YamlProblem } from './yaml-tree';
import { isKubernetesDocument, KubernetesFactCollector } from './kubernetes';
import type { ConfigFacts } from './facts';
import type { SourceText } from './source-text';

/** Default number of characters of one manifest that are parsed (16 MiB, a few seconds of parsing). */
export const MANIFEST_BUDGET_CHARS = 16 * 1024 * 1024;

/** One document's text and the 1-based line of the file it starts on. */
export interface YamlDocumentText {
  text: string;
  line: number;
}

/** What `readManifestStream` found. */
export interface ManifestRead {
  /** Facts of the Kubernetes objects. */
  facts: ConfigFacts;
  /** Non-empty documents that are not Kubernetes objects (Compose files, app configs), with lines of the file. */
  others: PNode[];
  /** Syntax problems, and a problem saying where reading stopped when the budget ran out. */
  problems: YamlProblem[];
  /** Characters left unread because of the budget; 0 when the whole file was read. */
  skippedChars: number;
}

/**
 * Splits a YAML stream before each `---` document marker line (the marker stays with its document).
 * Directive lines (`%YAML 1.2`) stay with the document that follows them. Never throws.
 */
export function splitYamlDocuments(text: string): YamlDocumentText[] {
  const out: YamlDocumentText[] = [];
  let start = 0;
  let startLine = 1;
  // Where the trailing run of directive (and blank or comment) lines began, if it holds a directive.
  let directives: { offset: number; line: number } | undefined;
  let runStart: { offset: number; line: number } | undefined;
  for (let offset = 0, line = 1; offset < text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    if (text.startsWith('---', offset) && (end === offset + 3 || /[ \t\r]/.test(text[offset + 3]!))) {
      const cut = directives ?? { offset, line };
      if (cut.offset > start) {
        out.push({ text: text.slice(start, cut.offset), line: startLine });
        [start, startLine] = [cut.offset, cut.line];
      }
      directives = runStart = undefined;
    } else {
      const first = text[offset];
      if (first === '%') {
        runStart ??= { offset, line };
        directives = runStart;
      } else if (end === offset || first === '#' || first === '\r') runStart ??= { offset, line };
      else directives = runStart = undefined;
    }
    offset = end + 1;
  }
  if (start < text.length || out.length === 0) out.push({ text: text.slice(start), line: startLine });
  return out;
}

/**
 * Parses `src` document by document within `budgetChars`: Kubernetes objects become facts (as
 * `kubernetesFacts` would give) and are handed to `onKubernetesDocument` (for their status) before their tree
 * is dropped; other documents are returned as trees. Never throws.
 */
export function readManifestStream(src: SourceText, budgetChars = MANIFEST_BUDGET_CHARS, onKubernetesDocument?: (doc: PNode) => void): ManifestRead {
  const collector = new KubernetesFactCollector(src);
  const others: PNode[] = [];
  const problems: YamlProblem[] = [];
  const chunks = splitYamlDocuments(src.text);
  let read = 0;
  let count = 0;
  for (const chunk of chunks) {
    if (read + chunk.text.length > budgetChars) {
      const skipped = src.text.length - read;
      problems.push({
        line: chunk.line,
        message:
          `manifest is ${megabytes(src.text.length)}: read the first ${megabytes(read)} (${count} documents), ` +
          `skipped the remaining ${megabytes(skipped)} from line ${chunk.line} (the limit is ${megabytes(budgetChars)})`,
      });
      return { facts: collector.finish(), others, problems, skippedChars: skipped };
    }
    read += chunk.text.length;
    count++;
    const parsed = parseYamlStream(chunk.text);
    for (const p of parsed.problems) problems.push({ line: p.line + chunk.line - 1, message: p.message });
    for (const doc of parsed.documents) {
      if (!doc || (doc.kind === 'scalar' && doc.value === null)) continue; // empty document
      shiftLines(doc, chunk.line - 1);
      if (isKubernetesDocument(doc)) {
        collector.add(doc);
        onKubernetesDocument?.(doc);
      }
      else others.push(doc);
    }
  }
  return { facts: collector.finish(), others, problems, skippedChars: 0 };
}

/** Moves every position of a tree `delta` lines down. */
function shiftLines(node: PNode, delta: number): void {
  if (delta === 0) return;
  const stack: PNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.line += delta;
    if (n.kind === 'map') {
      for (const pos of n.keys.values()) pos.line += delta;
      stack.push(...n.entries.values());
    } else if (n.kind === 'seq') stack.push(...n.items);
  }
}

function megabytes(chars: number): string {
  return `${(chars / (1024 * 1024)).toFixed(1)} MiB`;
}
