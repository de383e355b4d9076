/**
 * Resource quantities as Kubernetes and Docker write them: `512Mi`, `1.5G`, `1e3`, `250m` (CPU), and Docker's
 * `512m` / `1g` memory sizes, converted to base units (bytes, millicores) so limits can be compared.
 */

/** Powers of 1024 of the binary suffixes. */
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

/** Powers of 10 of the decimal suffixes. */
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/**
 * The value of a Kubernetes quantity in base units: bytes for `memory` (also storage), millicores for `cpu`.
 * `512Mi` -> 536870912, `1.5G` -> 1.5e9, `1e3` -> 1000, CPU `250m` -> 250, CPU `2` -> 2000.
 * NaN when `text` is not a quantity (`1K`, `12 Mi`, `abc`, ``). Surrounding whitespace is ignored.
 */
export function parseQuantity(text: string, kind: 'memory' | 'cpu'): number {
  const m = QUANTITY_RE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, digits, suffix, exponent] = m;
  const scale = kind === 'cpu' ? 3 : 0;
  if (suffix !== undefined && BINARY_SUFFIXES[suffix] !== undefined) {
    // Scaling by a power of two is exact; the CPU scale goes through the decimal exponent.
    return Number(`${digits}e${scale}`) * 1024 ** BINARY_SUFFIXES[suffix]!;
  }
  const power = exponent !== undefined ? Number(exponent) : DECIMAL_SUFFIXES[suffix ?? '']!;
  // Writing the power into the literal lets Number() round once: `1.1e-3` is exact where `1.1 * 0.001` is not.
  return Number(`${digits}e${power + scale}`);
}

/** Powers of 1024 of Docker's size units. */
const DOCKER_UNITS: Record<string, number> = { '': 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * A Docker / Compose memory size in bytes (`mem_limit: 512m`, `1g`, `1.5GB`, `300000000`): units are
 * powers of 1024 and case-insensitive, as in `docker run --memory`. NaN when it is not a size.
 * Compose also accepts Kubernetes-style binary suffixes (`512Mi`), read the same way.
 */
export function parseByteSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s?([kmgtp]?)i?b?$/i.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 1024 ** DOCKER_UNITS[m[2]!.toLowerCase()]!;
}

const FORMAT_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * Bytes as a short Kubernetes quantity with a binary suffix and at most one decimal: 536870912 -> `512Mi`,
 * 1610612736 -> `1.5Gi`, 1000 -> `1000`. The result parses back with `parseQuantity(.., 'memory')` to within
 * 5% of the input. NaN and infinities are written as `NaN`, `Infinity`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (bytes < 1024) return String(Math.round(bytes));
  let unit = -1;
  let value = bytes;
  while (value >= 1024 && unit < FORMAT_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${rounded}${FORMAT_UNITS[unit]}`;
}

/** Millicores as CPU text: 250 -> `250m`, 2000 -> `2`, 1500 -> `1500m`. */
export function formatMillicores(millicores: number): string {
  if (!Number.isFinite(millicores)) return String(millicores);
  const rounded = Math.round(millicores);
  return rounded % 1000 === 0 ? String(rounded / 1000) : `${rounded}m`;
}
