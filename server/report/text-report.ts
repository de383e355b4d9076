/**
 * The report a person reads: `aoi diagnose DIR` without `--json`.
 */
import { shellLine, type Diagnosis, type Evidence, type Hypothesis } from '../protocol';

/** Most hypotheses listed in full; the rest are one line each. */
const DETAILED = 3;
/** Lines of a probe's output shown under it. */
const OUTPUT_LINES = 6;

/** Renders a diagnosis of `folder` as plain text, one trailing newline. */
export function renderTextReport(folder: string, d: Diagnosis): string {
  const out: string[] = [];
  const secs = (d.timings.totalMs / 1000).toFixed(2);
  out.push(`AOI diagnosis of ${folder}`);
  out.push(`read ${d.inputs.filesRead} files (${d.inputs.configFiles} configs, ${d.inputs.logFiles} logs, ${d.inputs.logLines.toLocaleString('en-US')} log lines) in ${secs} s`);
  out.push('');
  const top = d.hypotheses[0]!;
  out.push(
    d.detected
      ? `FAULT: ${top.fault} in ${top.component} (confidence ${pct(top.confidence)})`
      : `NO FAULT FOUND (confidence ${pct(top.confidence)})`,
  );
  out.push('');
  out.push('Hypotheses');
  d.hypotheses.forEach((h, i) => {
    if (i < DETAILED) out.push(...detailed(h, i + 1));
    else out.push(`  ${i + 1}. ${headline(h)}`);
  });
  out.push('');
  if (d.guidance) out.push(...guidanceSection(d.guidance), '');
  const asked = d.probes.filter((p) => p.status !== 'proposed' && p.status !== 'refused');
  if (asked.length > 0) {
    out.push('Probes asked (read-only)');
    for (const p of asked) {
      out.push(`  $ ${shellLine(p.argv)}   [${p.status}${p.exitCode !== undefined ? `, exit ${p.exitCode}` : ''}]`, `      ${p.why}`);
      if (p.effect) out.push(`      changed: ${p.effect}`);
      for (const line of (p.output ?? '').split('\n').filter((l) => l.trim() !== '').slice(0, OUTPUT_LINES)) out.push(`      | ${line}`);
    }
    out.push('');
  }
  const proposed = d.probes.filter((p) => p.status === 'proposed');
  out.push('Suggested probes (read-only, not run)');
  if (proposed.length === 0) out.push('  none');
  for (const p of proposed) {
    out.push(`  $ ${shellLine(p.argv)}`, `      ${p.why}`);
    const reads = [...(p.supports ?? []).slice(0, 2).map((r) => `supports ${r}`), ...(p.rulesOut ?? []).slice(0, 2).map((r) => `rules out ${r}`)];
    if (reads.length > 0) out.push(`      ${reads.join('; ')}`);
  }
  out.push('');
  const refused = d.probes.filter((p) => p.status === 'refused');
  if (refused.length > 0) {
    out.push('Probes the read-only policy refuses (not run)');
    for (const p of refused) out.push(`  $ ${shellLine(p.argv)}`, `      ${p.output ?? 'refused'}`);
    out.push('');
  }
  out.push('Proposed fixes (nothing is written until a reviewer approves: aoi fix approve DIR ID)');
  if (d.fixes.length === 0) out.push('  none');
  for (const f of d.fixes) {
    out.push(`  ${f.id}  ${f.kind === 'command' ? 'command' : f.file}  [${f.status}]  fixes ${f.fault} in ${f.component}`, `      ${f.why}`);
    out.push(...f.diff.split('\n').filter((l) => l !== '').map((l) => `      ${l}`));
  }
  for (const n of d.fixNotes ?? []) out.push(`  (${n.file}: ${n.message})`);
  if (d.notes.length > 0) {
    out.push('');
    out.push('Files skipped or partly read');
    for (const n of d.notes) out.push(`  ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}`);
  }
  return `${out.join('\n')}\n`;
}

/** The team guidance that applied, with where it came from and what it changed. */
function guidanceSection(applied: NonNullable<Diagnosis['guidance']>): string[] {
  const lines = ['Team guidance'];
  if (applied.length === 0) lines.push('  none applied');
  for (const g of applied) lines.push(`  ${g.id}  ${g.text}`, `      from ${g.source}`, `      changed: ${g.effect}`);
  return lines;
}

function headline(h: Hypothesis): string {
  const where = h.component ? ` in ${h.component}` : '';
  const rca = h.fault === 'none' ? '' : `  [${h.rca.system_level} / ${h.rca.fault_type}]`;
  return `${h.fault}${where}  ${pct(h.confidence)}${rca}`;
}

function detailed(h: Hypothesis, n: number): string[] {
  const lines = [`  ${n}. ${headline(h)}`, `     ${h.explanation}`];
  for (const e of h.evidence) lines.push(`       ${evidenceLine(e)}`);
  return lines;
}

function evidenceLine(e: Evidence): string {
  const where = `${e.file}:${e.line}`;
  return e.note ? `${where}  ${e.note}\n         | ${e.text}` : `${where}  ${e.text}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
