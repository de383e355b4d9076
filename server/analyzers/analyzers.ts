/**
 * The expert rules, one per fault label of the taxonomy (spec/taxonomy.md); `none` is what remains when
 * none of them finds support (agents/observer/rank.ts).
 */
import type { FaultLabel } from '../protocol';
import type { Finding } from './finding';
import type { Analyzer, Incident } from './incident';
import { analyzePorts } from './port-misconfig';
import { analyzeAppMisconfig } from './faults/app-misconfig';
import { analyzeAuthFailure } from './faults/auth-failure';
import { analyzeServiceDown } from './faults/service-down';
import { analyzeCrashLoop } from './faults/crash-loop';
import { analyzeOom } from './faults/oom';
import { analyzeDiskFull } from './faults/disk-full';
import { analyzeNetworkDelay } from './faults/network-delay';
import { analyzeNetworkLoss } from './faults/network-loss';
import { analyzeDnsFailure } from './faults/dns-failure';
import { analyzeTlsFailure } from './faults/tls-failure';
import { analyzeResourceExhaustion } from './faults/resource-exhaustion';
import { analyzeSchedulingFailure } from './faults/scheduling-failure';
import { analyzeImagePullFailure } from './faults/image-pull-failure';
import { analyzeCodeDefect } from './faults/code-defect';

/** Every analyzer, by the fault label it speaks for. */
export const ANALYZERS: Readonly<Record<Exclude<FaultLabel, 'none'>, Analyzer>> = {
  port_misconfig: (i) => analyzePorts({ topology: i.topology, services: i.facts.services, workloads: i.facts.workloads, refused: i.refused }),
  app_misconfig: analyzeAppMisconfig,
  auth_failure: analyzeAuthFailure,
  service_down: analyzeServiceDown,
  crash_loop: analyzeCrashLoop,
  oom: analyzeOom,
  disk_full: analyzeDiskFull,
  network_delay: analyzeNetworkDelay,
  network_loss: analyzeNetworkLoss,
  dns_failure: analyzeDnsFailure,
  tls_failure: analyzeTlsFailure,
  resource_exhaustion: analyzeResourceExhaustion,
  scheduling_failure: analyzeSchedulingFailure,
  image_pull_failure: analyzeImagePullFailure,
  code_defect: analyzeCodeDefect,
};

/** The findings of every analyzer. */
export function analyzeIncident(incident: Incident): Finding[] {
  return Object.values(ANALYZERS).flatMap((analyze) => analyze(incident));
}
