/**
 * Turns a diagnosis into LSP diagnostics on the evidence lines: one per evidence item of each fault
 * hypothesis, `source: "aoi"`, `code` = the fault label, the other evidence of the same hypothesis as
 * related information.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Diagnosis, Evidence, Hypothesis } from '../protocol';

/** The `source` of every diagnostic AOI publishes. */
export const DIAGNOSTIC_SOURCE = 'aoi';

/** Diagnostics per file URI, for every file that holds evidence. */
export function diagnosticsByUri(folder: string, diagnosis: Diagnosis): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const uriOf = (file: string): string => pathToFileURL(join(folder, file)).toString();
  diagnosis.hypotheses
    .filter((h) => h.fault !== 'none')
    .forEach((h, rank) => {
      for (const ev of h.evidence) {
        const uri = uriOf(ev.file);
        const list = out.get(uri) ?? [];
        list.push(toDiagnostic(h, rank, ev, h.evidence.filter((o) => o !== ev).map((o) => related(uriOf(o.file), o))));
        out.set(uri, list);
      }
    });
  return out;
}

function toDiagnostic(h: Hypothesis, rank: number, ev: Evidence, relatedInformation: DiagnosticRelatedInformation[]): Diagnostic {
  const start = Math.max(0, (ev.column ?? 1) - 1);
  const line = ev.line - 1;
  return {
    range: { start: { line, character: start }, end: { line, character: start + Math.max(1, ev.text.length) } },
    severity: severityOf(h, rank, ev),
    source: DIAGNOSTIC_SOURCE,
    code: h.fault,
    message: `${h.fault} in ${h.component} (${Math.round(h.confidence * 100)}%): ${ev.note ?? h.explanation}`,
    relatedInformation,
  };
}

/**
 * The wrong value of the leading hypothesis is an error; symptoms and the causes of other hypotheses are
 * warnings; the other side of a cross-file finding (what is right) and weak hypotheses are information.
 */
function severityOf(h: Hypothesis, rank: number, ev: Evidence): DiagnosticSeverity {
  if (ev.role === 'context' || h.confidence < 0.3) return DiagnosticSeverity.Information;
  return rank === 0 && ev.role !== 'symptom' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

function related(uri: string, ev: Evidence): DiagnosticRelatedInformation {
  const line = ev.line - 1;
  const character = Math.max(0, (ev.column ?? 1) - 1);
  return {
    location: { uri, range: { start: { line, character }, end: { line, character: character + Math.max(1, ev.text.length) } } },
    message: ev.note ?? ev.text,
  };
}
