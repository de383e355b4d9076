/**
 * The lab's tasks, as in AIOpsLab: per fault, detection (is something wrong?), localization (which
 * component?), root-cause analysis (which fault label, with the rca fields) and mitigation (after the
 * approved fix, traffic succeeds as before and health checks pass). The no-fault control has detection only.
 * Task ids are `<fault>/<type>`; `smoke` picks three faults of different kinds.
 */
import { FAULTS } from '../faults/catalog';
import type { Fault } from '../faults/fault';
import { TASK_TYPES, type TaskType } from './episode';

export interface LabTask {
  id: string;
  type: TaskType;
  fault: Fault;
}

/** Three faults of different kinds (a config port, revoked datastore access, an expired certificate). */
export const SMOKE_FAULTS = ['web-api-orders-port', 'redis-inventory-user-disabled', 'inventory-certificate-expired'];

export function tasksOf(fault: Fault): LabTask[] {
  const types = fault.truth.label === 'none' ? (['detection'] as TaskType[]) : TASK_TYPES;
  return types.map((type) => ({ id: `${fault.id}/${type}`, type, fault }));
}

export const ALL_TASKS: readonly LabTask[] = FAULTS.flatMap(tasksOf);

/**
 * The tasks `spec` names: `all`, `smoke`, or a comma-separated list of task ids, fault ids (all their tasks)
 * or task types (that type for every fault). Throws naming an unknown entry. `root` says whether root-only
 * faults can run here.
 */
export function selectTasks(spec: string, root: boolean): LabTask[] {
  const usable = (t: LabTask): boolean => root || !t.fault.needsRoot;
  if (spec === 'all') return ALL_TASKS.filter(usable);
  if (spec === 'smoke') return ALL_TASKS.filter((t) => SMOKE_FAULTS.includes(t.fault.id));
  const out: LabTask[] = [];
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const found = ALL_TASKS.filter((t) => t.id === item || t.fault.id === item || t.type === item);
    if (found.length === 0) throw new Error(`unknown lab task "${item}": use all, smoke, a fault id (${FAULTS.map((f) => f.id).slice(0, 3).join(', ')}, ...), a task id such as ${ALL_TASKS[0]!.id}, or a task type (${TASK_TYPES.join(', ')})`);
    const refused = found.filter((t) => !usable(t));
    if (refused.length > 0) throw new Error(`lab task ${refused[0]!.id} needs root (it mounts a size-limited volume)`);
    for (const t of found) if (!out.includes(t)) out.push(t);
  }
  return out;
}
