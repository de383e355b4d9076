/**
 * The fault taxonomy shared by every diagnosis, test, example and evaluation (spec/taxonomy.md).
 * The labels are fixed; `none` is the detection negative.
 */

/** Every fault label, in the order of the taxonomy table. */
export const FAULT_LABELS = [
  'port_misconfig',
  'app_misconfig',
  'auth_failure',
  'service_down',
  'crash_loop',
  'oom',
  'disk_full',
  'network_delay',
  'network_loss',
  'dns_failure',
  'tls_failure',
  'resource_exhaustion',
  'scheduling_failure',
  'image_pull_failure',
  'code_defect',
  'none',
] as const;

/** One label of the taxonomy. */
export type FaultLabel = (typeof FAULT_LABELS)[number];

/** AIOpsLab's coarse root-cause fields, output next to the label as `rca`. */
export interface RootCauseFields {
  system_level: 'Hardware' | 'Operating System' | 'Virtualization' | 'Application' | '-';
  fault_type:
    | 'Misconfiguration'
    | 'Code Defect'
    | 'Authentication Issue'
    | 'Network/Storage Issue'
    | 'Operation Error'
    | 'Dependency Problem'
    | '-';
}

/** The taxonomy's mapping of each label to AIOpsLab's `system_level` / `fault_type`. */
export const RCA_BY_FAULT: Readonly<Record<FaultLabel, RootCauseFields>> = {
  port_misconfig: { system_level: 'Virtualization', fault_type: 'Misconfiguration' },
  app_misconfig: { system_level: 'Application', fault_type: 'Misconfiguration' },
  auth_failure: { system_level: 'Application', fault_type: 'Authentication Issue' },
  service_down: { system_level: 'Virtualization', fault_type: 'Operation Error' },
  crash_loop: { system_level: 'Application', fault_type: 'Operation Error' },
  oom: { system_level: 'Operating System', fault_type: 'Operation Error' },
  disk_full: { system_level: 'Operating System', fault_type: 'Network/Storage Issue' },
  network_delay: { system_level: 'Virtualization', fault_type: 'Network/Storage Issue' },
  network_loss: { system_level: 'Virtualization', fault_type: 'Network/Storage Issue' },
  dns_failure: { system_level: 'Virtualization', fault_type: 'Dependency Problem' },
  tls_failure: { system_level: 'Application', fault_type: 'Misconfiguration' },
  resource_exhaustion: { system_level: 'Application', fault_type: 'Dependency Problem' },
  scheduling_failure: { system_level: 'Virtualization', fault_type: 'Dependency Problem' },
  image_pull_failure: { system_level: 'Virtualization', fault_type: 'Operation Error' },
  code_defect: { system_level: 'Application', fault_type: 'Code Defect' },
  none: { system_level: '-', fault_type: '-' },
};

/** True when `value` is one of the taxonomy's labels. */
export function isFaultLabel(value: string): value is FaultLabel {
  return (FAULT_LABELS as readonly string[]).includes(value);
}
