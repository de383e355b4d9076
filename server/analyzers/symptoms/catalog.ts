/**
 * The symptom catalog: what each fault looks like in log messages, across ecosystems (Go, Node, Python, Java,
 * nginx, PostgreSQL, Redis, MongoDB, systemd, the kernel, Kubernetes events). A symptom says which fault it
 * points at, how strongly one template of it does, and whom it is about: the component that logged it
 * (`owner`), or the dependency it was talking to (`target`).
 *
 * Patterns are matched against the text of a template's example lines, not against whole files, so each
 * distinct message costs one test however often it repeats.
 */
import type { FaultLabel } from '../../protocol';

/** Whom a symptom is about. */
export type SymptomSubject = 'owner' | 'target';

/** One recognisable message shape. */
export interface Symptom {
  id: string;
  fault: FaultLabel;
  pattern: RegExp;
  /** Strength of one matching template with a single occurrence, 0..1; more occurrences add a little. */
  strength: number;
  subject: SymptomSubject;
  /** A few words for the evidence note: "out of memory". */
  note: string;
  /** Messages that match `pattern` but mean something else. */
  unless?: RegExp;
}

const S = (id: string, fault: FaultLabel, subject: SymptomSubject, strength: number, note: string, pattern: RegExp, unless?: RegExp): Symptom =>
  unless ? { id, fault, pattern, strength, subject, note, unless } : { id, fault, pattern, strength, subject, note };

