/** Written by `npm run eval:bundles -- --fit`: Platt parameters and what they were fitted on. */
export const CALIBRATION = { a: 2.3286, b: -1.5529, bundles: 35, fitted: '2026-11-25' } as const;
