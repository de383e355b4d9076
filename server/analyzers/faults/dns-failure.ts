/**
 * dns_failure: a name does not resolve or resolves wrongly. Resolver errors name the host; when it is a known
 * component (or the cluster DNS logs errors of its own), name resolution itself is at fault. When the name
 * is unknown but one edit away from a component, the setting that holds it is a typo: that is an
 * app_misconfig of the caller, with the setting as the cause. Fixes: the typo corrected, the resolvers pointed at
 * the ones the host and other services use (fixes/dns-fixes.ts), a missing Service restored
 * (fixes/service-manifest-fix.ts).
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import type { WorkloadFact } from '../../ingest/config/facts';
import type { SymptomHit } from '../symptoms/match';
import { cause, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { hitsOf } from '../incident';
import { proposals } from '../probe-target';
import { hostTypoFix, resolverFix, resolverLists, zoneRecordFix } from '../fixes/dns-fixes';
import { missingServiceFix } from '../fixes/service-manifest-fix';
import { editDistance } from '../fixes/near-miss';

const DNS_SERVERS = /^(coredns|kube-dns|dnsmasq|bind9?|named|unbound|systemd-resolved|resolved|pihole|pi-hole)$/i;

/** Findings of dns_failure (and app_misconfig for names that are typos of a component). */
export function analyzeDnsFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const dnsServer = [...incident.topology.components].find((c) => DNS_SERVERS.test(c));
  // A DNS server that logs failures of its own (upstream timeouts, SERVFAIL) is where resolution breaks.
  const serverFails = dnsServer !== undefined && incident.hits.some((h) => h.owner === dnsServer && h.template.severityNumber >= 13 && ['network_delay', 'network_loss', 'dns_failure'].includes(h.symptom.fault) && !/NXDOMAIN/.test(h.text));
  const serverShare = serverFails ? 1.15 : 0.6;
  const typos = new Set<SymptomHit>();
  for (const hit of hitsOf(incident, 'dns_failure')) {
    const name = hit.target?.name;
    if (!name || hit.target?.component) continue;
    const near = nearestComponent(incident, name);
    const settings = near ? settingsNaming(incident, name, [hit]) : [];
    if (!near || settings.length === 0) continue;
    typos.add(hit);
    for (const s of settings) {
      const owner = incident.topology.componentFor(s.owner!);
      const corrected = near + name.slice(name.split('.')[0]!.length);
      const fix = incident.topology.resolve(corrected)?.component === near ? hostTypoFix(s, name, corrected, owner) : undefined;
      findings.push({ fault: 'app_misconfig', component: owner, strength: Math.min(0.9, hit.strength + 0.15), summary: `${owner}'s setting ${s.key} names host "${name}", which does not resolve; the component is called "${near}".`, evidence: [cause(s.evidence, `${s.key} names "${name}" (did you mean "${near}"?)`), hit.evidence], ...(fix ? { fix } : {}) });
    }
  }
  // A known component that does not resolve: its name record is gone (a deleted Service, a DNS outage).
  // Names the inputs do not know failing from a caller: the caller's resolver is the suspect.
  const subject = (h: SymptomHit): string | undefined => (typos.has(h) ? undefined : h.target?.component ?? h.owner ?? h.target?.name);
  const groups = groupHits(incident, 'dns_failure', subject);
  const failing = new Set(groups.map((g) => g.component));
  for (const group of groups) {
    const names = [...new Set(group.hits.map((h) => h.target?.name).filter((n): n is string => !!n))];
    const known = group.hits.some((h) => h.target?.component === group.component);
    const list = names.slice(0, 3).map((n) => `"${n}"`).join(', ') || 'names';
    if (known) {
      findings.push(groupFinding('dns_failure', group, `${reporters(group)} cannot resolve ${list} (${times(group.count)}), the name of ${group.component}.`, proposals(incident, 'dns_failure', group.component, { name: names[0] ?? group.component })));
      const orphan = serviceless(incident, group.component);
      if (orphan) {
        const callerPorts = incident.topology.references.filter((r) => incident.topology.resolve(r.host)?.component === group.component).map((r) => r.port);
        const fix = missingServiceFix(orphan, names, callerPorts, incident.facts.services);
        findings.push({ fault: 'dns_failure', component: group.component, strength: 0.35, summary: `${orphan.kind} ${orphan.name} runs, but no Service in the manifests selects its pods, so its name has no DNS record.`, evidence: [cause(orphan.evidence, `${orphan.kind} ${orphan.name} has no Service`)], ...(fix ? { fix } : {}) });
      }
      const zone = names[0] ? zoneRecordFix(incident.logs.templates.flatMap((t) => t.examples), names[0]) : undefined;
      if (zone) findings.push({ fault: 'dns_failure', component: group.component, strength: 0.3, summary: `The hosts-format zone ${zone.fix.file} lists the other names of its domain but has no record for "${names[0]}".`, evidence: [cause(zone.record, `${zone.fix.file} has no record for ${names[0]}`)], fix: zone.fix });
      if (dnsServer) findings.push({ ...groupFinding('dns_failure', group, `Name resolution through ${dnsServer} fails for ${list}.`, [], Math.min(0.95, group.strength * serverShare)), component: dnsServer });
      continue;
    }
    findings.push(groupFinding('dns_failure', group, `${group.component} cannot resolve ${list} (${times(group.count)}).`, proposals(incident, 'dns_failure', group.component, { name: names[0] ?? group.component })));
    const resolver = incident.facts.settings.filter((s) => s.owner && incident.topology.componentFor(s.owner) === group.component && RESOLVER_KEY.test(s.key));
    if (resolver.length > 0) {
      const fix = resolverFix(group.component, resolver, knownResolvers(incident, failing));
      findings.push({ fault: 'dns_failure', component: group.component, strength: 0.3, summary: `It resolves names through ${resolver.map((s) => s.value).join(', ')}.`, evidence: resolver.slice(0, 2).map((s) => cause(s.evidence, `resolver ${s.key} = ${s.value}`)), ...(fix ? { fix } : {}) });
    }
    if (dnsServer) findings.push({ ...groupFinding('dns_failure', group, `Name resolution through ${dnsServer} fails for ${list}.`, [], Math.min(0.95, group.strength * serverShare)), component: dnsServer });
  }
  return findings;
}

