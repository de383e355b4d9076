import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kubeCpuMilli, kubeMemoryBytes, parseHumanBytes, parsePercent } from '../../server/ingest/runtime/units';

test('human sizes: one-letter and i units are powers of 1024, xB units powers of 1000', () => {
  assert.equal(parseHumanBytes('1.5G'), 1.5 * 2 ** 30);
  assert.equal(parseHumanBytes('512M'), 512 * 2 ** 20);
  assert.equal(parseHumanBytes('97G'), 97 * 2 ** 30);
  assert.equal(parseHumanBytes('8.5MiB'), Math.round(8.5 * 2 ** 20));
  assert.equal(parseHumanBytes('7.667GiB'), Math.round(7.667 * 2 ** 30));
  assert.equal(parseHumanBytes('15Gi'), 15 * 2 ** 30);
  assert.equal(parseHumanBytes('512MB'), 512e6);
  assert.equal(parseHumanBytes('1.2kB'), 1200);
  assert.equal(parseHumanBytes('0B'), 0);
  assert.equal(parseHumanBytes('0'), 0);
  assert.equal(parseHumanBytes('1,5G'), 1.5 * 2 ** 30);
  assert.equal(parseHumanBytes('4096', 1024), 4096 * 1024);
  assert.equal(parseHumanBytes('-'), undefined);
  assert.equal(parseHumanBytes('12 apples'), undefined);
});

test('Kubernetes quantities: binary and decimal suffixes, milli, exponents', () => {
  assert.equal(kubeMemoryBytes('128Mi'), 134217728);
  assert.equal(kubeMemoryBytes('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(kubeMemoryBytes('1G'), 1e9);
  assert.equal(kubeMemoryBytes('2k'), 2000);
  assert.equal(kubeMemoryBytes('1e3'), 1000);
  assert.equal(kubeMemoryBytes('1E'), 1e18);
  assert.equal(kubeMemoryBytes('-1Gi'), undefined);
  assert.equal(kubeCpuMilli('250m'), 250);
  assert.equal(kubeCpuMilli('2'), 2000);
  assert.equal(kubeCpuMilli('0.5'), 500);
  assert.equal(kubeCpuMilli('1500000n'), 2);
  assert.equal(kubeMemoryBytes('16393220Ki'), 16393220 * 1024);
  assert.equal(kubeMemoryBytes('<unknown>'), undefined);
  assert.equal(kubeMemoryBytes('Mi'), undefined);
  assert.equal(parsePercent('95%'), 95);
  assert.equal(parsePercent('0.11%'), 0.11);
  assert.equal(parsePercent('-'), undefined);
});

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti'] as const;

test('property: an integer with a binary suffix is that many powers of 1024, in both parsers', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3 }), (n, k) => {
      const expected = n * 1024 ** (k + 1);
      assert.equal(kubeMemoryBytes(`${n}${BINARY[k]}`), expected);
      assert.equal(parseHumanBytes(`${n}${BINARY[k]}B`), expected);
      assert.equal(parseHumanBytes(`${n}${BINARY[k]![0]}`), expected);
    }),
  );
});

test('property: millicores round-trip', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (m) => assert.equal(kubeCpuMilli(`${m}m`), m)));
  fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (cores) => assert.equal(kubeCpuMilli(`${cores}`), cores * 1000)));
});

test('property: a size printed the way df -h prints it reads back within its rounding', () => {
  const units = ['K', 'M', 'G', 'T'];
  fc.assert(
    fc.property(fc.integer({ min: 1024, max: 2 ** 50 }), (bytes) => {
      let value = bytes / 1024;
      let u = 0;
      while (value >= 1024 && u < units.length - 1) {
        value /= 1024;
        u++;
      }
      const printed = `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[u]}`;
      const back = parseHumanBytes(printed)!;
      assert.ok(Math.abs(back - bytes) / bytes <= 0.06, `${bytes} -> ${printed} -> ${back}`);
    }),
  );
});

test('property: the parsers never throw and return a finite number or undefined', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), (s) => {
      for (const f of [parseHumanBytes, kubeCpuMilli, kubeMemoryBytes, parsePercent]) {
        const v = f(s);
        assert.ok(v === undefined || Number.isFinite(v), `${f.name}(${JSON.stringify(s)}) = ${v}`);
      }
    }),
  );
});

test('property: larger quantities parse to larger values', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('Ki', 'Mi', 'Gi', 'k', 'M', 'G'), (a, b, unit) => {
      const [x, y] = [kubeMemoryBytes(`${a}${unit}`)!, kubeMemoryBytes(`${b}${unit}`)!];
      assert.equal(Math.sign(x - y), Math.sign(a - b));
    }),
  );
});
