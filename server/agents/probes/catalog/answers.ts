/**
 * Classifies a probe's answer into a few kinds a catalog probe can give meaning to: a service answered, was
 * refused, timed out, was not found by name; a Service has endpoints or none; a rollout has ready replicas
 * or none; a name resolves or not; a certificate's dates hold the answer's time or not. Each reader looks only at the answer's
 * exit code and text, the way an engineer would read it.
 */

/** Every kind of answer a reader can give. */
export type AnswerKind =
  | 'answered'
  | 'refused'
  | 'timed out'
  | 'unresolved'
  | 'rejected login'
  | 'tls error'
  | 'server error'
  | 'endpoints'
  | 'no endpoints'
  | 'ready'
  | 'none ready'
  | 'resolved'
  | 'outside dates'
  | 'within dates';

/** The part of a probe's outcome a reader needs. */
export interface ProbeAnswer {
  exitCode?: number;
  stdout: string;
  stderr: string;
  /** When the answer was taken (a recording's time); certificates are judged at this time. Default: now. */
  at?: string;
}

/** A classification: the kind, and the line of output that shows it. */
export interface Classified {
  kind: AnswerKind;
  line: string;
}

/** The readers, by name. */
export type AnswerReader = 'connect' | 'endpoints' | 'rollout' | 'resolve' | 'certificate dates';

const REFUSED = /connection refused|could not connect|ECONNREFUSED|no response|Failed to connect to .* port \d+/i;
const TIMED_OUT = /timed out|timeout was reached|Operation timed out|i\/o timeout/i;
const UNRESOLVED = /could not resolve|Name or service not known|Temporary failure in name resolution|nodename nor servname|getaddrinfo|NXDOMAIN|can't find|no such host/i;
const REJECTED_LOGIN = /NOAUTH|WRONGPASS|invalid password|password authentication failed|no pg_hba\.conf entry|authentication required|Access denied/i;
const TLS_ERROR = /certificate (has )?expired|verify error|SSL certificate problem|unable to get local issuer|handshake failure|wrong version number|self[- ]signed certificate/i;

/** Classifies `answer` with `reader`; undefined when the answer says nothing the reader knows. */
export function classifyAnswer(reader: AnswerReader, answer: ProbeAnswer): Classified | undefined {
  const text = `${answer.stdout}\n${answer.stderr}`;
  switch (reader) {
    case 'connect':
      return connect(answer, text);
    case 'endpoints':
      return endpoints(answer, text);
    case 'rollout':
      return rollout(answer.stdout);
    case 'resolve':
      return resolve(answer, text);
    case 'certificate dates':
      return certificateDates(answer, text);
  }
}

/** curl/wget/redis-cli PING/pg_isready/openssl s_client: did the other side answer? */
function connect(answer: ProbeAnswer, text: string): Classified | undefined {
  const first = (re: RegExp): string | undefined => text.split('\n').find((l) => re.test(l))?.trim();
  for (const [kind, re] of [['rejected login', REJECTED_LOGIN], ['tls error', TLS_ERROR], ['unresolved', UNRESOLVED], ['refused', REFUSED], ['timed out', TIMED_OUT]] as const) {
    const line = first(re);
    if (line) return { kind, line };
  }
  const status = /^HTTP\/[\d.]+ (\d{3})\b.*$/m.exec(text);
  if (status) return { kind: Number(status[1]) >= 500 ? 'server error' : 'answered', line: status[0].trim() };
  const ok = first(/^\+?PONG$|accepting connections|^CONNECTION ESTABLISHED|^Protocol version:|^\(\d+ rows?\)$/);
  if (ok) return { kind: 'answered', line: ok };
  if (answer.exitCode === 0 && answer.stdout.trim() !== '') return { kind: 'answered', line: answer.stdout.trim().split('\n')[0]! };
  return undefined;
}

/** A klog line (kubectl's own log: `E1208 01:01:52.930484  5490 file.go:265] ...`), never a table row. */
const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s/;

/**
 * `kubectl get endpoints NAME`: a row with addresses, or `<none>`, read from stdout only: a kubectl that
 * could not reach its API server writes log lines to stderr (`E1208 01:01:52.93 ...`) and says nothing
 * about the Service.
 */
function endpoints(answer: ProbeAnswer, text: string): Classified | undefined {
  const row = answer.stdout.split('\n').find((l) => /^\S+\s+(<none>|[\d.:,]+\S*)\s+\S+/.test(l.trim()) && !/^NAME\s/.test(l.trim()) && !KLOG.test(l));
  if (!row) return /not found/i.test(text) ? { kind: 'no endpoints', line: text.trim().split('\n')[0]! } : undefined;
  return { kind: /<none>/.test(row) ? 'no endpoints' : 'endpoints', line: row.trim() };
}

/** `kubectl get deployment NAME`: READY n/m (stdout only, as for endpoints). */
function rollout(text: string): Classified | undefined {
  for (const l of text.split('\n')) {
    const m = KLOG.test(l) ? null : /^\S+\s+(\d+)\/(\d+)\s/.exec(l.trim());
    if (m) return { kind: Number(m[1]) > 0 ? 'ready' : 'none ready', line: l.trim() };
  }
  return undefined;
}

/** getent hosts / nslookup / dig: an address, or no answer. */
function resolve(answer: ProbeAnswer, text: string): Classified | undefined {
  const unresolved = text.split('\n').find((l) => UNRESOLVED.test(l));
  if (unresolved) return { kind: 'unresolved', line: unresolved.trim() };
  const address = text.split('\n').find((l) => /^\s*(Address(es)?:\s*)?(\d{1,3}(\.\d{1,3}){3}|[\da-f]*:[\da-f:]+)\b/i.test(l) && !/#53\b/.test(l));
  if (address && answer.exitCode !== 2) return { kind: 'resolved', line: address.trim() };
  // getent prints nothing and exits 2 for a name it cannot resolve.
  if (answer.exitCode === 2 && text.trim() === '') return { kind: 'unresolved', line: 'no address (exit code 2)' };
  return undefined;
}

/** `openssl x509 -noout -dates`: the answer's time before notBefore or after notAfter is outside the dates. */
function certificateDates(answer: ProbeAnswer, text: string): Classified | undefined {
  const m = /^notAfter=(.+)$/m.exec(text);
  if (!m) return undefined;
  const notAfter = Date.parse(m[1]!.trim());
  if (Number.isNaN(notAfter)) return undefined;
  const at = answer.at ? Date.parse(answer.at) : Date.now();
  const notBefore = /^notBefore=(.+)$/m.exec(text);
  if (notBefore && Date.parse(notBefore[1]!.trim()) > at) return { kind: 'outside dates', line: notBefore[0].trim() };
  return { kind: notAfter < at ? 'outside dates' : 'within dates', line: m[0].trim() };
}
