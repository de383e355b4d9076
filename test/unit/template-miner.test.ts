/**
 * The template miner on small hand-checked sets: masking by shape, learning variables from differing
 * messages, variables of different lengths, merges with stable ids, incremental counts, and a property
 * test that every returned template matches its message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TemplateMiner } from '../../server/ingest/template-miner';
import { maskMessage } from '../../server/ingest/token-mask';

/** Adds every message and returns the final template of each. */
function mine(messages: string[], miner = new TemplateMiner()): string[] {
  const ids = messages.map((m) => miner.add(m));
  return ids.map((id) => miner.template(id));
}

/**
 * A template as a regular expression: `<*>` is any text, blanks are any whitespace, and a `<*>` standing
 * alone may stand for no token at all (a gap the miner learned for an optional part).
 */
function templateRegex(template: string): RegExp {
  const lit = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = (t: string): string => t.split('<*>').map(lit).join('[\\s\\S]*?');
  const tokens = template.split(' ').filter((t) => t !== '');
  const body = tokens.map((t, i) => (t === '<*>' ? `(?:${i > 0 ? '\\s+' : ''}[\\s\\S]*?)?` : `${i > 0 ? '\\s+' : ''}${token(t)}`)).join('');
  return new RegExp(`^\\s*${body}\\s*$`);
}

