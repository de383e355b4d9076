/**
 * Platt scaling: fits `p = sigmoid(a * logit(raw) + b)` to (raw top confidence, was it right) pairs by
 * Newton's method on the log loss, with a weak prior toward the identity map so a handful of examples
 * cannot push the map to 0 or 1.
 */
import { logit, sigmoid } from '../../server/agents/observer/calibration';

/** The fitted map's parameters. */
export interface PlattParams {
  a: number;
  b: number;
}

const PRIOR = 0.5;

/** Fits the parameters. */
export function fitPlatt(pairs: { raw: number; correct: boolean }[]): PlattParams {
  let a = 1;
  let b = 0;
  const xs = pairs.map((p) => logit(p.raw));
  const ys = pairs.map((p) => (p.correct ? 1 : 0));
  for (let iter = 0; iter < 100; iter++) {
    let ga = PRIOR * (a - 1);
    let gb = PRIOR * b;
    let haa = PRIOR;
    let hbb = PRIOR;
    let hab = 0;
    xs.forEach((x, i) => {
      const p = sigmoid(a * x + b);
      const w = p * (1 - p);
      ga += (p - ys[i]!) * x;
      gb += p - ys[i]!;
      haa += w * x * x;
      hbb += w;
      hab += w * x;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
