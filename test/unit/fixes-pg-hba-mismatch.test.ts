/**
 * pg_hba.conf rejections (`no pg_hba.conf entry for host, user, database`) through `diagnose()`: when the
 * rules name the client's user but not its database, the client's URL names the wrong database
 * (app_misconfig of the client, the one database the rules admit it to); when they name the database but
 * not the user, it logs in as the wrong user (auth_failure, the one user admitted there); rules that admit
 * `all` leave the choice open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines } from '../helpers/diagnosis';

const compose = (url: string) => `services:
  billing:
    image: acme/billing:3
    environment:
      DATABASE_URL: ${url}
  ledger-db:
    image: postgres:16
`;
const hba = (rules: string) => `# TYPE  DATABASE  USER  ADDRESS  METHOD\nlocal   all  all  trust\n${rules}\n`;
const rejects = (user: string, db: string, n = 20) =>
  Array.from({ length: n }, (_, i) => `2026-05-02 14:10:${String(i % 60).padStart(2, '0')}.120 UTC [${410 + i}] ${user}@${db} FATAL:  no pg_hba.conf entry for host "10.4.0.7", user "${user}", database "${db}", no encryption`).join('\n');

test('the rules admit the user to one database only, not the one the URL names: app_misconfig of the client, the URL’s database fixed', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': compose('postgres://billing:s3cret@ledger-db:5432/billing_prod'),
    'ledger-db/pg_hba.conf': hba('host  ledger  billing  10.4.0.0/16  scram-sha-256\nhost  all  ops  10.4.0.0/16  scram-sha-256'),
    'logs/ledger-db.log': rejects('billing', 'billing_prod'),
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'billing');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      DATABASE_URL: postgres://billing:s3cret@ledger-db:5432/ledger']);
  assert.ok(h.evidence.some((e) => e.file === 'ledger-db/pg_hba.conf' && e.line === 3), JSON.stringify(h.evidence));
  assert.doesNotMatch(d.fixes[0]!.why, /s3cret/);
});

test('the rules admit one user to the database, not the URL’s: auth_failure of the client, the URL’s user fixed', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': compose('postgres://billing_svc:s3cret@ledger-db:5432/ledger?sslmode=disable'),
    'ledger-db/pg_hba.conf': hba('host  ledger  billing  10.4.0.0/16  scram-sha-256'),
    'logs/ledger-db.log': rejects('billing_svc', 'ledger'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'billing');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['      DATABASE_URL: postgres://billing:s3cret@ledger-db:5432/ledger?sslmode=disable']);
});

test('two users admitted to the database: the wrong user is told, but no user is picked', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': compose('postgres://billing_svc:s3cret@ledger-db:5432/ledger'),
    'ledger-db/pg_hba.conf': hba('host  ledger  billing,reports  10.4.0.0/16  scram-sha-256'),
    'logs/ledger-db.log': rejects('billing_svc', 'ledger'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'billing');
  assert.deepEqual(d.fixes, []);
});

test('a rule for all users of the database: pg_hba.conf cannot tell which part is wrong, the datastore is named', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': compose('postgres://billing:s3cret@ledger-db:5432/billing_prod'),
    'ledger-db/pg_hba.conf': hba('host  ledger  billing  10.4.0.0/16  scram-sha-256\nhost  billing_prod  all  192.168.0.0/16  scram-sha-256'),
    'logs/ledger-db.log': rejects('billing', 'billing_prod'),
  });
  assert.equal(h.fault, 'auth_failure', ranking);
  assert.equal(h.component, 'ledger-db');
  assert.deepEqual(d.fixes, []);
});
