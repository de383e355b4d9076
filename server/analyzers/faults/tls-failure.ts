/**
 * tls_failure: a certificate is expired, untrusted or for the wrong name, or TLS settings mismatch.
 * Handshake and verification errors point at the server the client talked to. Certificate files in the
 * inputs are checked against the logs' time: an expired one, and the config that serves it, are the cause.
 * A client that was configured with its own CA bundle is blamed for trust errors when no served
 * certificate is wrong. Fixes (fixes/tls-fixes.ts): the client's CA setting pointed at the CA file its peers
 * use; an expired certificate's setting pointed at the valid one for the same names.
 */
import type { CertificateFact, TlsFileReference } from '../../ingest/config/facts';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, context, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { proposals } from '../probe-target';
import { caFileFix, certificatesAt, renewedCertificateFix, type UntrustedServer } from '../fixes/tls-fixes';

/** Findings of tls_failure. */
export function analyzeTlsFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const now = incident.logs.window?.end ?? Date.now();
  const expired = incident.facts.certificates.filter((c) => c.validTo < now || c.validFrom > now);
  for (const cert of expired) {
    const served = servedBy(incident, cert);
    const component = served?.component ?? 'unknown';
    if (component === 'unknown') continue;
    const when = cert.validTo < now ? `expired on ${cert.notAfter}` : `is not valid before ${cert.notBefore}`;
    const evidence = [cause(cert.evidence, `certificate for ${cert.names.slice(0, 3).join(', ') || cert.subject} ${when}`)];
    if (served) evidence.push(context(served.evidence, `${component} serves ${served.path}`));
    const fix = served ? renewedCertificateFix(cert, served, incident.facts.certificates, now) : undefined;
    findings.push({ fault: 'tls_failure', component, strength: 0.45, summary: `The certificate ${component} serves (${cert.file}) ${when}, before the incident's logs end.`, evidence, probes: tlsProbes(incident, component), ...(fix ? { fix } : {}) });
  }
  for (const group of groupHits(incident, 'tls_failure')) {
    const expiredHit = group.hits.some((h) => h.symptom.id === 'certificate-expired');
    const trust = group.hits.some((h) => h.symptom.id === 'certificate-untrusted');
    const clientCa = trust && !expiredHit ? caOfClients(incident, group) : undefined;
    if (clientCa) {
      const fix = caFileFix(untrusted(incident, group, clientCa));
      findings.push({ ...groupFinding('tls_failure', group, `${clientCa.component} does not trust the certificate it is shown (${times(group.count)}); it verifies with its own CA setting ${clientCa.path}.`, tlsProbes(incident, group.component)), component: clientCa.component, evidence: [cause(clientCa.evidence, `CA file ${clientCa.path}`), ...group.hits.slice(0, 3).map((h) => h.evidence)], ...(fix ? { fix } : {}) });
      findings.push(groupFinding('tls_failure', group, `${reporters(group)} reject ${group.component}'s certificate.`, [], group.strength * 0.5));
      continue;
    }
    const what = expiredHit ? 'an expired certificate' : trust ? 'a certificate they do not trust' : 'a failing TLS handshake';
    findings.push(groupFinding('tls_failure', group, `${reporters(group)} see ${what} from ${group.component} (${times(group.count)}).`, tlsProbes(incident, group.component)));
  }
  return findings;
}

/** The catalog's TLS probes for `component`, with the certificate files its configuration serves. */
function tlsProbes(incident: Incident, component: string): Finding['probes'] {
  const certificates = incident.facts.tlsFiles.filter((t) => t.role === 'certificate' && incident.topology.componentFor(t.component) === component && t.path.startsWith('/')).map((t) => t.path);
  return proposals(incident, 'tls_failure', component, { certificates: [...new Set(certificates)] });
}

/** The config reference (nginx ssl_certificate, a cert-file setting) that serves `cert`, matched by file name. */
function servedBy(incident: Incident, cert: CertificateFact): Incident['facts']['tlsFiles'][number] | undefined {
  const base = cert.file.split('/').pop()!;
  return incident.facts.tlsFiles.find((t) => t.role === 'certificate' && t.path.split('/').pop() === base) ?? incident.facts.tlsFiles.find((t) => t.role === 'certificate');
}

/**
 * What the CA fix needs: the certificates `group.component` serves, and the CA settings of its other callers
 * (components whose references resolve to it) that report no trust errors.
 */
function untrusted(incident: Incident, group: ReturnType<typeof groupHits>[number], ca: TlsFileReference): UntrustedServer {
  const { topology, facts } = incident;
  const client = topology.componentFor(ca.component);
  const complaining = new Set(group.hits.map((h) => h.owner).filter((o): o is string => !!o).map((o) => topology.componentFor(o)));
  const callers = new Set(topology.references.filter((r) => topology.resolve(r.host)?.component === group.component).map((r) => topology.componentFor(r.from)));
  const peers = facts.tlsFiles.filter((t) => t.role === 'ca' && t.component !== '' && callers.has(topology.componentFor(t.component)) && !complaining.has(topology.componentFor(t.component)) && topology.componentFor(t.component) !== client);
  const served = facts.tlsFiles.filter((t) => t.role === 'certificate' && topology.componentFor(t.component) === group.component).flatMap((t) => certificatesAt(t.path, facts.certificates));
  return { client, server: group.component, ca, peers, served, certificates: facts.certificates };
}

/** A CA-bundle setting of one of the clients that reported trust errors. */
function caOfClients(incident: Incident, group: ReturnType<typeof groupHits>[number]): Incident['facts']['tlsFiles'][number] | undefined {
  const clients = new Set(group.hits.map((h) => h.owner).filter((o): o is string => !!o));
  return incident.facts.tlsFiles.find((t) => t.role === 'ca' && clients.has(incident.topology.componentFor(t.component)));
}
