import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyText } from '../../server/ingest/classify';
import { detectCommandOutput } from '../../server/ingest/runtime/detect';

const OUTPUTS: Record<string, string> = {
  'get pods': `$ kubectl get pods -n shop -o wide
NAME                        READY   STATUS    RESTARTS   AGE   IP            NODE                 NOMINATED NODE   READINESS GATES
cart-5d8f7b9c6-k4v9z        1/1     Running   0          29m   10.244.1.23   shop-prod-np1-6d2f   <none>           <none>
`,
  'get events without a prompt': `LAST SEEN   TYPE      REASON    OBJECT                     MESSAGE
2m          Warning   BackOff   pod/cart-5d8f7b9c6-k4v9z   Back-off restarting failed container
`,
  describe: `# kubectl describe pod cart-5d8f7b9c6-k4v9z
Name:             cart-5d8f7b9c6-k4v9z
Namespace:        shop
Priority:         0
Node:             shop-prod-np1-6d2f/10.0.1.12
Labels:           app=cart
`,
  'df after a host prompt': `root@host:~# df -h
Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        97G   92G  5.0G  95% /
`,
  'systemctl status': `> systemctl status nginx
● nginx.service - A high performance web server and a reverse proxy server
     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)
     Active: failed (Result: exit-code) since Thu 2026-11-20 10:01:12 UTC; 13min ago
`,
  ss: `State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
LISTEN 0      511          0.0.0.0:80         0.0.0.0:*     users:(("nginx",pid=30409,fd=6))
`,
  'docker compose ps': `NAME               IMAGE                COMMAND                  SERVICE   CREATED          STATUS          PORTS
mercato-cache-1    redis:7.4.1-alpine   "docker-entrypoint.s…"   cache     34 minutes ago   Up 34 minutes   6379/tcp
`,
  'rollout status': `Waiting for deployment "cart" rollout to finish: 1 old replicas are pending termination...
`,
  'free after a comment': `# captured on etl-03 at 03:10 UTC
              total        used        free      shared  buff/cache   available
Mem:          31815       12204        2113          41       17497       19112
`,
  'a yaml dump under its prompt': `$ kubectl get pod cart-5d8f7b9c6-k4v9z -n shop -o yaml
apiVersion: v1
kind: Pod
`,
};

const LOGS: Record<string, string> = {
  'application log': `2026-11-20 10:01:12.345 INFO  [main] c.e.cart.CartApplication : Started CartApplication in 4.1 seconds
2026-11-20 10:01:13.001 ERROR [http-nio-8080-exec-1] c.e.cart.RedisClient : Connection refused: redis/10.96.40.1:6379
2026-11-20 10:01:14.002 WARN  [main] c.e.cart.Retry : retrying in 2s
NAME   READY   STATUS
`,
  'nginx access log': `10.244.1.14 - - [20/Nov/2026:10:01:12 +0000] "GET /api/cart HTTP/1.1" 502 157 "-" "Mozilla/5.0"
10.244.1.14 - - [20/Nov/2026:10:01:13 +0000] "GET /api/cart HTTP/1.1" 502 157 "-" "Mozilla/5.0"
10.244.2.9 - - [20/Nov/2026:10:01:14 +0000] "POST /api/checkout HTTP/1.1" 200 32 "-" "curl/8.5.0"
`,
  'journal export with its prompt': `$ journalctl -u ledger.service --since "2026-11-04 22:00" -o short-iso --no-pager
2026-11-04T22:15:29+00:00 ledger-01 systemd[1]: Stopping Ledger API (double-entry postings)...
2026-11-04T22:15:30+00:00 ledger-01 systemd[1]: ledger.service: Deactivated successfully.
2026-11-04T22:15:31+00:00 ledger-01 systemd[1]: Started Ledger API (double-entry postings).
2026-11-04T22:15:32+00:00 ledger-01 java[1187]: Tomcat started on port 7070 (http)
`,
  'kubectl logs output': `$ kubectl logs cart-5d8f7b9c6-k4v9z -n shop --previous
{"level":"info","ts":"2026-11-20T10:09:31Z","msg":"starting cart"}
{"level":"error","ts":"2026-11-20T10:10:01Z","msg":"dial tcp 10.96.40.1:6379: connect: connection refused"}
{"level":"fatal","ts":"2026-11-20T10:10:02Z","msg":"giving up"}
`,
  'syslog': `Nov 20 10:01:12 web-01 nginx[2210]: nginx: [emerg] host not found in upstream "ledger:7070"
Nov 20 10:01:12 web-01 systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE
Nov 20 10:01:12 web-01 systemd[1]: nginx.service: Failed with result 'exit-code'.
`,
  'klog': `I1120 10:01:12.345678       1 controller.go:123] Starting controller
E1120 10:01:13.000001       1 reflector.go:147] failed to list *v1.Pod: Unauthorized
W1120 10:01:14.000002       1 warnings.go:70] v1 Endpoints is deprecated
`,
  'python traceback': `Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    main()
KeyError: 'DATABASE_URL'
`,
  'logfmt': `time=2026-11-20T10:01:12Z level=info msg="listening" addr=:8080
time=2026-11-20T10:01:13Z level=error msg="dial failed" err="connection refused"
time=2026-11-20T10:01:14Z level=info msg="retry"
`,
};

test('command outputs are detected from their content', () => {
  for (const [name, text] of Object.entries(OUTPUTS)) assert.equal(detectCommandOutput('notes/capture.txt', text), true, name);
});

test('logs are not command outputs', () => {
  for (const [name, text] of Object.entries(LOGS)) assert.equal(detectCommandOutput('logs/app.log', text), false, name);
});

test('YAML and JSON documents are not command outputs', () => {
  assert.equal(detectCommandOutput('k8s/pods.yaml', 'apiVersion: v1\nkind: List\nitems: []\n'), false);
  assert.equal(detectCommandOutput('dump.json', '{"kind": "PodList", "items": []}'), false);
});

test('classifyText gives command-output before the log extension decides', () => {
  assert.deepEqual(classifyText('logs/kubectl-get-pods.txt', OUTPUTS['get pods']!, 300), { kind: 'command-output' });
  assert.deepEqual(classifyText('capture.log', OUTPUTS['df after a host prompt']!, 300), { kind: 'command-output' });
  assert.deepEqual(classifyText('logs/ledger-journal.txt', LOGS['journal export with its prompt']!, 400), { kind: 'log' });
  assert.deepEqual(classifyText('logs/cart.txt', LOGS['kubectl logs output']!, 400), { kind: 'log' });
  assert.deepEqual(classifyText('logs/huge.txt', OUTPUTS['get pods']!, 17 * 1024 * 1024), { kind: 'log' });
});