/** Every symptom, strongest and most specific first within each fault. */
export const SYMPTOMS: readonly Symptom[] = [
  // oom
  S('oom-killed', 'oom', 'owner', 0.6, 'killed for using too much memory', /\bOOMKill(ed)?\b|\boom[-_ ]kill(ed|er)?\b|Out of memory: Kill(ed)? process|invoked oom-killer|Memory cgroup out of memory|memory limit (was )?(exceeded|reached)|exceeded (its |the )?memory limit/i),
  S('heap-exhausted', 'oom', 'owner', 0.55, 'ran out of heap memory', /JavaScript heap out of memory|Allocation failed - JavaScript heap|java\.lang\.OutOfMemoryError|\bOutOfMemoryError\b|\bMemoryError\b|fatal error: runtime: out of memory|runtime: cannot allocate memory|std::bad_alloc|GC overhead limit exceeded|failed to allocate memory|out of memory\b/i, /OOM command not allowed|no space|disk/i),
  S('exit-137', 'oom', 'owner', 0.3, 'killed by SIGKILL (exit 137)', /exit(ed)?( with)?( code| status)?[ :=(]*137\b|\bcode=killed, status=9\b|signal: killed|status=9\/KILL/i),
  S('redis-maxmemory', 'oom', 'owner', 0.45, 'redis hit maxmemory', /OOM command not allowed when used memory/i),
  S('memory-pressure', 'oom', 'owner', 0.2, 'memory pressure', /\b(heap|memory) (usage|used) (is )?(above|over|at) 9\d%|MemoryPressure|low on memory|approaching (the )?memory limit|Evicted.*memory|The node was low on resource: memory/i),

  // disk_full
  S('enospc', 'disk_full', 'owner', 0.6, 'no space left on device', /No space left on device|\bENOSPC\b|could not extend file|disk quota exceeded|\bEDQUOT\b|insufficient (disk )?space|disk (is )?full|not enough (free )?(disk )?space|MISCONF .*unable to persist|Can't save in background|could not write .*: No space|write error: No space/i),
  S('disk-pressure', 'disk_full', 'owner', 0.35, 'disk pressure', /DiskPressure|low on resource: ephemeral-storage|ephemeral (local )?storage usage exceeds|disk usage (is )?(above|over|exceeds) 9\d%|filesystem .* (is )?(9[5-9]|100)% full|free disk space (is )?below/i),
  S('volume-missing', 'disk_full', 'owner', 0.5, 'volume missing or not mounted', /persistentvolumeclaim "[^"]+" not found|FailedMount|FailedAttachVolume|MountVolume\.\w+ failed|Unable to attach or mount volumes|unbound immediate PersistentVolumeClaims|pod has unbound immediate|volume .* not found|waiting for a volume to be created/i),

  // network_delay
  S('upstream-timeout', 'network_delay', 'target', 0.45, 'timed out waiting for a dependency', /upstream timed out|context deadline exceeded|deadline exceeded|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|read timed? ?out|Read timed out|timed out (while )?(waiting|reading|after)|request timed out|(request|operation|query|call|socket|read|response) timeout|took too long|i\/o timeout|Timeout exceeded|TimeoutError|SocketTimeoutException|timeout of \d+ ?ms exceeded|Gateway Time-?out|\b504\b.*(gateway|upstream)|slow (response|upstream|dependency)/i, /pool|acquir|connection is not available|lookup|resolv|dns|name resolution|handshake|probe failed/i),
  S('connect-timeout', 'network_delay', 'target', 0.3, 'connection attempts timed out', /connect(ion)? timed? ?out|Connection timed out|connect ETIMEDOUT|ConnectTimeout/i, /pool|acquir/i),

  // network_loss
  S('connection-reset', 'network_loss', 'target', 0.45, 'connections reset or broken', /connection reset|\bECONNRESET\b|reset by peer|broken pipe|\bEPIPE\b|socket hang up|upstream prematurely closed|server closed the connection unexpectedly|connection (was )?(closed|aborted|terminated) unexpectedly|Connection aborted|unexpected EOF|recv\(\) failed \(104/i),
  S('unreachable', 'network_loss', 'target', 0.45, 'host unreachable', /No route to host|\bEHOSTUNREACH\b|Network is unreachable|\bENETUNREACH\b|host is unreachable|packet loss|retransmi(t|ssion)/i, /\b0(\.0+)?% packet loss/i),

  // dns_failure
  S('name-not-resolved', 'dns_failure', 'target', 0.55, 'name does not resolve', /no such host|Name or service not known|\bNXDOMAIN\b|\bSERVFAIL\b|\bENOTFOUND\b|\bEAI_AGAIN\b|Temporary failure in name resolution|could not translate host name|UnknownHostException|Could not resolve host|host not found in upstream|nodename nor servname|Name does not resolve|failed to resolve|could not resolve|server misbehaving|unknown host|Unknown (MySQL )?server host|DNS (lookup|resolution) (failed|error|timed out)|getaddrinfo (failed|error)/i, /IP address .* could not be resolved|reverse (DNS|lookup)|reference|image|manifest|placeholder|cluster\.local\.[a-z0-9-]+|\.internal\.[a-z0-9-]+\./i),

  // tls_failure
  S('certificate-expired', 'tls_failure', 'target', 0.6, 'certificate expired', /certificate (has )?expired|certificate is not yet valid|CERT_HAS_EXPIRED|expired certificate|certificate .* (expired|is expired)|x509: certificate has expired/i),
  S('certificate-untrusted', 'tls_failure', 'target', 0.5, 'certificate not trusted or for another name', /x509:|unknown authority|self[- ]signed certificate|unable to (get local issuer|verify the first) certificate|DEPTH_ZERO_SELF_SIGNED|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match|does not match (the )?(certificate|common name)|certificate verify failed|PKIX path building failed|SSLHandshakeException|unable to find valid certification path|certificate is valid for|not valid for (the )?(host|name)/i),
  S('tls-handshake', 'tls_failure', 'target', 0.4, 'TLS handshake failed', /handshake (fail|error)|SSL_do_handshake\(\) failed|SSL routines|sslv3 alert|alert (handshake|bad certificate|unknown ca|certificate)|wrong version number|no shared cipher|tls: (bad|unknown|first record|handshake)|bad certificate|protocol version/i),

  // resource_exhaustion
  S('db-too-many-clients', 'resource_exhaustion', 'target', 0.6, 'too many clients', /too many clients|remaining connection slots are reserved|max(imum)? number of clients reached|too many connections|Too many connections|connection limit exceeded|max_connections/i),
  S('pool-exhausted', 'resource_exhaustion', 'owner', 0.55, 'connection pool exhausted', /Connection is not available, request timed out|pool (is )?exhausted|connection pool exhausted|QueuePool limit|Timeout acquiring a connection|unable to acquire (a )?connection|could not (obtain|get|acquire) (a )?connection|pool timeout|timeout waiting for (a )?(free )?connection|acquire(Connection)? timeout|no available connection|all pooled connections are in use|PoolTimeoutError|Cannot get a connection, pool error/i),
  S('fd-exhausted', 'resource_exhaustion', 'owner', 0.55, 'out of file descriptors', /Too many open files|\bEMFILE\b|\bENFILE\b|worker_connections are not enough|out of file descriptors|accept4?\(\) failed \(24/i),
  S('threads-exhausted', 'resource_exhaustion', 'owner', 0.45, 'threads or queue exhausted', /RejectedExecutionException|thread pool (is )?(full|exhausted)|queue (is )?full|pthread_create failed|unable to create (new )?native thread|cannot allocate thread|max(imum)? (threads|workers) reached|backlog (is )?full/i),
  S('rate-limited', 'resource_exhaustion', 'target', 0.35, 'rate limited', /\b429\b.*(too many|rate)|Too Many Requests|rate limit(ed)? (exceeded|reached)|throttl(ed|ing)|quota exceeded/i, /disk quota/i),

  // auth_failure
  S('auth-password', 'auth_failure', 'target', 0.55, 'authentication failed', /password authentication failed|authentication failed|Access denied for user|\bWRONGPASS\b|invalid (username|user name)[- ]?(or|\/)?[- ]?password|invalid password|bad credentials|invalid credentials|Login failed for user|SASL authentication|AuthenticationFailed|Authentication failed|auth(entication)? error|incorrect password/i),
  S('auth-missing', 'auth_failure', 'target', 0.55, 'authentication required', /\bNOAUTH\b|Authentication required|requires authentication|no password (was )?supplied|no pg_hba\.conf entry|not authenticated/i),
  S('auth-denied', 'auth_failure', 'target', 0.5, 'permission denied or user unknown', /not authorized (on|to)|permission denied for (table|database|schema|relation|sequence|function)|role "[^"]+" does not exist|user "?[^" ]+"? (does not exist|not found)|UserNotFound|must be owner of|insufficient privileges?|does not have (the )?(required )?permission|forbidden: User "[^"]+" cannot|AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|NOPERM|command not allowed for user|ACCESS_REFUSED|NOT_ALLOWED|access to vhost \S+ refused|Unauthorized|\b401\b.*(from|returned|status|response)|\b403\b.*(from|returned|status|response)|(token|credentials?) (has )?(expired|revoked|invalid)/i, /client_max_body|x509|certificate/i),

  // scheduling_failure
  S('failed-scheduling', 'scheduling_failure', 'owner', 0.6, 'pod cannot be scheduled', /FailedScheduling|\d+\/\d+ nodes are available|didn't match (Pod's )?node (affinity|selector)|node\(s\) didn't match|Insufficient (cpu|memory|nvidia\.com\/gpu|pods|ephemeral-storage)|had untolerated taint|node\(s\) had taint|pod didn't trigger scale-up|no nodes available to schedule|Unschedulable/i, /unbound immediate PersistentVolumeClaims(?![\s\S]*(didn't match|Insufficient|taint))/i),

  // image_pull_failure
  S('image-pull', 'image_pull_failure', 'owner', 0.6, 'image cannot be pulled', /ErrImagePull|ImagePullBackOff|Failed to pull image|Back-off pulling image|manifest unknown|manifest for \S+ not found|pull access denied|repository does not exist|not found: manifest|no basic auth credentials|failed to resolve reference|InvalidImageName|ErrImageNeverPull|unauthorized: authentication required.*(registry|image|pull)|image .* not found/i),

  // crash_loop
  S('crashloop', 'crash_loop', 'owner', 0.5, 'restarting again and again', /CrashLoopBackOff|Back-off restarting failed container|restarting failed container|Start request repeated too quickly|restart counter is at \d+|Scheduled restart job|Restarting \(\d+\)|crash(ed|ing)? (loop|repeatedly)/i),
  S('start-failure', 'crash_loop', 'owner', 0.4, 'fails at start', /executable file not found|exec format error|no such file or directory.*(exec|start|entrypoint|command)|(exec|start|entrypoint|command).*no such file or directory|command not found|Cannot find module|ModuleNotFoundError|ImportError|ClassNotFoundException|Could not find or load main class|Error: Cannot find module|unknown (command|flag|shorthand flag)|flag provided but not defined|Main process exited, code=exited, status=[1-9]|Failed with result 'exit-code'|exited with code [1-9]\d*\b|exit (code|status) [1-9]\d*\b|failed to start|Failed to start|StartError|RunContainerError|CreateContainerError|CreateContainerConfigError/i, /137|oom/i),

  S('missing-file', 'crash_loop', 'owner', 0.35, 'a file it needs at start is missing', /(No such file or directory|FileNotFoundError|\bENOENT\b|(file|directory|config file|path) (does not|doesn't) exist|(file|directory) not found|cannot (open|read|stat) (file|config)|Failed to (read|open|load) config(uration)? file)[^\n]{0,120}?(["'\s:]\/[\w.@-]+\/[\w.@/-]+)|(["'\s:]\/[\w.@-]+\/[\w.@/-]+)["']?:? (No such file or directory|(does not|doesn't) exist)/i, /https?:\/\//i),

  // service_down
  S('no-upstream', 'service_down', 'target', 0.45, 'nothing is serving', /no healthy upstream|no live upstreams|no endpoints available for service|upstream connect error|service unavailable|Service Unavailable|\b503\b.*(upstream|service|unavailable)|has no (ready )?endpoints|no available server|backend .* is DOWN|Server .* is DOWN|all backends? (are )?down/i),
  S('stopped', 'service_down', 'owner', 0.35, 'service stopped', /^Stopped\b|\bStopped (target )?\S+\.service|Stopping \S+\.service|Deactivated successfully|received (SIGTERM|signal 15|shutdown)|shutting down|graceful shutdown|exited with code 0/i, /Scaled down replica set|Killing|Stopping container|rollout|rolling/i),

  // app_misconfig
  S('config-error', 'app_misconfig', 'owner', 0.5, 'configuration error', /(missing|required|invalid|unknown|unrecognized|unrecognised|unexpected|malformed|illegal|unsupported|bad) (required )?(env(ironment)?( var(iable)?)?|config(uration)?( key| value| option)?|setting|option|flag value|key|parameter|property|value for)|must be (set|defined|provided|one of)|is (not set|required|missing)|not (set|defined) in (the )?(env|environment|config)|ConfigError|ConfigurationException|Could not resolve placeholder|UnrecognizedPropertyException|BeanCreationException|invalid (url|uri|dsn|connection string)|unsupported protocol scheme|failed to (load|parse|read) (config|configuration|settings)|error (loading|parsing) (config|configuration|settings)|invalid (feature )?flag|unknown feature flag/i, /certificate|x509/i),
  S('wrong-route', 'app_misconfig', 'owner', 0.35, 'calls a path or host that does not exist', /\b404\b.*(from|returned|calling|upstream|response)|(from|calling|upstream|response).*\b404\b|\b404 Not Found\b|NotFound: 404|Not Found.*(calling|from upstream|from dependency)|route not found|no route (matched|found)( for)?|unknown (endpoint|route|path)/i, /^\S+ - \S+ \[|"(GET|POST|PUT|DELETE|HEAD) \S+ HTTP\/[\d.]+" 404/),

  // code_defect
  S('null-dereference', 'code_defect', 'owner', 0.5, 'null dereference', /NullPointerException|nil pointer dereference|undefined method [`'][\w!?]+' for nil|for nil:NilClass|Cannot read propert(y|ies) of (undefined|null)|undefined is not (a function|an object)|'NoneType' object (has no attribute|is not)|null reference|NullReferenceException|invalid memory address/i),
  S('exception', 'code_defect', 'owner', 0.4, 'unhandled exception', /\bpanic:|unhandled (exception|rejection|error)|Traceback \(most recent call last\)|\b(TypeError|AttributeError|KeyError|IndexError|ValueError|ZeroDivisionError|ReferenceError|RangeError|ArithmeticException|IllegalStateException|IllegalArgumentException|ClassCastException|ArrayIndexOutOfBoundsException|IndexOutOfBoundsException|NumberFormatException|UnsupportedOperationException|ConcurrentModificationException|StackOverflowError|NoMethodError|RuntimeError|index out of range|slice bounds out of range|division by zero|assertion failed|unwrap\(\) on|SIGSEGV|segmentation fault)\b|\bException (on|in) \S+/i, /ConfigError|ConfigurationException|environment variable|KeyError: '[A-Z][A-Z0-9_]+'|No such file or directory|FileNotFoundError|ENOENT|(does not|doesn't) exist|config file/),
];
