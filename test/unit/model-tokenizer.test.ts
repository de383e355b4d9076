/** The evidence tokenizer gives the shared test vectors (training/tests/test_tokenizer.py checks the same file). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pieces, tokenize, type TokenizerParams } from '../../server/model/tokenizer';

const vectors = JSON.parse(readFileSync('test/fixtures/tokenizer-vectors.json', 'utf8')) as { params: TokenizerParams; cases: { text: string; pieces: string[]; ids: number[] }[] };

test('the TypeScript tokenizer gives the shared vectors', () => {
  assert.ok(vectors.cases.length >= 5);
  for (const c of vectors.cases) {
    assert.deepEqual(pieces(c.text), c.pieces, c.text);
    assert.deepEqual(tokenize(c.text, vectors.params), c.ids, c.text);
  }
});

test('ids stay in the vocabulary, pad with 0 and never use the reserved 1', () => {
  const ids = tokenize('Connection refused to redis:6379 after 3 retries <*> ü', { kind: 'hashed-word-pieces', vocab: 64, maxTokens: 40 });
  assert.equal(ids.length, 40);
  assert.ok(ids.every((i) => i === 0 || (i >= 2 && i < 64)));
  assert.equal(ids.at(-1), 0);
});
