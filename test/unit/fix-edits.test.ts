/**
 * Applying a fix idea's edits to a file's text: replacements at a column or the only occurrence on the
 * line, inserts, deletes, line endings kept, and the reasons an edit no longer fits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../server/agents/executor/edits';

test('a replacement at a column changes that occurrence only', () => {
  const r = applyEdits('a: 8081\nport: 8081 # 8081\n', [{ op: 'replace', line: 2, column: 7, find: '8081', replace: '8080' }]);
  assert.deepEqual(r, { ok: true, text: 'a: 8081\nport: 8080 # 8081\n' });
});

test('without a usable column, the only occurrence on the line is replaced; two occurrences are ambiguous', () => {
  assert.deepEqual(applyEdits('x\ntargetPort: 81\n', [{ op: 'replace', line: 2, column: 40, find: '81', replace: '80' }]), { ok: true, text: 'x\ntargetPort: 80\n' });
  const twice = applyEdits('port 81 81\n', [{ op: 'replace', line: 1, column: 40, find: '81', replace: '80' }]);
  assert.deepEqual(twice, { ok: false, reason: 'line 1 no longer holds "81"' });
});

test('a value no longer on its line, or a line past the end, is refused with the reason', () => {
  assert.deepEqual(applyEdits('a\n', [{ op: 'replace', line: 1, find: 'b', replace: 'c' }]), { ok: false, reason: 'line 1 no longer holds "b"' });
  assert.deepEqual(applyEdits('a\n', [{ op: 'replace', line: 3, find: 'a', replace: 'c' }]), { ok: false, reason: 'line 3 is past the end of the file (1 lines)' });
  assert.deepEqual(applyEdits('a\nb\n', [{ op: 'delete', fromLine: 2, toLine: 4 }]), { ok: false, reason: 'lines 2-4 are not in the file (2 lines)' });
});

test('inserts and deletes name lines of the original text, applied together', () => {
  const r = applyEdits('one\ntwo\nthree\n', [
    { op: 'insert', afterLine: 1, lines: ['one-and-a-half'] },
    { op: 'delete', fromLine: 3, toLine: 3 },
    { op: 'replace', line: 1, find: 'one', replace: 'ONE' },
    { op: 'insert', afterLine: 99, lines: ['end'] },
  ]);
  assert.deepEqual(r, { ok: true, text: 'ONE\none-and-a-half\ntwo\nend\n' });
});

test('CRLF line endings and a missing final newline are kept', () => {
  assert.deepEqual(applyEdits('a=1\r\nb=2\r\n', [{ op: 'replace', line: 2, find: '2', replace: '3' }]), { ok: true, text: 'a=1\r\nb=3\r\n' });
  assert.deepEqual(applyEdits('a=1\nb=2', [{ op: 'replace', line: 2, find: '2', replace: '3' }]), { ok: true, text: 'a=1\nb=3' });
});

test('two edits of one line are refused', () => {
  const r = applyEdits('a b\n', [{ op: 'replace', line: 1, find: 'a', replace: 'x' }, { op: 'delete', fromLine: 1, toLine: 1 }]);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /both change line 1/);
});

test('property: a replacement changes exactly its line, and replacing back restores the text', () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z0-9 :=]{0,12}$/), { minLength: 1, maxLength: 8 }), fc.nat(), fc.stringMatching(/^[A-Z]{1,4}$/), (lines, pick, value) => {
      const i = pick % lines.length;
      const text = `${lines.map((l, j) => (j === i ? `${l}@@` : l)).join('\n')}\n`;
      const r = applyEdits(text, [{ op: 'replace', line: i + 1, find: '@@', replace: value }]);
      assert.ok(r.ok);
      const after = r.text.split('\n');
      const before = text.split('\n');
      assert.equal(after.length, before.length);
      for (let j = 0; j < before.length; j++) if (j !== i) assert.equal(after[j], before[j]);
      assert.deepEqual(applyEdits(r.text, [{ op: 'replace', line: i + 1, find: value, replace: '@@', column: lines[i]!.length + 1 }]), { ok: true, text });
    }),
  );
});
