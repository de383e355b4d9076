import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatBytes, formatMillicores, parseByteSize, parseQuantity } from '../../server/ingest/config/quantity';

test('memory quantities in bytes', () => {
  assert.equal(parseQuantity('512Mi', 'memory'), 512 * 2 ** 20);
  assert.equal(parseQuantity('1Gi', 'memory'), 2 ** 30);
  assert.equal(parseQuantity('1.5G', 'memory'), 1.5e9);
  assert.equal(parseQuantity('100M', 'memory'), 1e8);
  assert.equal(parseQuantity('1e3', 'memory'), 1000);
  assert.equal(parseQuantity('1E3', 'memory'), 1000);
  assert.equal(parseQuantity('128974848', 'memory'), 128974848);
  assert.equal(parseQuantity('129e6', 'memory'), 129e6);
  assert.equal(parseQuantity('123Ki', 'memory'), 123 * 1024);
  assert.equal(parseQuantity('2Ti', 'memory'), 2 * 2 ** 40);
  assert.equal(parseQuantity('1E', 'memory'), 1e18, 'E alone is exa');
  assert.equal(parseQuantity('100m', 'memory'), 0.1, '`m` is milli even for memory (a common slip for Mi)');
  assert.equal(parseQuantity(' 64Mi ', 'memory'), 64 * 2 ** 20);
});

test('CPU quantities in millicores', () => {
  assert.equal(parseQuantity('250m', 'cpu'), 250);
  assert.equal(parseQuantity('2', 'cpu'), 2000);
  assert.equal(parseQuantity('0.5', 'cpu'), 500);
  assert.equal(parseQuantity('.5', 'cpu'), 500);
  assert.equal(parseQuantity('1.1', 'cpu'), 1100);
  assert.equal(parseQuantity('100u', 'cpu'), 0.1);
  assert.equal(parseQuantity('1k', 'cpu'), 1e6);
});

test('invalid quantities are NaN', () => {
  for (const bad of ['', 'abc', '1K', '1ki', '12 Mi', 'Mi', '1e', '1.2.3', '--1', '1Mib', '0x10', '1e3Mi']) {
    assert.ok(Number.isNaN(parseQuantity(bad, 'memory')), bad);
    assert.ok(Number.isNaN(parseQuantity(bad, 'cpu')), bad);
  }
});

test('property: an integer with a binary suffix is the integer times the power of 1024', () => {
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti'] as const;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: suffixes.length - 1 }), (n, s) => {
      assert.equal(parseQuantity(`${n}${suffixes[s]}`, 'memory'), n * 1024 ** s);
    }),
  );
});

test('property: a decimal suffix equals the same number with an exponent', () => {
  const decimal: [string, number][] = [['n', -9], ['u', -6], ['m', -3], ['k', 3], ['M', 6], ['G', 9], ['T', 12]];
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...decimal), (int, frac, [suffix, power]) => {
      const digits = `${int}.${String(frac).padStart(2, '0')}`;
      assert.equal(parseQuantity(`${digits}${suffix}`, 'memory'), parseQuantity(`${digits}e${power}`, 'memory'));
      assert.equal(parseQuantity(`${digits}${suffix}`, 'cpu'), Number(`${digits}e${power + 3}`));
    }),
  );
});

test('property: CPU millicores are a thousand times the memory-style value', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('', 'm', 'k', 'Mi'), (n, suffix) => {
      const cpu = parseQuantity(`${n}${suffix}`, 'cpu');
      const plain = parseQuantity(`${n}${suffix}`, 'memory');
      assert.ok(Math.abs(cpu - plain * 1000) <= 1e-9 * Math.max(1, cpu), `${n}${suffix}`);
    }),
  );
});

test('property: arbitrary strings never throw, and give a number or NaN', () => {
  fc.assert(
    fc.property(fc.string(), fc.constantFrom('memory' as const, 'cpu' as const), (s, kind) => {
      const v = parseQuantity(s, kind);
      assert.equal(typeof v, 'number');
    }),
  );
});

test('property: formatBytes parses back to within 5%', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 2 ** 60, noNaN: true }), (bytes) => {
      const text = formatBytes(bytes);
      const back = parseQuantity(text, 'memory');
      assert.ok(Math.abs(back - bytes) <= Math.max(0.5, bytes * 0.05), `${bytes} -> ${text} -> ${back}`);
    }),
  );
});

test('formatBytes examples', () => {
  assert.equal(formatBytes(512 * 2 ** 20), '512Mi');
  assert.equal(formatBytes(1.5 * 2 ** 30), '1.5Gi');
  assert.equal(formatBytes(1000), '1000');
  assert.equal(formatBytes(2048), '2Ki');
  assert.equal(formatBytes(0), '0');
  assert.equal(formatBytes(-2048), '-2Ki');
  assert.equal(formatBytes(Number.NaN), 'NaN');
  assert.equal(formatMillicores(250), '250m');
  assert.equal(formatMillicores(2000), '2');
});

test('Docker sizes are powers of 1024 and case-insensitive', () => {
  assert.equal(parseByteSize('512m'), 512 * 2 ** 20);
  assert.equal(parseByteSize('512M'), 512 * 2 ** 20);
  assert.equal(parseByteSize('1g'), 2 ** 30);
  assert.equal(parseByteSize('1.5GB'), 1.5 * 2 ** 30);
  assert.equal(parseByteSize('300000000'), 300000000);
  assert.equal(parseByteSize('64k'), 65536);
  assert.equal(parseByteSize('256Mi'), 256 * 2 ** 20);
  assert.ok(Number.isNaN(parseByteSize('lots')));
  assert.ok(Number.isNaN(parseByteSize('')));
});
