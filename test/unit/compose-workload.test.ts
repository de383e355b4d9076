import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { composeFacts } from '../../server/ingest/config/compose';
import { SourceText } from '../../server/ingest/config/source-text';

const COMPOSE = `services:
  api:
    image: shop/api:1.2
    entrypoint: ["python", "-m"]
    command: uvicorn main:app --port "8000"
    ports: ["8080:8000", {target: 9000, published: 9001}]
    expose: ["8000"]
    mem_limit: 512m
    cpus: 0.5
    mem_reservation: 256m
    scale: 2
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
    volumes:
      - ./data:/var/lib/api
      - {type: volume, source: cache, target: /cache}
  worker:
    build: ./worker
    deploy:
      replicas: 3
      resources:
        limits: {memory: 1G, cpus: "1.5"}
        reservations: {memory: 128M, cpus: "0.25"}
  bare:
    image: busybox
`;

test('each compose service is also a ComposeService workload with one container', () => {
  const doc = parseYamlStream(COMPOSE).documents[0]!;
  const { facts } = composeFacts(doc, new SourceText('docker-compose.yml', COMPOSE));
  assert.deepEqual(facts.workloads.map((w) => [w.kind, w.name, w.namespace, w.podLabels, w.containers.length, w.evidence.line]), [
    ['ComposeService', 'api', '', {}, 1, 2],
    ['ComposeService', 'worker', '', {}, 1, 17],
    ['ComposeService', 'bare', '', {}, 1, 24],
  ]);
  const [api, worker, bare] = facts.workloads.map((w) => w.containers[0]!);
  assert.equal(api!.name, 'api');
  assert.deepEqual([api!.image, api!.imageEvidence?.line, api!.imageEvidence?.column], ['shop/api:1.2', 3, 12]);
  assert.deepEqual(api!.ports.map((p) => [p.port, p.evidence.line]), [[8000, 7], [9000, 6]]);
  assert.deepEqual([api!.limits?.memory?.text, api!.limits?.memory?.value, api!.limits?.memory?.evidence.line], ['512m', 512 * 2 ** 20, 8]);
  assert.equal(api!.limits?.cpu?.value, 500);
  assert.equal(api!.requests?.memory?.value, 256 * 2 ** 20);
  assert.deepEqual(api!.command, ['python', '-m', 'uvicorn', 'main:app', '--port', '8000']);
  assert.equal(api!.commandEvidence?.line, 4);
  assert.deepEqual(api!.healthcheck?.command, ['CMD', 'curl', '-f', 'http://localhost:8000/health']);
  assert.deepEqual(api!.mounts?.map((m) => [m.volume, m.path]), [['./data', '/var/lib/api'], ['cache', '/cache']]);
  assert.deepEqual(facts.workloads[0]!.replicas && [facts.workloads[0]!.replicas.value, facts.workloads[0]!.replicas.evidence.line], [2, 11]);
  assert.deepEqual([worker!.limits?.memory?.value, worker!.limits?.cpu?.value, worker!.requests?.memory?.value, worker!.requests?.cpu?.value], [2 ** 30, 1500, 128 * 2 ** 20, 250]);
  assert.equal(worker!.image, undefined);
  assert.equal(facts.workloads[1]!.replicas?.value, 3);
  assert.deepEqual(bare, { name: 'bare', image: 'busybox', imageEvidence: bare!.imageEvidence, ports: [] });
});
