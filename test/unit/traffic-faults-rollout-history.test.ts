/**
 * The facts that fixes of injected network faults and rollbacks read: Istio route faults and Chaos Mesh
 * NetworkChaos objects with the lines of their blocks, `kubectl rollout history` tables, and the positions of
 * each command word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const facts = (text: string, rel = 'mesh/objects.yaml') => kubernetesFacts(parseYamlStream(text).documents, new SourceText(rel, text));

test('a VirtualService route fault and a NetworkChaos become traffic faults with their block lines (the chaos document from its ---)', () => {
  const f = facts(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: rates, namespace: fx }
spec:
  hosts: [rates.fx.svc.cluster.local]
  http:
    - fault:
        delay:
          fixedDelay: 2s
          percentage: { value: 25 }
      route:
        - destination: { host: rates.fx.svc.cluster.local }
    - route:
        - destination: { host: rates-canary.fx.svc.cluster.local }
---
apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata: { name: drop-rates, namespace: chaos }
spec:
  action: partition
  selector:
    namespaces: [fx]
    labelSelectors: { app: rates }
`);
  assert.deepEqual(
    f.trafficFaults.map((t) => [t.kind, t.name, t.namespace, t.effect, t.hosts, t.selector, t.targetNamespaces, t.block]),
    [
      ['VirtualService', 'rates', 'fx', 'delay', ['rates.fx.svc.cluster.local'], {}, [], { fromLine: 7, toLine: 10 }],
      ['NetworkChaos', 'drop-rates', 'chaos', 'loss', [], { app: 'rates' }, ['fx'], { fromLine: 15, toLine: 23 }],
    ],
  );
});

test('a Deployment’s args on their own lines: each command word keeps its own position', () => {
  const f = facts(`apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: web }
spec:
  template:
    spec:
      containers:
        - name: api
          image: web/api:1
          command: ["/bin/api"]
          args:
            - --config
            - /etc/api/api.toml
`);
  const c = f.workloads[0]!.containers[0]!;
  assert.deepEqual(c.command, ['/bin/api', '--config', '/etc/api/api.toml']);
  assert.deepEqual(c.commandWordEvidence?.map((e) => e.line), [10, 12, 13]);
});

test('kubectl rollout history: one revision per row, with the workload, namespace and change cause', () => {
  const { state, problems } = readCommandOutput(new SourceText('state.txt', `$ kubectl rollout history deploy/rates -n fx
deployment.apps/rates
REVISION  CHANGE-CAUSE
4         <none>
5         rates 2.0.1 (FX-77)

$ kubectl get pods -n fx
NAME                     READY   STATUS    RESTARTS   AGE
rates-6f7d8c9b5-a1b2c    1/1     Running   0          5m
`));
  assert.deepEqual(problems, []);
  assert.deepEqual(state.revisions.map((r) => [r.kind, r.name, r.namespace, r.revision, r.cause, r.evidence.line]), [
    ['Deployment', 'rates', 'fx', 4, undefined, 4],
    ['Deployment', 'rates', 'fx', 5, 'rates 2.0.1 (FX-77)', 5],
  ]);
  assert.equal(state.pods.length, 1);
});
