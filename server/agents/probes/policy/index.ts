/**
 * The read-only probe policy (issue 5, DESIGN.md "Read-write separation, by construction"). `ProbePolicy`
 * decides on an argv, never a shell string: nothing is interpreted by a shell, every argument is parsed the
 * way its tool parses it (`--flag=value` and `--flag value`, clusters of short flags, getopt and curl
 * abbreviations, `--` ending the flags, pflag's `-n=value`), and a command is allowed only when each word is
 * on its tool's allowlist. It refuses these classes of command:
 *
 * 1. Malformed argvs: empty, a word holding a newline, NUL or other control character, a tool name that is
 *    not a bare word.
 * 2. Binaries named by path (`./kubectl`, `../x`, `/tmp/kubectl`, `bin/kubectl`) and tools not installed in
 *    the fixed directories (/usr/local/sbin, /usr/local/bin, /usr/sbin, /usr/bin, /sbin, /bin; never $PATH).
 * 3. Tools refused whatever their arguments: shells; interpreters (python*, node, perl, ruby, php, lua, awk,
 *    jq, ...); privilege and namespace changers (sudo, su, doas, nsenter, ...); command runners (env, xargs,
 *    nohup, timeout, nice, watch, time, ...); file writers (tee, dd, cp, mv, rm, ln, chmod, chown, truncate,
 *    tar, ...); process and system control (kill*, reboot, mount, sysctl, date, ...); disk, network and
 *    package tools; editors and pagers; remote shells and raw sockets (ssh, nc, socat, ...).
 * 4. Unknown tools, unless a settings entry names them (still checked against classes 1-3).
 * 5. Commands that write or change state: kubectl apply/create/delete/edit/patch/replace/scale/autoscale/
 *    label/annotate/set/taint/expose/run/drain/cordon/uncordon/certificate/diff, rollout restart|undo|pause|
 *    resume, config set*|use*|delete*; docker run/rm/kill/stop/start/restart/pull/push/build/prune/...;
 *    systemctl start/stop/restart/reload/enable/disable/mask/kill/edit/daemon-reload/...; redis-cli writes
 *    and admin commands (SET, DEL, FLUSHALL, FLUSHDB, CONFIG SET|REWRITE|RESETSTAT, SHUTDOWN, DEBUG, SAVE,
 *    REPLICAOF, CLIENT KILL, MIGRATE, PUBLISH, ...); SQL other than one SELECT/SHOW/VALUES/TABLE/WITH ...
 *    SELECT/EXPLAIN (no ANALYZE), data-modifying CTEs, SELECT INTO, FOR UPDATE/SHARE, and functions that
 *    write, signal, lock or read server files (pg_terminate_backend, set_config, nextval, lo_*, dblink,
 *    query_to_xml, ...); curl/wget methods other than GET/HEAD and request bodies; journalctl --vacuum-*,
 *    --rotate, --flush, --sync, --setup-keys; ss -K; ping -f (flood); nginx without -t/-T or with -s;
 *    openssl subcommands that create keys, requests, certificates or encrypted files.
 * 6. Commands that run other code: kubectl exec/attach/debug/cp/port-forward/proxy and plugins (unknown
 *    kubectl subcommands), docker exec and CLI plugins, redis EVAL/EVALSHA/FCALL/SCRIPT/FUNCTION/MODULE,
 *    `--eval`, `--ldb`; psql meta-commands (`\!`, `\copy`, `\o`, `\w`, `\gexec`, ...), `-f`, `-v`/`--set`, and
 *    a second statement after a semicolon; find -exec/-execdir/-ok/-okdir; sed `e` and `s///e`; wget `-e`
 *    and `--use-askpass`; openssl `-engine`/`-provider`; nginx `-g`, `-c`, `-p` (load_module runs code).
 * 7. Commands that write files: curl -o/-O/--output-dir/-c/-D/--trace/--trace-ascii/--libcurl/
 *    --etag-save/--hsts/--alt-svc/`-w %output{}`; wget without `-O -` or `--spider`, -o/-a/-P/-r/-m/
 *    --save-cookies/--warc-*; psql -o/-L; redis-cli --rdb/--functions-rdb; find -delete/-fprint/-fprint0/
 *    -fprintf/-fls; sed -i/--in-place (any spelling) and `w`/`W`/`s///w`; journalctl --cursor-file; ss -D;
 *    openssl -out/-sess_out/-keylogfile/-msgfile/-writerand and x509 signing options; kubectl
 *    --profile-output, cluster-info dump --output-directory.
 * 8. Redirected destinations and credentials: kubectl --kubeconfig/--server/-s/--token/--as/--as-group/
 *    --as-uid/--user/--username/--password/--context/--cluster/--certificate-authority/--client-certificate/
 *    --client-key/--tls-server-name/--insecure-skip-tls-verify/--cache-dir; docker -H/--host/--context/
 *    --config/--tls* (these two groups are allowed by a settings entry naming the flag, best pinned to one
 *    value); curl proxies, --unix-socket, -u, -b, -E/--cert, --key, --netrc, Authorization/Cookie headers,
 *    `-H @file`, -K/--config; wget --user/--password/--certificate/--config; URLs with user:password@ and
 *    every scheme but http/https (file, gopher, dict, ftp, scp, sftp, ldap, telnet, ...); systemctl -H
 *    (ssh); openssl s_client -cert/-key/-pass/-psk; dig -k/-y; psql connection strings with options,
 *    service, password or key files.
 * 9. Secrets: kubectl get secret(s) with -o yaml/json/jsonpath/go-template/custom-columns or --template
 *    (names only), get --raw, config view --raw/--flatten; redis ACL LIST/GETUSER and CONFIG GET of a
 *    parameter (or pattern) matching requirepass/masterauth; getent shadow/gshadow; ps BSD `e` (process
 *    environments); psql reads of pg_shadow/pg_authid; file arguments naming credential stores, key files,
 *    /proc/PID/environ, /dev; grep -r over /etc, /var, /root or a home folder; curl/wget of cloud metadata
 *    endpoints (169.254.169.254, metadata.google.internal, numeric IP forms that hide them).
 * 10. Left out but allowable by settings (`unlisted`): commands that never end (kubectl logs -f, get -w,
 *    tail -f, docker logs -f, stats without --no-stream, journalctl -f, ping without -c/-w, redis
 *    MONITOR/SUBSCRIBE/--stat/--latency), heavy scans (redis --bigkeys/--memkeys, KEYS), reads of values
 *    (redis GET/HGETALL), and every tool, subcommand or flag the allowlists do not know. Interactive
 *    sessions (psql without -c, redis-cli without a command, nslookup without a name, openssl alone) and
 *    recursion over the whole system (grep -r or ls -R from /, /proc, /sys, /dev; find from them without
 *    -maxdepth) are refused outright.
 *
 * Settings widen only class 10 (`extraAllowed`, extra-allowed.ts); classes 1-9 stay refused whatever they
 * say. The policy is the second line of defence: read-only credentials are the real guarantee.
 */
export { ProbePolicy, type ProbePolicyOptions } from './probe-policy';
export type { PolicyDecision } from './decision';
export { FIXED_BIN_DIRS, fixedDirectoryResolver, type BinaryResolver } from './binary-resolver';
export { readExtraAllowed, type ExtraAllowedEntry, type ExtraAllowed } from './extra-allowed';
