import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { SourceText } from '../../server/ingest/config/source-text';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const lastLineOf = (text: string, needle: string): number => text.split('\n').findLastIndex((l) => l.includes(needle)) + 1;
const facts = (text: string, rel = 'k8s/app.yaml') => kubernetesFacts(parseYamlStream(text).documents, new SourceText(rel, text));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: orders
    spec:
      serviceAccountName: orders-sa
      imagePullSecrets:
        - name: regcred
      nodeSelector:
        disktype: ssd
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: topology.kubernetes.io/zone
                    operator: In
                    values: [eu-west-1a, eu-west-1b]
      tolerations:
        - key: dedicated
          operator: Equal
          value: orders
          effect: NoSchedule
      initContainers:
        - name: migrate
          image: shop/orders:2.0
          command: ["./migrate", "--up"]
      containers:
        - name: orders
          image: shop/orders:2.0
          command: ["gunicorn"]
          args: ["--bind", "0.0.0.0:8000", "app:app"]
          ports:
            - containerPort: 8000
          resources:
            limits:
              memory: 512Mi
              cpu: 500m
              ephemeral-storage: 1Gi
            requests:
              memory: 256Mi
              cpu: "0.25"
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: orders-db, key: password }
          envFrom:
            - configMapRef:
                name: orders-config
            - secretRef:
                name: orders-secrets
          volumeMounts:
            - name: data
              mountPath: /var/lib/orders
            - name: config
              mountPath: /etc/orders
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: orders-data
        - name: config
          configMap:
            name: orders-files
        - name: certs
          secret:
            secretName: orders-tls
        - name: scratch
          emptyDir:
            sizeLimit: 500Mi
        - name: host
          hostPath:
            path: /var/log
        - name: projected
          projected: { sources: [] }
