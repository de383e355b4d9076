import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { forEachLine } from '../../server/ingest/line-reader';
import { tempDir } from '../helpers/tree';

const dir = tempDir('aoi-lines-');
let n = 0;
const file = (content: Buffer | string): string => {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, content);
  return p;
};
const read = async (p: string, maxLineBytes?: number) => {
  const lines: string[] = [];
  const stats = await forEachLine(p, (t, i) => lines.push(`${i}:${t}`), maxLineBytes ? { maxLineBytes } : {});
  return { lines, stats };
};

test('splits LF and CRLF, keeps the last line without a newline', async () => {
  const { lines, stats } = await read(file('a\r\nb\nc'));
  assert.deepEqual(lines, ['1:a', '2:b', '3:c']);
  assert.equal(stats.lines, 3);
});

test('replaces invalid UTF-8 instead of failing', async () => {
  const { lines } = await read(file(Buffer.from([0x6f, 0x6b, 0xff, 0xfe, 0x0a, 0x78])));
  assert.deepEqual(lines, ['1:ok\ufffd\ufffd', '2:x']);
});

test('caps very long lines and counts them', async () => {
  const { lines, stats } = await read(file(`${'x'.repeat(5000)}\nshort\n${'y'.repeat(3000)}`), 1000);
  assert.equal(lines[0], `1:${'x'.repeat(1000)}`);
  assert.equal(lines[1], '2:short');
  assert.equal(lines[2], `3:${'y'.repeat(1000)}`);
  assert.equal(stats.truncatedLines, 2);
});

test('aborts when the signal fires', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(forEachLine(file('a\nb\n'), () => undefined, { signal: controller.signal }), { name: 'AbortError' });
});

test('property: every line lands in exactly one callback, in order, for any bytes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 4, max: 64 }), async (bytes, cap) => {
      const buf = Buffer.from(bytes);
      const { lines, stats } = await read(file(buf), cap);
      let expected = 0;
      for (const b of buf) if (b === 0x0a) expected++;
      if (buf.length > 0 && buf[buf.length - 1] !== 0x0a) expected++;
      assert.equal(stats.lines, expected);
      assert.deepEqual(lines.map((l) => Number(l.split(':')[0])), Array.from({ length: expected }, (_, i) => i + 1));
    }),
    { numRuns: 200 },
  );
});

test('a line split across read chunks is joined', async () => {
  const long = 'z'.repeat(300 * 1024);
  const { lines } = await read(file(`head\n${long}\ntail\n`), 512 * 1024);
  assert.equal(lines.length, 3);
  assert.equal(lines[1]!.length, 2 + long.length);
});

/** The lines of `buf` as Buffer.toString reads them: split on LF, one trailing CR dropped. */
const expectedLines = (buf: Buffer): string[] => {
  const out: string[] = [];
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
    const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    out.push(buf.toString('utf8', start, end));
    start = nl + 1;
  }
  if (start < buf.length) out.push(buf.toString('utf8', start, buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length));
  return out;
};

test('decodes lines as Buffer.toString does, in ASCII and UTF-8 chunks, across chunk boundaries', async () => {
  // About 1 MiB: ASCII stretches (read as Latin-1), then lines with multi-byte and invalid UTF-8 that chunk
  // boundaries cut through.
  let seed = 11;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  const pieces = ['é', '😀', '\u2028', 'a', 'b c', '\r', '\t', '"'];
  const parts: Buffer[] = [];
  for (let i = 0; i < 12000; i++) {
    const ascii = Math.floor(i / 2000) % 2 === 0;
    let line = `${i} ${'x'.repeat(rnd(120))}`;
    if (!ascii) for (let k = rnd(6); k > 0; k--) line += pieces[rnd(pieces.length)];
    const bytes = Buffer.from(line);
    parts.push(ascii || rnd(5) > 0 ? bytes : Buffer.concat([bytes, Buffer.from([[0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]][rnd(4)]!)]));
    parts.push(Buffer.from(rnd(10) === 0 ? '\r\n' : '\n'));
  }
  const buf = Buffer.concat(parts);
  const { lines, stats } = await read(file(buf), 1 << 20);
  assert.equal(stats.truncatedLines, 0);
  assert.deepEqual(lines, expectedLines(buf).map((l, i) => `${i + 1}:${l}`));
});

test('property: the text of every line is what Buffer.toString gives, for any bytes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ maxLength: 40 }).map((s) => Buffer.from(s))), { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
      const buf = Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from(eol)]));
      const { lines: read_ } = await read(file(buf), 1 << 20);
      assert.deepEqual(read_, expectedLines(buf).map((l, i) => `${i + 1}:${l}`));
    }),
    { numRuns: 200 },
  );
});
