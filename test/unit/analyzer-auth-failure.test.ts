/**
 * auth_failure through `diagnose()`: who must change decides the component. A client whose password differs
 * from the datastore's is blamed with its setting as the cause; a user or privilege missing in the datastore
 * blames the datastore. Password values never appear in the diagnosis, except in the diff of a fix that sets one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnosis } from '../../server/protocol';
import { run, causeOf, at, healthy } from '../helpers/diagnosis';

/** No secret in the diagnosis but where a reviewer must see it: the diff of a password fix (its `why` included). */
const noSecret = (d: Diagnosis, ...secrets: string[]) => {
  const json = JSON.stringify({ ...d, fixes: d.fixes.map(({ diff, ...shown }) => shown) });
  for (const s of secrets) assert.ok(!json.includes(s), `the diagnosis quotes the secret ${s}`);
};
/** PostgreSQL's own log of `n` rejected logins of `user`. */
const pgRejects = (user: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const ts = `2026-03-10 09:00:${String(i % 60).padStart(2, '0')}.412 UTC [${300 + i}]`;
    return `${ts} FATAL:  password authentication failed for user "${user}"\n${ts} DETAIL:  Connection matched pg_hba.conf line 99: "host all all all scram-sha-256"`;
  }).join('\n');

test('a client DATABASE_URL password that differs from POSTGRES_PASSWORD blames the client, its URL is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  invoicing:
    image: acme/invoicing:3.2
    environment:
      DATABASE_URL: postgres://invoicing:Wint3r-Sun-42@ledger-db:5432/invoices
  ledger-db:
    image: postgres:16
    environment:
      POSTGRES_USER: invoicing
      POSTGRES_PASSWORD: Summ3r-Rain-17
`,
    'logs/ledger-db.log': pgRejects('invoicing', 30),
    'logs/invoicing.log': Array.from({ length: 30 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}.500Z ERROR invoicing db: error: password authentication failed for user "invoicing"`).join('\n'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'invoicing');
  assert.deepEqual(h.rca, { system_level: 'Application', fault_type: 'Authentication Issue' });
  assert.equal(at(causeOf(d)), 'docker-compose.yml:5');
  assert.ok(h.evidence.some((e) => at(e) === 'docker-compose.yml:10' && e.role === 'context'), 'the server-side password line is the other side');
  noSecret(d, 'Wint3r-Sun-42', 'Summ3r-Rain-17');
});

test('only the database logs the rejections: a root .env interpolated into compose against the client env file', async () => {
  const { d, h, ranking } = await run({
    '.env': 'PG_PASSWORD=Autumn-Leaf-9\n',
    'docker-compose.yml': `services:
  billing:
    image: acme/billing:1
    env_file: ./billing/billing.env
  pg:
    image: postgres:15
    environment:
      POSTGRES_PASSWORD: \${PG_PASSWORD}
`,
    'billing/billing.env': 'DB_HOST=pg\nDB_PORT=5432\nDB_USER=billing_rw\nDB_PASSWORD=Spring-Bud-3\n',
    'logs/pg.log': pgRejects('billing_rw', 12),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'billing');
  assert.equal(at(causeOf(d)), 'billing/billing.env:4');
  noSecret(d, 'Autumn-Leaf-9', 'Spring-Bud-3');
});

test(
  'the same mismatch when the database user is named like the client service',
  async () => {
    const { d, h, ranking } = await run({
      '.env': 'PG_PASSWORD=Autumn-Leaf-9\n',
      'docker-compose.yml': `services:
  billing:
    image: acme/billing:1
    env_file: ./billing/billing.env
  pg:
    image: postgres:15
    environment:
      POSTGRES_PASSWORD: \${PG_PASSWORD}
`,
      'billing/billing.env': 'DB_HOST=pg\nDB_PORT=5432\nDB_USER=billing\nDB_PASSWORD=Spring-Bud-3\n',
      'logs/pg.log': pgRejects('billing', 12),
    });
    assert.equal(h.fault, 'auth_failure', ranking);
    assert.equal(h.component, 'billing');
    assert.equal(at(causeOf(d)), 'billing/billing.env:4');
    noSecret(d, 'Autumn-Leaf-9', 'Spring-Bud-3');
  },
);

test('"role does not exist" logged by the database blames the database, not the client', async () => {
  const { h, ranking } = await run({
    'k8s/data.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: pg-main, namespace: data }
spec:
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
          ports: [{ containerPort: 5432 }]
---
apiVersion: v1
kind: Service
metadata: { name: pg-main, namespace: data }
spec: { selector: { app: pg-main }, ports: [{ port: 5432 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: reports, namespace: data }
spec:
  template:
    spec:
      containers:
        - name: reports
          image: data/reports:5
          env:
            - { name: PGHOST, value: pg-main }
            - { name: PGUSER, value: reporting }
`,
    'logs/pg-main-0.log': Array.from({ length: 25 }, (_, i) => `2026-03-10 09:01:${String(i).padStart(2, '0')}.000 UTC [${900 + i}] FATAL:  role "reporting" does not exist`).join('\n'),
    'logs/reports.log': Array.from({ length: 25 }, (_, i) => `2026-03-10T09:01:${String(i).padStart(2, '0')}Z ERROR reports job failed: psycopg2.OperationalError: connection to server at "pg-main" (10.4.1.9), port 5432 failed: FATAL:  role "reporting" does not exist`).join('\n'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'pg-main');
  assert.match(h.explanation, /missing/);
});

test('NOPERM from a Redis ACL blames the Redis the client talks to; the Secret value stays out', async () => {
  const { d, h, ranking } = await run({
    'k8s/sessions.yaml': `apiVersion: v1
kind: Secret
metadata: { name: sessions-redis, namespace: web }
type: Opaque
stringData:
  password: "Plum-Tree-88"
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: session-cache, namespace: web }
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["--aclfile", "/etc/redis/users.acl"]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: sessions, namespace: web }
spec:
  template:
    spec:
      containers:
        - name: sessions
          image: web/sessions:2
          env:
            - name: REDIS_ADDR
              value: session-cache:6379
            - name: REDIS_PASSWORD
              valueFrom: { secretKeyRef: { name: sessions-redis, key: password } }
`,
    'logs/sessions.log': Array.from({ length: 25 }, (_, i) => `2026-03-10T09:01:${String(i).padStart(2, '0')}Z ERROR sessions store: redis SET failed: NOPERM this user has no permissions to run the 'set' command`).join('\n'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'session-cache');
  noSecret(d, 'Plum-Tree-88', Buffer.from('Plum-Tree-88').toString('base64'));
});

test('one WRONGPASS that a retry with refreshed credentials resolves is not a confident auth failure', async () => {
  const { h, ranking } = await run({
    'docker-compose.yml': 'services:\n  api:\n    image: a/api:1\n    environment:\n      REDIS_URL: redis://cache:6379\n  cache:\n    image: redis:7\n',
    'logs/api.log': `${healthy('api', 300)}\n2026-03-10T09:05:30.000Z WARN api redis: WRONGPASS invalid username-password pair or user is disabled, retrying with refreshed credentials\n${healthy('api', 100, 301)}`,
  });
  assert.ok(h.fault !== 'auth_failure' || h.confidence < 0.5, ranking);
});
