/**
 * Fixes of resource_exhaustion through `diagnose()`: a datastore's connection limit raised above what its
 * clients' pools may open (pool × replicas, overflow and reserved slots counted), a client's own pool raised
 * to the peak its pool statistics show, and no fix where the numbers are not in the inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

const refusals = (n: number) =>
  Array.from({ length: n }, (_, i) => `2026-05-04 11:20:${String(i % 60).padStart(2, '0')}.250 UTC [${900 + i}] FATAL:  sorry, too many clients already`).join('\n');

const ledgerCompose = (billingPool: string, ledgerPool: string) => `services:
  billing:
    image: acme/billing:3.2
    environment:
      DATABASE_URL: postgres://billing@ledger-db:5432/ledger
${billingPool}    deploy:
      replicas: 3
  reconciler:
    image: acme/reconciler:1.0
    environment:
      LEDGER_DSN: postgresql://recon@ledger-db:5432/ledger
${ledgerPool}  ledger-db:
    image: postgres:16
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
    volumes:
      - ./db/postgresql.conf:/etc/postgresql/postgresql.conf:ro
`;
const ledgerConf = "listen_addresses = '*'\nmax_connections = 50\nsuperuser_reserved_connections = 5\nshared_buffers = 512MB\n";

test('clients whose pools exceed max_connections: the limit is raised above pools × replicas + overflow + reserved, to a round number', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': ledgerCompose('      PG_POOL_MAX: ${BILLING_POOL}\n', '      POOL_SIZE: "10"\n      MAX_OVERFLOW: "10"\n'),
    '.env': 'BILLING_POOL=25\n',
    'db/postgresql.conf': ledgerConf,
    'logs/ledger-db.log': refusals(40),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'ledger-db');
  // 3 × 25 + (10 + 10) + 5 reserved = 100
  assert.deepEqual(addedLines(d, 'db/postgresql.conf'), ['max_connections = 100']);
  assert.deepEqual(removedLines(d, 'db/postgresql.conf'), ['max_connections = 50']);
  assert.match(d.fixes[0]!.why, /billing 3 × 25, reconciler 10 \+ 10/);
});

test('clients that set no pool size: the limit is not raised, since what they open is unknown', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': ledgerCompose('', ''),
    'db/postgresql.conf': ledgerConf,
    'logs/ledger-db.log': refusals(40),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.deepEqual(d.fixes, []);
});

const catalogCompose = `services:
  catalog:
    image: acme/catalog:8.1
    environment:
      DATABASE_URL: postgres://catalog@catalog-db:5432/catalog
      DB_MAX_POOL_SIZE: "4"
    deploy:
      replicas: 2
  catalog-db:
    image: postgres:16
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
    volumes:
      - ./db/postgresql.conf:/etc/postgresql/postgresql.conf:ro
`;
const poolLines = (withStats: boolean) =>
  Array.from({ length: 24 }, (_, i) => `2026-05-04T11:2${Math.floor(i / 10)}:${String((i * 7) % 60).padStart(2, '0')}.000Z ERROR catalog db: pool exhausted, timeout acquiring a connection after 5000ms${withStats ? ` (total=4, active=4, idle=0, waiting=${i === 0 ? 6 : 17})` : ''}`).join('\n');

test('a client pool that runs dry with requests waiting: the pool is raised to the peak in use + waiting, inside the database limit', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': catalogCompose,
    'db/postgresql.conf': "max_connections = 100\n",
    'logs/catalog.log': poolLines(true),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'catalog');
  // peak 4 active + 17 waiting = 21 -> 30; 2 replicas × 30 fit max_connections = 100
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      DB_MAX_POOL_SIZE: "30"']);
});

test('a client pool that runs dry where no line says how many waited: no pool size is guessed', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': catalogCompose,
    'db/postgresql.conf': "max_connections = 100\n",
    'logs/catalog.log': poolLines(false),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.deepEqual(d.fixes, []);
});

test('a client pool whose raise would not fit the database: no pool fix (the database limit is the one to change)', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': catalogCompose,
    'db/postgresql.conf': "max_connections = 8\n",
    'logs/catalog.log': poolLines(true),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), []);
});
