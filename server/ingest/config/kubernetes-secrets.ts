/**
 * Keeps Secret values out of every fact. A Secret's keys are facts; its `data` / `stringData` values are
 * recorded here only to be redacted: from evidence texts (recomputed from the raw line, so a value cut by the
 * evidence length limit cannot leak half), from setting values and from any other string of the facts.
 */
import type { Evidence } from '../../protocol';
import type { ConfigFacts } from './facts';
import { clip, type SourceText } from './source-text';
import type { PNode } from './yaml-tree';

/** What replaces a secret value. */
export const REDACTED = '<redacted>';

/** Shorter values are redacted only on the line that holds them: elsewhere "1" or "true" would hit everything. */
const MIN_ANYWHERE = 6;

/** The Secret values of a manifest, and the redaction of facts that might quote them. */
export class SecretRedactor {
  private readonly anywhere = new Set<string>();
  private readonly byLine = new Map<number, Set<string>>();
  private readonly safe = new WeakSet<Evidence>();

  /** Records every scalar under `node` (a Secret's `data` or `stringData`); `base64` also records decoded values. */
  addValues(node: PNode, base64: boolean): void {
    if (node.kind === 'map') for (const child of node.entries.values()) this.addValues(child, base64);
    else if (node.kind === 'seq') for (const child of node.items) this.addValues(child, base64);
    else if (node.value !== null) {
      const value = String(node.value);
      this.add(value, node.line);
      if (base64) {
        const decoded = decodeBase64(value);
        if (decoded !== undefined) this.add(decoded, node.line);
      }
    }
  }

  /** Evidence for the key of a Secret that quotes only `key: <redacted>`. */
  keyEvidence(src: SourceText, line: number, column: number, key: string): Evidence {
    const evidence: Evidence = { file: src.rel, line, column, text: clip(`${key}: ${REDACTED}`) };
    this.safe.add(evidence);
    return evidence;
  }

  /** True when no value was recorded. */
  get empty(): boolean {
    return this.anywhere.size === 0 && this.byLine.size === 0;
  }

  /** Removes every recorded value from `facts` (in place). */
  redact(facts: ConfigFacts, src: SourceText): void {
    if (this.empty) return;
    const anywhere = [...this.anywhere].sort((a, b) => b.length - a.length);
    const scrub = (text: string, extra: Set<string> | undefined): string => {
      let out = text;
      const values = extra ? [...new Set([...extra, ...anywhere])].sort((a, b) => b.length - a.length) : anywhere;
      for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
      return out;
    };
    const visit = (value: unknown, depth: number): unknown => {
      if (typeof value === 'string') return scrub(value, undefined);
      if (depth > 20 || value === null || typeof value !== 'object') return value;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) value[i] = visit(value[i], depth + 1);
        return value;
      }
      const record = value as Record<string, unknown>;
      if (isEvidence(record)) {
        if (this.safe.has(record)) return value;
        const raw = src.lines[record.line - 1];
        const onLine = this.byLine.get(record.line);
        if (raw !== undefined && record.text === clip(raw.trim())) {
          // Scrub the whole line before clipping: a value cut at the length limit would otherwise show its start.
          const scrubbed = scrub(raw.trim(), onLine);
          if (scrubbed !== raw.trim()) record.text = clip(scrubbed);
        } else record.text = scrub(record.text, onLine);
      }
      for (const key of Object.keys(record)) {
        // Paths are where the fact was read, not what the file says.
        if (key === 'file' || (key === 'text' && isEvidence(record))) continue;
        record[key] = visit(record[key], depth + 1);
      }
      return value;
    };
    visit(facts, 0);
  }

  private add(value: string, line: number): void {
    for (const part of value.split(/\r?\n/)) {
      const v = part.trim();
      if (v === '') continue;
      const set = this.byLine.get(line) ?? new Set<string>();
      set.add(v);
      this.byLine.set(line, set);
      if (v.length >= MIN_ANYWHERE) this.anywhere.add(v);
    }
  }
}

function isEvidence(o: Record<string, unknown>): o is Record<string, unknown> & Evidence {
  return typeof o['file'] === 'string' && typeof o['line'] === 'number' && typeof o['text'] === 'string';
}

/** The UTF-8 text of a base64 value, or undefined when it is not base64 of printable text. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.length > 0 && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded) ? decoded : undefined;
}
