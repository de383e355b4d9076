/**
 * The redactor: every secret kind is found where incident material holds it, replaced by its typed placeholder
 * with the text's shape kept; ordinary log lines and configs pass unchanged; it is idempotent, total and linear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { placeholder, RedactionPatternError, Redactor } from '../../server/trajectories/redaction/redactor';
import { SECRET_KIND_IDS } from '../../server/trajectories/redaction/secret-kinds';
import { PLANTERS, plantedSecrets } from '../helpers/planted-secrets';

const redactor = new Redactor();

/** The first 8-character piece of `value` that `text` still holds and that `context` holds only as part of the value. */
function leakedPiece(value: string, text: string, context: string): string | undefined {
  const around = context.replace(value, '');
  for (let i = 0; i + 8 <= value.length; i++) {
    const piece = value.slice(i, i + 8);
    if (text.includes(piece) && !around.includes(piece)) return piece;
  }
  return undefined;
}

test('at least 30 secret kinds, with unique kebab-case ids, and a planted corpus for every one', () => {
  assert.ok(SECRET_KIND_IDS.length >= 30, `${SECRET_KIND_IDS.length} kinds`);
  assert.equal(new Set(SECRET_KIND_IDS).size, SECRET_KIND_IDS.length);
  for (const id of SECRET_KIND_IDS) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  const planted = new Set(PLANTERS.map((p) => p.kind));
  assert.deepEqual(SECRET_KIND_IDS.filter((k) => !planted.has(k)), []);
});

test('every planted secret of every kind is replaced by its own placeholder, in every context, for many values', () => {
  let count = 0;
  for (const seed of [1, 7, 20240514, 99991]) {
    for (const s of plantedSecrets(seed)) {
      const out = redactor.redactWithCounts(s.context);
      const piece = leakedPiece(s.value, out.text, s.context);
      assert.equal(piece, undefined, `${s.kind}: ${JSON.stringify(piece)} left in ${JSON.stringify(out.text)}`);
      assert.ok((out.counts[s.kind] ?? 0) > 0, `${s.kind} named in ${JSON.stringify(out.counts)} for ${JSON.stringify(s.context)}`);
      assert.ok(out.text.includes(placeholder(s.kind)));
      count++;
    }
  }
  assert.ok(count > 500, `${count} planted secrets`);
});

test('placeholders keep the shape of the text around them', () => {
  assert.equal(redactor.redact('password=hunter2 user=bob'), 'password=<secret:password> user=bob');
  assert.equal(redactor.redact('DATABASE_URL=postgres://orders:s3cr3t-Pw@db.shop.svc:5432/orders'), 'DATABASE_URL=postgres://orders:<secret:password>@db.shop.svc:5432/orders');
  assert.equal(redactor.redact('> Authorization: Bearer abcDEF0123456789ghijKLMN'), '> Authorization: Bearer <secret:bearer-token>');
  assert.equal(redactor.redact('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'), 'AWS_ACCESS_KEY_ID=<secret:aws-access-key-id>');
  const key = redactor.redact('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4f1\nQWERTYuiop0987zxcv\n-----END RSA PRIVATE KEY-----\n');
  assert.equal(key, '-----BEGIN RSA PRIVATE KEY-----\n<secret:rsa-private-key>\n-----END RSA PRIVATE KEY-----\n');
  assert.equal(redactor.redact('{"db":{"user":"app","password":"Tr0ub4dor&3"}}'), '{"db":{"user":"app","password":"<secret:password>"}}');
});

test('ordinary log lines, references and names next to secret-like words pass unchanged', () => {
  const benign = [
    '2024-05-14T09:12:44Z ERROR FATAL: password authentication failed for user "orders"',
    'password: ${DB_PASSWORD}',
    'DB_PASSWORD={{ .Values.db.password }}',
    'password = os.environ["DB_PASSWORD"]',
    '  secretName: cart-tls',
    '  SOURCE_DSN_PASSWORD:  <set to the key \'password\' in secret \'pg-reports-ro\'>  Optional: false',
    'token: ****',
    'api_key: [REDACTED]',
    'requirepass ""',
    'image: ghcr.io/acme/cart@sha256:4f1c2d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
    'request_id=6f1c0d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f trace=cart-7c9f6d8b5d-x2kqp',
    '{"event":"upload.done","key":"hooli/invoices_monthly/exp_2psmb72nn8bw.csv.gz"}',
    'sudo[61391]:   deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl stop catalog-api',
    'Post \\"https://login.example.com/oauth/token\\": context deadline exceeded',
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
    'the session expired; token refresh scheduled in 30s',
  ];
  for (const line of benign) assert.equal(redactor.redact(line), line, line);
});

test('the loghub samples have no secrets, and none are found in them', () => {
  const root = '../shared/data/loghub-2k';
  let lines = 0;
  for (const system of readdirSync(root)) {
    const dir = join(root, system);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('_2k.log'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const out = redactor.redactWithCounts(text);
      assert.deepEqual(out.counts, {}, `${system}/${file}`);
      lines += text.split('\n').length;
    }
  }
  assert.ok(lines > 10_000, `${lines} lines`);
});

