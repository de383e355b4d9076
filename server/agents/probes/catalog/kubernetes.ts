/**
 * Kubernetes probes: kubectl get/describe/logs/events/top and endpoints, each for one namespace and one
 * workload or Service. All are reads the policy allows as they stand.
 */
import { idea, type ProbeIdea } from './probe';
import { workloadRef, type ProbeTarget } from './target';

const ns = (t: ProbeTarget): string => t.namespace ?? 'default';
const selector = (t: ProbeTarget): string => t.selector ?? `app=${t.component}`;

/** Desired and ready replicas of the workload. */
export function rolloutState(t: ProbeTarget): ProbeIdea {
  const kind = t.workload?.kind.toLowerCase() ?? 'deployment';
  return idea('kubectl.get-workload', t.component, ['kubectl', 'get', kind, t.workload?.name ?? t.component, '-n', ns(t)], `shows how many replicas of ${t.component} are desired and ready`, {
    reader: 'rollout',
    meaning: { 'none ready': { supports: ['service_down'] }, ready: { rulesOut: ['service_down', 'scheduling_failure', 'image_pull_failure'] } },
  });
}

/** The addresses behind a Service. */
export function serviceEndpoints(t: ProbeTarget, service = t.component): ProbeIdea {
  return idea('kubectl.get-endpoints', t.component, ['kubectl', 'get', 'endpoints', service, '-n', ns(t)], `shows whether any ready pod backs Service ${service}, and on which port`, {
    reader: 'endpoints',
    meaning: { 'no endpoints': { supports: ['service_down'] }, endpoints: { rulesOut: ['service_down'] } },
  });
}

/** A Service's port, targetPort and endpoints side by side. */
export function describeService(t: ProbeTarget, service = t.component): ProbeIdea {
  return idea('kubectl.describe-service', t.component, ['kubectl', 'describe', 'service', service, '-n', ns(t)], `shows Service ${service}'s port, targetPort and endpoints side by side`);
}

/** Pod states, last terminations and events of the workload's pods. */
export function describePods(t: ProbeTarget, why: string): ProbeIdea {
  return idea('kubectl.describe-pods', t.component, ['kubectl', 'describe', 'pod', '-l', selector(t), '-n', ns(t)], why);
}

/** The workload's pods, with node and IP. */
export function pods(t: ProbeTarget): ProbeIdea {
  return idea('kubectl.get-pods', t.component, ['kubectl', 'get', 'pods', '-n', ns(t), '-l', selector(t)], `lists ${t.component}'s pods with their status and restarts`);
}

/** The workload's logs: the last run's (`previous`) or the current one's, bounded. */
export function logs(t: ProbeTarget, options: { previous?: boolean; since?: string; tail: number }, why: string): ProbeIdea {
  const argv = ['kubectl', 'logs', workloadRef(t), '-n', ns(t)];
  if (options.previous) argv.push('--previous');
  if (options.since) argv.push('--since', options.since);
  argv.push('--tail', String(options.tail));
  return idea(options.previous ? 'kubectl.logs-previous' : 'kubectl.logs', t.component, argv, why);
}

/** Events of one reason in the workload's namespace. */
export function events(t: ProbeTarget, reason: string, why: string): ProbeIdea {
  return idea('kubectl.get-events', t.component, ['kubectl', 'get', 'events', '-n', ns(t), '--field-selector', `reason=${reason}`], why);
}

/** CPU and memory use of the workload's pods. */
export function top(t: ProbeTarget): ProbeIdea {
  return idea('kubectl.top-pods', t.component, ['kubectl', 'top', 'pod', '-l', selector(t), '-n', ns(t)], `shows ${t.component}'s memory and CPU use against its limits`);
}

/** Node labels, for selectors and affinity. */
export function nodeLabels(t: ProbeTarget): ProbeIdea {
  return idea('kubectl.get-nodes', t.component, ['kubectl', 'get', 'nodes', '--show-labels'], `shows the node labels ${t.component}'s selector must match`);
}

/** Claims of the namespace: Pending, Lost, sizes. */
export function claims(t: ProbeTarget): ProbeIdea {
  return idea('kubectl.get-pvc', t.component, ['kubectl', 'get', 'pvc', '-n', ns(t)], `shows ${t.component}'s volume claims that are Pending, Lost or too small`);
}

/** One field of the workload's pod template, e.g. the images. */
export function templateField(t: ProbeTarget, jsonPath: string, why: string): ProbeIdea {
  const kind = t.workload?.kind.toLowerCase() ?? 'deployment';
  return idea('kubectl.get-template-field', t.component, ['kubectl', 'get', kind, t.workload?.name ?? t.component, '-n', ns(t), '-o', `jsonpath={${jsonPath}}`], why);
}