`;

test('a Deployment: replicas, scheduling, volumes, pull secrets and service account', () => {
  const wl = facts(DEPLOYMENT).workloads[0]!;
  assert.equal(wl.kind, 'Deployment');
  assert.deepEqual(wl.replicas && [wl.replicas.value, wl.replicas.evidence.line, wl.replicas.evidence.text], [3, 7, 'replicas: 3']);
  assert.deepEqual(wl.nodeSelector?.labels, { disktype: 'ssd' });
  assert.equal(wl.nodeSelector?.evidence.text, 'nodeSelector:');
  assert.deepEqual(wl.nodeAffinity?.map((t) => [t.key, t.operator, t.values, t.evidence.line, t.alternative]), [
    ['topology.kubernetes.io/zone', 'In', ['eu-west-1a', 'eu-west-1b'], lineOf(DEPLOYMENT, '- key: topology'), undefined],
  ]);
  assert.deepEqual(wl.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'orders', effect: 'NoSchedule' }]);
  assert.deepEqual(wl.imagePullSecrets, ['regcred']);
  assert.equal(wl.serviceAccount, 'orders-sa');
  assert.deepEqual(
    wl.volumes?.map((v) => [v.name, v.source.kind, v.source.ref, v.source.sizeLimit?.value]),
    [
      ['data', 'pvc', 'orders-data', undefined],
      ['config', 'configMap', 'orders-files', undefined],
      ['certs', 'secret', 'orders-tls', undefined],
      ['scratch', 'emptyDir', undefined, 500 * 2 ** 20],
      ['host', 'hostPath', '/var/log', undefined],
      ['projected', 'other', undefined, undefined],
    ],
  );
});

test('containers: image, limits and requests with evidence at the value, command + args, envFrom, mounts, env refs', () => {
  const f = facts(DEPLOYMENT);
  const [main, init] = f.workloads[0]!.containers;
  assert.equal(main!.name, 'orders');
  assert.equal(main!.image, 'shop/orders:2.0');
  assert.deepEqual([main!.imageEvidence?.line, main!.imageEvidence?.column], [lastLineOf(DEPLOYMENT, 'image: shop/orders:2.0'), 18]);
  const memory = main!.limits!.memory!;
  assert.deepEqual([memory.text, memory.value, memory.evidence.line, memory.evidence.column, memory.evidence.text], ['512Mi', 512 * 2 ** 20, lineOf(DEPLOYMENT, 'memory: 512Mi'), 23, 'memory: 512Mi']);
  assert.equal(main!.limits!.cpu!.value, 500);
  assert.equal(main!.limits!.ephemeralStorage!.value, 2 ** 30);
  assert.deepEqual([main!.requests!.memory!.value, main!.requests!.cpu!.value], [256 * 2 ** 20, 250]);
  assert.deepEqual(main!.command, ['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']);
  assert.equal(main!.commandEvidence?.line, lineOf(DEPLOYMENT, 'command: ["gunicorn"]'));
  assert.deepEqual(main!.envFrom?.map((e) => [e.kind, e.name, e.evidence.line]), [
    ['ConfigMap', 'orders-config', lineOf(DEPLOYMENT, 'name: orders-config')],
    ['Secret', 'orders-secrets', lineOf(DEPLOYMENT, 'name: orders-secrets')],
  ]);
  assert.deepEqual(main!.mounts?.map((m) => [m.volume, m.path]), [['data', '/var/lib/orders'], ['config', '/etc/orders']]);
  assert.deepEqual(main!.envRefs?.map((r) => [r.variable, r.kind, r.name, r.key]), [['DB_PASSWORD', 'Secret', 'orders-db', 'password']]);
  assert.equal(main!.init, undefined);
  assert.deepEqual([init!.name, init!.init, init!.command], ['migrate', true, ['./migrate', '--up']]);
  assert.deepEqual(f.settings.map((s) => [s.owner, s.key, s.value]), [['orders', 'LOG_LEVEL', 'info']]);
  assert.deepEqual(f.listeners.map((l) => [l.component, l.port, l.source]), [['orders', 8000, 'container-port']]);
});

test('several nodeSelectorTerms are alternatives; a CronJob, a Pod and a StatefulSet are read too', () => {
  const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions: [{key: a, operator: Exists}]
                  - matchExpressions: [{key: b, operator: In, values: [x]}]
          containers: [{name: report, image: "shop/report:1", resources: {limits: {memory: 1Gi}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug, labels: {app: debug}}
spec:
  containers: [{name: sh, image: busybox, command: sleep}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 0
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:16}]}
`;
  const f = facts(text);
  assert.deepEqual(f.workloads.map((w) => [w.kind, w.name, w.replicas?.value]), [['CronJob', 'report', undefined], ['Pod', 'debug', undefined], ['StatefulSet', 'db', 0]]);
  assert.deepEqual(f.workloads[0]!.nodeAffinity?.map((t) => [t.key, t.operator, t.values, t.alternative]), [['a', 'Exists', [], 0], ['b', 'In', ['x'], 1]]);
  assert.equal(f.workloads[0]!.containers[0]!.limits?.memory?.value, 2 ** 30);
  assert.deepEqual(f.workloads[1]!.podLabels, { app: 'debug' });
  assert.deepEqual(f.workloads[1]!.containers[0]!.command, ['sleep']);
});

test('invalid quantities are kept with a NaN value, not dropped', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, resources: {limits: {memory: 512MB, cpu: lots}}}]
`;
  const c = facts(text).workloads[0]!.containers[0]!;
  assert.equal(c.limits!.memory!.text, '512MB');
  assert.ok(Number.isNaN(c.limits!.memory!.value));
  assert.ok(Number.isNaN(c.limits!.cpu!.value));
});

test('Helm-rendered output with # Source comments reads as ordinary multi-document YAML', () => {
  const text = `---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-web
  labels:
    helm.sh/chart: shop-0.1.0
spec:
  selector: {app.kubernetes.io/name: web}
  ports: [{port: 80, targetPort: http}]
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
spec:
  replicas: 2
  template:
    metadata:
      labels: {app.kubernetes.io/name: web}
    spec:
      containers:
        - name: web
          image: "shop/web:1.0"
          ports: [{name: http, containerPort: 8080}]
---
# Source: shop/templates/empty.yaml
`;
  const { documents, problems } = parseYamlStream(text);
  assert.deepEqual(problems, []);
  const f = kubernetesFacts(documents, new SourceText('rendered.yaml', text));
  assert.deepEqual(f.services.map((s) => s.name), ['shop-web']);
  assert.deepEqual(f.workloads.map((w) => [w.name, w.replicas?.value, w.replicas?.evidence.line]), [['shop-web', 2, 19]]);
  assert.equal(f.workloads[0]!.containers[0]!.ports[0]!.evidence.line, 27);
});
