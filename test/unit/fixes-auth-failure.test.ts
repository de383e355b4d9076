/**
 * Fixes of auth_failure through `diagnose()`: the client's password set to the one the datastore is configured
 * with (URL-encoded inside a URL, or the datastore's variable when both sides read one), a switched-off Redis
 * ACL user switched on, and no fix when the datastore configures two passwords. The password appears in the
 * diff only, never in the fix's reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** PostgreSQL's own log of `n` rejected logins of `user`. */
const pgRejects = (user: string, n: number) =>
  Array.from({ length: n }, (_, i) => `2026-05-02 14:10:${String(i % 60).padStart(2, '0')}.120 UTC [${410 + i}] FATAL:  password authentication failed for user "${user}"`).join('\n');

test('a DSN whose password differs from the one .env gives the database: the DSN carries the database password, URL-encoded', async () => {
  const { d, h, ranking } = await run({
    '.env': 'HR_DB_PASSWORD=N3w/Pass=2026\n',
    'docker-compose.yml': `services:
  payroll:
    image: hr/payroll:7
    environment:
      PG_DSN: postgresql://payroll:Old-Pass-1@hr-db:5432/payroll
      TZ: UTC
  hr-db:
    image: postgres:16
    environment:
      POSTGRES_USER: payroll
      POSTGRES_PASSWORD: \${HR_DB_PASSWORD}
`,
    'logs/hr-db.log': pgRejects('payroll', 20),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'payroll');
  assert.deepEqual(removedLines(d, 'docker-compose.yml'), ['      PG_DSN: postgresql://payroll:Old-Pass-1@hr-db:5432/payroll']);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      PG_DSN: postgresql://payroll:N3w%2FPass%3D2026@hr-db:5432/payroll']);
  assert.equal(d.fixes[0]!.fault, 'auth_failure');
  assert.doesNotMatch(d.fixes[0]!.why, /N3w|Old-Pass/, 'the reason names the settings, not their values');
});

test('client and database both read variables: the client reads the database’s variable, no value is written', async () => {
  const { d, h, ranking } = await run({
    '.env': 'STOCK_DB_PASSWORD=Rotated-77\nSTOCK_DB_PASSWORD_OLD=Before-66\n',
    'docker-compose.yml': `services:
  stock:
    image: wh/stock:2
    environment:
      DB_HOST: stock-db
      DB_PORT: "5432"
      DB_USER: stock
      DB_PASSWORD: \${STOCK_DB_PASSWORD_OLD}
  stock-db:
    image: postgres:15
    environment:
      POSTGRES_USER: stock
      POSTGRES_PASSWORD: \${STOCK_DB_PASSWORD}
`,
    'logs/stock-db.log': pgRejects('stock', 12),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'stock');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      DB_PASSWORD: ${STOCK_DB_PASSWORD}']);
});

test('a database configured with two different passwords: the mismatch is found, but no password is chosen for the client', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  crm:
    image: sales/crm:4
    environment:
      DATABASE_URL: postgres://crm:Guess-1@crm-db:5432/crm
  crm-db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: Admin-Secret-9
      REPLICATION_PASSWORD: Replica-Secret-4
`,
    'logs/crm-db.log': pgRejects('crm', 15),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'crm');
  assert.deepEqual(d.fixes, [], 'which of the two the crm user has is not in the inputs');
});

test('a Redis ACL user switched off after its key patterns: the rule is switched on, nothing else changes', async () => {
  const hash = 'a'.repeat(64);
  const { d, h, ranking } = await run({
    'k8s/cache.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: cache-acl, namespace: pay }
data:
  users.acl: |
    user default off
    user ledger-rw #${hash} ~ledger:* off +@read +@write
    user metrics on #${'b'.repeat(64)} +info
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: ledger-cache, namespace: pay }
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["--aclfile", "/etc/redis/users.acl"]
          volumeMounts: [{ name: acl, mountPath: /etc/redis }]
      volumes:
        - name: acl
          configMap: { name: cache-acl }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger, namespace: pay }
spec:
  template:
    spec:
      containers:
        - name: ledger
          image: pay/ledger:9
          env:
            - { name: CACHE_ADDR, value: "ledger-cache:6379" }
            - { name: CACHE_USERNAME, value: ledger-rw }
`,
    'logs/ledger.log': Array.from({ length: 30 }, (_, i) => `2026-05-02T14:10:${String(i).padStart(2, '0')}Z ERROR ledger cache: AUTH failed: WRONGPASS invalid username-password pair or user is disabled.`).join('\n'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'ledger-cache');
  assert.deepEqual(addedLines(d, 'k8s/cache.yaml'), [`    user ledger-rw #${hash} ~ledger:* on +@read +@write`]);
  assert.deepEqual(removedLines(d, 'k8s/cache.yaml'), [`    user ledger-rw #${hash} ~ledger:* off +@read +@write`]);
});
