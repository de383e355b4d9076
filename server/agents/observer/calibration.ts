/**
 * Confidence calibration: the analyzers' combined strength is a score, not a probability. Platt scaling
 * (`sigmoid(a * logit(raw) + b)`) maps it to one, with parameters fitted on the labelled example bundles by
 * `npm run eval:bundles -- --fit` (calibration-params.ts), so that 0.9 means right about nine times in ten
 * there. The map is monotone: it never changes the ranking.
 */
import { CALIBRATION } from './calibration-params';

/** The calibrated confidence of a raw score. */
export function calibrate(raw: number, params: { a: number; b: number } = CALIBRATION): number {
  return sigmoid(params.a * logit(raw) + params.b);
}

/** The log-odds of `p`, clamped away from 0 and 1. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