/** The Kubernetes workload `component` when the manifests declare Services but none named after it or selecting its pods. */
function serviceless(incident: Incident, component: string): WorkloadFact | undefined {
  const w = incident.facts.workloads.find((x) => x.name === component && !['ComposeService', 'Dockerfile'].includes(x.kind));
  if (!w || incident.facts.services.length === 0) return undefined;
  const selects = (sel: Record<string, string>): boolean => Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => w.podLabels[k] === v);
  return incident.facts.services.some((s) => s.name === component || (s.namespace === w.namespace && selects(s.selector))) ? undefined : w;
}

/**
 * Resolver lists of what resolves fine: the resolver settings of components that report no DNS failure and
 * of no component (the host's), and the resolver lines of collected command outputs.
 */
function knownResolvers(incident: Incident, failing: Set<string>): string[][] {
  const byOwner = new Map<string, string[]>();
  for (const s of incident.facts.settings) {
    if (!RESOLVER_KEY.test(s.key)) continue;
    const owner = s.owner ? incident.topology.componentFor(s.owner) : '';
    if (failing.has(owner)) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), s.value.trim()]);
  }
  const lines = incident.logs.templates.flatMap((t) => t.examples);
  return [...byOwner.values(), ...resolverLists(lines)];
}

/** Settings that choose a resolver: compose `dns`, dnsConfig nameservers, resolv.conf `nameserver`. */
const RESOLVER_KEY = /(^|\.)(dns|nameservers?|dns_?servers?|resolvers?)(\.\d+)?$/i;

/** Settings whose value holds `name` as a host. */
function settingsNaming(incident: Incident, name: string, hits: SymptomHit[]): Incident['facts']['settings'] {
  const owners = new Set(hits.map((h) => h.owner));
  const re = new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`, 'i');
  return incident.facts.settings.filter((s) => s.owner && re.test(s.value) && (owners.has(incident.topology.componentFor(s.owner)) || owners.size === 0));
}

/** The component whose name is within two edits of `name`'s first label, when exactly one is. */
function nearestComponent(incident: Incident, name: string): string | undefined {
  const label = name.toLowerCase().split('.')[0]!;
  const close = [...incident.topology.components].filter((c) => c.toLowerCase() !== label && editDistance(c.toLowerCase(), label) <= Math.min(2, Math.floor(label.length / 3)));
  return close.length === 1 ? close[0] : undefined;
}
