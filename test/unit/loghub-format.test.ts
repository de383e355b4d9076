/**
 * Loghub header formats: fields, whitespace runs, regular-expression bits between fields, optional parts,
 * lines that do not match, and the errors of bad formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLogFormat } from '../../server/ingest/loghub-format';

test('splits a plain header into its fields, the content taking the rest of the line', () => {
  const f = compileLogFormat('<Date> <Time> <Pid> <Level> <Component>: <Content>');
  assert.deepEqual(f.fields, ['Date', 'Time', 'Pid', 'Level', 'Component', 'Content']);
  assert.deepEqual(f.parse('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865 terminating'), {
    Date: '081109',
    Time: '203615',
    Pid: '148',
    Level: 'INFO',
    Component: 'dfs.DataNode$PacketResponder',
    Content: 'PacketResponder 1 for block blk_38865 terminating',
  });
});

test('a space in the format matches any run of whitespace, and the line is trimmed', () => {
  const f = compileLogFormat('<Date> <Time> <Level> <Content>');
  assert.deepEqual(f.parse('  2024-01-02\t10:00:00   WARN  disk  almost full  '), {
    Date: '2024-01-02',
    Time: '10:00:00',
    Level: 'WARN',
    Content: 'disk  almost full',
  });
});

test('regular-expression bits between fields: escaped brackets and an optional part', () => {
  const apache = compileLogFormat('\\[<Time>\\] \\[<Level>\\] <Content>');
  assert.deepEqual(apache.parse('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties'), {
    Time: 'Sun Dec 04 04:47:44 2005',
    Level: 'notice',
    Content: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
  });
  const linux = compileLogFormat('<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>');
  assert.deepEqual(linux.parse('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown'), {
    Month: 'Jun',
    Date: '14',
    Time: '15:16:01',
    Level: 'combo',
    Component: 'sshd(pam_unix)',
    PID: '19939',
    Content: 'check pass; user unknown',
  });
  assert.equal(linux.parse('Jun 14 15:16:01 combo kernel: Linux version 2.6.5')?.PID, '');
  assert.equal(linux.parse('Jun 14 15:16:01 combo kernel: Linux version 2.6.5')?.Content, 'Linux version 2.6.5');
});

test('a line without the layout gives undefined', () => {
  const f = compileLogFormat('\\[<Time>\\] <Program> - <Content>');
  assert.equal(f.parse('\tat org.example.Main.run(Main.java:42)'), undefined);
  assert.equal(f.parse(''), undefined);
  assert.equal(f.parse('[10.30 16:49:06] chrome.exe - proxy:5070 open')?.Content, 'proxy:5070 open');
});

test('bad formats are refused with what was expected and what arrived', () => {
  assert.throws(() => compileLogFormat('no fields at all'), { name: 'BadInputError', message: /expected at least one <Field>, got "no fields at all"/ });
  assert.throws(() => compileLogFormat('<Date> <bad-name> <Content>'), { name: 'BadInputError', message: /expected a field name of letters, digits and _, got <bad-name>/ });
  assert.throws(() => compileLogFormat('<Content> <Content>'), { name: 'BadInputError', message: /expected each field once, got <Content> twice/ });
  assert.throws(() => compileLogFormat('(<Date> <Content>'), { name: 'BadInputError', message: /expected a valid pattern between fields/ });
});
