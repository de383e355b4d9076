/**
 * Probes of the path to a service: an HTTP HEAD with a time limit, timing of connect and first byte,
 * round trips, name resolution (getent, nslookup) and TLS (the certificate served, a certificate file's dates).
 */
import { idea, type AnswerMeaning, type ProbeIdea } from './probe';
import type { AnswerKind } from './answers';
import type { ProbeTarget } from './target';

/** An endpoint as a URL host part (IPv6 in brackets). */
const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** HEAD of `url`, 5 s at most; by default an answer rules out the service being down, `meaning` replaces that. */
export function httpHead(t: ProbeTarget, url: string, why: string, meaning?: Partial<Record<AnswerKind, AnswerMeaning>>): ProbeIdea {
  return idea('curl.head', t.component, ['curl', '-sS', '-I', '-m', '5', url], why, { reader: 'connect', meaning: meaning ?? SERVING });
}

/** What an answer means for a service that should be answering there. */
const SERVING: Partial<Record<AnswerKind, AnswerMeaning>> = {
  answered: { rulesOut: ['service_down', 'network_loss'] },
  refused: { supports: ['service_down'] },
  'timed out': { supports: ['network_delay', 'network_loss'] },
  unresolved: { supports: ['dns_failure'] },
  'server error': { supports: ['code_defect', 'app_misconfig'] },
};

/** Time to connect and to the first byte of `url`. */
export function httpTiming(t: ProbeTarget, url: string): ProbeIdea {
  return idea('curl.timing', t.component, ['curl', '-sS', '-I', '-m', '10', '-w', '%{time_connect} %{time_starttransfer}\\n', url], `measures how long ${t.component} takes to accept and answer`, {
    reader: 'connect',
    meaning: { 'timed out': { supports: ['network_delay', 'network_loss'] }, refused: { supports: ['service_down'], rulesOut: ['network_delay'] } },
  });
}

/** Round trips to `host`: `count` 5 for delay, 20 for loss. */
export function roundTrips(t: ProbeTarget, host: string, what: 'latency' | 'loss'): ProbeIdea {
  return idea('ping', t.component, ['ping', '-c', what === 'latency' ? '5' : '20', host], what === 'latency' ? `shows the round-trip time to ${t.component}` : `shows packet loss on the path to ${t.component}`);
}

/** The name as the caller's host resolves it. */
export function hostLookup(t: ProbeTarget, name: string): ProbeIdea {
  return idea('getent.hosts', t.component, ['getent', 'hosts', name], `shows whether "${name}" resolves on the caller's host`, {
    reader: 'resolve',
    meaning: { unresolved: { supports: ['dns_failure'] }, resolved: { rulesOut: ['dns_failure'] } },
  });
}

/** The name asked of the configured DNS server directly. */
export function dnsLookup(t: ProbeTarget, name: string): ProbeIdea {
  return idea('nslookup', t.component, ['nslookup', name], `asks the configured DNS server about "${name}" directly`, {
    reader: 'resolve',
    meaning: { unresolved: { supports: ['dns_failure'] }, resolved: { rulesOut: ['dns_failure'] } },
  });
}

/** The certificate `host:port` presents, and whether it verifies. */
export function tlsHandshake(t: ProbeTarget, host: string, port: number): ProbeIdea {
  return idea('openssl.s_client', t.component, ['openssl', 's_client', '-connect', hostPort(host, port), '-servername', host, '-brief'], `shows the certificate ${t.component} presents and whether it verifies`, {
    reader: 'connect',
    meaning: { 'tls error': { supports: ['tls_failure'] }, answered: { rulesOut: ['tls_failure'] }, refused: { supports: ['service_down'] } },
  });
}

/** The validity dates of a certificate file. */
export function certificateDates(t: ProbeTarget, file: string): ProbeIdea {
  return idea('openssl.x509-dates', t.component, ['openssl', 'x509', '-noout', '-dates', '-in', file], `shows the validity dates of ${file}`, {
    reader: 'certificate dates',
    meaning: { 'outside dates': { supports: ['tls_failure'] }, 'within dates': { rulesOut: ['tls_failure'] } },
  });
}

/** `http://host:port/path`, `https://` on the usual TLS ports. */
export function urlOf(host: string, port: number, path = '/'): string {
  return `${port === 443 || port === 8443 ? 'https' : 'http'}://${hostPort(host, port)}${path}`;
}
