/**
 * Sizes and quantities as command outputs print them: human sizes of `df -h`, `free -h`, `docker stats` and
 * systemd (`1.5G`, `512MB`, `8.5MiB`), and Kubernetes quantities of `kubectl top` / `describe` (`250m`,
 * `128Mi`, `1.5Gi`, `2k`, `1e3`, read with config/quantity) rounded to whole bytes and millicores.
 */
import { parseQuantity } from '../config/quantity';

const BINARY_POWER: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * Bytes of a human size, or undefined when `text` is not one. A one-letter unit (`G`), or one with `i`
 * (`Gi`, `GiB`), is a power of 1024 as df, free and systemd mean it; a unit ending in `B` without `i`
 * (`kB`, `MB`, `GB`) is a power of 1000 as docker means it. A bare number is taken in `unitBytes` (1: bytes;
 * 1024 for df's 1K-blocks or plain `free`). A decimal comma (`1,5G`, some locales) is read as a point.
 */
export function parseHumanBytes(text: string, unitBytes = 1): number | undefined {
  const m = /^(\d+(?:[.,]\d+)?|\.\d+)\s*(?:([kKMGTPE])(i)?(B)?|(B))?$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  if (m[5] !== undefined) return Math.round(value);
  if (m[2] === undefined) return Math.round(value * unitBytes);
  const power = BINARY_POWER[m[2].toUpperCase()]!;
  const decimal = m[3] === undefined && m[4] !== undefined;
  return Math.round(value * (decimal ? 1000 : 1024) ** power);
}

/** Bytes of a Kubernetes memory quantity (`512Mi`, `1.5Gi`, `1G`), rounded; undefined when not one. */
export function kubeMemoryBytes(text: string): number | undefined {
  const value = parseQuantity(text, 'memory');
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** Millicores of a Kubernetes CPU quantity (`250m` -> 250, `2` -> 2000, `1500000n` -> 2), rounded; undefined when not one. */
export function kubeCpuMilli(text: string): number | undefined {
  const value = parseQuantity(text, 'cpu');
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** A percentage (`95%`, `0.11%`, ` 54 `) as a number, or undefined. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(text.trim());
  return m ? Number(m[1]!.replace(',', '.')) : undefined;
}

/** A non-negative integer (`5`, `137`), or undefined. */
export function parseCount(text: string | undefined): number | undefined {
  const m = /^\d+$/.exec((text ?? '').trim());
  return m ? Number(m[0]) : undefined;
}
