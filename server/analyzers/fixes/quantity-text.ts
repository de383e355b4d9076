/**
 * New values for quantities that a fix changes, written the way the old value was: `768Mi` grows to `1536Mi`
 * (not `1.5Gi`), `768M` to `1536M`, a CPU request of `"6"` shrinks to `"3.5"`, `2500m` to `1800m`. The unit
 * a number counts in is read from the old text and the value its parser gave it, so Kubernetes' decimal `M`,
 * systemd's binary `M` and Docker's `512m` keep their own meaning.
 */

/** A quantity as written: its number and its suffix (`768`, `Mi`). */
interface Written {
  number: number;
  suffix: string;
}

const WRITTEN_RE = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/;

/** Below this many units a value keeps one decimal (`1.5Gi`); from it up it is a whole number (`12Gi`). */
const WHOLE_FROM = 4;

function written(text: string): Written | undefined {
  const m = WRITTEN_RE.exec(text.trim());
  if (!m) return undefined;
  const number = Number(m[1]);
  return number > 0 ? { number, suffix: m[2]! } : undefined;
}

/**
 * How many base units (bytes, millicores) one unit of `text`'s number is worth, given `value`, the base
 * units its parser read from it: `768Mi` read as 805306368 -> 1048576. Undefined for text that is not a
 * plain number with a suffix (`1e9`, `infinity`) or a value that is not a positive finite number.
 */
export function unitOf(text: string, value: number): number | undefined {
  const w = written(text);
  if (!w || !Number.isFinite(value) || value <= 0) return undefined;
  return value / w.number;
}

/**
 * `amount` base units written in the unit and suffix of `text` (whose number is worth `unit` base units
 * each), rounded `up` or `down`: whole units from WHOLE_FROM up, one decimal below. Undefined when `text`
 * has no such form or the rounded number is not positive.
 */
export function writeLike(text: string, unit: number, amount: number, round: 'up' | 'down'): string | undefined {
  const w = written(text);
  if (!w || !(unit > 0) || !Number.isFinite(amount) || amount <= 0) return undefined;
  const exact = amount / unit;
  // Plain base units (bytes with no suffix) are whole; a tiny epsilon keeps 1536.0000000002 from rounding up to 1537.
  const step = exact >= WHOLE_FROM || (w.suffix === '' && unit === 1) ? 1 : 0.1;
  const scaled = exact / step;
  const n = round === 'up' ? Math.ceil(scaled - 1e-9) * step : Math.floor(scaled + 1e-9) * step;
  const fixed = step === 1 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
  return Number(fixed) > 0 ? `${fixed}${w.suffix}` : undefined;
}

/** `text` with its number multiplied by `factor`, same suffix: `768M` x 2 -> `1536M`, `2Gi` x 2 -> `4Gi`. */
export function scaleText(text: string, factor: number): string | undefined {
  const w = written(text);
  return w ? writeLike(text, 1, w.number * factor, factor >= 1 ? 'up' : 'down') : undefined;
}