test('masking writes values as <*> by their shape', () => {
  const cases: [string, string][] = [
    ['PacketResponder 1 for block blk_-6952295868487656571 terminating', 'PacketResponder <*> for block <*> terminating'],
    ['Served block to /10.251.203.80 from 10.251.194.213:50010', 'Served block to <*> from <*>:<*>'],
    ['open through proxy proxy.cse.example.edu.hk:5070 HTTPS', 'open through proxy <*>:<*> HTTPS'],
    ['Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000', 'Old: <*>/<*>:<*> New: <*>:<*>'],
    ['workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'workerEnv.init() ok <*>'],
    ['Input split: hdfs://10.10.34.11:9000/pjhe/logs/2k.log:0+7292', 'Input split: hdfs://<*>'],
    ['[instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] DHCPACK to 00:11:43:e3:ba:c3', '[instance: <*>] DHCPACK to <*>'],
    ['mapped to 0xffff3000, took 65020ms (threshold=30000ms) at 41C', 'mapped to <*>, took <*> (threshold=<*>) at <*>'],
    ['Task attempt_1445144423722_0020_m_000000_0 is : 0.023958297', 'Task <*> is : <*>'],
    ['session opened for user root by (uid=0) vCores:-17', 'session opened for user <*> by (uid=<*>) vCores:<*>'],
    ['Security Scaffold v1.0.0 initialized, flag=true', 'Security Scaffold <*> initialized, flag=<*>'],
    ['reverse mapping for ns.example.com [173.234.31.186] failed', 'reverse mapping for <*> [<*>] failed'],
    ['connection from 1.2.3.4 at Fri Jun 17 07:07:00 2005', 'connection from <*> at <*>:<*>:<*>'],
    ['at org.foo.Logger.info(Logger.java:12)', 'at org.foo.Logger.info(Logger.java:<*>)'],
    ['  two  spaces\tand a tab  ', 'two spaces and a tab'],
    ['jk2_init() Found child 6725 in scoreboard slot 10', 'jk2_init() Found child <*> in scoreboard slot <*>'],
  ];
  for (const [message, skeleton] of cases) assert.equal(maskMessage(message), skeleton, message);
});

test('a token that varies in three messages becomes a variable; ids given before still resolve', () => {
  const miner = new TemplateMiner();
  const first = miner.add('Invalid user alice from 10.0.0.1');
  const second = miner.add('Invalid user bob from 10.0.0.2');
  assert.equal(miner.template(first), 'Invalid user alice from <*>');
  assert.notEqual(miner.canonical(first), miner.canonical(second));
  const third = miner.add('Invalid user carol from 10.0.0.3');
  assert.equal(miner.template(third), 'Invalid user <*> from <*>');
  assert.equal(miner.canonical(first), third);
  assert.equal(miner.canonical(second), third);
  assert.equal(miner.template(first), 'Invalid user <*> from <*>');
  assert.equal(miner.count(second), 3);
  assert.equal(miner.add('Invalid user dave from 10.0.0.4'), third);
  assert.deepEqual(miner.templates(), [{ id: third, template: 'Invalid user <*> from <*>', count: 4 }]);
});

test('two alternating words stay two templates (an enumeration, not a variable)', () => {
  const messages = ['cupsd startup succeeded', 'cupsd shutdown succeeded', 'cupsd startup succeeded', 'cupsd shutdown succeeded'];
  assert.deepEqual(mine(messages), messages);
  const miner = new TemplateMiner();
  mine(['Link error', 'Link ok', 'Link error'], miner);
  assert.deepEqual(
    miner.templates().map((t) => [t.template, t.count]),
    [
      ['Link error', 2],
      ['Link ok', 1],
    ],
  );
});

test('learned variables keep the brackets and keys around them', () => {
  const templates = mine(['from any [node_A8] source', 'from any [node_B8] source', 'from any [node_C2] source']);
  assert.equal(templates[0], 'from any [<*>] source');
  assert.deepEqual(mine(['name (eadmin1) unknown', 'name (badmin1) unknown', 'name (cadmin1) unknown'])[0], 'name (<*>) unknown');
});

test('a unit after a number varies as part of the value after two units', () => {
  const templates = mine(['Block <*> stored (size 5.2 KB, free 3.0 KB)', 'Block 1 stored (size 384.0 B, free 3.0 KB)'].map((m) => m.replace('<*>', '9')));
  assert.equal(templates[1], 'Block <*> stored (size <*>, free <*> KB)');
});

test('messages of different token counts share a template when a variable spans several tokens', () => {
  const miner = new TemplateMiner();
  const one = miner.add('BLOCK* ask 10.0.0.1:50010 to delete blk_1');
  const many = miner.add('BLOCK* ask 10.0.0.2:50010 to delete blk_1 blk_-2 blk_3 blk_4');
  assert.equal(one, many);
  assert.equal(miner.template(one), 'BLOCK* ask <*>:<*> to delete <*>');
  const fixed = mine(['Fan speeds ( 3552 3534 3375 **** 3515 3479 )', 'Fan speeds ( 3552 3534 3391 **** 3515 3497 )']);
  assert.equal(fixed[1], 'Fan speeds ( <*> <*> <*> **** <*> <*> )');
});

test('an optional parenthesised value and a value in two tokens align into gaps', () => {
  const miner = new TemplateMiner();
  const a = miner.add('proxy.example.com:80 close, 5 bytes sent, lifetime 00:01');
  const b = miner.add('proxy.example.com:80 close, 5 bytes (5.1 KB) sent, lifetime <1 sec');
  assert.equal(miner.canonical(a), miner.canonical(b));
  assert.equal(miner.template(a), '<*>:<*> close, <*> bytes <*> sent, lifetime <*>');
  assert.notEqual(miner.add('proxy.example.com:80 open, 5 bytes sent by user alice'), miner.canonical(a));
});

test('different words in a stretch between shared tokens keep templates apart', () => {
  const miner = new TemplateMiner();
  const a = miner.add('Failed password for root from 1.2.3.4 port 22 ssh2');
  const b = miner.add('Failed password for invalid user bob from 1.2.3.4 port 22 ssh2');
  const c = miner.add('auth failure; rhost=1.2.3.4');
  const d = miner.add('auth failure; rhost=1.2.3.4 user=root');
  assert.notEqual(miner.canonical(a), miner.canonical(b));
  assert.notEqual(miner.canonical(c), miner.canonical(d));
});

test('the miner is incremental: counts grow and templates only generalise', () => {
  const miner = new TemplateMiner();
  const id = miner.add('GET /api/orders 200 12ms');
  for (let i = 0; i < 5; i++) assert.equal(miner.add(`GET /api/orders/${i} ${200 + i} ${i}ms`), id);
  assert.equal(miner.count(id), 6);
  assert.equal(miner.template(id), 'GET <*> <*> <*>');
  assert.throws(() => miner.canonical(99), /expected a template id from add\(\), got 99/);
});

const logWords = fc.constantFrom('user', 'block', 'from', 'to', 'error', 'ok', 'closed', 'root', 'x=1', '[a]', '(b)', 'KB', 'sec', '<1', '00:01', '10.0.0.1:80', '/var/log', 'blk_-7', 'eth0', 'v1.2', '0xff', '', ' ');
const logLine = fc.array(fc.oneof(logWords, fc.nat(99999).map(String), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((ws) => ws.join(' '));

test('property: add never throws and the template it returns matches the message', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(logLine, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })), { minLength: 1, maxLength: 40 }), (messages) => {
      const miner = new TemplateMiner();
      for (const m of messages) {
        const template = miner.template(miner.add(m));
        assert.match(m, templateRegex(template), `template ${JSON.stringify(template)} of ${JSON.stringify(m)}`);
      }
    }),
    { numRuns: 300 },
  );
});
