/**
 * Fixes of service_down through `diagnose()`: replicas: 0 raised to the count the evidence gives (the
 * autoscaler's minimum, what ran before, else 1), `kubectl scale` where no manifest holds the zero, `systemctl
 * start|restart` for a stopped unit, `docker compose up -d` for an exited container; none without state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines } from '../helpers/diagnosis';

/** ledger scaled to `replicas` (no replicas line when undefined), with billing calling it. */
const bank = (replicas: number | undefined, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ledger
  namespace: bank
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: { app: ledger }
  template:
    metadata:
      labels: { app: ledger }
    spec:
      containers:
        - name: ledger
          image: bank/ledger:7.0.2
          ports:
            - containerPort: 9000
---
apiVersion: v1
kind: Service
metadata:
  name: ledger
  namespace: bank
spec:
  selector: { app: ledger }
  ports:
    - port: 9000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: billing
  namespace: bank
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: billing }
    spec:
      containers:
        - name: billing
          image: bank/billing:2.2.0
          env:
            - name: LEDGER_ADDR
              value: http://ledger:9000
${extra}`;
const refused = Array.from({ length: 30 }, (_, i) => `2026-08-02T07:1${Math.floor(i / 10)}:${String(i % 60).padStart(2, '0')}.000Z ERROR billing post entry failed: Post "http://ledger:9000/entries": dial tcp 10.96.8.12:9000: connect: connection refused`).join('\n');
const zeroDeployed = `$ kubectl get deploy -n bank
NAME      READY   UP-TO-DATE   AVAILABLE   AGE
billing   2/2     2            2           90d
ledger    0/0     0            0           90d
`;
const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ledger
  namespace: bank
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ledger }
  minReplicas: 3
  maxReplicas: 9
`;

test('replicas: 0 with nothing saying how many ran: the manifest line set to 1', async () => {
  const { d, h, ranking } = await run({ 'k8s/bank.yaml': bank(0), 'logs/billing.log': refused });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(h.component, 'ledger');
  assert.deepEqual(addedLines(d, 'k8s/bank.yaml'), ['  replicas: 1']);
});

test('replicas: 0 of a workload an autoscaler scales: set to its minReplicas', async () => {
  const { d, h, ranking } = await run({ 'k8s/bank.yaml': bank(0, hpa), 'logs/billing.log': refused });
  assert.equal(h.fault, 'service_down', ranking);
  assert.deepEqual(addedLines(d, 'k8s/bank.yaml'), ['  replicas: 3']);
});

test('a Deployment at 0/0 whose manifest writes no replicas: kubectl scale back to the count the events show', async () => {
  const { d, h, ranking } = await run({
    'k8s/bank.yaml': bank(undefined),
    'kubectl/deploy.txt': zeroDeployed,
    'kubectl/events.txt': `$ kubectl get events -n bank
LAST SEEN   TYPE     REASON              OBJECT              MESSAGE
14m         Normal   ScalingReplicaSet   deployment/ledger   Scaled down replica set ledger-6c8f9d7b5 to 0 from 4
`,
    'logs/billing.log': refused,
  });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(d.fixes.length, 1);
  assert.equal(d.fixes[0]!.kind, 'command');
  assert.deepEqual(d.fixes[0]!.argv, ['kubectl', 'scale', 'deployment/ledger', '--replicas=4', '-n', 'bank']);
});

const nginxTo = (port: number) => `events {}
http {
  upstream payouts { server 127.0.0.1:${port}; }
  server { listen 80; location / { proxy_pass http://payouts; } }
}
`;
const nginxRefused = (port: number) => Array.from({ length: 30 }, (_, i) => `2026/08/02 07:1${Math.floor(i / 10)}:${String(i % 60).padStart(2, '0')} [error] 77#77: *${i + 1} connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.0.9, server: _, request: "POST /payouts HTTP/1.1", upstream: "http://127.0.0.1:${port}/payouts", host: "pay.example.com"`).join('\n');
const unitStatus = (active: string, extra = '') => `$ systemctl status payouts --no-pager
○ payouts.service - Payout batcher
     Loaded: loaded (/etc/systemd/system/payouts.service; enabled; preset: enabled)
     Active: ${active}
${extra}`;

test('an inactive unit behind refused upstreams: systemctl start, as a command proposal', async () => {
  const { d, h, ranking } = await run({
    'etc/nginx/nginx.conf': nginxTo(8600),
    'etc/payouts/payouts.env': 'PORT=8600\n',
    'checks/status.txt': unitStatus('inactive (dead) since Sun 2026-08-02 07:02:11 UTC; 14min ago', '   Main PID: 811 (code=exited, status=0/SUCCESS)\n'),
    'logs/nginx/error.log': nginxRefused(8600),
  });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(h.component, 'payouts');
  assert.equal(d.fixes[0]?.kind, 'command');
  assert.deepEqual(d.fixes[0]!.argv, ['systemctl', 'start', 'payouts.service']);
});

test('an exited compose container: docker compose up -d for its service', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  web:
    image: acme/web:4
    environment:
      SEARCH_URL: http://search:7700
  search:
    image: acme/search:2
    environment:
      PORT: "7700"
`,
    'state/ps.txt': `CONTAINER ID   IMAGE           COMMAND            CREATED      STATUS                      PORTS     NAMES
1a2b3c4d5e6f   acme/web:4      "node main.js"     3 days ago   Up 3 days                             site-web-1
6f5e4d3c2b1a   acme/search:2   "/search serve"    3 days ago   Exited (0) 20 minutes ago             site-search-1
`,
    'logs/web.log': Array.from({ length: 25 }, (_, i) => `2026-08-02T07:20:${String(i).padStart(2, '0')}.000Z error web: search failed: connect ECONNREFUSED search:7700`).join('\n'),
  });
  assert.equal(h.fault, 'service_down', ranking);
  assert.equal(h.component, 'search');
  assert.deepEqual(d.fixes.map((f) => f.argv), [['docker', 'compose', 'up', '-d', 'search']]);
});

test('refusals with nothing saying how the service runs or that it stopped: no fix', async () => {
  const { d, h, ranking } = await run({
    'etc/nginx/nginx.conf': nginxTo(8600),
    'etc/payouts/payouts.env': 'PORT=8600\n',
    'logs/nginx/error.log': nginxRefused(8600),
  });
  assert.equal(h.fault, 'service_down', ranking);
  assert.deepEqual(d.fixes, []);
});