test('extra patterns from settings: group 1 or the whole match, (?i) for any case; invalid patterns are refused by index', () => {
  const custom = new Redactor({ extraPatterns: ['ACME-[0-9]{6}', '(?i)internal_code=(\\w+)'] });
  assert.equal(custom.redact('ticket ACME-123456 opened'), 'ticket <secret:custom> opened');
  assert.equal(custom.redact('INTERNAL_CODE=zebra7 ok'), 'INTERNAL_CODE=<secret:custom> ok');
  assert.throws(() => new Redactor({ extraPatterns: ['ok', '(unclosed'] }), (err: unknown) => err instanceof RedactionPatternError && err.index === 1 && /^extraPatterns\[1\]: /.test(err.message));
  assert.throws(() => new Redactor({ extraPatterns: ['x*'] }), RedactionPatternError);
  assert.throws(() => new Redactor({ extraPatterns: [''] }), RedactionPatternError);
});

test('e-mail and IP masks only when asked; versions, dates and times are not addresses', () => {
  const line = 'login ok user=ana.lopez@example.com from 10.0.3.17 and 2001:db8::8a2e:370:7334 (client 1.2.3, 12:30:45)';
  assert.equal(redactor.redact(line), line);
  const masked = new Redactor({ maskEmails: true, maskIps: true }).redact(line);
  assert.equal(masked, 'login ok user=<email> from <ip> and <ip> (client 1.2.3, 12:30:45)');
  assert.equal(new Redactor({ maskIps: true }).redact('version 10.0.3.17.2 on 2024.05.14'), 'version 10.0.3.17.2 on 2024.05.14');
});

test('redactDeep redacts every string of a value, keeps keys and non-strings, and copies cycles', () => {
  const value: Record<string, unknown> = { env: { DB_PASSWORD: 'x', note: 'password=Zq9!vLw2' }, argv: ['redis-cli', '-a', 'Zq9vLw2Pk', 'INFO'], n: 3, list: new Set(['token=abcDEF0123456789ghij']) };
  value['self'] = value;
  const out = redactor.redactDeep(value);
  assert.equal((out['env'] as Record<string, string>)['note'], 'password=<secret:password>');
  assert.deepEqual(out['argv'], ['redis-cli', '-a', '<secret:password>', 'INFO']);
  assert.equal(out['n'], 3);
  assert.deepEqual([...(out['list'] as Set<string>)], ['token=<secret:token>']);
  assert.equal(out['self'], out);
  assert.equal((value['env'] as Record<string, string>)['note'], 'password=Zq9!vLw2', 'the input is left alone');
});

test('property: redaction is idempotent and never throws, on random text and on planted secrets mixed with it', () => {
  const planted = plantedSecrets(5).map((s) => s.context);
  const masks = new Redactor({ maskEmails: true, maskIps: true });
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...planted), fc.constantFrom('=', ':', '"', '\n', ' password=', 'Bearer ', '-----BEGIN ')), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      for (const r of [redactor, masks]) {
        const once = r.redact(text);
        assert.equal(r.redact(once), once);
      }
    }),
    { numRuns: 400 },
  );
});

test('property: no planted value survives however the corpus is concatenated', () => {
  const corpus = plantedSecrets(11);
  fc.assert(
    fc.property(fc.shuffledSubarray(corpus, { minLength: 2, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\n\n'), (items, sep) => {
      const text = items.map((s) => s.context).join(sep);
      const out = redactor.redact(text);
      for (const s of items) assert.ok(!out.includes(s.value), `${s.kind} left in a mix`);
    }),
    { numRuns: 200 },
  );
});

test('adversarial megabytes (long runs of quotes, equals signs, base64 and PEM armour) finish and stay total', () => {
  const inputs = [
    'password='.repeat(100_000),
    `"${'a'.repeat(500_000)}`,
    `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(250_000)}`,
    'x:'.repeat(300_000),
    `${'Authorization: Bearer '.repeat(40_000)}`,
  ];
  for (const text of inputs) {
    const out = redactor.redact(text);
    assert.equal(typeof out, 'string');
    assert.equal(redactor.redact(out), out);
  }
});

test('an argv split into words loses the same secrets as its command line', () => {
  let count = 0;
  for (const s of plantedSecrets(3)) {
    const words = s.context.split(' ');
    // An argv never cuts a secret or its PEM armour in two: only contexts whose value lies inside one word.
    if (s.context.includes('\n') || s.context.includes('-----BEGIN') || !words.some((w) => w.includes(s.value))) continue;
    const out = redactor.redactDeep(words).join(' ');
    assert.ok(!out.includes(s.value), `${s.kind} left in ${JSON.stringify(out)}`);
    count++;
  }
  assert.ok(count > 80, `${count} one-line contexts`);
});
