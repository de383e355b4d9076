import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { composeFacts, isComposeDocument, portFromCommand } from '../../server/ingest/config/compose';
import { SourceText } from '../../server/ingest/config/source-text';

const COMPOSE = `services:
  gateway:
    image: nginx:1.27-alpine
    ports: ["8080:80"]
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
  orders:
    build: ./orders
    container_name: shop-orders
    expose: ["8000"]
    environment:
      PORT: "8000"
      DATABASE_URL: postgres://orders:changeme@db:5432/orders
    env_file: [./orders/orders.env]
  cache:
    image: redis:7.2
    command: ["redis-server", "--port", "6380"]
    healthcheck:
      test: ["CMD", "redis-cli", "-h", "localhost", "-p", "6380", "ping"]
`;

test('extracts services, aliases, listeners, settings and mounted files', () => {
  const doc = parseYamlStream(COMPOSE).documents[0]!;
  assert.ok(isComposeDocument(doc));
  const { facts, owners } = composeFacts(doc, new SourceText('docker-compose.yml', COMPOSE));
  assert.deepEqual(facts.components.map((c) => [c.name, c.aliases]), [['gateway', ['nginx']], ['orders', ['shop-orders']], ['cache', ['redis']]]);
  assert.deepEqual(
    facts.listeners.map((l) => [l.component, l.port, l.source]),
    [['gateway', 80, 'compose-ports'], ['gateway', 80, 'image-default'], ['orders', 8000, 'compose-expose'], ['cache', 6380, 'command'], ['cache', 6379, 'image-default']],
  );
  assert.deepEqual(facts.settings.map((s) => [s.owner, s.key, s.evidence.line]), [['orders', 'PORT', 12], ['orders', 'DATABASE_URL', 13]]);
  assert.deepEqual([...owners], [['nginx/nginx.conf', 'gateway'], ['orders/orders.env', 'orders']]);
});

test('reads ports from command lines', () => {
  assert.equal(portFromCommand('gunicorn app:app --bind 0.0.0.0:8000'), 8000);
  assert.equal(portFromCommand('uvicorn main:app --port=9000'), 9000);
  assert.equal(portFromCommand('redis-server /etc/redis.conf'), undefined);
});
