/**
 * One place that publishes diagnostics. Several producers (the folder diagnosis, the log-template
 * analysis of open log files, ...) each own a slice per file URI; a publish sends the union, so one
 * producer never wipes out another's entries. Where two producers flag the same line with the same code (the
 * full diagnosis and the live config check agree), the entry of the first producer in `PRODUCERS` is kept.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';

/** Who produced a slice of diagnostics. */
export type DiagnosticProducer = 'diagnosis' | 'config-check' | 'log-templates';

/** Producers in order of precedence. */
const PRODUCERS: readonly DiagnosticProducer[] = ['diagnosis', 'config-check', 'log-templates'];

/** Diagnostics per URI and producer, published as their union. */
export class DiagnosticStore {
  private readonly slices = new Map<string, Map<DiagnosticProducer, Diagnostic[]>>();

  constructor(private readonly connection: Pick<Connection, 'sendDiagnostics'>) {}

  /** Replaces `producer`'s diagnostics for `uri` and publishes the file's union. */
  async set(uri: string, producer: DiagnosticProducer, diagnostics: Diagnostic[]): Promise<void> {
    let byProducer = this.slices.get(uri);
    if (!byProducer) {
      byProducer = new Map();
      this.slices.set(uri, byProducer);
    }
    if (diagnostics.length === 0) byProducer.delete(producer);
    else byProducer.set(producer, diagnostics);
    if (byProducer.size === 0) this.slices.delete(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics: union(byProducer) });
  }

  /** Replaces all of `producer`'s diagnostics under a set of URIs: those not in `next` are cleared. */
  async replaceAll(producer: DiagnosticProducer, previous: Iterable<string>, next: Map<string, Diagnostic[]>): Promise<void> {
    for (const uri of previous) if (!next.has(uri)) await this.set(uri, producer, []);
    for (const [uri, diagnostics] of next) await this.set(uri, producer, diagnostics);
  }
}

/** The diagnostics of every producer, without a later producer's repeat of an earlier one's line and code. */
function union(byProducer: Map<DiagnosticProducer, Diagnostic[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const producer of PRODUCERS) {
    const list = byProducer.get(producer) ?? [];
    const keys = list.map((d) => `${d.range.start.line}\u0000${String(d.code)}`);
    list.forEach((d, i) => {
      if (!seen.has(keys[i]!)) out.push(d);
    });
    for (const k of keys) seen.add(k);
  }
  return out;
}
