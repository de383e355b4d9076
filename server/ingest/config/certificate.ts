/**
 * TLS certificates in PEM files (one certificate, or a chain of several), read with node:crypto: who they are
 * for, who issued them, when they are valid and whether they sign themselves. Private key blocks in the same
 * file are never read.
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateFact } from './facts';
import type { SourceText } from './source-text';

/** A certificate block that could not be read, at the line of its BEGIN marker. */
export interface CertificateProblem {
  line: number;
  message: string;
}

const BEGIN = /^-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----\s*$/;
const END = /^-----END (?:X509 |TRUSTED )?CERTIFICATE-----\s*$/;

/**
 * The certificates of a PEM file in file order, evidence at each BEGIN line. A block that does not parse, a
 * block cut off before its END line, or a file with no PEM block at all is a problem, never an exception.
 */
export function certificateFacts(src: SourceText): { certificates: CertificateFact[]; problems: CertificateProblem[] } {
  const certificates: CertificateFact[] = [];
  const problems: CertificateProblem[] = [];
  let sawPem = false;
  for (let i = 0; i < src.lines.length; i++) {
    const line = src.lines[i]!.trim();
    if (line.startsWith('-----BEGIN ')) sawPem = true;
    if (!BEGIN.test(line)) continue;
    const begin = i + 1;
    let end = i + 1;
    while (end < src.lines.length && !END.test(src.lines[end]!.trim()) && !src.lines[end]!.trim().startsWith('-----BEGIN ')) end++;
    if (end >= src.lines.length || !END.test(src.lines[end]!.trim())) {
      problems.push({ line: begin, message: `expected "-----END CERTIFICATE-----" after the certificate that starts at line ${begin}, got ${end >= src.lines.length ? 'the end of the file (cut off?)' : `another BEGIN line at line ${end + 1}`}` });
      i = end - 1;
      continue;
    }
    const pem = src.lines.slice(i, end + 1).map((l) => l.trim()).join('\n').replace(/(X509 |TRUSTED )CERTIFICATE/g, 'CERTIFICATE');
    i = end;
    try {
      certificates.push(certificateFact(new X509Certificate(pem), src, begin));
    } catch (err) {
      problems.push({ line: begin, message: `expected a PEM certificate at lines ${begin}-${end + 1}, got data that does not parse: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  if (!sawPem) problems.push({ line: 1, message: 'expected a PEM certificate ("-----BEGIN CERTIFICATE-----"), found no PEM block' });
  return { certificates, problems };
}

function certificateFact(cert: X509Certificate, src: SourceText, line: number): CertificateFact {
  const subject = cert.subject.split('\n').join(', ');
  const issuer = cert.issuer.split('\n').join(', ');
  const validFrom = Date.parse(cert.validFrom);
  const validTo = Date.parse(cert.validTo);
  const names = alternativeNames(cert.subjectAltName);
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  if (names.length === 0 && cn) names.push(cn);
  const notAfter = isoSeconds(validTo);
  return {
    file: src.rel,
    subject,
    issuer,
    names,
    notBefore: isoSeconds(validFrom),
    notAfter,
    validFrom,
    validTo,
    selfSigned: cert.subject === cert.issuer && signsItself(cert),
    evidence: src.evidence(line, 1, `certificate for ${names[0] ?? subject} valid until ${notAfter}`),
  };
}

/** DNS names and IP addresses of a subjectAltName string (`DNS:a.example, IP Address:10.0.0.1`). */
function alternativeNames(san: string | undefined): string[] {
  if (!san) return [];
  return san
    .split(/,\s*/)
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry.trim())?.[1]?.trim())
    .filter((n): n is string => !!n);
}

function signsItself(cert: X509Certificate): boolean {
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/** An ISO time without milliseconds (`2026-11-20T00:00:00Z`), or `invalid` for NaN. */
function isoSeconds(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'invalid';
}
