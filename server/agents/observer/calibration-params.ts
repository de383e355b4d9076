/** Written by `npm run eval:bundles -- --fit`: Platt parameters and what they were fitted on. */
export const CALIBRATION = { a: 1, b: 0, bundles: 0, fitted: '' } as const;
