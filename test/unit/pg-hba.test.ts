import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pgHbaRules } from '../../server/ingest/config/pg-hba';
import { SourceText } from '../../server/ingest/config/source-text';

const HBA = `# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                peer
local   all             all                                     scram-sha-256  # local socket
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 md5
hostssl orders          "app user"      10.0.0.0/8              cert clientcert=verify-full
hostnossl all           all             0.0.0.0/0               reject
host    replication     replicator      192.168.1.10 255.255.255.0  trust
host    all             all             db.example.com          \\
        scram-sha-256
include_dir conf.d
include_if_exists extra.conf
HOST    all             all             all                     password
garbage line here
host    all             all
`;

test('rules in file order with type, database, user, address, method, options and evidence', () => {
  const rules = pgHbaRules(new SourceText('pg_hba.conf', HBA));
  assert.deepEqual(
    rules.map((r) => [r.type, r.database, r.user, r.address, r.method, r.options, r.evidence.line, r.evidence.column]),
    [
      ['local', 'all', 'postgres', undefined, 'peer', undefined, 2, 1],
      ['local', 'all', 'all', undefined, 'scram-sha-256', undefined, 3, 1],
      ['host', 'all', 'all', '127.0.0.1/32', 'scram-sha-256', undefined, 4, 1],
      ['host', 'all', 'all', '::1/128', 'md5', undefined, 5, 1],
      ['hostssl', 'orders', 'app user', '10.0.0.0/8', 'cert', { clientcert: 'verify-full' }, 6, 1],
      ['hostnossl', 'all', 'all', '0.0.0.0/0', 'reject', undefined, 7, 1],
      ['host', 'replication', 'replicator', '192.168.1.10/24', 'trust', undefined, 8, 1],
      ['host', 'all', 'all', 'db.example.com', 'scram-sha-256', undefined, 9, 1],
      ['host', 'all', 'all', 'all', 'password', undefined, 13, 1],
    ],
  );
  assert.equal(rules[2]!.evidence.text, 'host    all             all             127.0.0.1/32            scram-sha-256');
});

test('property: arbitrary text never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      pgHbaRules(new SourceText('pg_hba.conf', text));
    }),
  );
  assert.deepEqual(pgHbaRules(new SourceText('pg_hba.conf', 'host all all 10.0.0.1 \\')), []);
});
