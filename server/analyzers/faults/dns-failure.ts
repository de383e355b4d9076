/**
 * dns_failure: a name does not resolve or resolves wrongly. Resolver errors name the host; when it is a known
 * component (or the cluster DNS logs errors of its own), name resolution itself is at fault. When the name
 * is unknown but one edit away from a component, the setting that holds it is a typo: that is an
 * app_misconfig of the caller, with the setting as the cause.
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { cause, groupFinding, groupHits, reporters, times } from '../symptom-findings';

const DNS_SERVERS = /^(coredns|kube-dns|dnsmasq|bind9?|named|unbound|systemd-resolved|resolved|pihole|pi-hole)$/i;

/** Findings of dns_failure (and app_misconfig for names that are typos of a component). */
export function analyzeDnsFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const dnsServer = [...incident.topology.components].find((c) => DNS_SERVERS.test(c));
  for (const group of groupHits(incident, 'dns_failure')) {
    const name = group.hits[0]!.target?.name ?? group.component;
    const known = group.hits.some((h) => h.target?.component);
    const near = known ? undefined : nearestComponent(incident, name);
    const settings = settingsNaming(incident, name, group.hits);
    if (near && settings.length > 0) {
      for (const s of settings) {
        const owner = incident.topology.componentFor(s.owner!);
        findings.push({ fault: 'app_misconfig', component: owner, strength: Math.min(0.9, group.strength + 0.15), summary: `${owner}'s setting ${s.key} names host "${name}", which does not resolve; the component is called "${near}".`, evidence: [cause(s.evidence, `${s.key} names "${name}" (did you mean "${near}"?)`), ...group.hits.slice(0, 2).map((h) => h.evidence)] });
      }
      findings.push(groupFinding('dns_failure', group, `${reporters(group)} cannot resolve "${name}" (${times(group.count)}).`, probes(name), group.strength * 0.5));
      continue;
    }
    findings.push(groupFinding('dns_failure', group, `${reporters(group)} cannot resolve "${name}" (${times(group.count)})${known ? `, the name of ${group.component}` : ''}.`, probes(name)));
    for (const s of settings.slice(0, 2)) {
      findings.push({ fault: 'dns_failure', component: group.component, strength: 0.1, summary: `The name comes from ${s.owner}'s setting ${s.key}.`, evidence: [{ ...s.evidence, note: `${s.key} names "${name}"`, role: 'context' }] });
    }
    if (dnsServer) findings.push({ ...groupFinding('dns_failure', group, `Name resolution through ${dnsServer} fails for "${name}".`, probes(name), group.strength * 0.6), component: dnsServer });
  }
  return findings;
}

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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function probes(name: string): Finding['probes'] {
  return [
    { argv: ['getent', 'hosts', name], why: `shows whether "${name}" resolves on the caller's host` },
    { argv: ['nslookup', name], why: `asks the configured DNS server about "${name}" directly` },
  ];
}
