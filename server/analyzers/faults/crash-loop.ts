/**
 * crash_loop: a service starts and exits again and again (bad command, wrong binary, missing file at start).
 * Restart loops (CrashLoopBackOff, restart counters, `Restarting (1)`) and start failures name the
 * component. A loop that another fault explains (an OOM kill, a config error, an image that cannot be
 * pulled, a bug on a request path) is that fault's symptom, so the loop is weakened there. A start command
 * naming a missing file is fixed from the mounts or the image's own command (fixes/start-path-fix.ts).
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { startPathFix } from '../fixes/start-path-fix';

/** Faults whose presence on the same component explains a restart loop. */
const EXPLAINS = new Set(['oom', 'app_misconfig', 'image_pull_failure', 'code_defect', 'disk_full', 'auth_failure', 'dns_failure', 'tls_failure']);

/** Findings of crash_loop. */
export function analyzeCrashLoop(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'crash_loop', (h) => lineSubject(incident, h.owner, h.text), true)) {
    // A file missing at start is this fault's own cause, whatever else the same line looks like.
    const missingFile = new Set(group.hits.filter((h) => h.symptom.id === 'missing-file').map((h) => h.template));
    const explained = incident.hits.some((h) => EXPLAINS.has(h.symptom.fault) && h.strength >= 0.35 && !missingFile.has(h.template) && lineSubject(incident, h.owner, h.text) === group.component);
    const startFailure = group.hits.some((h) => h.symptom.id === 'start-failure' || h.symptom.id === 'missing-file');
    const loop = group.hits.some((h) => h.symptom.id === 'crashloop');
    const strength = (explained ? 0.5 : 1) * (loop && startFailure ? Math.min(0.95, group.strength + 0.1) : group.strength);
    const finding = groupFinding('crash_loop', group, `${group.component} ${loop ? 'keeps restarting' : 'fails at start'} (${times(group.count)} in ${reporters(group)})${startFailure ? `: ${group.hits.find((h) => h.symptom.id === 'start-failure' || h.symptom.id === 'missing-file')!.symptom.note}` : ''}.`, proposals(incident, 'crash_loop', group.component), strength);
    // A start command naming a file that is not there: pointed at the one the mounts or the image show.
    const fix = startFailure ? startPathFix(incident, group.component, group.hits.filter((h) => h.symptom.id === 'start-failure' || h.symptom.id === 'missing-file')) : undefined;
    findings.push(fix ? { ...finding, fix } : finding);
    const command = workloadOf(incident, group.component)?.containers.find((c) => c.commandEvidence);
    if (command?.commandEvidence && startFailure && !explained) {
      findings.push({ fault: 'crash_loop', component: group.component, strength: 0.2, summary: `It starts with: ${command.command?.join(' ')}.`, evidence: [cause(command.commandEvidence, `start command ${command.command?.join(' ')}`)] });
    }
  }
  return findings;
}
