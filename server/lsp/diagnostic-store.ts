/**
 * One place that publishes diagnostics. Several producers (the folder diagnosis, the log-template
 * analysis of open log files, ...) each own a slice per file URI; a publish sends the union, so one
 * producer never wipes out another's entries.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';

/** Who produced a slice of diagnostics. */
export type DiagnosticProducer = 'diagnosis' | 'log-templates';

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
    await this.connection.sendDiagnostics({ uri, diagnostics: [...byProducer.values()].flat() });
  }

  /** Replaces all of `producer`'s diagnostics under a set of URIs: those not in `next` are cleared. */
  async replaceAll(producer: DiagnosticProducer, previous: Iterable<string>, next: Map<string, Diagnostic[]>): Promise<void> {
    for (const uri of previous) if (!next.has(uri)) await this.set(uri, producer, []);
    for (const [uri, diagnostics] of next) await this.set(uri, producer, diagnostics);
  }
}
